"""The audit log: appended entries verify; editing, removing or reordering one is detected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datamap.audit import AuditLog, AuditTampered


def test_chain_verifies_and_tampering_shows(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")
    for n in range(3):
        log.append({"event": "locate", "identifier": f"fp{n}", "actor": "cli"})
    assert log.verify() == 3
    assert (tmp_path / "audit.jsonl").stat().st_mode & 0o777 == 0o600
    lines = (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[1])
    edited["identifier"] = "someone-else"
    for broken in (
        [lines[0], json.dumps(edited), lines[2]],  # an entry altered
        [lines[0], lines[2]],  # an entry removed
        [lines[1], lines[0], lines[2]],  # reordered
    ):
        (tmp_path / "audit.jsonl").write_text("\n".join(broken) + "\n", encoding="utf-8")
        with pytest.raises(AuditTampered):
            log.verify()


def test_appends_read_only_the_tail_even_after_a_long_entry(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")
    log.append({"event": "erasure", "summary": "x" * 10_000})  # longer than one tail read
    for n in range(50):
        log.append({"event": "locate", "n": n})
    assert log.verify() == 51
