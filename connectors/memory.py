"""An in-memory connector: tables as lists of dicts. Used by tests and the documentation."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from connectors.base import (
    ConnectorBase,
    ContainerInfo,
    ContainerUnavailable,
    FieldSpec,
    ForeignKey,
    Record,
    StreamItem,
)

__all__ = ["MemoryConnector", "MemoryTable"]


class MemoryTable:
    """Rows plus the key metadata a database would reflect."""

    def __init__(
        self,
        rows: Sequence[Mapping[str, Any]],
        primary_key: Sequence[str] = ("id",),
        foreign_keys: Sequence[ForeignKey] = (),
        types: Mapping[str, str] | None = None,
    ) -> None:
        self.rows = [dict(row) for row in rows]
        self.primary_key = tuple(primary_key)
        self.foreign_keys = tuple(foreign_keys)
        self.types = dict(types or {})


class MemoryConnector(ConnectorBase):
    """A ``Connector`` over Python data; nothing to open or close."""

    def __init__(self, source: str, tables: Mapping[str, MemoryTable]) -> None:
        self.source = source
        self.tables = dict(tables)

    def containers(self) -> Iterator[ContainerInfo]:
        for name, table in self.tables.items():
            columns = list(dict.fromkeys(key for row in table.rows for key in row))
            yield ContainerInfo(
                name=name,
                kind="table",
                fields=tuple(
                    FieldSpec(c, table.types.get(c), c in table.primary_key) for c in columns
                ),
                primary_key=table.primary_key,
                foreign_keys=table.foreign_keys,
                size_estimate=len(table.rows),
                version=hashlib.sha256(
                    json.dumps(table.rows, sort_keys=True, default=str).encode()
                ).hexdigest()[:16],
            )

    def _table(self, container: str) -> MemoryTable:
        try:
            return self.tables[container]
        except KeyError:
            raise ContainerUnavailable(f"{self.source}: no table {container!r}") from None

    def _record(self, table: MemoryTable, row: Mapping[str, Any]) -> Record:
        values: dict[str | None, Any] = {key: value for key, value in row.items()}  # noqa: C416
        return Record({k: row.get(k) for k in table.primary_key}, values)

    def sample(self, container: str, limit: int) -> Iterator[StreamItem]:
        table = self._table(container)
        step = max(1, len(table.rows) // max(1, limit))
        for row in table.rows[::step][:limit]:
            yield self._record(table, row)

    def stream(self, container: str, start: str | None = None) -> Iterator[StreamItem]:
        del start
        table = self._table(container)
        for row in table.rows:
            yield self._record(table, row)

    def read(self, container: str, locator: Mapping[str, Any]) -> Record | None:
        table = self._table(container)
        for row in table.rows:
            if all(row.get(k) == v for k, v in locator.items()):
                return self._record(table, row)
        return None

    def close(self) -> None:
        """Nothing to release."""
