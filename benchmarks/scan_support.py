"""Plumbing shared by the scan benchmarks: throwaway databases, a moto S3 server, phase timing
of ``run_scan`` (by wrapping functions from this process, pdmap's code is unchanged), peak RSS
and plain aligned tables.
"""

from __future__ import annotations

import contextlib
import resource
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sqlalchemy import create_engine, text

from pdmap.demo import moto_server  # one lifecycle of the local S3 server, shared with the demo

__all__ = [
    "SERVERS",
    "PhaseTimer",
    "format_table",
    "moto_server",
    "peak_rss_mb",
    "temp_database",
]

SERVERS: Final = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "mariadb": "mysql+pymysql://root@127.0.0.1:3306/test",
}


@contextlib.contextmanager
def temp_database(kind: str, folder: Path, purpose: str) -> Iterator[str]:
    """A new empty database of ``kind`` (sqlite, postgresql, mariadb); dropped afterwards."""
    if kind == "sqlite":
        path = folder / f"{purpose}.sqlite"
        path.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    base = SERVERS[kind]
    name = f"pdmap_bench_{purpose}_{uuid.uuid4().hex[:8]}"  # generated, never input
    create = f"CREATE DATABASE {name}"
    if kind == "mariadb":
        create += " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(create))
    admin.dispose()
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            if kind == "postgresql":
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :n AND pid <> pg_backend_pid()"
                    ),
                    {"n": name},
                )
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


@dataclass
class PhaseTimer:
    """Seconds spent in the phases of ``run_scan``, measured by wrapping (in this process only,
    so only meaningful with ``workers=1``):

    * ``task``: ``pdmap.scan.run_task`` (one container: sample, classify, index)
    * ``classify``: ``FieldClassifier.classify`` (inside ``task``)
    * ``index``: ``pdmap.scan._index``: streaming every row/line of the identifier-bearing
      fields, extraction and fingerprints (inside ``task``)
    * ``save``: ``Catalog.save`` (the parent writing one container's result)

    ``sample`` = task - classify - index: connecting and reading the sample. With
    ``keep_samples`` the classified values are kept per (container, field).
    """

    keep_samples: bool = False
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    per_container: dict[str, dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    samples: dict[tuple[str, str | None], list[Any]] = field(default_factory=dict)
    _current: str = ""

    @contextlib.contextmanager
    def installed(self, catalog: Any) -> Iterator[PhaseTimer]:
        import pdmap.scan
        from scanner.fields import FieldClassifier

        original_task = pdmap.scan.run_task
        original_index = pdmap.scan._index
        original_classify = FieldClassifier.classify
        original_save = catalog.save
        timer = self

        def run_task(task: Any, tools: Any, *args: Any, **kwargs: Any) -> Any:
            timer._current = str(task.container.name)
            with timer._phase("task"):
                return original_task(task, tools, *args, **kwargs)

        def index(*args: Any, **kwargs: Any) -> Any:
            with timer._phase("index"):
                return original_index(*args, **kwargs)

        def classify(self: Any, name: str | None, values: Sequence[Any]) -> Any:
            if timer.keep_samples:
                timer.samples[(timer._current, name)] = list(values)
            with timer._phase("classify"):
                return original_classify(self, name, values)

        def save(*args: Any, **kwargs: Any) -> Any:
            with timer._phase("save"):
                return original_save(*args, **kwargs)

        pdmap.scan.run_task = run_task
        pdmap.scan._index = index
        FieldClassifier.classify = classify  # type: ignore[method-assign,assignment]
        catalog.save = save
        try:
            yield self
        finally:
            pdmap.scan.run_task = original_task
            pdmap.scan._index = original_index
            FieldClassifier.classify = original_classify  # type: ignore[method-assign]
            catalog.save = original_save

    @contextlib.contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.seconds[name] += elapsed
            self.per_container[self._current][name] += elapsed

    def phase(self, name: str, container: str | None = None) -> float:
        source = self.seconds if container is None else self.per_container[container]
        if name == "sample":
            return source["task"] - source["classify"] - source["index"]
        return source[name]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain aligned table: numbers right-aligned, text left-aligned."""

    def cell(value: object) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
        return str(value)

    texts = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in texts:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    numeric = [
        all(isinstance(row[i], int | float) or row[i] is None for row in rows) and bool(rows)
        for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(widths[i]) if numeric[i] else v.ljust(widths[i]) for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in texts)
    return "\n".join(out)


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started
