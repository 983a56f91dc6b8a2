"""The ``Connector`` protocol: how pdmap reads (and, for subject rights, rewrites) a data store.

A connector does I/O only: it discovers containers (tables, views, log files, objects),
describes their fields, samples or streams records, and reads or rewrites one record. It never
detects anything. Constructors store settings only; connections open lazily and close in
:meth:`Connector.close` (connectors are context managers).

Problems a scan meets inside a store (a table that errors, a corrupt gzip, a binary object, an
over-long line, invalid UTF-8, access denied) are not exceptions that stop the scan: streams
yield a :class:`ScanIssue` in place of the records they could not read and go on. Exceptions are
for what stops a whole container or source:

    ConnectorError (Exception)
     ├── SourceUnavailable      -- the store cannot be reached (connection refused, no bucket)
     ├── ContainerUnavailable   -- one container cannot be read (dropped table, 403, permission)
     └── ContainerChanged       -- a rewrite refused: not the version it was planned on

A record's ``locator`` addresses it for later reads: the primary-key columns of a SQL row
(``{"id": 17}``), or ``{"line": N}`` (1-based; a CSV header is line 1) for log and object lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Protocol, Self, runtime_checkable

__all__ = [
    "Checkpoint",
    "Connector",
    "ConnectorBase",
    "ConnectorError",
    "ContainerChanged",
    "ContainerInfo",
    "ContainerUnavailable",
    "FieldSpec",
    "ForeignKey",
    "KeyedLookup",
    "Record",
    "ScanIssue",
    "SourceUnavailable",
    "StreamItem",
]

ContainerKind = Literal["table", "view", "file", "object"]


class ConnectorError(Exception):
    """Base of the errors a connector raises."""


class SourceUnavailable(ConnectorError):
    """The whole source cannot be reached (server down, credentials refused, no such bucket)."""


class ContainerUnavailable(ConnectorError):
    """One container cannot be read; the scan records it and goes on with the others."""


class ContainerChanged(ConnectorError):
    """A rewrite was refused: the container is not the version the plan was made from (or
    changed while being rewritten); nothing was written."""


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """``columns`` of this container reference ``target_columns`` of ``target``."""

    columns: tuple[str, ...]
    target: str
    target_columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A column, JSON key path, key=value key or CSV header; ``name`` None is free text."""

    name: str | None
    declared_type: str | None = None
    primary_key: bool = False
    nullable: bool = True


@dataclass(frozen=True, slots=True)
class ContainerInfo:
    """What a connector knows about a container without reading its content."""

    name: str
    kind: ContainerKind
    fields: tuple[FieldSpec, ...] = ()
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    size_estimate: int | None = None  # rows for tables, bytes for files and objects
    version: str | None = None  # changes when the content does (row count + max key, ETag, ...)


@dataclass(frozen=True, slots=True)
class Record:
    """One row or line: where it is, and its values by field (``None`` key: free text);
    ``when``: the time the line was written, when the connector can tell (a log line's
    timestamp, :mod:`connectors.logtime`; an aware UTC datetime)."""

    locator: Mapping[str, Any]
    values: Mapping[str | None, Any]
    when: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ScanIssue:
    """A problem met while reading; recorded in the catalog, never fatal to the scan."""

    container: str | None
    kind: str  # e.g. "unreadable", "corrupt", "binary", "oversized", "encoding", "denied"
    message: str
    locator: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A resume position a stream may yield (at least once, at its end).

    The scanner keeps the last token it saw per container and passes it back as ``start`` on
    the next incremental scan. Its format belongs to the connector (for a log file: byte offset,
    line number and a hash of the file's head, so a rotated or rewritten file starts over).
    """

    token: str


StreamItem = Record | ScanIssue | Checkpoint


class ConnectorBase:
    """The context-manager plumbing every connector shares: ``with`` closes it."""

    def close(self) -> None:
        """Release connections and files; subclasses override."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@runtime_checkable
class Connector(Protocol):
    """The seam between pdmap and a data store."""

    source: str

    def containers(self) -> Iterator[ContainerInfo]:
        """Every container of the source, described (fields, keys, size, version)."""
        ...

    def sample(self, container: str, limit: int) -> Iterator[StreamItem]:
        """At most ``limit`` records, spread over the container where the store allows."""
        ...

    def stream(self, container: str, start: str | None = None) -> Iterator[StreamItem]:
        """Every record, in bounded memory.

        ``start`` is the last :class:`Checkpoint` token of a previous stream: a connector that can
        tell the content only grew since (an appended log file) resumes there; otherwise (or
        with ``None``) it streams from the beginning.
        """
        ...

    def read(self, container: str, locator: Mapping[str, Any]) -> Record | None:
        """The record at ``locator``, or None when it is gone."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


@runtime_checkable
class KeyedLookup(Protocol):
    """A connector whose records can be selected by column values (SQL): subject resolution
    follows foreign keys with it."""

    def lookup(self, container: str, criteria: Mapping[str, Any], limit: int) -> list[Record]:
        """At most ``limit`` records whose fields equal ``criteria``."""
        ...

    def count(self, container: str, criteria: Mapping[str, Any]) -> int:
        """How many records have fields equal to ``criteria``."""
        ...
