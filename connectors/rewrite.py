"""Line-by-line rewriting of a byte stream: the part of erasure that logs and objects share.

:func:`rewrite_lines` copies ``source`` to ``sink`` byte for byte, except the lines named in
``edits`` (1-based, counted as the connectors count them: every ``\\n``), which are decoded,
passed through their edit function and encoded again. Line endings (``\\n``, ``\\r\\n``, none on
the last line) are kept; bytes that are not valid in the encoding survive the round trip
(``surrogateescape``). Memory stays bounded: unedited lines are copied in chunks, and an edited
line longer than ``max_line_bytes`` is copied unchanged and reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

__all__ = ["LineEdit", "RewriteStats", "rewrite_lines"]

CHUNK = 65_536

LineEdit = Callable[[str], str]


class _Readable(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass
class RewriteStats:
    lines: int = 0
    changed: list[int] = field(default_factory=list)  # line numbers whose text changed
    too_long: list[int] = field(default_factory=list)  # edited lines left as they were
    missing: list[int] = field(default_factory=list)  # edited line numbers past the end
    version: str | None = None  # the container's version after the rewrite (set by connectors)


def rewrite_lines(
    source: _Readable,
    sink: BinaryIO,
    edits: Mapping[int, LineEdit],
    encoding: str = "utf-8",
    max_line_bytes: int = 1_048_576,
) -> RewriteStats:
    stats = RewriteStats()
    at_start = True
    editing = False
    pending = bytearray()
    while True:
        chunk = source.readline(CHUNK)
        if not chunk:
            break
        if at_start:
            stats.lines += 1
            editing = stats.lines in edits
            pending.clear()
        complete = chunk.endswith(b"\n")
        if editing:
            pending += chunk
            if len(pending) > max_line_bytes:
                sink.write(pending)
                stats.too_long.append(stats.lines)
                editing = False
            elif complete:
                sink.write(_edit(bytes(pending), edits[stats.lines], encoding, stats))
        else:
            sink.write(chunk)
        at_start = complete
    if editing and not at_start:  # an edited last line without a newline
        sink.write(_edit(bytes(pending), edits[stats.lines], encoding, stats))
    stats.missing = sorted(n for n in edits if n > stats.lines)
    return stats


def _edit(line: bytes, edit: LineEdit, encoding: str, stats: RewriteStats) -> bytes:
    ending = b"\r\n" if line.endswith(b"\r\n") else b"\n" if line.endswith(b"\n") else b""
    body = line[: len(line) - len(ending)]
    text = body.decode(encoding, "surrogateescape")
    new = edit(text)
    if new == text:
        return line
    stats.changed.append(stats.lines)
    return new.encode(encoding, "surrogateescape") + ending
