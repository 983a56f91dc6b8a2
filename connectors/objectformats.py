"""Object content to records: sniffing, gzip, lines, CSV, JSON, JSON Lines and Parquet.

Pure parsing over an iterator of byte chunks; the I/O (and so the error mapping) belongs to the
connector that hands the chunks in (:mod:`connectors.s3`). Bad input never raises: it becomes a
:class:`~connectors.base.ScanIssue` and the parse goes on, or stops with the records read so far.

Sniffing looks at the first 64 KiB and the key:

1. gzip magic (``1f 8b``, whatever the key) -> decompress (multi-member, zero padding allowed)
   and sniff the content again, with ``.gz``/``.gzip`` taken off the key.
2. ``PAR1`` magic or a ``.parquet`` key -> Parquet through pyarrow (issue ``unsupported`` when
   pyarrow is not installed: ``pip install 'pdmap[parquet]'``).
3. Known magic numbers: images and PDF -> ``binary``; zip, 7z, bzip2, xz, zstd, UTF-16 ->
   ``unsupported``. Otherwise a NUL byte, or over 30 % undecodable or control bytes, -> ``binary``.
4. The key's suffix: ``.csv`` (``.tsv``/``.tab``: tab), ``.jsonl``/``.ndjson``, ``.txt``/``.log``;
   ``.json`` and any other key go by the content: ``[`` -> JSON; ``{`` -> JSON Lines when the
   first line is a JSON value on its own, else JSON; at least two lines with the same number
   (2 or more) of fields for one of ``, ; TAB |`` -> CSV; else plain text.

Locators are ``{"line": N}``, 1-based:

- text, JSON Lines, CSV: the physical line (a CSV header is line 1, so the first data row is
  line 2; a quoted field spanning lines gives the row's first line). Blank lines are counted but
  give no record.
- JSON (not line-delimited) and Parquet: the ordinal of the element of a top-level array, of the
  top-level value in a file of whitespace-separated values, or of the Parquet row.

Values are text: free text and JSON Lines lines that are not JSON under the ``None`` key; CSV
cells by header (an empty header cell is ``column_N``, a repeated one ``name_N``, cells past the
header ``column_N``); JSON and Parquet leaves flattened by :func:`flatten` (``user.email``,
``items[0].email``). Empty cells and nulls are left out; a record with no values is not yielded.

Limits: a line (or one JSON value) over ``max_line_bytes`` is an ``oversized`` issue (a line is
skipped; in JSON the rest of the object is not read); decompressed output over
``max_decompressed_bytes`` stops with ``oversized``; invalid UTF-8 gives an ``encoding`` issue at
the line (JSON: at the next element, approximately) and the text with U+FFFD. Each issue kind is
reported at most ``max_issues_per_kind`` times per object, then once more as a count.
Messages never carry content.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import json
import logging
import re
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any, BinaryIO

from connectors.base import Record, ScanIssue
from connectors.flatten import flatten
from connectors.logtime import LineClock

__all__ = ["SNIFF_BYTES", "ObjectLimits", "flatten", "parse_object", "sniff_format"]

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
SNIFF_BYTES = 64 * 1024
_BINARY_RATIO = 0.3
_PARQUET_BATCH = 1024
_SURROGATES = re.compile("[\udc80-\udcff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NUMBER_TAIL = re.compile(r"[0-9.eE+-]*\Z")
_DELIMITERS = (",", ";", "\t", "|")
_GZIP_MAGIC = b"\x1f\x8b"
_PARQUET_MAGIC = b"PAR1"
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG", "binary", "a PNG image"),
    (b"\xff\xd8\xff", "binary", "a JPEG image"),
    (b"GIF8", "binary", "a GIF image"),
    (b"%PDF-", "binary", "a PDF document"),
    (b"PK\x03\x04", "unsupported", "a zip archive"),
    (b"7z\xbc\xaf\x27\x1c", "unsupported", "a 7z archive"),
    (b"BZh", "unsupported", "bzip2 data"),
    (b"\xfd7zXZ\x00", "unsupported", "xz data"),
    (b"\x28\xb5\x2f\xfd", "unsupported", "zstd data"),
    (b"\xff\xfe", "unsupported", "UTF-16 text"),
    (b"\xfe\xff", "unsupported", "UTF-16 text"),
)

Item = Record | ScanIssue
Line = tuple[int, str]


@dataclass(frozen=True, slots=True)
class ObjectLimits:
    """Bounds on what one object may cost."""

    max_line_bytes: int = 1_048_576
    max_decompressed_bytes: int = 4 * 1024**3
    max_issues_per_kind: int = 100


class _InputError(Exception):
    """The byte stream cannot go on; becomes a ScanIssue after the records read so far."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def parse_object(
    container: str,
    key: str,
    chunks: Iterable[bytes],
    limits: ObjectLimits,
    open_random_access: Callable[[], BinaryIO] | None = None,
) -> Iterator[Item]:
    """Records and issues of one object's content, in order, in bounded memory.

    ``open_random_access`` opens a seekable file over the same object (Parquet needs it); the
    chunks are then left unread.
    """
    items = _parse(container, key, iter(chunks), limits, open_random_access)
    counts: Counter[str] = Counter()
    for item in items:
        if isinstance(item, ScanIssue):
            counts[item.kind] += 1
            if counts[item.kind] > limits.max_issues_per_kind:
                continue
        yield item
    for kind, count in counts.items():
        if count > limits.max_issues_per_kind:
            extra = count - limits.max_issues_per_kind
            yield ScanIssue(container, kind, f"{extra} more {kind} issues in this object")


def _parse(
    container: str,
    key: str,
    chunks: Iterator[bytes],
    limits: ObjectLimits,
    open_random_access: Callable[[], BinaryIO] | None,
) -> Iterator[Item]:
    name = key.lower()
    try:
        head, chunks = _peek(chunks)
        if not head:
            return  # an empty object: nothing to read, nothing wrong
        if head.startswith(_GZIP_MAGIC):
            chunks = _gunzip(chunks, limits.max_decompressed_bytes)
            head, chunks = _peek(chunks)
            name = name.removesuffix(".gz").removesuffix(".gzip")
            if head.startswith(_PARQUET_MAGIC):
                yield ScanIssue(container, "unsupported", "gzip-compressed Parquet is not read")
                return
        elif head.startswith(_PARQUET_MAGIC) or name.endswith(".parquet"):
            yield from _parquet(container, open_random_access)
            return
        refusal = _refusal(head)
        if refusal is not None:
            kind, what = refusal
            yield ScanIssue(container, kind, f"object is {what}; not read")
            return
        fmt, delimiter = sniff_format(name, head)
        logger.debug("%s read as %s", key, fmt)
        if fmt == "json":
            yield from _json(container, _texts(container, chunks), limits.max_line_bytes)
            return
        lines = _lines(container, chunks, limits.max_line_bytes)
        if fmt == "csv":
            yield from _csv(container, lines, delimiter)
        elif fmt == "jsonl":
            yield from _jsonl(lines)
        else:
            yield from _text(lines)
    except _InputError as exc:
        yield ScanIssue(container, exc.kind, exc.message)


def _peek(chunks: Iterator[bytes]) -> tuple[bytes, Iterator[bytes]]:
    """The first bytes (for sniffing) and an iterator that still yields everything."""
    buffer = bytearray()
    taken: list[bytes] = []
    for chunk in chunks:
        taken.append(chunk)
        buffer += chunk
        if len(buffer) >= SNIFF_BYTES:
            break
    return bytes(buffer[:SNIFF_BYTES]), chain(taken, chunks)


def _gunzip(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    decompressor: Any = None
    total = 0
    for chunk in chunks:
        data = chunk
        while True:
            if decompressor is None:
                data = data.lstrip(b"\0")  # zero padding after a member, as gzip(1) allows
                if not data:
                    break
                decompressor = zlib.decompressobj(wbits=31)
            try:
                out = decompressor.decompress(data, CHUNK)
            except zlib.error as exc:
                raise _InputError("corrupt", "gzip data is corrupt; the rest is not read") from exc
            total += len(out)
            if total > limit:
                raise _InputError("oversized", f"decompresses to over {limit} bytes; rest not read")
            if out:
                yield out
            if decompressor.eof:  # next member, or padding
                data = decompressor.unused_data
                decompressor = None
                continue
            data = decompressor.unconsumed_tail
            if not data and len(out) < CHUNK:  # all input taken, no output pending
                break
    if decompressor is not None:
        raise _InputError("corrupt", "gzip data is truncated; the rest is not read")


def _refusal(head: bytes) -> tuple[str, str] | None:
    for magic, kind, what in _MAGIC:
        if head.startswith(magic):
            return kind, what
    if b"\0" in head:
        return "binary", "binary data (NUL bytes)"
    text = head.decode("utf-8", "surrogateescape")
    bad = len(_SURROGATES.findall(text)) + len(_CONTROL.findall(text))
    if text and bad / len(text) > _BINARY_RATIO:
        return "binary", "binary data (mostly undecodable bytes)"
    return None


def sniff_format(name: str, head: bytes) -> tuple[str, str]:
    """(format, CSV delimiter) from the key's suffix and the first bytes."""
    text = head.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = text.splitlines()
    if len(head) == SNIFF_BYTES and lines:
        lines.pop()  # probably cut short
    if name.endswith((".tsv", ".tab")):
        return "csv", "\t"
    if name.endswith(".csv"):
        return "csv", _delimiter(lines[:1]) or ","
    if name.endswith((".jsonl", ".ndjson", ".jsonlines")):
        return "jsonl", ","
    if name.endswith((".txt", ".log", ".text")):
        return "text", ","
    start = text.lstrip()[:1]
    first = next((line for line in lines if line.strip()), "")
    if start == "{" and _is_json(first):
        return "jsonl", ","
    if name.endswith(".json") or (start in ("[", "{") and _json_prefix(text)):
        return "json", ","
    delimiter = _delimiter(lines[:20]) if len(lines) >= 2 else None
    return ("csv", delimiter) if delimiter else ("text", ",")


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _json_prefix(text: str) -> bool:
    """Whether ``text`` is JSON, or JSON cut short (a ``[2024-01-01] ...`` log line is not)."""
    text = text.strip()
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:
        return exc.pos >= len(text) - 8 or exc.msg.startswith("Unterminated string")
    except RecursionError:
        return True
    rest = text[end:].lstrip()
    return not rest or rest[0] in "[{"


def _delimiter(lines: list[str]) -> str | None:
    """The delimiter giving every line the same number (2 or more) of fields, most fields first."""
    best: tuple[int, str] | None = None
    for delimiter in _DELIMITERS:
        try:
            widths = {len(row) for row in csv.reader(lines, delimiter=delimiter) if row}
        except csv.Error:
            continue
        if len(widths) == 1 and (width := widths.pop()) >= 2 and (best is None or width > best[0]):
            best = (width, delimiter)
    return best[1] if best else None


def _decode(container: str, number: int, raw: bytes) -> Iterator[ScanIssue | Line]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = _SURROGATES.sub("\ufffd", raw.decode("utf-8", "surrogateescape"))
        message = "line is not valid UTF-8; read with replacement characters"
        yield ScanIssue(container, "encoding", message, {"line": number})
    if text.endswith("\r"):
        text = text[:-1]
    yield number, text.removeprefix("\ufeff") if number == 1 else text


def _lines(container: str, chunks: Iterator[bytes], limit: int) -> Iterator[ScanIssue | Line]:
    """Numbered, decoded lines; an over-long line is an issue and skipped without buffering."""
    carry = b""
    number = 0
    skipping = False  # inside an over-long line, already reported
    for chunk in chunks:
        parts = chunk.split(b"\n")
        last = len(parts) - 1
        for index, part in enumerate(parts):
            if skipping:
                skipping = index == last
                continue
            line = carry + part if carry else part
            carry = b""
            if index < last:
                number += 1
            if len(line) > limit:
                if index == last:
                    number += 1
                    skipping = True
                message = f"line longer than max_line_bytes={limit}; skipped"
                yield ScanIssue(container, "oversized", message, {"line": number})
            elif index < last:
                yield from _decode(container, number, line)
            else:
                carry = line
    if carry:
        yield from _decode(container, number + 1, carry)


def _text(lines: Iterator[ScanIssue | Line]) -> Iterator[Item]:
    clock = LineClock()
    for item in lines:
        if isinstance(item, ScanIssue):
            yield item
        elif item[1].strip():
            values: dict[str | None, str] = {None: item[1]}
            yield Record({"line": item[0]}, values, clock(values, item[1]))


def _jsonl(lines: Iterator[ScanIssue | Line]) -> Iterator[Item]:
    clock = LineClock()
    for item in lines:
        if isinstance(item, ScanIssue):
            yield item
            continue
        number, text = item
        if not text.strip():
            continue
        try:
            values = flatten(json.loads(text))
        except (ValueError, RecursionError):
            values = {None: text}  # not JSON: still text worth scanning
        if values:
            yield Record({"line": number}, values, clock(values, text))


def _csv(container: str, lines: Iterator[ScanIssue | Line], delimiter: str) -> Iterator[Item]:
    pending: deque[ScanIssue] = deque()
    consumed: list[int] = []  # line numbers the reader took since the last row

    def feed() -> Iterator[str]:
        for item in lines:
            if isinstance(item, ScanIssue):
                pending.append(item)
            else:
                consumed.append(item[0])
                yield item[1] + "\n"

    reader = csv.reader(feed(), delimiter=delimiter)
    clock = LineClock()
    header: list[str] | None = None
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:  # its messages name the problem, not the content
            yield from pending
            pending.clear()
            where = {"line": consumed[0]} if consumed else {}
            yield ScanIssue(container, "corrupt", f"CSV row cannot be parsed: {exc}", where)
            consumed.clear()
            continue
        yield from pending
        pending.clear()
        if row is None:
            return
        number = consumed[0] if consumed else 0
        consumed.clear()
        if not any(row):
            continue  # blank
        if header is None:
            header = _field_names(row)
            continue
        names = header + [f"column_{i + 1}" for i in range(len(header), len(row))]
        values: dict[str | None, str] = {n: v for n, v in zip(names, row, strict=False) if v}
        if values:
            yield Record({"line": number}, values, clock(values, ""))


def _field_names(row: list[str]) -> list[str]:
    names: list[str] = []
    seen: Counter[str] = Counter()
    for index, cell in enumerate(row):
        name = cell.strip() or f"column_{index + 1}"
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return names


def _texts(container: str, chunks: Iterator[bytes]) -> Iterator[str | ScanIssue]:
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    first = True
    for chunk in chain(chunks, [None]):
        text = decoder.decode(b"", final=True) if chunk is None else decoder.decode(chunk)
        if first and text:
            text = text.removeprefix("\ufeff")
            first = False
        if _SURROGATES.search(text):
            message = "not valid UTF-8; read with replacement characters"
            yield ScanIssue(container, "encoding", message)
            text = _SURROGATES.sub("\ufffd", text)
        if text:
            yield text


def _json(container: str, texts: Iterator[str | ScanIssue], limit: int) -> Iterator[Item]:
    """Elements of a top-level array, or whitespace-separated top-level values, one at a time.

    A value is decoded once the buffer holds it whole: after a failed try, the next waits until
    the buffer has doubled, so a large value costs linear time, not quadratic.
    """
    scanner = _JsonScanner()
    buffer = ""
    retry_at = 0
    pending: list[ScanIssue] = []
    for text in chain(texts, [None]):
        if isinstance(text, ScanIssue):
            pending.append(text)
            continue
        final = text is None
        buffer += text or ""
        if len(buffer) < retry_at and not final:
            continue
        values, position, valid = scanner.take(buffer, final)
        for ordinal, value in values:
            yield from _flush(pending, ordinal)
            flat = flatten(value)
            if flat:
                yield Record({"line": ordinal}, flat)
        buffer = buffer[position:]
        retry_at = 2 * len(buffer)
        following = scanner.ordinal + 1
        if not valid or (final and (buffer.strip() or scanner.unclosed)):
            yield from _flush(pending, following)
            message = f"JSON is invalid or truncated after element {scanner.ordinal}"
            yield ScanIssue(container, "corrupt", message + "; the rest is not read")
            return
        if len(buffer) > limit:
            yield from _flush(pending, following)
            message = f"JSON value {following} is invalid or over max_line_bytes={limit}"
            yield ScanIssue(container, "oversized", message + "; the rest is not read")
            return
    yield from _flush(pending, scanner.ordinal + 1)


class _JsonScanner:
    """Where a streaming parse of top-level JSON stands between two pieces of text."""

    def __init__(self) -> None:
        self.decoder = json.JSONDecoder()
        self.ordinal = 0
        self.in_array: bool | None = None  # None: nothing seen yet
        self.closed = False
        self.after_value = False

    @property
    def unclosed(self) -> bool:
        return bool(self.in_array) and not self.closed

    def take(self, buffer: str, final: bool) -> tuple[list[tuple[int, Any]], int, bool]:
        """(ordinal, value) pairs whole in ``buffer``, the position after them, and validity."""
        values: list[tuple[int, Any]] = []
        pos = 0
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n":
                pos += 1
            if pos == len(buffer):
                return values, pos, True
            char = buffer[pos]
            if self.in_array is None:
                self.in_array = char == "["
                pos += 1 if self.in_array else 0
                continue
            if self.closed or (self.in_array and self.after_value and char not in ",]"):
                return values, pos, False
            if self.in_array and char in ",]":
                self.closed = char == "]"
                self.after_value = False
                pos += 1
                continue
            try:
                value, end = self.decoder.raw_decode(buffer, pos)
            except (ValueError, RecursionError):
                end = -1
            cut = end < 0 or (
                not final
                and isinstance(value, int | float)  # "3" of "3.5" split between two pieces
                and _NUMBER_TAIL.match(buffer, end) is not None
            )
            if cut:  # maybe incomplete: read on
                return values, pos, not final
            self.ordinal += 1
            values.append((self.ordinal, value))
            self.after_value = True
            pos = end


def _flush(pending: list[ScanIssue], ordinal: int) -> Iterator[ScanIssue]:
    for issue in pending:
        yield replace(issue, locator={"line": ordinal})
    pending.clear()


def _parquet(container: str, open_file: Callable[[], BinaryIO] | None) -> Iterator[Item]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        hint = "Parquet needs pyarrow: pip install 'pdmap[parquet]'"
        yield ScanIssue(container, "unsupported", hint)
        return
    if open_file is None:
        yield ScanIssue(container, "unsupported", "Parquet needs random access; none given")
        return
    ordinal = 0
    with contextlib.closing(open_file()) as handle:
        try:
            batches = pyarrow.parquet.ParquetFile(handle).iter_batches(batch_size=_PARQUET_BATCH)
            for batch in batches:
                for row in batch.to_pylist():
                    ordinal += 1
                    values = flatten(row)
                    if values:
                        yield Record({"line": ordinal}, values)
        except (pyarrow.ArrowException, OSError, ValueError) as exc:
            message = f"Parquet cannot be read after row {ordinal} ({type(exc).__name__})"
            yield ScanIssue(container, "corrupt", message)
