"""The catalog: what was scanned, what was found, where identifiers live.

SQLite next to the configuration by default, PostgreSQL (or any SQLAlchemy database) when the
configuration says so. :func:`open_catalog` creates or upgrades the schema with Alembic. One
writer (the scan's parent process) merges container results; readers (``pdmap findings``, the
reports, the API) use :meth:`Catalog.findings` and :meth:`Catalog.locate`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    ColumnElement,
    Engine,
    Insert,
    Integer,
    String,
    Text,
    and_,
    bindparam,
    cast,
    column,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    table,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from datamap.models import (
    ContainerRow,
    FieldRow,
    FindingRow,
    IdentifierRow,
    IssueRow,
    ScanRun,
    SourceRow,
)

__all__ = [
    "Catalog",
    "ContainerResult",
    "ContainerView",
    "FieldFinding",
    "FindingView",
    "IdentifierEntry",
    "IssueEntry",
    "Occurrence",
    "locator_json",
    "open_catalog",
]

_INSERT_BATCH = 20_000  # identifier rows per executemany when merging a spool file
_RECORD_KEY_MAX = 255
_SQLITE_CACHE_KIB = 65_536
_LOOKUP_BATCH = 500  # values per IN (...) / OR list in one query


@dataclass(frozen=True, slots=True)
class FieldFinding:
    field: str | None
    declared_type: str | None
    entity_type: str
    count: int
    sampled: int
    confidence: float
    previews: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IdentifierEntry:
    fingerprint: str
    entity_type: str
    field: str | None
    locator: dict[str, Any]


@dataclass(frozen=True, slots=True)
class IssueEntry:
    container: str | None
    kind: str
    message: str
    locator: dict[str, Any] = field(default_factory=dict)


@dataclass
class ContainerResult:
    """Everything one scan task learned about one container; merged by the single writer."""

    source: str
    container: str
    kind: str
    version: str | None = None
    checkpoint: str | None = None
    resumed: bool = False  # True: the stream continued a checkpoint: identifiers are appended
    unavailable: bool = False  # True: not read at all; the catalog keeps the previous results
    size_estimate: int | None = None
    primary_key: tuple[str, ...] = ()
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    fields: list[tuple[str | None, str | None]] = field(default_factory=list)  # (name, type)
    findings: list[FieldFinding] = field(default_factory=list)
    identifiers: list[IdentifierEntry] = field(default_factory=list)
    issues: list[IssueEntry] = field(default_factory=list)
    # Index rows streamed to a file by the worker (bounded memory), one per line:
    # fingerprint TAB entity_type TAB field as JSON TAB locator as JSON (see locator_json).
    # The writer merges it in batches; whoever ran the task removes the file afterwards.
    identifier_spool: str | None = None
    identifier_count: int = 0
    # Lines with a timestamp by UTC day (ISO date): [lines, lines holding an indexed identifier].
    # A resumed stream's days are added to the stored ones (see ContainerRow.record_days).
    record_days: dict[str, list[int]] = field(default_factory=dict)


def record_key(locator_text: str) -> str:
    """The index's key of one record: its locator's JSON text, or a hash of it when the text
    is longer than the column (a composite key of long strings)."""
    if len(locator_text) <= _RECORD_KEY_MAX:
        return locator_text
    return "sha256:" + hashlib.sha256(locator_text.encode()).hexdigest()


def locator_json(locator: Mapping[str, Any]) -> str:
    """A record locator as JSON: primary-key values that JSON has no type for (decimals, dates,
    UUIDs) are written as their text, which the databases compare back to the column."""
    return json.dumps(locator, default=str)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One identifier-index row: a fingerprinted identifier in one field of one record."""

    fingerprint: str
    entity_type: str
    source: str
    container: str
    container_id: int
    field: str | None
    locator: dict[str, Any]
    record_key: str


@dataclass(frozen=True, slots=True)
class ContainerView:
    """What the catalog knows of one container's shape (for following foreign keys)."""

    source: str
    name: str
    kind: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict[str, Any], ...]
    system: str | None
    version: str | None = None
    id: int = 0


@dataclass(frozen=True, slots=True)
class FindingView:
    source: str
    container: str
    field: str | None
    entity_type: str
    count: int
    sampled: int
    confidence: float
    previews: tuple[str, ...]
    system: str | None


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    return config


def open_catalog(url: str) -> Catalog:
    """Open (creating and upgrading as needed) the catalog at SQLAlchemy ``url``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return Catalog(engine)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """A 64 MB page cache per connection: the identifier index's B-trees are written in random
    key order, and with the default 2 MB cache each insert costs ~25 % more. Write-ahead
    logging, so the API's readers are not blocked while a scan it started writes (readers see
    the last committed state); writers wait up to 30 s for each other."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA journal_mode = WAL")  # a no-op answer ("memory") for :memory:
    cursor.close()


class Catalog:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    # -- runs -----------------------------------------------------------------------------------
    def start_run(self, full: bool) -> int:
        with Session(self.engine) as s, s.begin():
            run = ScanRun(started_at=_now(), status="running", full=full)
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, status: str, scanned: int, skipped: int, issues: int) -> None:
        with Session(self.engine) as s, s.begin():
            run = s.get_one(ScanRun, run_id)
            run.finished_at = _now()
            run.status = status
            run.containers_scanned = scanned
            run.containers_skipped = skipped
            run.issues = issues

    def runs(self) -> list[ScanRun]:
        with Session(self.engine, expire_on_commit=False) as s:
            return list(s.scalars(select(ScanRun).order_by(ScanRun.id)))

    # -- sources and containers -------------------------------------------------------------------
    def upsert_source(self, name: str, type_: str, system: str | None, location: str) -> int:
        with Session(self.engine) as s, s.begin():
            row = s.scalar(select(SourceRow).where(SourceRow.name == name))
            if row is None:
                row = SourceRow(name=name, type=type_, system=system, location=location)
                s.add(row)
            else:
                row.type, row.system, row.location = type_, system, location
            s.flush()
            return row.id

    def container_states(self, source: str) -> dict[str, tuple[str | None, str | None]]:
        """``{container: (version, checkpoint)}`` from the last scan of ``source``."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(ContainerRow.name, ContainerRow.version, ContainerRow.checkpoint)
                .join(SourceRow, SourceRow.id == ContainerRow.source_id)
                .where(SourceRow.name == source)
            )
            return {name: (version, checkpoint) for name, version, checkpoint in rows}

    def save(self, run_id: int, result: ContainerResult) -> None:
        """Merge one container's result: its findings replace the previous ones; its identifiers
        replace them too, unless the stream resumed from a checkpoint (then they are added)."""
        with Session(self.engine) as s, s.begin():
            source = s.scalar(select(SourceRow).where(SourceRow.name == result.source))
            if source is None:
                raise ValueError(f"unknown source {result.source!r}; upsert_source first")
            container = s.scalar(
                select(ContainerRow).where(
                    ContainerRow.source_id == source.id, ContainerRow.name == result.container
                )
            )
            if container is None:
                container = ContainerRow(
                    source_id=source.id, name=result.container, kind=result.kind
                )
                s.add(container)
                s.flush()
            container.kind = result.kind
            container.version = result.version
            container.checkpoint = result.checkpoint
            container.size_estimate = result.size_estimate
            container.primary_key = list(result.primary_key)
            container.foreign_keys = list(result.foreign_keys)
            container.last_run_id = run_id
            container.record_days = _merge_days(
                container.record_days if result.resumed else None, result.record_days
            )
            if not result.resumed:
                s.execute(delete(IdentifierRow).where(IdentifierRow.container_id == container.id))
            field_rows = select(FieldRow.id).where(FieldRow.container_id == container.id)
            s.execute(delete(FindingRow).where(FindingRow.field_id.in_(field_rows)))
            s.flush()
            field_ids = {
                row.name: row.id
                for row in s.scalars(select(FieldRow).where(FieldRow.container_id == container.id))
            }
            declared = dict(result.fields)
            declared.update({f.field: f.declared_type for f in result.findings})
            for name, declared_type in declared.items():
                key = name or ""
                if key not in field_ids:
                    row = FieldRow(container_id=container.id, name=key, declared_type=declared_type)
                    s.add(row)
                    s.flush()
                    field_ids[key] = row.id
            for finding in result.findings:
                fid = field_ids[finding.field or ""]
                s.add(
                    FindingRow(
                        field_id=fid,
                        entity_type=finding.entity_type,
                        count=finding.count,
                        sampled=finding.sampled,
                        confidence=finding.confidence,
                        previews=list(finding.previews),
                        run_id=run_id,
                    )
                )
            insert_identifiers = _identifier_insert(self.engine.dialect.name)
            if result.identifiers:
                s.execute(
                    insert_identifiers,
                    [
                        {
                            "fingerprint": e.fingerprint,
                            "entity_type": e.entity_type,
                            "container_id": container.id,
                            "field": e.field or "",
                            "locator": (where := locator_json(e.locator)),
                            "record_key": record_key(where),
                        }
                        for e in result.identifiers
                    ],
                )
            if result.identifier_spool is not None:
                _insert_spool(s, result.identifier_spool, container.id, insert_identifiers)
            s.add_all(_issue_row(run_id, result.source, issue) for issue in result.issues)

    def record_issue(self, run_id: int, source: str, issue: IssueEntry) -> None:
        with Session(self.engine) as s, s.begin():
            s.add(_issue_row(run_id, source, issue))

    # -- reading ----------------------------------------------------------------------------------
    def findings(self, source: str | None = None) -> list[FindingView]:
        query = (
            select(
                SourceRow.name,
                ContainerRow.name,
                FieldRow.name,
                FindingRow.entity_type,
                FindingRow.count,
                FindingRow.sampled,
                FindingRow.confidence,
                FindingRow.previews,
                SourceRow.system,
            )
            .join(FieldRow, FieldRow.id == FindingRow.field_id)
            .join(ContainerRow, ContainerRow.id == FieldRow.container_id)
            .join(SourceRow, SourceRow.id == ContainerRow.source_id)
            .order_by(SourceRow.name, ContainerRow.name, FieldRow.name, FindingRow.entity_type)
        )
        if source is not None:
            query = query.where(SourceRow.name == source)
        with Session(self.engine) as s:
            return [
                FindingView(src, cont, fld or None, et, cnt, smp, conf, tuple(prev or ()), system)
                for src, cont, fld, et, cnt, smp, conf, prev, system in s.execute(query)
            ]

    def issues(self, run_id: int | None = None) -> list[IssueRow]:
        with Session(self.engine, expire_on_commit=False) as s:
            query = select(IssueRow).order_by(IssueRow.id)
            if run_id is not None:
                query = query.where(IssueRow.run_id == run_id)
            return list(s.scalars(query))

    def locate(
        self, fingerprints: Iterable[str]
    ) -> Iterator[tuple[str, str, str, str, dict[str, Any]]]:
        """``(source, container, field, entity_type, locator)`` for each indexed occurrence."""
        prints = list(set(fingerprints))
        if not prints:
            return
        query = (
            select(
                SourceRow.name,
                ContainerRow.name,
                IdentifierRow.field,
                IdentifierRow.entity_type,
                IdentifierRow.locator,
            )
            .join(ContainerRow, ContainerRow.id == IdentifierRow.container_id)
            .join(SourceRow, SourceRow.id == ContainerRow.source_id)
            .where(IdentifierRow.fingerprint.in_(prints))
        )
        with Session(self.engine) as s:
            for src, cont, fld, et, locator in s.execute(query):
                yield src, cont, fld, et, dict(locator)

    def occurrences(self, fingerprints: Iterable[str]) -> list[Occurrence]:
        """Every index row holding one of ``fingerprints``."""
        prints = sorted(set(fingerprints))
        found: list[Occurrence] = []
        for start in range(0, len(prints), _LOOKUP_BATCH):
            chunk = prints[start : start + _LOOKUP_BATCH]
            found += self._occurrences(IdentifierRow.fingerprint.in_(chunk))
        return found

    def record_occurrences(self, records: Iterable[tuple[int, str]]) -> list[Occurrence]:
        """Every index row of the given ``(container_id, record_key)`` records: the identifiers
        that share a row or line."""
        wanted = sorted(set(records))
        found: list[Occurrence] = []
        for start in range(0, len(wanted), _LOOKUP_BATCH):
            chunk = wanted[start : start + _LOOKUP_BATCH]
            found += self._occurrences(
                or_(
                    *(
                        and_(IdentifierRow.container_id == cid, IdentifierRow.record_key == key)
                        for cid, key in chunk
                    )
                )
            )
        return found

    def _occurrences(self, where: ColumnElement[bool]) -> list[Occurrence]:
        query = (
            select(
                IdentifierRow.fingerprint,
                IdentifierRow.entity_type,
                SourceRow.name,
                ContainerRow.name,
                ContainerRow.id,
                IdentifierRow.field,
                IdentifierRow.locator,
                IdentifierRow.record_key,
            )
            .join(ContainerRow, ContainerRow.id == IdentifierRow.container_id)
            .join(SourceRow, SourceRow.id == ContainerRow.source_id)
            .where(where)
            .order_by(IdentifierRow.id)
        )
        with Session(self.engine) as s:
            return [
                Occurrence(
                    fp, et, src, cont, cid, fld or None, dict(loc),
                    key if key is not None else record_key(locator_json(loc)),
                )
                for fp, et, src, cont, cid, fld, loc, key in s.execute(query)
            ]  # fmt: skip

    def containers(self) -> list[ContainerView]:
        query = (
            select(
                SourceRow.name,
                ContainerRow.name,
                ContainerRow.kind,
                ContainerRow.primary_key,
                ContainerRow.foreign_keys,
                SourceRow.system,
                ContainerRow.version,
                ContainerRow.id,
            )
            .join(SourceRow, SourceRow.id == ContainerRow.source_id)
            .order_by(SourceRow.name, ContainerRow.name)
        )
        with Session(self.engine) as s:
            return [
                ContainerView(
                    src, name, kind, tuple(pk or ()), tuple(fks or ()), system, version, cid
                )
                for src, name, kind, pk, fks, system, version, cid in s.execute(query)
            ]

    def record_days(self) -> dict[tuple[str, str], dict[str, tuple[int, int]]]:
        """Dated records by container ``(source, name)``: ``{UTC day: (records, records with
        an indexed identifier)}``; containers without dated records are left out. (Kept out of
        :meth:`containers`, which every subject lookup reads.)"""
        query = (
            select(SourceRow.name, ContainerRow.name, ContainerRow.record_days)
            .join(SourceRow, SourceRow.id == ContainerRow.source_id)
            .where(ContainerRow.record_days.is_not(None))
        )
        with Session(self.engine) as s:
            return {
                (src, name): {day: (int(c[0]), int(c[1])) for day, c in days.items()}
                for src, name, days in s.execute(query)
                if days
            }

    def fields(self) -> list[tuple[str, str, str | None]]:
        """Every known field as ``(source, container, field)`` (``None``: free text)."""
        query = (
            select(SourceRow.name, ContainerRow.name, FieldRow.name)
            .join(ContainerRow, ContainerRow.id == FieldRow.container_id)
            .join(SourceRow, SourceRow.id == ContainerRow.source_id)
        )
        with Session(self.engine) as s:
            return [(src, cont, fld or None) for src, cont, fld in s.execute(query)]

    def set_version(self, container_id: int, version: str | None) -> None:
        """Record that a container was rewritten (erasure) to ``version``; its resume point is
        dropped, so a later change rescans it whole."""
        with Session(self.engine) as s, s.begin():
            row = s.get_one(ContainerRow, container_id)
            row.version = version
            row.checkpoint = None

    def forget(
        self,
        records: Iterable[tuple[int, str]],
        fingerprints: Iterable[str] | None = None,
    ) -> int:
        """Remove index rows of ``(container_id, record_key)`` records (erased rows), or only
        those of ``fingerprints`` there (redacted values); answers the rows removed."""
        prints = None if fingerprints is None else sorted(set(fingerprints))
        removed = 0
        with Session(self.engine) as s, s.begin():
            for cid, key in sorted(set(records)):
                query = delete(IdentifierRow).where(
                    IdentifierRow.container_id == cid, IdentifierRow.record_key == key
                )
                if prints is not None:
                    query = query.where(IdentifierRow.fingerprint.in_(prints))
                removed += int(s.execute(query).rowcount)  # type: ignore[attr-defined]
        return removed

    def identifier_count(self) -> int:
        with Session(self.engine) as s:
            return int(s.scalar(select(func.count()).select_from(IdentifierRow)) or 0)


def _identifier_insert(dialect: str) -> Insert:
    """Core executemany of pre-serialised locators: about 2x faster per row than the JSON
    type's processing, which matters at millions of rows. PostgreSQL wants the text cast to
    its ``json`` column; SQLite and MySQL/MariaDB store JSON as text."""
    locator: ColumnElement[Any] = bindparam("locator", type_=Text)
    if dialect == "postgresql":
        locator = cast(locator, JSON)
    target = table(
        "identifiers",
        column("fingerprint", String),
        column("entity_type", String),
        column("container_id", Integer),
        column("field", Text),
        column("locator", Text),
        column("record_key", String),
    )
    return insert(target).values(
        fingerprint=bindparam("fingerprint", type_=String),
        entity_type=bindparam("entity_type", type_=String),
        container_id=bindparam("container_id", type_=Integer),
        field=bindparam("field", type_=Text),
        locator=locator,
        record_key=bindparam("record_key", type_=String),
    )


_IDENTIFIER_COLUMNS = (
    "fingerprint",
    "entity_type",
    "container_id",
    "field",
    "locator",
    "record_key",
)
# SQLite (the default catalog): the driver's executemany directly, about 2x faster per row
# than going through SQLAlchemy's statement, which matters at millions of rows.
_SQLITE_INSERT = (
    f"INSERT INTO identifiers ({', '.join(_IDENTIFIER_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)"
)


def _insert_spool(s: Session, path: str, container_id: int, statement: Insert) -> None:
    connection = s.connection()
    if s.get_bind().dialect.name == "sqlite":
        # The driver's executemany over a generator, inside the session's transaction.
        raw: Any = connection.connection.dbapi_connection
        cursor = raw.cursor()
        try:
            cursor.executemany(_SQLITE_INSERT, _spool_rows(path, container_id))
        finally:
            cursor.close()
        return
    batch: list[dict[str, Any]] = []
    for row in _spool_rows(path, container_id):
        batch.append(dict(zip(_IDENTIFIER_COLUMNS, row, strict=True)))
        if len(batch) >= _INSERT_BATCH:
            connection.execute(statement, batch)
            batch = []
    if batch:
        connection.execute(statement, batch)


_IndexRow = tuple[str, str, int, str, str, str]


def _spool_rows(path: str, container_id: int) -> Iterator[_IndexRow]:
    names: dict[str, str] = {}
    with open(path, encoding="utf-8") as spool:
        for line in spool:
            fingerprint, entity_type, quoted, locator = line[:-1].split("\t")
            if (name := names.get(quoted)) is None:
                name = names[quoted] = json.loads(quoted) or ""
            key = locator if len(locator) <= _RECORD_KEY_MAX else record_key(locator)
            yield fingerprint, entity_type, container_id, name, locator, key


def _merge_days(
    stored: Mapping[str, list[int]] | None, new: Mapping[str, list[int]]
) -> dict[str, list[int]] | None:
    """The day histogram after a scan: ``new`` alone, or added to ``stored`` (a resumed
    stream read only the lines after its checkpoint). None when no line had a time."""
    merged = {day: list(counts) for day, counts in (stored or {}).items()}
    for day, (lines, identified) in new.items():
        counts = merged.setdefault(day, [0, 0])
        counts[0] += lines
        counts[1] += identified
    return dict(sorted(merged.items())) or None


def _issue_row(run_id: int, source: str, issue: IssueEntry) -> IssueRow:
    return IssueRow(
        run_id=run_id,
        source=source,
        container=issue.container,
        kind=issue.kind,
        message=issue.message,
        locator=issue.locator,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
