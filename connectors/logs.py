"""Log files as a :class:`~connectors.base.Connector`: one container per file the globs match.

Containers are the files matched by ``LogSettings.paths`` (``glob`` with ``recursive=True``,
``~`` expanded; sorted, de-duplicated, directories skipped), named by the path as matched.
Rotated files (``app.log.1``, ``app.log.2.gz``) are containers of their own. A matched path that
cannot be opened (permission denied, a broken link, a FIFO or device: only regular files are
read) is still listed, without size or version; ``sample``/``stream``/``read`` then raise
:class:`~connectors.base.ContainerUnavailable`. Names no pattern matches raise it too.

Compression is sniffed from the first bytes, whatever the name: gzip, bzip2, xz or plain. The
line format is detected per file from its first lines (:mod:`connectors.logformats`); a line
that does not parse in the file's format is free text (``None`` key). Records are
``Record({"line": N}, values)``, N 1-based, counting every line (blank lines give no record).

Problems inside a file are :class:`~connectors.base.ScanIssue` items, never exceptions:
``binary`` (NUL bytes in, or mostly non-text, the first 8 KiB; no records), ``corrupt`` (the
records before the damage of a compressed stream come first), ``unreadable`` (an I/O error
mid-file), ``oversized`` (a line over ``max_line_bytes`` is read past in chunks, never held
whole) and ``encoding`` (the line is still yielded, decoded with replacement characters). Issue
and log messages carry paths, line numbers and byte counts, never line content. Lines are split
on ``\\n`` (a trailing ``\\r`` is dropped), so the encoding must be ASCII-compatible (a
UTF-8 byte order mark on line 1 is dropped).

Checkpoint tokens are ``log1:COMPRESSION:OFFSET:LINE:HEAD_SIZE:HEAD_HASH:TAIL_SIZE:TAIL_HASH``:
the byte offset just past the last complete (newline-terminated) line, its line number, and
hashes of the file's first 4 KiB and of the 4 KiB before the offset. A stream yields one every
10,000 lines and one at its end. Given a token, a plain file that is at least OFFSET long and
whose head and tail hashes still match resumes there (an appended log); anything else (rotated,
truncated, rewritten, compressed, an unknown token) starts over from line 1. An unterminated
last line is yielded but lies past the checkpoint, so it is read again, whole, after it grows.

``sample`` spreads its lines evenly over the first 64 MiB of a plain file; exact line numbers
need the newlines before each sampled line counted, a raw read of that range without decoding.
Compressed files give their first lines. ``containers`` describes each file by sampling
``sample_lines`` lines. The file functions are POSIX (``O_NONBLOCK``, ``pread``).
"""

from __future__ import annotations

import bz2
import datetime as dt
import fnmatch
import glob
import gzip
import io
import logging
import lzma
import os
import stat
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from typing import Any, BinaryIO, Final, cast

from connectors.base import (
    Checkpoint,
    ConnectorBase,
    ContainerChanged,
    ContainerInfo,
    ContainerUnavailable,
    FieldSpec,
    Record,
    ScanIssue,
    StreamItem,
)
from connectors.logformats import (
    LogFormat,
    Parser,
    Position,
    Values,
    count_newlines,
    detect_format,
    digest,
    is_binary,
    parser_for,
    read_lines,
    sniff_compression,
)
from connectors.logtime import LineClock
from connectors.rewrite import LineEdit, RewriteStats, rewrite_lines

__all__ = ["LogConnector", "LogSettings"]

logger = logging.getLogger(__name__)

HEAD_BYTES: Final = 4096  # hashed into versions and checkpoints
SNIFF_BYTES: Final = 65_536  # decompressed head read for binary and format detection
BINARY_PROBE_BYTES: Final = 8192
CHECKPOINT_EVERY: Final = 10_000
SPREAD_MAX_BYTES: Final = 64 * 1024 * 1024
_STREAM_ERRORS: Final = (EOFError, OSError, zlib.error, lzma.LZMAError)


@dataclass(frozen=True, slots=True)
class LogSettings:
    """Glob patterns of the files, and the limits of reading them."""

    paths: tuple[str, ...]
    max_line_bytes: int = 1_048_576
    sample_lines: int = 200
    encoding: str = "utf-8"

    def __post_init__(self) -> None:
        if isinstance(self.paths, str):
            raise TypeError(f"LogSettings.paths must be a tuple of globs: use ({self.paths!r},)")
        object.__setattr__(self, "paths", tuple(self.paths))
        if not self.paths:
            raise ValueError("LogSettings.paths is empty: give at least one glob pattern")
        if self.max_line_bytes < 1 or self.sample_lines < 0:
            raise ValueError("LogSettings: max_line_bytes must be >= 1 and sample_lines >= 0")
        try:
            ascii_compatible = "\n=a".encode(self.encoding) == b"\n=a"
        except LookupError:
            raise ValueError(f"LogSettings.encoding {self.encoding!r} is no codec") from None
        if not ascii_compatible:  # lines are split on b"\n"; a UTF-8 BOM is dropped anyway
            raise ValueError(
                f"LogSettings.encoding {self.encoding!r} is not ASCII-compatible: use utf-8,"
                " latin-1, cp1252 or the like"
            )


@dataclass(frozen=True, slots=True)
class _File:
    path: str
    raw: io.BufferedReader  # the file as stored
    stream: io.BufferedIOBase  # its content (``raw`` itself when plain)
    compression: str
    size: int
    mtime_ns: int
    head: bytes  # the first HEAD_BYTES of ``raw``


class LogConnector(ConnectorBase):
    """A ``Connector`` over log files (see the module docstring); the constructor does no I/O."""

    def __init__(self, source: str, settings: LogSettings) -> None:
        self.source = source
        self.settings = settings
        self._known: frozenset[str] = frozenset()

    def containers(self) -> Iterator[ContainerInfo]:
        paths = self._expand()
        self._known = frozenset(paths)
        for path in paths:
            yield self._describe(path)

    def sample(self, container: str, limit: int) -> Iterator[Record | ScanIssue]:
        self._require(container)
        with self._open(container) as file:
            yield from self._sample(file, limit)

    def stream(self, container: str, start: str | None = None) -> Iterator[StreamItem]:
        self._require(container)
        with self._open(container) as file:
            fmt = self._format(file)
            if fmt is None:
                yield self._binary(container)
                yield self._checkpoint(file, 0, 0)
                return
            parse = parser_for(fmt)
            clock = LineClock(_modified(file))
            offset, number = self._resume(file, start)
            done = offset, number  # just past the last newline-terminated line
            try:
                file.stream.seek(offset)
                for content, size, terminated in read_lines(file.stream, self._max):
                    number += 1
                    offset += size
                    if content is None:
                        yield self._oversized(container, number, size)
                    elif content and not content.isspace():
                        record, issue = self._record(container, number, content, parse, clock)
                        if issue is not None:
                            yield issue
                        yield record
                    if terminated:
                        done = offset, number
                        if number % CHECKPOINT_EVERY == 0:
                            yield self._checkpoint(file, *done)
            except _STREAM_ERRORS as exc:
                yield self._damaged(file, number + 1, exc)
            yield self._checkpoint(file, *done)

    def read(self, container: str, locator: Mapping[str, Any]) -> Record | None:
        wanted = locator.get("line")
        if isinstance(wanted, bool) or not isinstance(wanted, int) or wanted < 1:
            raise ValueError("a log line locator is {'line': N} with N >= 1")
        self._require(container)
        with self._open(container) as file:
            fmt = self._format(file)
            if fmt is None:
                return None
            try:
                for number, (content, _, _) in enumerate(read_lines(file.stream, self._max), 1):
                    if number == wanted:
                        if not content or content.isspace():
                            return None
                        parse = parser_for(fmt)
                        clock = LineClock(_modified(file))
                        return self._record(container, number, content, parse, clock)[0]
            except _STREAM_ERRORS as exc:
                logger.info("%s: %s: read stopped (%s)", self.source, container, type(exc).__name__)
        return None

    def rewrite(
        self, container: str, edits: Mapping[int, LineEdit], expected_version: str | None
    ) -> RewriteStats:
        """Rewrite the lines in ``edits`` (see :mod:`connectors.rewrite`) atomically: a
        temporary file beside it, compressed as the original was, then renamed over it with
        the original's mode. Refused (:class:`ContainerChanged`, nothing written) when the file
        is not at ``expected_version`` (the scan's), or changes while being rewritten (a log
        still being written: erase after rotation)."""
        self._require(container)
        with self._open(container) as file:
            version = f"{file.size}-{file.mtime_ns}-{digest(file.head)}"
            if expected_version is not None and version != expected_version:
                raise ContainerChanged(
                    f"{self.source}: {container} changed since it was scanned; rescan, then erase"
                )
            directory = os.path.dirname(os.path.abspath(container))
            fd, temp = tempfile.mkstemp(prefix=".pdmap-rewrite-", dir=directory)
            try:
                with os.fdopen(fd, "wb") as raw, _compressor(raw, file.compression) as sink:
                    file.stream.seek(0)
                    stats = rewrite_lines(
                        file.stream, sink, edits, self.settings.encoding, self._max
                    )
                if stats.changed:
                    now = os.stat(container)
                    if (now.st_size, now.st_mtime_ns) != (file.size, file.mtime_ns):
                        raise ContainerChanged(
                            f"{self.source}: {container} was written to during the rewrite;"
                            " nothing changed (erase after rotation)"
                        )
                    os.chmod(temp, stat.S_IMODE(now.st_mode))
                    os.replace(temp, container)
                    stats.version = self._describe(container).version
            except _STREAM_ERRORS as exc:
                raise ContainerUnavailable(
                    f"{self.source}: {container}: cannot rewrite ({type(exc).__name__})"
                ) from None
            finally:
                with suppress(FileNotFoundError):
                    os.unlink(temp)
        return stats

    def close(self) -> None:
        """Nothing to release: every call opens and closes its own file."""

    @property
    def _max(self) -> int:
        return self.settings.max_line_bytes

    def _expand(self) -> list[str]:
        found = {
            path
            for pattern in self.settings.paths
            for path in glob.glob(os.path.expanduser(pattern), recursive=True)
        }
        return sorted(path for path in found if not os.path.isdir(path))

    def _require(self, container: str) -> None:
        """Refuse names the globs do not match: a catalog entry or request cannot point the
        connector at any other file. A fresh connector (one per scan task) checks the name
        itself before it falls back to globbing."""
        patterns = (os.path.expanduser(pattern) for pattern in self.settings.paths)
        if container in self._known or any(_glob_matches(p, container) for p in patterns):
            return
        self._known = frozenset(self._expand())
        if container not in self._known:
            raise ContainerUnavailable(
                f"{self.source}: {container} is not (or no longer) matched by {self.settings.paths}"
            )

    @contextmanager
    def _open(self, path: str) -> Iterator[_File]:
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as exc:
            raise ContainerUnavailable(f"{self.source}: {path}: {_reason(exc)}") from exc
        with ExitStack() as stack:
            raw = stack.enter_context(os.fdopen(fd, "rb"))
            try:
                info = os.fstat(fd)
                if not stat.S_ISREG(info.st_mode):
                    raise ContainerUnavailable(f"{self.source}: {path}: not a regular file")
                os.set_blocking(fd, True)
                head = raw.read(HEAD_BYTES)
                raw.seek(0)
            except OSError as exc:
                raise ContainerUnavailable(f"{self.source}: {path}: {_reason(exc)}") from exc
            compression = sniff_compression(head)
            stream: io.BufferedIOBase = raw
            if compression == "gzip":
                stream = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))
            elif compression == "bz2":
                stream = stack.enter_context(bz2.BZ2File(raw, "rb"))
            elif compression == "xz":
                stream = stack.enter_context(lzma.LZMAFile(raw, "rb"))
            yield _File(path, raw, stream, compression, info.st_size, info.st_mtime_ns, head)

    def _describe(self, path: str) -> ContainerInfo:
        try:
            with self._open(path) as file:
                version = f"{file.size}-{file.mtime_ns}-{digest(file.head)}"
                fields = self._fields(file)
                return ContainerInfo(path, "file", fields, size_estimate=file.size, version=version)
        except ContainerUnavailable as exc:
            logger.info("%s", exc)
        size = None
        with suppress(OSError):
            info = os.stat(path)
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
        return ContainerInfo(path, "file", size_estimate=size)

    def _fields(self, file: _File) -> tuple[FieldSpec, ...]:
        fmt = self._format(file)
        if fmt is None:
            return ()
        seen: dict[str | None, None] = {}
        for item in self._sample(file, self.settings.sample_lines, fmt):
            if isinstance(item, Record):
                seen.update(dict.fromkeys(item.values))
        return tuple(FieldSpec(key, "text" if key is None else fmt) for key in seen)

    def _format(self, file: _File) -> LogFormat | None:
        """The file's line format from its decompressed head, or None when it is binary."""
        parts: list[bytes] = []
        size = 0
        try:
            while size < SNIFF_BYTES:
                piece = file.stream.read1(SNIFF_BYTES - size)
                if not piece:
                    break
                parts.append(piece)
                size += len(piece)
        except _STREAM_ERRORS:
            pass  # reported by whatever reads on (the damage is met again there)
        with suppress(*_STREAM_ERRORS):
            file.stream.seek(0)
        head = b"".join(parts)
        if is_binary(head[:BINARY_PROBE_BYTES], self.settings.encoding):
            return None
        lines = head.split(b"\n")
        if size >= SNIFF_BYTES:
            lines.pop()  # cut mid-line
        texts = [line.decode(self.settings.encoding, "replace") for line in lines]
        if texts:
            texts[0] = texts[0].removeprefix("\ufeff")
        return detect_format(texts)

    def _sample(
        self, file: _File, limit: int, fmt: LogFormat | None = None
    ) -> Iterator[Record | ScanIssue]:
        """The lines holding ``limit`` evenly spaced offsets of a plain file (each line once,
        so a small file gives all its lines), else the first ``limit`` lines."""
        fmt = fmt or self._format(file)
        if fmt is None:
            yield self._binary(file.path)
            return
        parse = parser_for(fmt)
        clock = LineClock(_modified(file))
        span = min(file.size, SPREAD_MAX_BYTES) if file.compression == "plain" else 0
        lines = read_lines(file.stream, self._max)
        offset = number = taken = 0
        try:
            while taken < limit:
                target = taken * span // limit
                if target > offset:  # go to the start of the line holding the target
                    newlines, line_start = count_newlines(file.stream, target - offset)
                    number += newlines
                    offset += line_start
                    file.stream.seek(offset)
                line = next(lines, None)
                if line is None:
                    return
                content, size, _ = line
                offset += size
                number += 1
                if content is None:
                    taken += 1
                    yield self._oversized(file.path, number, size)
                elif content and not content.isspace():
                    taken += 1
                    record, issue = self._record(file.path, number, content, parse, clock)
                    if issue is not None:
                        yield issue
                    yield record
        except _STREAM_ERRORS as exc:
            yield self._damaged(file, number + 1, exc)

    def _record(
        self, container: str, number: int, content: bytes, parse: Parser, clock: LineClock
    ) -> tuple[Record, ScanIssue | None]:
        if content[-1:] == b"\r":
            content = content[:-1]
        issue = None
        try:
            text = content.decode(self.settings.encoding)
        except UnicodeDecodeError:
            text = content.decode(self.settings.encoding, "replace")
            message = f"line {number} is not valid {self.settings.encoding}; replacement used"
            issue = ScanIssue(container, "encoding", message, {"line": number})
        if number == 1:
            text = text.removeprefix("\ufeff")
        values: Values = {None: text} if (parsed := parse(text)) is None else parsed
        return Record({"line": number}, values, clock(values, text)), issue

    def _resume(self, file: _File, start: str | None) -> tuple[int, int]:
        """Offset and line number to go on from: the checkpoint's when still valid, else 0."""
        if start is None:
            return 0, 0
        position = Position.parse(start)
        if position is None:
            reason = "the checkpoint token is not a log1 token"
        elif file.compression != "plain" or position.compression != "plain":
            reason = "compressed files are read whole"
        elif position.offset > file.size:
            reason = "the file is shorter than at the checkpoint"
        elif not self._unchanged(file, position):
            reason = "its content before the checkpoint changed"
        else:
            logger.debug(
                "%s: %s: resuming at line %d (byte %d)",
                self.source,
                file.path,
                position.line + 1,
                position.offset,
            )
            return position.offset, position.line
        logger.info("%s: %s: reading from line 1: %s", self.source, file.path, reason)
        return 0, 0

    def _unchanged(self, file: _File, position: Position) -> bool:
        """Whether the file still has the head and the bytes before the offset it had."""
        head = file.head[: position.head_size]
        tail = _pread(file, position.offset - position.tail_size, position.tail_size)
        return (len(head), digest(head), len(tail), digest(tail)) == (
            position.head_size,
            position.head_hash,
            position.tail_size,
            position.tail_hash,
        )

    def _position(self, file: _File, offset: int, line: int) -> Position:
        if file.compression != "plain":
            return Position(file.compression, offset, line, 0, "", 0, "")
        tail = _pread(file, offset - min(HEAD_BYTES, offset), min(HEAD_BYTES, offset))
        head = file.head
        return Position("plain", offset, line, len(head), digest(head), len(tail), digest(tail))

    def _checkpoint(self, file: _File, offset: int, line: int) -> Checkpoint:
        """The position as a token; from the start when the file no longer reads."""
        try:
            return Checkpoint(self._position(file, offset, line).token())
        except OSError as exc:
            logger.info("%s: %s: no resume position (%s)", self.source, file.path, _reason(exc))
            return Checkpoint(Position(file.compression, 0, 0, 0, "", 0, "").token())

    def _binary(self, container: str) -> ScanIssue:
        message = f"{container}: binary content in the first {BINARY_PROBE_BYTES} bytes; skipped"
        return ScanIssue(container, "binary", message)

    def _oversized(self, container: str, number: int, size: int) -> ScanIssue:
        message = f"line {number} has {size} bytes, over max_line_bytes={self._max}; skipped"
        return ScanIssue(container, "oversized", message, {"line": number})

    def _damaged(self, file: _File, number: int, exc: BaseException) -> ScanIssue:
        if isinstance(exc, OSError) and exc.errno is not None:
            kind, what = "unreadable", f"I/O error ({_reason(exc)})"
        elif isinstance(exc, EOFError):
            kind, what = "corrupt", f"the {file.compression} stream is truncated"
        else:
            kind, what = "corrupt", f"the {file.compression} stream is corrupt"
        message = f"{file.path}: {what} at line {number}; the lines before it were read"
        logger.debug("%s: %s", self.source, message)
        return ScanIssue(file.path, kind, message, {"line": number})


@contextmanager
def _compressor(raw: BinaryIO, compression: str) -> Iterator[BinaryIO]:
    """A writer compressing as ``compression`` (gzip stays gzip) into ``raw``."""
    if compression == "gzip":
        with gzip.GzipFile(fileobj=raw, mode="wb") as packed:
            yield cast(BinaryIO, packed)
    elif compression == "bz2":
        with bz2.BZ2File(raw, "wb") as packed:
            yield cast(BinaryIO, packed)
    elif compression == "xz":
        with lzma.LZMAFile(raw, "wb") as packed:
            yield cast(BinaryIO, packed)
    else:
        yield raw


def _pread(file: _File, offset: int, size: int) -> bytes:
    return os.pread(file.raw.fileno(), size, offset) if size else b""


def _modified(file: _File) -> dt.datetime:
    return dt.datetime.fromtimestamp(file.mtime_ns / 1e9, dt.UTC)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _glob_matches(pattern: str, path: str) -> bool:
    """Whether ``glob.glob(pattern, recursive=True)`` lists ``path`` (when it exists), decided
    on the strings: conservative, so a False may be wrong but a True is not."""
    return _parts_match(pattern.split(os.sep), path.split(os.sep))


def _parts_match(pattern: list[str], parts: list[str]) -> bool:
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":  # any number of segments, none of them hidden
        return any(
            _parts_match(rest, parts[skip:])
            for skip in range(len(parts) + 1)
            if not any(part.startswith(".") for part in parts[:skip])
        )
    if not parts:
        return False
    if any(magic in head for magic in "*?["):  # a wildcard matches no hidden name, nor . or ..
        matched = not parts[0].startswith(".") and fnmatch.fnmatchcase(parts[0], head)
    else:
        matched = parts[0] == head
    return matched and _parts_match(rest, parts[1:])
