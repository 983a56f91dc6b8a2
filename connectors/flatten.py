"""One rule for turning JSON-like values into fields, shared by the log and object connectors.

Scalar leaves by dotted key path (``user.email``); array elements share one path with ``[]``
(``items[].email``), so a field is the same field whatever the array's length, and several
values on one path in one record are joined with a newline in document order. A bare scalar
(not inside an object) is free text under ``None``. Booleans become ``true``/``false``, other
scalars their ``str``; bytes are decoded as UTF-8 (or left out); nulls and empty strings give no
value. The walk is iterative, so nesting deeper than Python's stack is fine.
"""

from __future__ import annotations

from typing import Any

__all__ = ["flatten", "leaf_text"]


def flatten(value: Any) -> dict[str | None, str]:
    """The fields of a JSON-like value (see the module docstring)."""
    out: dict[str | None, str] = {}
    stack: list[tuple[str | None, Any]] = [(None, value)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            children = [(str(k) if path is None else f"{path}.{k}", v) for k, v in node.items()]
            stack.extend(reversed(children))
        elif isinstance(node, list | tuple):
            stack.extend(reversed([(f"{path or ''}[]", v) for v in node]))
        else:
            text = leaf_text(node)
            if text:
                prior = out.get(path)
                out[path] = text if prior is None else f"{prior}\n{text}"
    return out


def leaf_text(value: Any) -> str | None:
    """The text of one scalar leaf, or None when it carries none."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes | bytearray):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return None
    return str(value)
