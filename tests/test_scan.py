"""`pdmap scan` end to end on a generated estate in SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import io
import json
from pathlib import Path

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

from datamap.catalog import open_catalog
from pdmap.config import load_config
from pdmap.scan import run_scan
from reports.findings import render_findings
from scanner.engine import DetectionEngine
from scanner.fingerprint import Fingerprinter
from scanner.normalize import normalise
from tests.conftest import skatteverket_numbers

KEY = b"s" * 32
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Per", "Eva", "Johan", "Sara", "Nils"]


def build(url: str) -> list[str]:
    meta = MetaData()
    kunder = Table(
        "kunder",
        meta,
        Column("id", Integer, primary_key=True),
        Column("fnamn", String(40)),
        Column("epost", String(80)),
        Column("pnr", String(13)),
        Column("tel", String(20)),
        Column("c7", String(80)),  # obfuscated: holds e-mail too
    )
    orders = Table(
        "orders",
        meta,
        Column("id", Integer, primary_key=True),
        Column("kund_id", Integer, ForeignKey("kunder.id")),
        Column("belopp", Numeric(10, 2)),
        Column("sku", String(20)),
    )
    products = Table(
        "products",
        meta,
        Column("id", Integer, primary_key=True),
        Column("sku", String(20)),
        Column("ean", String(13)),
        Column("price", Numeric(10, 2)),
        Column("version", String(20)),
    )
    engine = create_engine(url)
    meta.create_all(engine)
    numbers = [n for n in skatteverket_numbers() if n[:4] >= "1940"][:60]
    with engine.begin() as conn:
        conn.execute(
            insert(kunder),
            [
                {
                    "id": i + 1,
                    "fnamn": FIRST[i % 10],
                    "epost": f"kund{i}@exempel.se",
                    "pnr": f"{numbers[i][:8]}-{numbers[i][8:]}",
                    "tel": f"070-{100 + i:03d} 45 67",
                    "c7": f"alt{i}@exempel.se",
                }
                for i in range(60)
            ],
        )
        conn.execute(
            insert(orders),
            [
                {"id": i + 1, "kund_id": i % 60 + 1, "belopp": 100 + i, "sku": f"SKU-{i:05d}"}
                for i in range(200)
            ],
        )
        conn.execute(
            insert(products),
            [
                {
                    "id": i + 1,
                    "sku": f"SKU-{i:05d}",
                    "ean": "7310865004703",
                    "price": 99 + i,
                    "version": f"10.{i}.0.1",
                }
                for i in range(50)
            ],
        )
    engine.dispose()
    return numbers


def write_config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "pdmap.yaml"
    path.write_text(
        f"sources:\n  - name: crm\n    type: sql\n    url: {url}\n    system: CRM\n",
        encoding="utf-8",
    )
    return path


def test_scan_classifies_indexes_and_rescans_incrementally(
    tmp_path: Path, database_url: str, pattern_engine: DetectionEngine
) -> None:
    numbers = build(database_url)
    config = load_config(write_config(tmp_path, database_url))
    catalog = open_catalog(config.catalog_url())
    assert Path(config.catalog_url().removeprefix("sqlite:///")).parent == tmp_path / ".pdmap"
    first = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert first.issues == 0
    found = {(f.container.rsplit(".", 1)[-1], f.field, f.entity_type) for f in catalog.findings()}
    assert found == {
        ("kunder", "fnamn", "PERSON"),
        ("kunder", "epost", "EMAIL_ADDRESS"),
        ("kunder", "pnr", "SE_PERSONNUMMER"),
        ("kunder", "tel", "PHONE_NUMBER"),
        ("kunder", "c7", "EMAIL_ADDRESS"),
    }
    # the identifier index locates a person by any written form of their personnummer
    fp = Fingerprinter(KEY)
    wanted = fp.fingerprint("SE_PERSONNUMMER", numbers[7][2:])  # 10 digits, no separator
    hits = list(catalog.locate([wanted]))
    assert [(h[1].rsplit(".", 1)[-1], h[2], h[4]) for h in hits] == [("kunder", "pnr", {"id": 8})]
    phone = fp.fingerprint_normalised("PHONE_NUMBER", normalise("PHONE_NUMBER", "+46701074567"))
    assert [h[4] for h in catalog.locate([phone])] == [{"id": 8}]

    second = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert (second.scanned, second.skipped) == (0, 3)
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM orders WHERE id = 200"))
    engine.dispose()
    third = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert (third.scanned, third.skipped) == (1, 2)
    full = run_scan(config, catalog, KEY, full=True, engine_factory=lambda: pattern_engine)
    assert full.scanned == 3
    assert catalog.identifier_count() == 60 * 4  # e-mail, c7 e-mail, personnummer, phone
    catalog.close()


def test_findings_records_follow_the_contract(
    tmp_path: Path, pattern_engine: DetectionEngine
) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    build(url)
    config = load_config(write_config(tmp_path, url))
    catalog = open_catalog(config.catalog_url())
    run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    out = io.StringIO()
    render_findings(catalog.findings(), "jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    email = next(r for r in records if r["field"] == "epost")
    assert {
        k: email[k] for k in ("source", "container", "entity_type", "categories", "sampled")
    } == {
        "source": "crm",
        "container": "kunder",
        "entity_type": "EMAIL_ADDRESS",
        "categories": ["identification", "contact"],
        "sampled": 60,
    }
    assert email["address"] == "crm:kunder:epost"
    assert email["declared_by_policy"] is True
    assert email["count"] == 60
    assert 0.5 < email["confidence"] <= 1
    text_out = out.getvalue()
    assert "kund1@exempel.se" not in text_out
    assert "070-101 45 67" not in text_out
    catalog.close()


def test_unreachable_source_is_an_issue(tmp_path: Path, pattern_engine: DetectionEngine) -> None:
    ok = f"sqlite:///{tmp_path / 'crm.db'}"
    build(ok)
    path = tmp_path / "pdmap.yaml"
    path.write_text(
        "sources:\n"
        "  - {name: gone, type: sql, url: 'postgresql+psycopg://postgres@127.0.0.1:1/x'}\n"
        f"  - {{name: crm, type: sql, url: '{ok}'}}\n",
        encoding="utf-8",
    )
    config = load_config(path)
    catalog = open_catalog(config.catalog_url())
    summary = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert summary.sources_failed == ["gone"]
    assert summary.scanned == 3
    assert [i.kind for i in catalog.issues()] == ["source_unavailable"]
    catalog.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: [{name: a, type: ftp}]", "sources.0"),
        ("sources: [{name: a, type: sql}]", "url"),
        (
            "sources: [{name: a, type: logs, paths: [x]}, {name: a, type: logs, paths: [y]}]",
            "unique",
        ),
        ("- just a list", "mapping"),
    ],
)
def test_bad_configuration_names_the_problem(tmp_path: Path, text: str, message: str) -> None:
    from pdmap.config import ConfigError

    path = tmp_path / "pdmap.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_unreadable_container_keeps_earlier_findings(
    tmp_path: Path, pattern_engine: DetectionEngine
) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    build(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE staging (id INTEGER PRIMARY KEY, mail TEXT)"))
        conn.execute(text("INSERT INTO staging VALUES (1, 'a@exempel.se'), (2, 'b@exempel.se')"))
        conn.execute(text("CREATE VIEW staged AS SELECT id, mail FROM staging"))
    config = load_config(write_config(tmp_path, url))
    catalog = open_catalog(config.catalog_url())
    run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert ("staged", "mail", "EMAIL_ADDRESS") in {
        (f.container, f.field, f.entity_type) for f in catalog.findings()
    }
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE staging"))  # the view now errors
    engine.dispose()
    summary = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert summary.issues == 1
    assert [(i.container, i.kind) for i in catalog.issues(summary.run_id)] == [
        ("staged", "unreadable")
    ]
    assert ("staged", "mail", "EMAIL_ADDRESS") in {
        (f.container, f.field, f.entity_type) for f in catalog.findings()
    }
    catalog.close()


def test_scan_tasks_are_plain_and_picklable(
    tmp_path: Path, pattern_engine: DetectionEngine
) -> None:
    import pickle

    from pdmap.config import build_connector
    from pdmap.scan import ScanTask, ScanTools, run_task

    url = f"sqlite:///{tmp_path / 'crm.db'}"
    build(url)
    config = load_config(write_config(tmp_path, url))
    source = config.sources[0]
    with build_connector(source, config.base_dir) as connector:
        info = next(c for c in connector.containers() if c.name == "kunder")
    task = ScanTask(source, config.base_dir, info)
    copy = pickle.loads(pickle.dumps(task))
    assert copy == task
    result = run_task(copy, ScanTools.build(KEY, pattern_engine))
    assert pickle.loads(pickle.dumps(result)).findings == result.findings
    assert {f.entity_type for f in result.findings} >= {"EMAIL_ADDRESS", "SE_PERSONNUMMER"}


def test_catalog_on_each_database_and_parallel_workers(
    tmp_path: Path, database_url: str, pattern_engine: DetectionEngine
) -> None:
    """The catalog itself on SQLite, PostgreSQL and MariaDB; two forked workers give the same
    findings as one process."""
    estate = f"sqlite:///{tmp_path / 'crm.db'}"
    build(estate)
    path = tmp_path / "pdmap.yaml"
    path.write_text(
        f"catalog: '{database_url}'\nsources:\n  - {{name: crm, type: sql, url: '{estate}'}}\n",
        encoding="utf-8",
    )
    config = load_config(path)
    catalog = open_catalog(config.catalog_url())
    one = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    single = sorted((f.container, f.field, f.entity_type, f.count) for f in catalog.findings())
    two = run_scan(
        config, catalog, KEY, full=True, workers=2, engine_factory=lambda: pattern_engine
    )
    parallel = sorted((f.container, f.field, f.entity_type, f.count) for f in catalog.findings())
    assert (one.scanned, two.scanned) == (3, 3)
    assert parallel == single
    assert len(single) == 5
    assert catalog.identifier_count() == 60 * 4
    open_catalog(config.catalog_url()).close()  # reopening an up-to-date catalog is a no-op
    catalog.close()


def test_every_field_of_every_log_line_is_indexed_and_no_spool_is_left(
    tmp_path: Path, pattern_engine: DetectionEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON key that first appears long after the sampled lines is still indexed; the
    worker's spool file of index rows is gone once merged."""
    spools = tmp_path / "spool"
    spools.mkdir()
    monkeypatch.setenv("TMPDIR", str(spools))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    logs = tmp_path / "logs"
    logs.mkdir()
    lines = [json.dumps({"event": "ping", "n": i}) for i in range(5000)]
    lines.append(json.dumps({"event": "signup", "contact": {"mail": "Late.Key@Exempel.SE"}}))
    (logs / "app.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "pdmap.yaml"
    path.write_text("sources:\n  - {name: app, type: logs, paths: ['logs/*.jsonl']}\n", "utf-8")
    config = load_config(path)
    catalog = open_catalog(config.catalog_url())
    summary = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert summary.identifiers == 1
    wanted = Fingerprinter(KEY).fingerprint("EMAIL_ADDRESS", "late.key@exempel.se")
    hits = [(h[2], h[4]) for h in catalog.locate([wanted])]
    assert hits == [("contact.mail", {"line": 5001})]
    assert list(spools.iterdir()) == []
    catalog.close()
