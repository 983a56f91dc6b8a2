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

import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    IdentifierEntry,
    IssueEntry,
)
from pdmap.config import PdmapConfig, SourceConfig, build_connector, redacted_location
from scanner.columns import ColumnHints
from scanner.engine import DetectionEngine, EngineSettings
from scanner.fields import FieldClassifier, value_text
from scanner.fingerprint import Fingerprinter
from scanner.identifiers import IDENTIFIER_TYPES, IdentifierExtractor
from scanner.pool import ordered_map

__all__ = ["ScanSummary", "ScanTask", "ScanTools", "run_scan", "run_task"]

log = logging.getLogger(__name__)

SAMPLE_ROWS = 1000


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
            if info.kind in ("file", "object"):
                indexed.update(values)  # every line of a log or object
            for name in values:
                if "SE_PERSONNUMMER" in tools.hints.hint(name):
                    indexed.add(name)
            if indexed:
                _index(connector.stream(info.name, task.start), indexed, tools, result, task.start)
    except ConnectorError as exc:  # the container (or its source) could not be read
        result.issues.append(IssueEntry(info.name, "unreadable", str(exc)))
        result.unavailable = True
    return result


def _index(
    stream: Iterator[Any],
    indexed: set[str | None],
    tools: ScanTools,
    result: ContainerResult,
    start: str | None,
) -> None:
    first = True
    pnr_fields = {n for n in indexed if "SE_PERSONNUMMER" in tools.hints.hint(n)}
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
        for name, value in item.values.items():
            if name not in indexed:
                continue
            text = value_text(value)
            if text is None:
                continue
            for found in tools.extractor.extract(text, bare_personnummer=name in pnr_fields):
                result.identifiers.append(
                    IdentifierEntry(
                        tools.fingerprinter.fingerprint_normalised(
                            found.entity_type, found.normalised
                        ),
                        found.entity_type,
                        name,
                        dict(item.locator),
                    )
                )
    if first and start is not None:
        result.resumed = True  # nothing new since the checkpoint


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
) -> ScanSummary:
    """Scan the configured sources (or one) into ``catalog``.

    ``on_plan(tasks, skipped)`` is called once the containers are listed; ``on_container`` after
    each container is merged (a progress bar uses both).
    """
    sources = [config.source(source)] if source else list(config.sources)
    summary = ScanSummary(run_id=catalog.start_run(full))
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
    for result in _execute(tasks, key, engine, workers):
        if result.unavailable:
            # Keep what earlier scans found there; record why it was not scanned this time.
            for issue in result.issues:
                catalog.record_issue(summary.run_id, result.source, issue)
        else:
            catalog.save(summary.run_id, result)
        summary.scanned += 1
        summary.issues += len(result.issues)
        summary.findings += len(result.findings)
        summary.identifiers += len(result.identifiers)
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
