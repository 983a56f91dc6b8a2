"""SqlConnector against real SQLite, PostgreSQL and MariaDB databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    create_engine,
    insert,
    text,
)

from connectors import Checkpoint, ContainerUnavailable, Record, SourceUnavailable
from connectors.sql import SqlConnector, SqlSettings
from tests.conftest import skatteverket_numbers


def build_estate(url: str, rows: int = 3000) -> None:
    meta = MetaData()
    customers = Table(
        "customers",
        meta,
        Column("id", Integer, primary_key=True),
        Column("fnamn", String(80)),
        Column("epost", String(120)),
        Column("pnr", String(13)),
    )
    orders = Table(
        "orders",
        meta,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id")),
        Column("amount", Numeric(10, 2)),
    )
    Table("settings", meta, Column("key", String(40)), Column("value", String(200)))
    engine = create_engine(url)
    meta.create_all(engine)
    numbers = skatteverket_numbers()
    with engine.begin() as conn:
        conn.execute(
            insert(customers),
            [
                {
                    "id": i,
                    "fnamn": f"Kund{i}",
                    "epost": f"kund{i}@example.se",
                    "pnr": numbers[i % len(numbers)],
                }
                for i in range(1, rows + 1)
            ],
        )
        conn.execute(
            insert(orders),
            [{"id": i, "customer_id": i % rows + 1, "amount": i} for i in range(1, 501)],
        )
        conn.execute(
            text("CREATE VIEW big_spenders AS SELECT customer_id FROM orders WHERE amount > 400")
        )
        if engine.dialect.name == "postgresql":
            conn.execute(text("CREATE VIEW broken AS SELECT 1 / (id - id) AS x FROM orders"))
        else:  # SQLite and MariaDB give NULL for 1/0: break the view by dropping its table
            conn.execute(text("CREATE TABLE gone (x INTEGER)"))
            conn.execute(text("CREATE VIEW broken AS SELECT x FROM gone"))
            conn.execute(text("DROP TABLE gone"))
    engine.dispose()


def qualify(connector: SqlConnector, table: str) -> str:
    names = {c.name.rsplit(".", 1)[-1]: c.name for c in connector.containers()}
    return names[table]


@pytest.fixture
def connector(database_url: str) -> Iterator[SqlConnector]:
    build_estate(database_url)
    with SqlConnector("crm", SqlSettings(url=database_url, max_sample=500)) as conn:
        yield conn


def test_discovery_reflects_tables_views_keys(connector: SqlConnector) -> None:
    infos = {c.name.rsplit(".", 1)[-1]: c for c in connector.containers()}
    assert set(infos) >= {"customers", "orders", "settings", "big_spenders"}
    customers, orders = infos["customers"], infos["orders"]
    assert customers.kind == "table"
    assert infos["big_spenders"].kind == "view"
    assert customers.primary_key == ("id",)
    assert [f.name for f in customers.fields] == ["id", "fnamn", "epost", "pnr"]
    assert customers.size_estimate == 3000
    assert len(orders.foreign_keys) == 1
    fk = orders.foreign_keys[0]
    assert fk.columns == ("customer_id",)
    assert fk.target.rsplit(".", 1)[-1] == "customers"
    assert fk.target_columns == ("id",)
    assert infos["settings"].primary_key == ()


def test_sample_is_bounded_and_spread(connector: SqlConnector) -> None:
    name = qualify(connector, "customers")
    records = [r for r in connector.sample(name, 200) if isinstance(r, Record)]
    assert 50 <= len(records) <= 200
    ids = sorted(r.locator["id"] for r in records)
    assert ids[-1] - ids[0] > 1000  # not just the first rows
    # the connector enforces its own bound whatever the caller asks
    assert len(list(connector.sample(name, 10**9))) <= 500


def test_stream_every_row_with_keys(connector: SqlConnector) -> None:
    items = list(connector.stream(qualify(connector, "customers")))
    records = [i for i in items if isinstance(i, Record)]
    assert len(records) == 3000
    assert records[0].locator == {"id": 1}
    assert records[0].values["epost"] == "kund1@example.se"
    assert isinstance(items[-1], Checkpoint)


def test_read_one_record(connector: SqlConnector) -> None:
    record = connector.read(qualify(connector, "customers"), {"id": 17})
    assert record is not None
    assert record.values["fnamn"] == "Kund17"
    assert connector.read(qualify(connector, "customers"), {"id": 999_999}) is None


def test_view_that_errors_is_container_unavailable(connector: SqlConnector) -> None:
    name = qualify(connector, "broken")
    with pytest.raises(ContainerUnavailable, match="broken"):
        list(connector.stream(name))
    with pytest.raises(ContainerUnavailable):
        list(connector.sample(name, 10))


def test_table_dropped_mid_scan(connector: SqlConnector, database_url: str) -> None:
    name = qualify(connector, "settings")
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE settings"))
    engine.dispose()
    with pytest.raises(ContainerUnavailable):
        list(connector.sample(name, 10))


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres@127.0.0.1:1/test",
        "mysql+pymysql://root@127.0.0.1:1/test",
        "sqlite:////nonexistent-dir/x/db.sqlite",
    ],
)
def test_unreachable_source(url: str) -> None:
    with SqlConnector("gone", SqlSettings(url=url)) as connector, pytest.raises(SourceUnavailable):
        list(connector.containers())


def test_reads_are_read_only(connector: SqlConnector) -> None:
    name = qualify(connector, "settings")
    with (
        connector._connect() as conn,
        pytest.raises(Exception, match=r"(?i)read.?only|query_only|readonly"),
    ):
        conn.execute(connector._table(conn, name).insert().values(key="a", value="b"))
