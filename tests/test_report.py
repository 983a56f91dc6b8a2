"""The data map and Art. 30 report: every Art. 30 field per activity, the gaps, and an HTML file
with a picture, no external URL and no raw identifier."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from datamap.policy import load_policy
from reports.datamap import ART30_FIELDS, build_report
from reports.render import render_report
from tests.test_graph import catalog_with_findings


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
