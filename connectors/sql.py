"""SQL databases through SQLAlchemy 2: SQLite, PostgreSQL (psycopg 3), MySQL/MariaDB (PyMySQL).

Every schema is reflected (tables and views, columns, primary and foreign keys). Reads run in
read-only transactions with a statement timeout. Sampling is bounded by the connector and
dialect-aware: PostgreSQL uses ``TABLESAMPLE SYSTEM`` on large tables; elsewhere a numeric
single-column key (or SQLite's rowid) is probed at random points; small tables are read whole
up to the bound. No full-table ``ORDER BY random()`` on a big table, ever. Streaming uses a
server-side cursor ordered by the primary key. Identifiers are quoted by SQLAlchemy; no SQL is
built by string formatting. A row's ``Record.when`` is its record-time column when the table
has one (``created_at``, ``fakturadatum``, ``datum``, never a birth or due date; see
``connectors.logtime.record_time_column``).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    RowMapping,
    Table,
    create_engine,
    delete,
    func,
    inspect,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, NoSuchTableError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from connectors.base import (
    Checkpoint,
    ConnectorBase,
    ContainerInfo,
    ContainerUnavailable,
    FieldSpec,
    ForeignKey,
    Record,
    ScanIssue,
    SourceUnavailable,
    StreamItem,
)
from connectors.logtime import record_time_column, value_time

__all__ = ["SqlConnector", "SqlSettings"]

log = logging.getLogger(__name__)

_SYSTEM_SCHEMAS = frozenset(
    {"information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys"}
)


@dataclass(frozen=True)
class SqlSettings:
    """``url``: any SQLAlchemy URL. ``schemas``: None = every non-system schema."""

    url: str
    schemas: tuple[str, ...] | None = None
    max_sample: int = 10_000
    statement_timeout_ms: int = 60_000
    stream_batch: int = 2_000
    connect_timeout_s: int = 10


class SqlConnector(ConnectorBase):
    """A ``Connector`` over one database."""

    def __init__(self, source: str, settings: SqlSettings) -> None:
        self.source = source
        self.settings = settings
        self._engine: Engine | None = None
        self._tables: dict[str, Table] = {}
        self._time_columns: dict[str, str | None] = {}  # table -> its record-time column

    # -- connection ---------------------------------------------------------------------------
    def engine(self) -> Engine:
        if self._engine is None:
            connect_args: dict[str, Any] = {}
            url = self.settings.url
            if url.startswith(("postgresql", "mysql", "mariadb")):
                connect_args["connect_timeout"] = self.settings.connect_timeout_s
            try:
                self._engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
            except (SQLAlchemyError, ImportError, ValueError) as exc:
                raise SourceUnavailable(f"{self.source}: bad database URL ({exc})") from None
        return self._engine

    @property
    def dialect(self) -> str:
        return self.engine().dialect.name

    def _connect(self) -> Connection:
        try:
            conn = self.engine().connect()
        except DBAPIError as exc:
            raise SourceUnavailable(f"{self.source}: cannot connect ({_reason(exc)})") from None
        try:
            self._read_only(conn)
        except SQLAlchemyError:
            conn.close()
            raise
        return conn

    def _read_only(self, conn: Connection) -> None:
        timeout = int(self.settings.statement_timeout_ms)
        if self.dialect == "postgresql":
            conn.execute(text("SET TRANSACTION READ ONLY"))
            conn.execute(
                text("SELECT set_config('statement_timeout', :t, true)"), {"t": str(timeout)}
            )
        elif self.dialect in ("mysql", "mariadb"):
            is_mariadb = bool(getattr(conn.dialect, "is_mariadb", False))
            if is_mariadb:
                conn.execute(text("SET SESSION max_statement_time = :t"), {"t": timeout / 1000})
            else:
                conn.execute(text("SET SESSION max_execution_time = :t"), {"t": timeout})
            conn.execute(text("SET SESSION TRANSACTION READ ONLY"))
        elif self.dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA query_only = ON")

    # -- discovery ----------------------------------------------------------------------------
    def containers(self) -> Iterator[ContainerInfo]:
        with self._connect() as conn:
            inspector = inspect(conn)
            schemas = self._schemas(inspector)
            default = inspector.default_schema_name
            for schema in schemas:
                names = [(n, "table") for n in inspector.get_table_names(schema=schema)]
                names += [(n, "view") for n in inspector.get_view_names(schema=schema)]
                for name, kind in sorted(names):
                    qualified = (
                        name
                        if schema in (None, default) and self.dialect == "sqlite"
                        else f"{schema}.{name}"
                    )
                    try:
                        yield self._describe(conn, inspector, schema, name, qualified, kind)
                    except SQLAlchemyError as exc:
                        conn.rollback()
                        self._read_only(conn)
                        log.warning(
                            "%s: cannot describe %s: %s", self.source, qualified, _reason(exc)
                        )
                        yield ContainerInfo(name=qualified, kind=kind)  # type: ignore[arg-type]

    def _schemas(self, inspector: Any) -> list[str | None]:
        if self.settings.schemas is not None:
            return list(self.settings.schemas)
        if self.dialect == "sqlite":
            return [None]
        if self.dialect in ("mysql", "mariadb"):
            return [inspector.default_schema_name]
        return [
            s
            for s in inspector.get_schema_names()
            if s not in _SYSTEM_SCHEMAS and not s.startswith("pg_")
        ]

    def _describe(
        self,
        conn: Connection,
        inspector: Any,
        schema: str | None,
        name: str,
        qualified: str,
        kind: str,
    ) -> ContainerInfo:
        columns = inspector.get_columns(name, schema=schema)
        primary_key = tuple(
            inspector.get_pk_constraint(name, schema=schema).get("constrained_columns") or ()
        )
        foreign_keys = tuple(
            ForeignKey(
                columns=tuple(fk["constrained_columns"]),
                target=_qualify(
                    fk.get("referred_schema") or schema, fk["referred_table"], self.dialect
                ),
                target_columns=tuple(fk["referred_columns"]),
            )
            for fk in inspector.get_foreign_keys(name, schema=schema)
        )
        fields = tuple(
            FieldSpec(
                name=str(col["name"]),
                declared_type=str(col["type"]),
                primary_key=col["name"] in primary_key,
                nullable=bool(col.get("nullable", True)),
            )
            for col in columns
        )
        table = self._table(conn, qualified)
        count = conn.execute(select(func.count()).select_from(table)).scalar_one()
        version = str(count)
        if len(primary_key) == 1:
            version += ":" + str(conn.execute(select(func.max(table.c[primary_key[0]]))).scalar())
        return ContainerInfo(
            name=qualified,
            kind=kind,  # type: ignore[arg-type]
            fields=fields,
            primary_key=primary_key,
            foreign_keys=foreign_keys,
            size_estimate=int(count),
            version=version,
        )

    def _table(self, conn: Connection, qualified: str) -> Table:
        table = self._tables.get(qualified)
        if table is None:
            schema, _, name = qualified.rpartition(".")
            try:
                table = Table(name, MetaData(), schema=schema or None, autoload_with=conn)
            except NoSuchTableError:
                raise ContainerUnavailable(f"{self.source}: {qualified} does not exist") from None
            except SQLAlchemyError as exc:
                raise ContainerUnavailable(
                    f"{self.source}: cannot reflect {qualified} ({_reason(exc)})"
                ) from None
            self._tables[qualified] = table
        return table

    # -- reading ------------------------------------------------------------------------------
    def sample(self, container: str, limit: int) -> Iterator[StreamItem]:
        limit = max(0, min(limit, self.settings.max_sample))
        with self._reading(container) as (conn, table):
            for row in self._sample_rows(conn, table, limit):
                yield self._record(table, row)

    @contextmanager
    def _reading(self, container: str) -> Iterator[tuple[Connection, Table]]:
        """A read-only connection and the reflected table; a driver error while reading
        becomes ContainerUnavailable naming the container."""
        try:
            with self._connect() as conn:
                yield conn, self._table(conn, container)
        except SQLAlchemyError as exc:
            raise ContainerUnavailable(
                f"{self.source}: cannot read {container} ({_reason(exc)})"
            ) from None

    def _sample_rows(self, conn: Connection, table: Table, limit: int) -> Sequence[RowMapping]:
        count = conn.execute(select(func.count()).select_from(table)).scalar_one()
        if count <= limit:
            return conn.execute(select(table)).mappings().all()
        if self.dialect == "postgresql" and count > 5 * limit:
            # BERNOULLI picks rows, SYSTEM whole pages (cheap on huge tables, but clustered):
            # over-sample pages and thin out at random so the rows spread over the table.
            method = func.bernoulli if count <= 200_000 else func.system
            factor = 1.5 if count <= 200_000 else 10.0
            percent = min(100.0, 100.0 * factor * limit / count)
            sampled = table.tablesample(method(percent), seed=literal_column("7"))
            rows = conn.execute(select(sampled).limit(int(limit * factor))).mappings().all()
            if len(rows) >= limit // 2:
                return random.Random(count).sample(list(rows), min(limit, len(rows)))
        key = self._numeric_key(table)
        if key is None:
            return conn.execute(select(table).limit(limit)).mappings().all()
        low, high = conn.execute(select(func.min(key), func.max(key))).one()
        probes = 20
        per_probe = max(1, limit // probes)
        rng = random.Random(count)
        seen: dict[Any, RowMapping] = {}
        for point in sorted(rng.randint(int(low), int(high)) for _ in range(probes)):
            chunk = (
                conn.execute(select(table).where(key >= point).order_by(key).limit(per_probe))
                .mappings()
                .all()
            )
            for row in chunk:
                seen[row.get(key.name, id(row))] = row
        return list(seen.values())[:limit]

    def _numeric_key(self, table: Table) -> Column[Any] | None:
        pk = list(table.primary_key.columns)
        if len(pk) == 1:
            try:
                if pk[0].type.python_type is int:
                    return pk[0]
            except NotImplementedError:
                return None
        if self.dialect == "sqlite":
            return literal_column("rowid")  # type: ignore[return-value]
        return None

    def stream(self, container: str, start: str | None = None) -> Iterator[StreamItem]:
        del start  # tables are rescanned whole when their version changes
        rows = 0
        try:
            with self._connect() as conn:
                table = self._table(conn, container)
                order = list(table.primary_key.columns)
                query = select(table).order_by(*order) if order else select(table)
                result = conn.execution_options(
                    stream_results=True, yield_per=self.settings.stream_batch
                ).execute(query)
                for row in result.mappings():
                    rows += 1
                    yield self._record(table, row)
                yield Checkpoint(token=str(rows))
        except (ContainerUnavailable, SourceUnavailable):
            raise
        except SQLAlchemyError as exc:
            message = f"{self.source}: reading {container} failed ({_reason(exc)})"
            if rows == 0:
                raise ContainerUnavailable(message) from None
            yield ScanIssue(container, "unreadable", message, {"after_rows": rows})

    def read(self, container: str, locator: Mapping[str, Any]) -> Record | None:
        found = self.lookup(container, locator, 1)
        return found[0] if found else None

    def lookup(self, container: str, criteria: Mapping[str, Any], limit: int) -> list[Record]:
        """At most ``limit`` rows whose columns equal ``criteria`` (by primary key order).
        Subject resolution uses it to follow foreign keys to a person's other rows."""
        with self._reading(container) as (conn, table):
            unknown = [k for k in criteria if k not in table.c]
            if unknown:
                raise ValueError(f"{container} has no column(s) {', '.join(unknown)}")
            query = (
                select(table)
                .where(*(table.c[k] == v for k, v in criteria.items()))
                .order_by(*table.primary_key.columns)
                .limit(limit)
            )
            return [self._record(table, row) for row in conn.execute(query).mappings()]

    def count(self, container: str, criteria: Mapping[str, Any]) -> int:
        """How many rows have columns equal to ``criteria``."""
        with self._reading(container) as (conn, table):
            query = (
                select(func.count())
                .select_from(table)
                .where(*(table.c[k] == v for k, v in criteria.items()))
            )
            return int(conn.execute(query).scalar_one())

    def _record(self, table: Table, row: RowMapping) -> Record:
        pk = [c.name for c in table.primary_key.columns]
        values: dict[str | None, Any] = {str(k): v for k, v in row.items()}
        if (column := self._time_columns.get(table.fullname, "")) == "":
            column = self._time_columns[table.fullname] = record_time_column(
                c.name for c in table.columns
            )
        when = value_time(row[column]) if column is not None else None
        return Record({k: row[k] for k in pk}, values, when)

    # -- writing (erasure) ----------------------------------------------------------------------
    @contextmanager
    def writer(self) -> Iterator[SqlWriter]:
        """One read-write transaction over the whole source (its own connection, never a
        pooled read-only one): committed when the block ends, rolled back on any exception.
        SQLite enforces foreign keys inside it."""
        engine = create_engine(self.settings.url, poolclass=NullPool)
        try:
            with engine.connect() as conn:
                if self.dialect == "sqlite":
                    conn.exec_driver_sql("PRAGMA foreign_keys = ON")  # outside a transaction
                    conn.commit()
                with conn.begin():
                    yield SqlWriter(self, conn)
        except DBAPIError as exc:
            if exc.connection_invalidated or isinstance(exc, OperationalError):
                raise SourceUnavailable(f"{self.source}: {_reason(exc)}") from None
            raise ContainerUnavailable(f"{self.source}: write refused ({_reason(exc)})") from None
        finally:
            engine.dispose()

    # -- lifecycle ----------------------------------------------------------------------------
    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self._tables.clear()


def _qualify(schema: str | None, name: str, dialect: str) -> str:
    return name if schema is None or dialect == "sqlite" else f"{schema}.{name}"


def _reason(exc: BaseException) -> str:
    """The driver's one-line reason, without SQL text or parameters (which may hold values)."""
    orig = getattr(exc, "orig", None)
    message = str(orig if orig is not None else exc).strip().splitlines()
    return message[0][:200] if message else type(exc).__name__


class SqlWriter:
    """Row operations inside :meth:`SqlConnector.writer`'s transaction, by primary key."""

    def __init__(self, connector: SqlConnector, conn: Connection) -> None:
        self.connector = connector
        self.conn = conn

    def _where(self, table: Table, key: Mapping[str, Any]) -> list[Any]:
        pk = [c.name for c in table.primary_key.columns]
        if not pk or sorted(pk) != sorted(key):
            raise ValueError(f"{table.name}: a row is addressed by its primary key {pk}")
        return [table.c[k] == v for k, v in key.items()]

    def read(self, container: str, key: Mapping[str, Any]) -> Record | None:
        table = self.connector._table(self.conn, container)
        row = self.conn.execute(select(table).where(*self._where(table, key))).mappings().first()
        return None if row is None else self.connector._record(table, row)

    def delete(self, container: str, key: Mapping[str, Any]) -> int:
        table = self.connector._table(self.conn, container)
        return int(self.conn.execute(delete(table).where(*self._where(table, key))).rowcount)

    def update(self, container: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> int:
        table = self.connector._table(self.conn, container)
        query = update(table).where(*self._where(table, key)).values(dict(values))
        return int(self.conn.execute(query).rowcount)

    def nullable(self, container: str) -> dict[str, bool]:
        table = self.connector._table(self.conn, container)
        return {c.name: bool(c.nullable) for c in table.columns}

    def foreign_key_problems(self) -> list[str]:
        """Rows whose foreign keys point nowhere (SQLite checks here; PostgreSQL and MariaDB
        refuse such a statement themselves)."""
        if self.connector.dialect != "sqlite":
            return []
        rows = self.conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        return [f"{table} row {rowid} -> {parent}" for table, rowid, parent, _ in rows]
