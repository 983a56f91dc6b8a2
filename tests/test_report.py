"""The data map and Art. 30 report: every Art. 30 field per activity, the gaps, and an HTML file
with a picture, no external URL and no raw identifier."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from datamap.catalog import ContainerResult, FieldFinding, open_catalog
from datamap.policy import load_policy
from pdmap.config import load_config
from pdmap.scan import run_scan
from reports.datamap import ART30_FIELDS, GRAPH_CONTAINERS, build_report
from reports.render import render_report
from scanner.engine import DetectionEngine
from tests.test_graph import catalog_with_findings

KEY = b"r" * 32


def model(tmp_path: Path, lang: str = "en") -> dict[str, Any]:
    catalog = catalog_with_findings()
    try:
        sources = {"crm": ("sql", "CRM"), "app": ("logs", None)}
        return build_report(catalog, load_policy(None, tmp_path), sources, lang)
    finally:
        catalog.close()


def test_art30_record_and_gaps(tmp_path: Path) -> None:
    report = model(tmp_path)
    activities = report["art30"]["controller"]
    assert activities
    for activity in activities:
        assert set(ART30_FIELDS) <= set(activity)
        assert activity["complete"] == (not activity["missing"])
    for processor in report["art30"]["processor"]:  # texts in the report's language
        assert isinstance(processor["categories_of_processing"], str | None)
    assert "Operation of IT systems" in [
        p["categories_of_processing"] for p in report["art30"]["processor"]
    ]
    services = next(a for a in activities if "crm:kunder" in a["found_in"])
    assert services["data_categories"]
    gaps = report["gaps"]
    assert [(g["field"], g["categories"]) for g in gaps["undeclared_categories"]] == [
        ("iban", ["financial"])
    ]
    rows = {(r["container"], r["field"]) for r in report["data_map"]}
    assert ("kunder", "epost") in rows
    assert ("/var/log/app/a.log", None) in rows


def test_html_is_self_contained_with_a_picture(tmp_path: Path) -> None:
    out = io.StringIO()
    render_report(model(tmp_path, "sv"), "html", out)
    page = out.getvalue()
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert "<path" in page
    assert not re.search(r"(?i)(https?:|ftp:)//|\bsrc=|<link|<script|@import|url\(", page)
    for name in ("crm", "app", "identification", "contact", "history", "financial", "Smartsign"):
        assert name in page
    assert "Registerförteckning" in page


def test_json_csv_and_markdown(tmp_path: Path) -> None:
    report = model(tmp_path)
    for fmt in ("json", "csv", "md"):
        out = io.StringIO()
        render_report(report, fmt, out)
        text = out.getvalue()
        assert "kunder" in text
    out = io.StringIO()
    render_report(report, "json", out)
    assert json.loads(out.getvalue())["art30"]["controller"]


def test_personal_data_in_logs_past_retention(
    tmp_path: Path, pattern_engine: DetectionEngine
) -> None:
    """Dated lines are counted per day by the scan (and added to on an appended log); the report
    lists the log whose identifier-bearing lines are older than its retention rule allows, and
    not the one kept within it or the one under a rule without a time limit."""
    logs = tmp_path / "logs"
    logs.mkdir()
    now = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)

    def line(day: dt.datetime, who: str | None) -> str:
        record: dict[str, Any] = {"ts": day.isoformat(), "event": "login"}
        if who:
            record["email"] = f"{who}@exempel.se"
        return json.dumps(record)

    old = [line(now - dt.timedelta(days=120 - i), f"p{i}" if i % 2 else None) for i in range(10)]
    new = [line(now - dt.timedelta(days=2), "q1"), line(now - dt.timedelta(days=1), None)]
    (logs / "app.jsonl").write_text("\n".join(old + new) + "\n", encoding="utf-8")
    (logs / "fresh.jsonl").write_text("\n".join(new) + "\n", encoding="utf-8")
    (tmp_path / "pdmap.yaml").write_text(
        "policy:\n  retention:\n"
        "    - {applies_to: 'app:*', basis: legitimate_interests, keep: P90D}\n"
        "    - {applies_to: '*:*', basis: contract, keep: null}\n"
        "sources:\n  - {name: app, type: logs, paths: ['logs/*.jsonl']}\n"
        "  - {name: other, type: logs, paths: ['logs/app.jsonl']}\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "pdmap.yaml")
    policy = load_policy(config.policy, tmp_path)
    catalog = open_catalog(config.catalog_url())
    try:
        run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
        days = {(src, Path(name).name): d for (src, name), d in catalog.record_days().items()}
        assert sum(n for n, _ in days[("app", "app.jsonl")].values()) == 12
        assert sum(k for _, k in days[("app", "app.jsonl")].values()) == 6
        sources = {s.name: (s.type, s.system) for s in config.sources}
        gaps = build_report(catalog, policy, sources, now=now)["gaps"]
        past = gaps["personal_data_past_retention"]
        assert [(g["source"], Path(g["container"]).name) for g in past] == [("app", "app.jsonl")]
        assert past[0]["retention"] == "P90D"
        assert past[0]["oldest_record"] == (now - dt.timedelta(days=120)).date().isoformat()
        # days 120..111 ago are all past 90 days: 10 lines, 5 of them with an e-mail
        counts = past[0]["records_past_retention"], past[0]["identified_records_past_retention"]
        assert counts == (10, 5)
        # an appended line resumes from the checkpoint: its day is added, the rest kept
        with (logs / "app.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(line(now - dt.timedelta(days=100), "late") + "\n")
        run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
        gaps = build_report(catalog, policy, sources, now=now)["gaps"]
        past = gaps["personal_data_past_retention"]
        counts = past[0]["records_past_retention"], past[0]["identified_records_past_retention"]
        assert counts == (11, 6)
        out = io.StringIO()
        render_report(build_report(catalog, policy, sources, now=now), "html", out)
        assert "Personal data kept past its retention" in out.getvalue()
        assert "exempel.se" not in out.getvalue()
    finally:
        catalog.close()


def test_graph_view_draws_the_busiest_containers_and_counts_the_rest(tmp_path: Path) -> None:
    """The report's graph: every edge joins drawn nodes, the undeclared category and nothing
    else is flagged, and past GRAPH_CONTAINERS the containers holding least are one node per
    source, named in the HTML."""
    catalog = open_catalog("sqlite://")
    try:
        catalog.upsert_source("crm", "sql", "CRM", "x")
        run = catalog.start_run(True)
        for i in range(GRAPH_CONTAINERS + 5):
            findings = [FieldFinding("e", "TEXT", "EMAIL_ADDRESS", 100 + i, 200, 0.9)]
            if i == 0:
                findings.append(FieldFinding("iban", "TEXT", "IBAN_CODE", 1, 200, 0.9))
            catalog.save(run, ContainerResult("crm", f"t{i}", "table", findings=findings))
        report = build_report(catalog, load_policy(None, tmp_path), {"crm": ("sql", "CRM")})
    finally:
        catalog.close()
    graph = report["graph"]
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in graph["edges"])
    assert graph["omitted_containers"] == 5
    drawn = {n["label"] for n in graph["nodes"] if n["kind"] == "container" and "more" not in n}
    assert "t0" in drawn  # the undeclared IBAN keeps it among the busiest
    assert {"t1", "t2", "t3", "t4"}.isdisjoint(drawn)  # the fewest e-mails
    assert [n["more"] for n in graph["nodes"] if "more" in n] == [5]
    assert {n["label"] for n in graph["nodes"] if n["flag"]} == {"financial"}
    out = io.StringIO()
    render_report(report, "html", out)
    assert "+5 more (crm)" in out.getvalue()
    assert 'class="graph"' in out.getvalue()


def test_table_rows_past_retention_on_each_database(
    tmp_path: Path, database_url: str, pattern_engine: DetectionEngine
) -> None:
    """A table's rows are dated by its record-time column (here a native DATETIME/TIMESTAMP;
    the birth date beside it never counts), so rows kept past their rule are listed too."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    metadata = sa.MetaData()
    accounts = sa.Table(
        "konton", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("epost", sa.String(100)),
        sa.Column("fodelsedatum", sa.Date),
        sa.Column("created_at", sa.DateTime),
    )  # fmt: skip
    engine = sa.create_engine(database_url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            sa.insert(accounts),
            [
                {"id": i, "epost": f"konto{i}@exempel.se", "fodelsedatum": dt.date(1980, 1, 1),
                 "created_at": (now - dt.timedelta(days=800 if i <= 4 else 30)).replace(
                     tzinfo=None)}
                for i in range(1, 11)
            ],
        )  # fmt: skip
    engine.dispose()
    (tmp_path / "pdmap.yaml").write_text(
        "policy:\n  retention:\n"
        "    - {applies_to: 'crm:*konton', basis: contract, keep: P2Y}\n"
        f"sources:\n  - {{name: crm, type: sql, url: '{database_url}'}}\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "pdmap.yaml")
    catalog = open_catalog(config.catalog_url())
    try:
        run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
        report = build_report(catalog, load_policy(config.policy, tmp_path), {"crm": ("sql", None)})
    finally:
        catalog.close()
    past = report["gaps"]["personal_data_past_retention"]
    assert [(g["container"].rsplit(".", 1)[-1], g["retention"]) for g in past] == [
        ("konton", "P2Y")
    ]
    assert (past[0]["records_past_retention"], past[0]["identified_records_past_retention"]) == (
        4,
        4,
    )
    assert past[0]["oldest_record"] == (now - dt.timedelta(days=800)).date().isoformat()
