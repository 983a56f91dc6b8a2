"""`pdmap demo` as a newcomer runs it: a made-up estate in a folder, scanned (SQLite, logs, S3 on a
local server), a self-contained HTML data map, and no raw identifier in what it writes; then the
page as a real browser (headless Chromium) draws it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pdmap.demo import build_estate
from tests.pngread import read_png


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("demo") / "demo"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    run = subprocess.run(
        [sys.executable, "-m", "pdmap.cli", "demo", "--dir", str(folder)],
        capture_output=True, text=True, env=env, check=False, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return folder, run.stdout


def test_demo_builds_scans_and_maps(demo: tuple[Path, str], tmp_path: Path) -> None:
    folder, stdout = demo
    assert "data map:" in stdout
    assert "crm, applogs, exports" in stdout
    assert "0 scan issues" in stdout
    assert "not declared by the policy: financial" in stdout
    # the demo's logs keep logins older than its 90-day log retention (a login every 4th day
    # back from today: 40 lines, those 92 days old and older past it)
    said = " ".join(stdout.split())  # rich wraps lines when not in a terminal
    assert said.count("kept past its retention: applogs:") == 3
    assert "app.jsonl (17 records with identifiers older than P90D)" in said
    # and invoices every 250th day back: the 10 older than seven years are past bookkeeping
    assert "kept past its retention: crm:fakturor (10 records with identifiers older than P7Y)" in (
        said
    )
    page = (folder / "pdmap-report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2  # the Sankey and the graph view
    assert 'class="graph"' in page
    assert not re.search(r"(?i)(https?:|ftp:)//|\bsrc=|<script", page)
    people = build_estate(tmp_path / "again")  # the same made-up people (seeded)
    catalog = (folder / ".pdmap" / "catalog.db").read_bytes()
    for person in people:
        for value in (person["email"], person["pnr"], person["phone"]):
            assert value not in page
            assert value.encode() not in catalog


def chromium() -> str:
    """Debian's Chromium (``.ci/run`` installs it). In CI (CI=true) its absence fails the
    test; a plain local run skips it."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if (path := shutil.which(name)) is not None:
            return path
    message = "no Chromium on PATH (Debian: apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_chromium_draws_the_report(demo: tuple[Path, str], tmp_path: Path) -> None:
    """The demo's HTML page rendered by headless Chromium, offline (no network flags), to a
    PNG whose pixels show both pictures: the source and category colours of the Sankey and
    the graph, and the red of the undeclared financial category."""
    folder, _ = demo
    shot = tmp_path / "report.png"
    run = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1280,1200", f"--screenshot={shot}",
         (folder / "pdmap-report.html").as_uri()],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    picture = read_png(shot)
    assert (picture.width, picture.height) == (1280, 1200)
    colours = picture.colours
    white = colours[(255, 255, 255)]
    assert white < 0.9 * picture.width * picture.height  # something is drawn
    assert picture.near((0xD6, 0x27, 0x28)) > 500  # undeclared category (Sankey box, graph node)
    assert picture.near((0x4E, 0x79, 0xA7)) > 2000  # graph: source nodes
    assert picture.near((0x59, 0xA1, 0x4F)) > 2000  # graph: declared category nodes
    assert picture.near((0x9C, 0x75, 0x5F)) > 500  # graph: where processed
