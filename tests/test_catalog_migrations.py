"""Catalog schema migrations: a catalog made at revision 0001 upgrades in place, on SQLite,
PostgreSQL and MariaDB, keeping its index rows and backfilling what later revisions add."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from datamap.catalog import _alembic_config, open_catalog, record_key


def test_0001_catalog_upgrades_and_backfills_record_keys(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            sa.text("INSERT INTO sources (id, name, type, location) VALUES (1, 's', 'sql', 'x')")
        )
        conn.execute(
            sa.text(
                "INSERT INTO containers (id, source_id, name, kind, primary_key, foreign_keys)"
                " VALUES (1, 1, 't', 'table', '[]', '[]')"
            )
        )
        long_key = {"code": "k" * 300}
        rows = [{"id": 17}, {"line": 3}, long_key]
        table = sa.table(
            "identifiers",
            sa.column("fingerprint", sa.String),
            sa.column("entity_type", sa.String),
            sa.column("container_id", sa.Integer),
            sa.column("field", sa.Text),
            sa.column("locator", sa.JSON),
        )
        conn.execute(
            sa.insert(table),
            [
                {"fingerprint": f"f{i}", "entity_type": "EMAIL_ADDRESS", "container_id": 1,
                 "field": "e", "locator": locator}
                for i, locator in enumerate(rows)
            ],
        )  # fmt: skip
    engine.dispose()
    catalog = open_catalog(database_url)  # upgrades to head
    with catalog.engine.connect() as conn:
        keys = conn.execute(sa.text("SELECT record_key FROM identifiers ORDER BY id")).scalars()
        assert list(keys) == [
            '{"id": 17}',
            '{"line": 3}',
            record_key('{"code": "' + "k" * 300 + '"}'),
        ]
    assert record_key('{"code": "' + "k" * 300 + '"}').startswith("sha256:")
    assert [loc for *_, loc in catalog.locate(["f0", "f1"])] in (
        [{"id": 17}, {"line": 3}],
        [{"line": 3}, {"id": 17}],
    )
    catalog.close()
