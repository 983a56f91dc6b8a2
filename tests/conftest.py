from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.engine import DetectionEngine, EngineSettings

# The S3 server fixtures (moto over HTTP) for every test, not only the connector tests.
from tests.connectors.conftest import bucket, moto_endpoint, s3_admin  # noqa: F401

DATA = Path(__file__).parent / "data"


def skatteverket_numbers() -> list[str]:
    with (DATA / "skatteverket_testpersonnummer_sample.csv").open(encoding="utf-8") as handle:
        return [row[0] for row in csv.reader(handle) if row and row[0].isdigit()]


@pytest.fixture(scope="session")
def pattern_engine() -> Iterator[DetectionEngine]:
    """The engine with pattern recognizers only (fast to build)."""
    yield DetectionEngine.load(EngineSettings(ner=False))


@pytest.fixture(scope="session")
def engine() -> Iterator[DetectionEngine]:
    """The full engine with both NER pipelines (loads the models once per session)."""
    yield DetectionEngine.load(EngineSettings())


def found(engine: DetectionEngine, text: str, language: str | None = None) -> set[tuple[str, str]]:
    """(entity_type, matched text) pairs the engine reports for ``text``."""
    return {(d.entity_type, text[d.start : d.end]) for d in engine.detect(text, language)}


def of_type(engine: DetectionEngine, text: str, entity_type: str) -> list[str]:
    """The values of ``entity_type`` the engine reports in ``text``, in order."""
    return [text[d.start : d.end] for d in engine.detect(text) if d.entity_type == entity_type]


# -- real databases -------------------------------------------------------------------------
# PostgreSQL (127.0.0.1:5432, trust auth) and MariaDB (127.0.0.1:3306, root) run on every
# machine here. In CI (CI=true) an unreachable server fails the tests; a plain local run skips.


def _server_or_skip(kind: str) -> str:
    import os

    from sqlalchemy import create_engine, text

    from benchmarks.scan_support import SERVERS

    url = SERVERS[kind]
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        message = f"{kind} at {url} is unreachable: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind; dropped afterwards."""
    from benchmarks.scan_support import temp_database

    if request.param != "sqlite":
        _server_or_skip(request.param)
    with temp_database(request.param, tmp_path, "t") as url:
        yield url
