"""The HTTP API: 401/403 semantics, the same locations as the CLI, rate limiting, the audit log,
and schemathesis over the OpenAPI document (no server errors, responses as documented)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from datamap.audit import AuditLog
from pdmap.api import create_app, token_store
from pdmap.config import load_config
from scanner.engine import DetectionEngine
from tests.test_cli_scan import crm_estate, pdmap

SECRET = "a-test-secret-of-enough-length"  # the one tests.test_cli_scan.pdmap scans with


@pytest.fixture
def estate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PDMAP_SECRET", SECRET)
    crm_estate(tmp_path)
    return tmp_path


def test_auth_roles_locations_audit_and_rate_limit(estate: Path) -> None:
    cfg = load_config(estate / "pdmap.yaml")
    store = token_store(cfg)
    reader, operator = store.create("reader"), store.create("operator")
    assert "pdm_" in reader
    assert reader not in (estate / ".pdmap" / "tokens.json").read_text(encoding="utf-8")
    with TestClient(create_app(cfg, lookups_per_minute=3)) as client:
        url = "/api/v1/subjects/locations"
        params = {"identifier": "email:K3@exempel.se"}
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get(url, params=params).status_code == 401
        wrong = {"Authorization": "Bearer pdm_00000000_nope"}
        assert client.get(url, params=params, headers=wrong).status_code == 401
        as_reader = {"Authorization": f"Bearer {reader}"}
        answer = client.get(url, params=params, headers=as_reader)
        assert answer.status_code == 200
        cli = pdmap("subject", "locate", "-i", "email:k3@exempel.se", "-f", "json", cwd=estate)
        assert answer.json()["locations"] == json.loads(cli.stdout)["locations"]
        assert "k3@exempel.se" not in answer.text
        export = "/api/v1/subjects/export"
        assert client.get(export, params=params, headers=as_reader).status_code == 403
        erase = client.post("/api/v1/subjects/erasure", json={"identifier": "email:k3@exempel.se"},
                            headers=as_reader)  # fmt: skip
        assert erase.status_code == 403
        bad = client.get(url, params={"identifier": "email:nope"}, headers=as_reader)
        assert bad.status_code == 400
        assert client.get(url, params=params, headers=as_reader).status_code == 200  # 3rd
        limited = client.get(url, params=params, headers=as_reader)  # 4th in a minute
        assert limited.status_code == 429
        assert int(limited.headers["Retry-After"]) >= 1
        as_operator = {"Authorization": f"Bearer {operator}"}
        document = client.get(export, params=params, headers=as_operator).json()
        assert document["records"]
        for path in ("/api/v1/findings", "/api/v1/datamap", "/api/v1/scans"):
            assert client.get(path, headers=as_reader).status_code == 200
    entries = [
        json.loads(line)
        for line in (estate / ".pdmap" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    reader_id = reader.split("_")[1]
    assert [e["event"] for e in entries if e["actor"] == f"token:{reader_id}"] == [
        "locate", "locate",
    ]  # fmt: skip
    assert AuditLog(estate / ".pdmap" / "audit.jsonl").verify() == len(entries)


def test_openapi_with_schemathesis(estate: Path, pattern_engine: DetectionEngine) -> None:
    """Every operation of the OpenAPI document with generated inputs and an admin token: no
    server error, and every response as the document says. (Schemathesis' pytest plugin does
    not run under pytest 9, so its strategies are driven by hypothesis directly.) Erasure
    requests are plans only: the estate stays as it is."""
    cfg = load_config(estate / "pdmap.yaml")
    headers = {"Authorization": f"Bearer {token_store(cfg).create('admin')}"}
    app = create_app(cfg, lookups_per_minute=100_000, engine_factory=lambda: pattern_engine)
    api = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case: schemathesis.Case) -> None:
            if isinstance(case.body, dict):
                case.body["execute"] = False
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.path, response.text[:300])
            # A value the pattern admits can still be no valid identifier (a personnummer with a
            # bad check digit): that 400 is documented, not a rejected valid request.
            case.validate_response(response, excluded_checks=[positive_data_acceptance])

        check()
    app.state.scans.wait(60)  # scans it started end before the estate goes


def test_scans_started_through_the_api(estate: Path, pattern_engine: DetectionEngine) -> None:
    """An admin starts a scan (202 with its run), one at a time (409 while it runs), follows it
    to its end and finds it audited; lower roles get 403 and an unknown source 400."""
    cfg = load_config(estate / "pdmap.yaml")
    store = token_store(cfg)
    admin = {"Authorization": f"Bearer {store.create('admin')}"}
    operator = {"Authorization": f"Bearer {store.create('operator')}"}
    gate = threading.Event()

    def engine() -> DetectionEngine:
        assert gate.wait(30)  # the scan stays running until the test lets it go
        return pattern_engine

    app = create_app(cfg, engine_factory=engine)
    with TestClient(app) as client:
        url = "/api/v1/scans"
        assert client.post(url, json={}, headers=operator).status_code == 403
        exclusive = app.state.scans._exclusive  # what an erasure's execution holds
        with exclusive:
            during = client.post(url, json={}, headers=admin)
        assert (during.status_code, during.json()["detail"]) == (
            409,
            "an erasure is being executed",
        )
        assert client.post(url, json={"source": "nope"}, headers=admin).status_code == 400
        started = client.post(url, json={"full": True}, headers=admin)
        assert started.status_code == 202
        run = started.json()["run"]
        assert client.get(f"{url}/{run}", headers=operator).json()["status"] == "running"
        busy = client.post(url, json={}, headers=admin)
        assert busy.status_code == 409
        assert str(run) in busy.json()["detail"]
        # no erasure is executed beside a scan; a plan is fine
        erase = "/api/v1/subjects/erasure"
        who = {"identifier": "email:k3@exempel.se"}
        assert client.post(erase, json={**who, "execute": True}, headers=admin).status_code == 409
        assert client.post(erase, json=who, headers=admin).status_code == 200
        gate.set()
        app.state.scans.wait(60)
        done = client.get(f"{url}/{run}", headers=operator).json()
        assert (done["status"], done["full"], done["containers_scanned"]) == ("complete", True, 2)
        assert done["issue_list"] == []
        assert client.get(f"{url}/999", headers=operator).status_code == 404
        assert [r["id"] for r in client.get(url, headers=operator).json()["runs"]][-1] == run
        again = client.post(url, json={"source": "crm"}, headers=admin)  # the first has ended
        assert again.status_code == 202
        app.state.scans.wait(60)
        assert client.get(f"{url}/{again.json()['run']}", headers=admin).json()["status"] == (
            "complete"
        )
    entries = [
        json.loads(line)
        for line in (estate / ".pdmap" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [(e["event"], e["run"], e["full"]) for e in entries if e["event"] == "scan"] == [
        ("scan", run, True),
        ("scan", again.json()["run"], False),
    ]
