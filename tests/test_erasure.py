"""Erasure on real databases (SQLite, PostgreSQL, MariaDB) and log files: the plan, its
execution, holds kept byte for byte, foreign keys intact, bystanders untouched, audited."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    create_engine,
    insert,
    select,
    text,
)

from datamap.audit import AuditLog
from datamap.catalog import open_catalog
from datamap.erasure import ErasurePlan, ErasureReport
from datamap.policy import load_policy
from datamap.subjects import parse_identifier
from pdmap.config import load_config
from pdmap.scan import run_scan
from pdmap.subject import OpenConnectors, eraser_for
from scanner.engine import DetectionEngine
from tests.conftest import skatteverket_numbers

KEY = b"e" * 32
PNRS = [n for n in skatteverket_numbers() if "1940" <= n[:4] < "2000"][:4]
PHONES = [f"070-174 06 {n:02d}" for n in range(5, 9)]


def person(i: int) -> dict[str, str]:
    return {"name": f"Testperson Nummer{i}", "email": f"person{i}@exempel.se", "pnr": PNRS[i],
            "phone": PHONES[i]}  # fmt: skip


def build(url: str, folder: Path) -> None:
    meta = MetaData()
    customers = Table(
        "customers", meta,
        Column("id", Integer, primary_key=True), Column("name", String(60), nullable=False),
        Column("email", String(80)), Column("pnr", String(13)), Column("phone", String(20)),
    )  # fmt: skip
    orders = Table(
        "orders", meta,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
        Column("sku", String(20)),
    )  # fmt: skip
    items = Table(
        "order_items", meta,
        Column("id", Integer, primary_key=True),
        Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
        Column("qty", Integer),
    )  # fmt: skip
    fakturor = Table(
        "fakturor", meta,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
        Column("belopp", Numeric(10, 2)), Column("kund_epost", String(80)),
    )  # fmt: skip
    tickets = Table(
        "tickets", meta, Column("id", Integer, primary_key=True), Column("body", Text),
    )  # fmt: skip
    Table("nopk", meta, Column("mail", String(80)))
    engine = create_engine(url)
    meta.create_all(engine)
    p = [person(i) for i in range(4)]
    with engine.begin() as conn:
        conn.execute(insert(customers), [
            {"id": i + 1, "name": p[i]["name"], "email": p[i]["email"], "pnr": p[i]["pnr"],
             "phone": p[i]["phone"]} for i in range(4)
        ])  # fmt: skip
        conn.execute(insert(orders), [
            {"id": 10 * (i + 1) + k, "customer_id": i + 1, "sku": f"SKU-{k}"}
            for i in range(4) for k in range(2)
        ])  # fmt: skip
        conn.execute(insert(items), [
            {"id": 100 + n, "order_id": 10 * (n // 2 + 1) + n % 2, "qty": 1} for n in range(8)
        ])  # fmt: skip
        # person 0 has invoices (held 7 years): their customer row stays, anonymised
        conn.execute(insert(fakturor), [
            {"id": 1, "customer_id": 1, "belopp": 100, "kund_epost": p[0]["email"]},
            {"id": 2, "customer_id": 3, "belopp": 250, "kund_epost": p[2]["email"]},
        ])  # fmt: skip
        conn.execute(insert(tickets), [
            {"id": 1, "body": f"{p[1]['email']} ringde om sin order"},
            {"id": 2, "body": f"{p[1]['email']} och {p[2]['email']} delar konto"},
        ])  # fmt: skip
        conn.execute(text("INSERT INTO nopk (mail) VALUES (:m)"), {"m": p[3]["email"]})
    engine.dispose()
    logs = folder / "logs"
    logs.mkdir()
    lines = [
        {"event": "login", "user": {"email": p[1]["email"], "name": p[1]["name"]}},
        {"event": "login", "user": {"email": p[2]["email"], "name": p[2]["name"]}},
        {"event": "share", "from": p[1]["email"], "to": p[2]["email"]},
    ]
    (logs / "app.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    e164 = ["+46" + x["phone"][1:].replace(" ", "").replace("-", "") for x in p]
    rotated = f"sms to={e164[1]} ok\nsms to={e164[2]} ok\n"
    (logs / "app.log.1.gz").write_bytes(gzip.compress(rotated.encode()))


@pytest.fixture
def estate(tmp_path: Path, database_url: str, pattern_engine: DetectionEngine) -> Path:
    build(database_url, tmp_path)
    config = tmp_path / "pdmap.yaml"
    config.write_text(
        "policy:\n  retention:\n"
        "    - {applies_to: 'crm:fakturor', basis: legal_obligation, keep: P7Y,"
        " note: 'Bokföringslagen 7 kap. 2 §'}\n"
        "    - {applies_to: '*:*', basis: contract}\n"
        f"sources:\n  - {{name: crm, type: sql, url: '{database_url}', system: CRM}}\n"
        "  - {name: app, type: logs, paths: ['logs/*']}\n",
        encoding="utf-8",
    )
    cfg = load_config(config)
    catalog = open_catalog(cfg.catalog_url())
    summary = run_scan(cfg, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert summary.issues == 0
    catalog.close()
    return config


def erase(config: Path, identifier: str, execute: bool) -> ErasurePlan | ErasureReport:
    cfg = load_config(config)
    catalog = open_catalog(cfg.catalog_url())
    connectors = OpenConnectors(cfg)
    try:
        eraser = eraser_for(cfg, catalog, KEY, load_policy(cfg.policy, cfg.base_dir), connectors)
        with eraser.resolver:
            plan = eraser.plan(eraser.resolver.resolve(parse_identifier(identifier)))
            return eraser.execute(plan) if execute else plan
    finally:
        connectors.close()
        catalog.close()


def table_rows(url: str, name: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        meta = MetaData()
        table = Table(name, meta, autoload_with=conn)
        rows = [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
    engine.dispose()
    return rows


def everything(url: str, folder: Path) -> str:
    """Every stored byte of the estate as text, to search for identifiers."""
    parts = [repr(table_rows(url, t)) for t in ("customers", "orders", "order_items", "tickets")]
    parts.append((folder / "logs" / "app.jsonl").read_text(encoding="utf-8"))
    parts.append(gzip.decompress((folder / "logs" / "app.log.1.gz").read_bytes()).decode())
    return "\n".join(parts)


def test_plan_says_what_happens_and_why(estate: Path) -> None:
    plan = erase(estate, f"email:{person(0)['email']}", execute=False)
    assert isinstance(plan, ErasurePlan)
    steps = {(s.container.rsplit(".", 1)[-1], json.dumps(s.record)): s for s in plan.steps}
    assert steps[("customers", '{"id": 1}')].action == "anonymise"
    assert "held rows of" in steps[("customers", '{"id": 1}')].reason
    assert set(steps[("customers", '{"id": 1}')].fields) >= {"email", "pnr", "phone"}
    assert steps[("fakturor", '{"id": 1}')].action == "hold"
    assert "Bokföringslagen" in steps[("fakturor", '{"id": 1}')].reason
    assert steps[("orders", '{"id": 10}')].action == "delete"
    assert steps[("order_items", '{"id": 100}')].action == "delete"
    text_out = json.dumps(plan.to_dict())
    assert person(0)["email"] not in text_out  # the plan shows no raw value
    nopk = erase(estate, f"email:{person(3)['email']}", execute=False)
    assert isinstance(nopk, ErasurePlan)
    skipped = [s for s in nopk.steps if s.container.endswith("nopk")]
    assert [s.action for s in skipped] == ["skip"]
    assert "no primary key" in skipped[0].reason


def test_execute_erases_keeps_holds_and_bystanders(estate: Path, database_url: str) -> None:
    folder = estate.parent
    held_before = table_rows(database_url, "fakturor")
    p0, p1, p2 = person(0), person(1), person(2)
    bystander_before = [r for r in table_rows(database_url, "customers") if r[0] in (3, 4)]
    for identifier in (f"email:{p0['email']}", f"personnummer:{p1['pnr'][2:8]}-{p1['pnr'][8:]}"):
        report = erase(estate, identifier, execute=True)
        assert isinstance(report, ErasureReport)
        assert report.failed == [], report.failed
        assert report.remaining == []
        assert report.verified
    # held rows are byte-identical
    assert table_rows(database_url, "fakturor") == held_before
    stored = everything(database_url, folder)
    for p in (p0, p1):
        e164 = "+46" + p["phone"][1:].replace(" ", "").replace("-", "")
        for value in (p["email"], p["pnr"], p["phone"], p["name"], e164):
            assert value not in stored, value
    # person 0's customer row is still there (invoices reference it), anonymised
    customers = {r[0]: r for r in table_rows(database_url, "customers")}
    assert 1 in customers
    assert 2 not in customers  # person 1's row deleted
    assert customers[1][2] is None
    assert customers[1][1] == "[erased]"  # NOT NULL name
    assert [r for r in customers.values() if r[0] in (3, 4)] == bystander_before
    assert {r[1] for r in table_rows(database_url, "orders")} == {1, 3, 4} - {1} | {3, 4}
    # bystanders keep their values, on shared lines and in the shared ticket
    assert p2["email"] in stored
    assert "+46" + p2["phone"][1:].replace(" ", "").replace("-", "") in stored
    lines = (folder / "logs" / "app.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert p2["email"] in lines[2]
    assert "[erased]" in lines[2]
    assert json.loads(lines[1])["user"]["name"] == p2["name"]
    assert (folder / "logs" / "app.log.1.gz").read_bytes()[:2] == b"\x1f\x8b"  # still gzip
    if database_url.startswith("sqlite"):
        engine = create_engine(database_url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        engine.dispose()
    assert AuditLog(folder / ".pdmap" / "audit.jsonl").verify() == 2


def test_a_file_changed_since_the_scan_is_refused_untouched(estate: Path) -> None:
    log = estate.parent / "logs" / "app.jsonl"
    with log.open("a", encoding="utf-8") as handle:
        handle.write('{"event": "late"}\n')
    before = log.read_bytes()
    report = erase(estate, f"email:{person(1)['email']}", execute=True)
    assert isinstance(report, ErasureReport)
    failed = {s.container for s, _ in report.failed}
    assert failed == {str(log)}
    assert all("changed since it was scanned" in e for _, e in report.failed)
    assert log.read_bytes() == before
    assert not report.verified


def test_successive_erasures_in_one_file(estate: Path) -> None:
    """The first erasure rewrites app.jsonl; the catalog records the new version, so the
    second (another person, same file) is not refused as 'changed since the scan'."""
    for i in (1, 2):
        report = erase(estate, f"email:{person(i)['email']}", execute=True)
        assert isinstance(report, ErasureReport)
        assert report.failed == []
        assert report.verified
    text = (estate.parent / "logs" / "app.jsonl").read_text(encoding="utf-8")
    assert person(1)["email"] not in text
    assert person(2)["email"] not in text


def test_erasure_rewrites_objects_and_keeps_bystanders(
    tmp_path: Path, moto_endpoint: str, s3_admin: Any, bucket: str,
    pattern_engine: DetectionEngine,
) -> None:  # fmt: skip
    """S3 over HTTP (moto's server): lines rewritten in place, gzip kept, bystanders kept."""
    a, b = person(1), person(2)
    csv = f"id,email,phone\n1,{a['email']},{a['phone']}\n2,{b['email']},{b['phone']}\n"
    s3_admin.put_object(Bucket=bucket, Key="kunder.csv", Body=csv.encode())
    events = "".join(json.dumps({"to": p["email"], "n": n}) + "\n" for n, p in enumerate((a, b, a)))
    s3_admin.put_object(Bucket=bucket, Key="events.jsonl.gz", Body=gzip.compress(events.encode()))
    config = tmp_path / "pdmap.yaml"
    config.write_text(
        f"sources:\n  - {{name: exports, type: s3, bucket: {bucket},"
        f" endpoint_url: '{moto_endpoint}', region: eu-north-1}}\n",
        encoding="utf-8",
    )
    cfg = load_config(config)
    catalog = open_catalog(cfg.catalog_url())
    assert run_scan(cfg, catalog, KEY, engine_factory=lambda: pattern_engine).issues == 0
    catalog.close()
    report = erase(config, f"email:{a['email']}", execute=True)
    assert isinstance(report, ErasureReport)
    assert report.failed == []
    assert report.verified
    body = s3_admin.get_object(Bucket=bucket, Key="kunder.csv")["Body"].read().decode()
    assert body == f"id,email,phone\n1,[erased],[erased]\n2,{b['email']},{b['phone']}\n"
    packed = s3_admin.get_object(Bucket=bucket, Key="events.jsonl.gz")["Body"].read()
    lines = gzip.decompress(packed).decode().splitlines()
    assert [json.loads(line)["to"] for line in lines] == ["[erased]", b["email"], "[erased]"]
