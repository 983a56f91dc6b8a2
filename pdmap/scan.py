"""``pdmap scan``: connectors -> scanner -> catalog, one container per task.

A :class:`ScanTask` is plain and picklable (a source's configuration and one container's
description), so local worker processes run them now and a distributed engine can run the same
tasks later. :func:`run_task` samples the container, classifies every field, streams the
identifier-bearing fields (every line, for logs and objects) into identifier-index entries, and
returns a :class:`~datamap.catalog.ContainerResult`; only the parent process writes the catalog.

Incremental by default: a container whose version (row count and max key, ETag, size/mtime/head)
is unchanged is skipped; an appended log resumes from its checkpoint. ``full`` rescans all.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from connectors.base import (
    Checkpoint,
    ConnectorError,
    ContainerInfo,
    Record,
    ScanIssue,
    SourceUnavailable,
)
from datamap.catalog import (
    Catalog,
    ContainerResult,
    FieldFinding,
    IssueEntry,
    locator_json,
)
from pdmap.config import PdmapConfig, SourceConfig, build_connector, redacted_location
from scanner.columns import ColumnHints
from scanner.engine import DetectionEngine, EngineSettings
from scanner.fields import FieldClassifier
from scanner.fingerprint import Fingerprinter
from scanner.identifiers import (
    IDENTIFIER_TYPES,
    QUASI_IDENTIFIER_TYPES,
    Found,
    IdentifierExtractor,
)
from scanner.pool import ordered_map

__all__ = ["ScanSummary", "ScanTask", "ScanTools", "run_scan", "run_task"]

log = logging.getLogger(__name__)

SAMPLE_ROWS = 1000
_SPOOL_BATCH = 10_000  # index rows buffered before a write to the spool file
_PRINT_CACHE = 200_000  # index-row heads remembered per task (logs repeat the same people)


@dataclass(frozen=True)
class ScanTask:
    source: SourceConfig
    base_dir: Path
    container: ContainerInfo
    start: str | None = None


@dataclass
class ScanTools:
    """What a worker needs, built once per process."""

    classifier: FieldClassifier
    extractor: IdentifierExtractor
    fingerprinter: Fingerprinter
    hints: ColumnHints

    @classmethod
    def build(cls, key: bytes, engine: DetectionEngine | None = None) -> ScanTools:
        engine = engine or DetectionEngine.load(EngineSettings())
        hints = ColumnHints.load()
        fingerprinter = Fingerprinter(key)
        return cls(
            FieldClassifier(engine, hints, fingerprinter),
            IdentifierExtractor(),
            fingerprinter,
            hints,
        )


@dataclass
class ScanSummary:
    run_id: int = 0
    scanned: int = 0
    skipped: int = 0
    issues: int = 0
    findings: int = 0
    identifiers: int = 0
    sources_failed: list[str] = field(default_factory=list)


def run_task(task: ScanTask, tools: ScanTools, sample_rows: int = SAMPLE_ROWS) -> ContainerResult:
    """Scan one container; never raises for what the store does (it becomes an issue)."""
    info = task.container
    result = ContainerResult(
        source=task.source.name,
        container=info.name,
        kind=info.kind,
        version=info.version,
        size_estimate=info.size_estimate,
        primary_key=info.primary_key,
        foreign_keys=[
            {
                "columns": list(fk.columns),
                "target": fk.target,
                "target_columns": list(fk.target_columns),
            }
            for fk in info.foreign_keys
        ],
        fields=[(f.name, f.declared_type) for f in info.fields],
    )
    declared = {f.name: f.declared_type for f in info.fields}
    try:
        with build_connector(task.source, task.base_dir) as connector:
            values: dict[str | None, list[Any]] = defaultdict(list)
            for item in connector.sample(info.name, sample_rows):
                if isinstance(item, Record):
                    for name, value in item.values.items():
                        values[name].append(value)
                elif isinstance(item, ScanIssue):
                    result.issues.append(_issue(item))
            indexed: set[str | None] = set()
            quasi: set[str] = set()  # fields classified IP_ADDRESS: their addresses indexed too
            for name, column in values.items():
                for found in tools.classifier.classify(name, column):
                    result.findings.append(
                        FieldFinding(
                            name, declared.get(name), found.entity_type, found.count,
                            found.sampled, found.confidence, found.previews,
                        )
                    )  # fmt: skip
                    if found.entity_type in IDENTIFIER_TYPES or name is None:
                        indexed.add(name)
                    if (
                        found.entity_type in QUASI_IDENTIFIER_TYPES
                        and name is not None
                        and task.source.index_quasi_identifiers()
                    ):
                        quasi.add(name)
                        indexed.add(name)
            every_line = info.kind in ("file", "object")  # every field of every line
            if every_line:
                indexed.update(values)
            for name in values:
                if "SE_PERSONNUMMER" in tools.hints.hint(name):
                    indexed.add(name)
            if indexed or every_line:
                stream = connector.stream(info.name, task.start)
                _index(stream, indexed, quasi, tools, result, task.start)
    except ConnectorError as exc:  # the container (or its source) could not be read
        result.issues.append(IssueEntry(info.name, "unreadable", str(exc)))
        result.unavailable = True
    return result


def _index(
    stream: Iterator[Any],
    indexed: set[str | None],
    quasi: set[str],
    tools: ScanTools,
    result: ContainerResult,
    start: str | None,
) -> None:
    """Stream the container, writing identifier-index rows to a spool file (bounded memory);
    the single writer merges the spool into the catalog and removes it."""
    fd, path = tempfile.mkstemp(prefix="pdmap-index-", suffix=".tsv")
    result.identifier_spool = path
    try:
        spool = os.fdopen(fd, "w", encoding="utf-8")
        _spool(stream, indexed, quasi, tools, result, start, spool)
    except BaseException:
        Path(path).unlink(missing_ok=True)  # an error, not a store's problem: no file left over
        result.identifier_spool = None
        raise


def _spool(
    stream: Iterator[Any],
    indexed: set[str | None],
    quasi: set[str],
    tools: ScanTools,
    result: ContainerResult,
    start: str | None,
    spool: TextIO,
) -> None:
    pnr_fields = {n for n in indexed if "SE_PERSONNUMMER" in tools.hints.hint(n)}
    first = True
    heads: dict[tuple[str | None, Found], str] = {}
    fingerprint = tools.fingerprinter.fingerprint_normalised
    extract = tools.extractor.extract_fields
    ip_addresses = tools.extractor.ip_addresses
    buffer: list[str] = []
    days: dict[int, list[int]] = {}  # day of the line's time -> [lines, lines with identifiers]
    every_field = result.kind in ("file", "object")  # every field of every line, sampled or not
    with spool:
        for item in stream:
            if isinstance(item, Checkpoint):
                result.checkpoint = item.token
                continue
            if isinstance(item, ScanIssue):
                result.issues.append(_issue(item))
                continue
            if first:
                first = False
                result.resumed = start is not None and int(item.locator.get("line", 1)) > 1
            values = item.values
            if every_field:
                found = extract(values.items(), pnr_fields)
            else:
                found = extract(((n, v) for n, v in values.items() if n in indexed), pnr_fields)
            for ip_field in quasi:
                if (address := values.get(ip_field)) is not None:  # text, or an inet type
                    found += [(ip_field, hit) for hit in ip_addresses(str(address))]
            if item.when is not None:
                _count_day(days, item.when, bool(found))
            if not found:
                continue
            locator = item.locator
            line = locator.get("line") if len(locator) == 1 else None
            where = f'{{"line": {line}}}' if type(line) is int else locator_json(locator)
            for name, hit in found:
                # "fingerprint TAB type TAB field TAB", remembered: logs repeat the same values
                if (head := heads.get((name, hit))) is None:
                    if len(heads) >= _PRINT_CACHE:
                        heads.clear()
                    print_ = fingerprint(hit.entity_type, hit.normalised)
                    head = heads[(name, hit)] = f"{print_}\t{hit.entity_type}\t{json.dumps(name)}\t"
                buffer.append(f"{head}{where}\n")
            if len(buffer) >= _SPOOL_BATCH:
                result.identifier_count += len(buffer)
                spool.writelines(buffer)
                buffer.clear()
        result.identifier_count += len(buffer)
        spool.writelines(buffer)
    result.record_days = {
        dt.date.fromordinal(ordinal).isoformat(): counts for ordinal, counts in sorted(days.items())
    }
    if first and start is not None:
        result.resumed = True  # nothing new since the checkpoint


def _count_day(days: dict[int, list[int]], when: dt.datetime, identified: bool) -> None:
    if (counts := days.get(ordinal := when.toordinal())) is None:
        counts = days[ordinal] = [0, 0]
    counts[0] += 1
    counts[1] += identified


def _issue(item: ScanIssue) -> IssueEntry:
    return IssueEntry(item.container, item.kind, item.message, dict(item.locator))


def run_scan(
    config: PdmapConfig,
    catalog: Catalog,
    key: bytes,
    *,
    source: str | None = None,
    full: bool = False,
    workers: int = 1,
    engine_factory: Callable[[], DetectionEngine] | None = None,
    on_container: Callable[[ContainerResult], None] | None = None,
    on_plan: Callable[[int, int], None] | None = None,
    run_id: int | None = None,
) -> ScanSummary:
    """Scan the configured sources (or one) into ``catalog``.

    ``on_plan(tasks, skipped)`` is called once the containers are listed; ``on_container`` after
    each container is merged (a progress bar uses both). ``run_id``: a run already started
    (``Catalog.start_run``; the API answers with its id before the scan begins), else one is.
    """
    sources = [config.source(source)] if source else list(config.sources)
    summary = ScanSummary(run_id=catalog.start_run(full) if run_id is None else run_id)
    tasks: list[ScanTask] = []
    for src in sources:
        catalog.upsert_source(src.name, src.type, src.system, redacted_location(src))
        previous = {} if full else catalog.container_states(src.name)
        try:
            with build_connector(src, config.base_dir) as connector:
                containers = list(connector.containers())
        except (SourceUnavailable, ConnectorError) as exc:
            catalog.record_issue(
                summary.run_id, src.name, IssueEntry(None, "source_unavailable", str(exc))
            )
            summary.issues += 1
            summary.sources_failed.append(src.name)
            continue
        for info in containers:
            version, checkpoint = previous.get(info.name, (None, None))
            if version is not None and version == info.version:
                summary.skipped += 1
                continue
            tasks.append(ScanTask(src, config.base_dir, info, None if full else checkpoint))
    if on_plan is not None:
        on_plan(len(tasks), summary.skipped)
    engine = (
        (engine_factory or (lambda: DetectionEngine.load(EngineSettings())))() if tasks else None
    )
    if engine is not None and workers > 1 and len(tasks) > 1:
        engine.preload()  # before the workers fork, so they share the pipelines
    for result in _execute(tasks, key, engine, workers):
        try:
            if result.unavailable:
                # Keep what earlier scans found there; record why it was not scanned this time.
                for issue in result.issues:
                    catalog.record_issue(summary.run_id, result.source, issue)
                result.identifier_count = 0
            else:
                catalog.save(summary.run_id, result)
        finally:
            if result.identifier_spool is not None:
                Path(result.identifier_spool).unlink(missing_ok=True)
        summary.scanned += 1
        summary.issues += len(result.issues)
        summary.findings += len(result.findings)
        summary.identifiers += len(result.identifiers) + result.identifier_count
        if on_container is not None:
            on_container(result)
    status = "complete_with_issues" if summary.issues else "complete"
    catalog.finish_run(summary.run_id, status, summary.scanned, summary.skipped, summary.issues)
    return summary


def _execute(
    tasks: list[ScanTask], key: bytes, engine: DetectionEngine | None, workers: int
) -> Iterator[ContainerResult]:
    if not tasks or engine is None:
        return
    tools = ScanTools.build(key, engine)
    for _, result in ordered_map(_run, tasks, tools, workers if len(tasks) > 1 else 1):
        yield result


def _run(tools: ScanTools, task: ScanTask) -> ContainerResult:
    return run_task(task, tools)
