"""What log files look like: compression, binary content, lines, line formats, positions.

Helpers of :mod:`connectors.logs`, on bytes, text and already-open streams (no opening of
files here). A file's compression is sniffed from its magic bytes (:func:`sniff_compression`);
:func:`read_lines` splits a stream into lines in bounded memory; :class:`Position` is the
checkpoint token of a stream.

Line parsers take a line without its line ending and answer its values by field, or None when
the line is not in that format (the caller then keeps it as free text under the ``None`` key).
Values are non-empty strings; absent values (JSON null, CLF ``-``, ``key=``) are left out.

- ``access_log``: Apache/nginx common and combined log format. Fields ``client_ip``, ``ident``,
  ``user``, ``time``, ``method``, ``path``, ``protocol``, ``status``, ``size``, ``referer``,
  ``user_agent`` (``request`` instead of the three request fields when the request line does not
  split); text after the combined fields is free text.
- ``syslog``: RFC 3164 ``Mmm dd hh:mm:ss host program[pid]: message`` (an ISO 8601 timestamp is
  accepted too). Fields ``host`` and ``program``; the message is free text.
- ``kv``: ``key=value`` pairs (logfmt). Values may be quoted with ``"`` (backslash escapes
  ``\\"`` and ``\\\\``) or ``'``; an unquoted value that starts like a phone number (``+``
  or ``0`` and a digit) takes the digit groups after it (``to=070-174 06 06``). The first
  occurrence of a key is its field; the rest of the line (repeated keys included) is free text,
  whitespace collapsed.
- ``json``: one JSON object per line, flattened to scalar leaves: nested objects give dotted
  paths (``user.email``); array elements share one path with ``[]`` (``items[].email``), so a
  field is the same field in every record whatever the array's length. When one path holds
  several values in a record (array elements, or ``{"a.b": ..}`` beside ``{"a": {"b": ..}}``)
  they are joined with ``"\\n"`` in document order. Booleans are ``"true"``/``"false"``,
  numbers their decimal text; null, empty strings, ``{}`` and ``[]`` give no value.
- ``text``: the whole line under ``None``.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from connectors.flatten import flatten

__all__ = [
    "STRUCTURED_FORMATS",
    "TOKEN_VERSION",
    "LineRead",
    "LogFormat",
    "Parser",
    "Position",
    "Values",
    "count_newlines",
    "detect_format",
    "digest",
    "flatten_json",
    "is_binary",
    "parse_access_log",
    "parse_json",
    "parse_kv",
    "parse_syslog",
    "parser_for",
    "read_lines",
    "sniff_compression",
]

LogFormat = Literal["json", "access_log", "syslog", "kv", "text"]
Values = dict[str | None, str]
Parser = Callable[[str], Values | None]
LineRead = tuple[bytes | None, int, bool]  # (content or None when oversized, bytes, terminated)

TOKEN_VERSION: Final = "log1"
SKIP_CHUNK: Final = 65_536
_TEXT_CONTROLS: Final = "\t\n\r\f\v\b\x1b"

# In detection priority: on equal scores the earlier (stricter) format wins.
STRUCTURED_FORMATS: Final[tuple[LogFormat, ...]] = ("json", "access_log", "syslog", "kv")
DETECT_LINES: Final = 50

_INNER = r'[^"\\]*(?:\\.[^"\\]*)*'  # inside "...": unrolled, 7x faster than (?:[^"\\]|\\.)*
_QUOTED = rf'"{_INNER}"'
_QUOTES: Final = ('"', "'")
_ACCESS_LOG: Final = re.compile(
    r"(?P<client_ip>\S+) (?P<ident>\S+) (?P<user>\S+) \[(?P<time>[^\]]*)\] "
    r'"(?:(?P<method>[^\s"]+) (?P<path>[^\s"]+)(?: (?P<protocol>[A-Z]+/[\d.]+))?'
    rf'|(?P<request>{_INNER}))" (?P<status>\d{{3}}|-) (?P<size>\d+|-)'
    rf'(?: "(?P<referer>{_INNER})" "(?P<user_agent>{_INNER})")?'
    r"(?P<rest>.*)",
    re.DOTALL,
)
_SYSLOG: Final = re.compile(
    r"(?:<\d{1,3}>)?"
    r"(?:[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S*) "
    r"(?P<host>\S+) (?P<program>[^\s\[\]:]+)(?:\[\d+\])?: ?(?P<message>.*)",
    re.DOTALL,
)
_KV_PAIR: Final = re.compile(
    rf"(?:^|\s)(?P<key>[A-Za-z_][\w.\-]*)=(?P<value>{_QUOTED}|'[^']*'|\S*)", re.DOTALL
)
_ESCAPE: Final = re.compile(r"\\([\"\\])")
# "to=070-174 06 06", "tel=+46 70 174 06 06": unquoted values are one word in logfmt, but
# writers print phone numbers with spaces; digit groups after a value that starts like a phone
# number (+, 00 or 0 and a digit) belong to it.
_PHONE_HEAD: Final = re.compile(r"(?:\+|0)\d[\d\-]*")
_DIGIT_GROUPS: Final = re.compile(r"(?:[ ]\d{1,4}(?:-\d{1,4})?)+(?=\s|$)")


def parse_access_log(text: str) -> Values | None:
    """Common or combined access log fields, or None."""
    match = _ACCESS_LOG.match(text)
    if match is None:
        return None
    values: Values = {
        key: value for key, value in match.groupdict().items() if value and value != "-"
    }
    rest = values.pop("rest", "").strip()
    if rest:
        values[None] = rest
    return values


def parse_syslog(text: str) -> Values | None:
    """RFC 3164-ish syslog: ``host``, ``program`` and the message as free text, or None."""
    match = _SYSLOG.match(text)
    if match is None:
        return None
    host, program, message = match.group("host", "program", "message")
    values: Values = {"host": host, "program": program}
    message = message.strip()
    if message:
        values[None] = message
    return values


def parse_kv(text: str) -> Values | None:
    """``key=value`` pairs plus the remaining text, or None when the line has no pair."""
    values: Values = {}
    rest: list[str] = []
    position = 0
    for match in _KV_PAIR.finditer(text):
        key, value = match.group("key", "value")
        if key in values:
            continue  # a repeated key stays in the free text
        start = match.start()
        if start > position:
            rest.append(text[position:start])
        position = match.end()
        if value[:1] in _QUOTES:
            value = _unquote(value)
        elif _PHONE_HEAD.fullmatch(value) and (tail := _DIGIT_GROUPS.match(text, position)):
            value += tail.group()  # an unquoted phone number written with spaces
            position = tail.end()
        values[key] = value
    if not values:
        return None
    if position < len(text):
        rest.append(text[position:])
    for key in [key for key, value in values.items() if not value or value == "-"]:
        del values[key]
    if rest:
        remainder = " ".join(" ".join(rest).split())
        if remainder:
            values[None] = remainder
    return values


def parse_json(text: str) -> Values | None:
    """A JSON object's scalar leaves by flattened path, or None when the line is no object."""
    stripped = text.strip()
    if not stripped.startswith("{"):
        return None
    try:
        document = json.loads(stripped)
        return flatten_json(document) if isinstance(document, dict) else None
    except (ValueError, RecursionError):
        return None


def flatten_json(document: dict[str, Any]) -> Values:
    """Scalar leaves of ``document`` by dotted path, arrays as ``[]``.

    The rule is :func:`connectors.flatten.flatten`, shared with the object connector.
    """
    return flatten(document)


def _parse_text(text: str) -> Values | None:
    return {None: text}


def parser_for(fmt: LogFormat) -> Parser:
    """The parser of ``fmt`` (``text`` never answers None)."""
    if fmt == "json":
        return parse_json
    if fmt == "access_log":
        return parse_access_log
    if fmt == "syslog":
        return parse_syslog
    if fmt == "kv":
        return parse_kv
    return _parse_text


def detect_format(lines: Sequence[str]) -> LogFormat:
    """The structured format that parses most of the first non-blank ``lines``, else ``text``.

    Detection is per file; a file that mixes formats gets the most common structured one, and
    its other lines are free text. Ties go to the stricter format (``STRUCTURED_FORMATS``).
    """
    sample = [line for line in lines if line.strip()][:DETECT_LINES]
    scores = {
        fmt: sum(1 for line in sample if parser_for(fmt)(line) is not None)
        for fmt in STRUCTURED_FORMATS
    }
    best = max(STRUCTURED_FORMATS, key=scores.__getitem__)
    return best if scores[best] else "text"


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        inner = value[1:-1]
        return _ESCAPE.sub(r"\1", inner) if "\\" in inner else inner
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1]
    return value


@dataclass(frozen=True, slots=True)
class Position:
    """A resume point of a stream; ``token`` and ``parse`` are its text form."""

    compression: str
    offset: int
    line: int
    head_size: int
    head_hash: str
    tail_size: int
    tail_hash: str

    def token(self) -> str:
        """``log1:COMPRESSION:OFFSET:LINE:HEAD_SIZE:HEAD_HASH:TAIL_SIZE:TAIL_HASH``."""
        return (
            f"{TOKEN_VERSION}:{self.compression}:{self.offset}:{self.line}:"
            f"{self.head_size}:{self.head_hash}:{self.tail_size}:{self.tail_hash}"
        )

    @classmethod
    def parse(cls, token: str) -> Position | None:
        """The position a token encodes, or None when it is no ``log1`` token."""
        parts = token.split(":")
        if len(parts) != 8 or parts[0] != TOKEN_VERSION:
            return None
        try:
            offset, line, head_size, tail_size = (int(parts[i]) for i in (2, 3, 4, 6))
        except ValueError:
            return None
        if min(offset, line, head_size, tail_size) < 0:
            return None
        return cls(parts[1], offset, line, head_size, parts[5], tail_size, parts[7])


def read_lines(stream: io.BufferedIOBase, max_bytes: int) -> Iterator[LineRead]:
    """``(content, size, terminated)`` per line; ``content`` keeps a ``\\r`` but not the
    ``\\n``, and is None for a line over ``max_bytes``, which is read past in chunks."""
    readline = stream.readline
    limit = max_bytes + 1
    while True:
        line = readline(limit)
        if not line:
            return
        if line[-1:] == b"\n":
            yield line[:-1], len(line), True
        elif len(line) < limit:
            yield line, len(line), False  # the last line, unterminated
        else:
            size = len(line)
            del line
            terminated = False
            while not terminated:
                chunk = readline(SKIP_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                terminated = chunk[-1:] == b"\n"
            yield None, size, terminated


def count_newlines(stream: io.BufferedIOBase, nbytes: int) -> tuple[int, int]:
    """Read ``nbytes`` (fewer at the end): the newlines among them, and where the line holding
    the last byte read starts (the index just past the last newline; 0 without one)."""
    buffer = bytearray(min(nbytes, SKIP_CHUNK))
    read = newlines = line_start = 0
    with memoryview(buffer) as view:
        while read < nbytes:
            got = stream.readinto(view[: min(len(buffer), nbytes - read)])
            if not got:
                break
            count = buffer.count(b"\n", 0, got)
            if count:
                newlines += count
                line_start = read + buffer.rfind(b"\n", 0, got) + 1
            read += got
    return newlines, line_start


def sniff_compression(head: bytes) -> str:
    """``gzip``, ``bz2``, ``xz`` or ``plain``, from the magic bytes at the start of a file."""
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] in (b"1AY&SY", b"\x17rE8P\x90"):
        return "bz2"
    if head[:6] == b"\xfd7zXZ\x00":
        return "xz"
    return "plain"


def is_binary(probe: bytes, encoding: str) -> bool:
    """NUL bytes, or over 30% replacement or control characters (tab, CR, LF, FF, VT, BS
    and ESC are text)."""
    if b"\x00" in probe:
        return True
    text = probe.decode(encoding, "replace")
    odd = sum(1 for ch in text if ch == "\ufffd" or (ch < " " and ch not in _TEXT_CONTROLS))
    return odd * 10 > len(text) * 3


def digest(data: bytes) -> str:
    """A short content hash (BLAKE2b, 128 bits, hex)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
