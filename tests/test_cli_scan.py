"""`pdmap scan` and `pdmap findings` as a user runs them: exit codes, output, no raw values."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text


def pdmap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PDMAP_SECRET": "a-test-secret-of-enough-length"}
    return subprocess.run(
        [sys.executable, "-m", "pdmap.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_scan_then_findings(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'crm.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE kunder (id INTEGER PRIMARY KEY, epost TEXT, tel TEXT)"))
        for i in range(1, 31):
            conn.execute(
                text("INSERT INTO kunder VALUES (:i, :e, :t)"),
                {"i": i, "e": f"k{i}@exempel.se", "t": f"070-{100 + i} 45 67"},
            )
    engine.dispose()
    (tmp_path / "pdmap.yaml").write_text(
        "sources:\n  - {name: crm, type: sql, url: 'sqlite:///crm.db', system: CRM}\n",
        encoding="utf-8",
    )
    first = pdmap("scan", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "scanned=1" in first.stderr
    again = pdmap("scan", cwd=tmp_path)
    assert again.returncode == 0
    assert "skipped=1" in again.stderr
    out = pdmap("findings", "--format", "jsonl", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert {(r["field"], r["entity_type"]) for r in records} == {
        ("epost", "EMAIL_ADDRESS"),
        ("tel", "PHONE_NUMBER"),
    }
    assert "k1@exempel.se" not in out.stdout
    as_csv = pdmap("findings", "--format", "csv", cwd=tmp_path)
    assert as_csv.stdout.splitlines()[0].startswith("source,container,field,entity_type,categories")


def test_scan_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "pdmap.yaml").write_text(
        "sources:\n  - {name: gone, type: sql, url: 'postgresql+psycopg://postgres@127.0.0.1:1/x'}\n",
        encoding="utf-8",
    )
    with_issues = pdmap("scan", cwd=tmp_path)
    assert with_issues.returncode == 3
    assert "Traceback" not in with_issues.stderr
    missing = pdmap("scan", "--config", "nope.yaml", cwd=tmp_path)
    assert missing.returncode == 1
    assert "not found" in missing.stderr
    unknown = pdmap("scan", "--source", "other", cwd=tmp_path)
    assert unknown.returncode == 1
    assert "no source named 'other'" in unknown.stderr


def crm_estate(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'crm.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE kunder (id INTEGER PRIMARY KEY, epost TEXT, tel TEXT)"))
        conn.execute(
            text(
                "CREATE TABLE ordrar"
                " (id INTEGER PRIMARY KEY, kund_id INTEGER REFERENCES kunder(id))"
            )
        )
        for i in range(1, 31):
            conn.execute(
                text("INSERT INTO kunder VALUES (:i, :e, :t)"),
                {"i": i, "e": f"k{i}@exempel.se", "t": f"070-{100 + i} 45 67"},
            )
        conn.execute(text("INSERT INTO ordrar VALUES (7, 3), (8, 4)"))
    engine.dispose()
    (tmp_path / "pdmap.yaml").write_text(
        "sources:\n  - {name: crm, type: sql, url: 'sqlite:///crm.db', system: CRM}\n",
        encoding="utf-8",
    )
    assert pdmap("scan", cwd=tmp_path).returncode == 0


def test_subject_locate_and_export_commands(tmp_path: Path) -> None:
    crm_estate(tmp_path)
    out = pdmap("subject", "locate", "--identifier", "email:K3@Exempel.se", "--format", "json",
                cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    locations = {
        (loc["container"], loc["field"], json.dumps(loc["record"])) for loc in answer["locations"]
    }
    assert locations == {
        ("kunder", "epost", '{"id": 3}'),
        ("kunder", "tel", '{"id": 3}'),  # the phone beside the e-mail, linked
        ("ordrar", "kund_id", '{"id": 7}'),
    }
    first = answer["locations"][0]
    assert set(first) >= {"source", "container", "field", "record", "categories", "via"}
    assert "k3@exempel.se" not in out.stdout.lower()
    assert "103 45 67" not in out.stdout
    assert "1034567" not in out.stdout
    table = pdmap("subject", "locate", "-i", "phone:+46701034567", cwd=tmp_path)
    assert table.returncode == 0
    assert "kunder" in table.stdout
    bad = pdmap("subject", "locate", "-i", "personnummer:123", cwd=tmp_path)
    assert bad.returncode == 2
    assert "not a valid personnummer" in bad.stderr
    exported = pdmap("subject", "export", "-i", "email:k3@exempel.se", "-o", "k3.json",
                     cwd=tmp_path)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    path = tmp_path / "k3.json"
    assert path.stat().st_mode & 0o777 == 0o600
    document = json.loads(path.read_text(encoding="utf-8"))
    assert {d["value"] for d in document["data"]["contact"]} >= {"k3@exempel.se", "070-103 45 67"}
    assert "k3@exempel.se" not in exported.stderr
    assert pdmap("subject", "export", "-i", "email:x", "-o", "x.json", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "x.json").exists()


def test_subject_erase_command(tmp_path: Path) -> None:
    crm_estate(tmp_path)
    plan = pdmap("subject", "erase", "-i", "email:k3@exempel.se", "--format", "json", cwd=tmp_path)
    assert plan.returncode == 0, plan.stderr
    steps = json.loads(plan.stdout)["steps"]
    assert {(s["container"], s["action"]) for s in steps} == {
        ("kunder", "delete"), ("ordrar", "delete"),
    }  # fmt: skip
    assert "k3@exempel.se" not in plan.stdout
    done = pdmap("subject", "erase", "-i", "email:k3@exempel.se", "--execute", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "verified=true" in done.stderr
    again = pdmap("subject", "locate", "-i", "email:k3@exempel.se", "-f", "json", cwd=tmp_path)
    assert json.loads(again.stdout)["locations"] == []
    from datamap.audit import AuditLog

    audit = tmp_path / ".pdmap" / "audit.jsonl"
    assert AuditLog(audit).verify() == 3
    events = [json.loads(line)["event"] for line in audit.read_text(encoding="utf-8").splitlines()]
    assert events == ["erasure_plan", "erasure", "locate"]
    assert "k3@exempel.se" not in audit.read_text(encoding="utf-8")


def test_subject_rectify_and_restrict_plans(tmp_path: Path) -> None:
    crm_estate(tmp_path)
    out = pdmap("subject", "rectify", "-i", "email:k3@exempel.se", "-t", "phone_number",
                "-f", "json", cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    assert [(s["container"], s["field"], s["action"]) for s in plan["steps"]] == [
        ("kunder", "tel", "rectify")
    ]
    assert "103 45 67" not in out.stdout
    restrict = pdmap("subject", "restrict", "-i", "email:k3@exempel.se", cwd=tmp_path)
    assert restrict.returncode == 0, restrict.stderr
    assert "restrict" in restrict.stdout
    bad = pdmap("subject", "rectify", "-i", "email:k3@exempel.se", "-t", "SHOE_SIZE", cwd=tmp_path)
    assert bad.returncode == 2


def test_report_command(tmp_path: Path) -> None:
    crm_estate(tmp_path)
    out = pdmap("report", "--format", "html", "--output", "map.html", "--lang", "sv", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "<svg" in page
    assert "kunder" in page
    for i in range(1, 31):  # no raw identifier of the estate anywhere
        assert f"k{i}@exempel.se" not in page
        assert f"070-{100 + i} 45 67" not in page
    as_json = pdmap("report", "-f", "json", "-o", "map.json", cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    record = json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))["art30"]
    for activity in record["controller"]:
        assert {"purposes", "data_categories", "data_subjects", "recipients", "transfers",
                "retention", "security"} <= set(activity)  # fmt: skip
    assert pdmap("report", "-f", "pdf", cwd=tmp_path).returncode == 1
