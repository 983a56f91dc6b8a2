"""`pdmap demo` as a newcomer runs it: a made-up estate in a folder, scanned (SQLite, logs, S3 on a
local server), a self-contained HTML data map, and no raw identifier in what it writes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from pdmap.demo import build_estate


def test_demo_builds_scans_and_maps(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    run = subprocess.run(
        [sys.executable, "-m", "pdmap.cli", "demo", "--dir", str(folder)],
        capture_output=True, text=True, env=env, check=False, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "data map:" in run.stdout
    assert "crm, applogs, exports" in run.stdout
    assert "0 scan issues" in run.stdout
    assert "not declared by the policy: financial" in run.stdout
    page = (folder / "pdmap-report.html").read_text(encoding="utf-8")
    assert "<svg" in page
    assert not re.search(r"(?i)(https?:|ftp:)//|\bsrc=|<script", page)
    people = build_estate(tmp_path / "again")  # the same made-up people (seeded)
    catalog = (folder / ".pdmap" / "catalog.db").read_bytes()
    for person in people:
        for value in (person["email"], person["pnr"], person["phone"]):
            assert value not in page
            assert value.encode() not in catalog
