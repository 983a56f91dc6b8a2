"""Erasure (GDPR Art. 17): a plan of what happens to each of the person's records, and its
execution, verification, index update and audit.

Planning (:meth:`Eraser.plan`) decides one step per record of the person's
:class:`~datamap.subjects.Resolution`:

* ``hold``: the container is under a retention rule whose basis makes us keep it
  (``legal_obligation``, ``legal_claims``): nothing there is deleted or altered;
* ``skip``: it cannot or should not be done, and the reason says why (a view, a table without
  a primary key, a JSON document or Parquet object, a record reached only through an IP
  address, which may be someone else's);
* ``delete``: a SQL row that is the person's alone;
* ``anonymise``: a SQL row of the person's that a held row, or someone else's row, still
  references: its personal fields (those the scan classified, not keys) are nulled, or set to
  ``[erased]`` where the column takes no null;
* ``redact``: a row holding someone else's e-mail or personnummer too (a ticket about two
  people), and every log or object line: only the person's values are replaced by ``[erased]``
  (their e-mail, personnummer and phone number, and on a line that is theirs alone the values
  of its other personal fields, such as a name or an IP address); a bystander's stay.

Execution (:meth:`Eraser.execute`): SQL in one transaction per source, updates first, then
deletes ordered by the foreign-key graph (rows that reference others go first); every touched
row is re-read inside the transaction and the transaction is rolled back unless none of the
person's identifiers remain and (SQLite) the foreign keys still check. Files and objects are
rewritten atomically, each refused unless it is still the version the scan indexed. Then the
index forgets what was erased, the person is resolved again as verification, and an audit
entry is written.
"""

from __future__ import annotations

import graphlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from connectors.base import Connector, ConnectorError, KeyedLookup, Record
from connectors.rewrite import LineEdit
from datamap.audit import AuditLog
from datamap.catalog import Catalog, ContainerView
from datamap.export import RecordKey, location_key, replace_identifiers
from datamap.policy import Policy
from datamap.subjects import Location, Resolution, SubjectResolver
from scanner.columns import ColumnHints
from scanner.fingerprint import Fingerprinter
from scanner.identifiers import IdentifierExtractor

__all__ = ["ERASED", "Eraser", "ErasurePlan", "ErasureReport", "Step"]

ERASED = "[erased]"
ReadRecords = Callable[[Iterable[Location]], tuple[dict[RecordKey, Record], list[str]]]
ConnectorFactory = Callable[[str], Connector | None]
_STRONG = ("EMAIL_ADDRESS", "SE_PERSONNUMMER")


@dataclass(frozen=True)
class Step:
    action: str  # delete | anonymise | redact | hold | skip
    source: str
    container: str
    kind: str
    record: dict[str, Any]
    fields: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "source": self.source,
            "container": self.container,
            "record": self.record,
            "fields": list(self.fields),
            "reason": self.reason,
        }


@dataclass
class ErasurePlan:
    resolution: Resolution
    steps: list[Step] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # raw values to redact on lines that are the person's alone: memory only, never output
    _values: dict[RecordKey, list[str]] = field(default_factory=dict, repr=False)

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for step in self.steps:
            counts[step.action] += 1
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        subject = self.resolution.subject
        return {
            "identifier": {"kind": subject.kind, "masked": subject.masked},
            "summary": self.summary(),
            "steps": [step.to_dict() for step in self.steps],
            "problems": list(self.problems),
            "unreachable": list(self.resolution.unreachable),
        }


@dataclass
class ErasureReport:
    plan: ErasurePlan
    done: list[Step] = field(default_factory=list)
    failed: list[tuple[Step, str]] = field(default_factory=list)
    remaining: list[Location] = field(default_factory=list)  # outside holds, after erasure
    forgotten: int = 0

    @property
    def verified(self) -> bool:
        return not self.failed and not self.remaining

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.plan.to_dict(),
            "executed": {
                "done": len(self.done),
                "failed": [{**step.to_dict(), "error": error} for step, error in self.failed],
                "index_rows_forgotten": self.forgotten,
                "remaining_outside_holds": [loc.to_dict() for loc in self.remaining],
                "verified": self.verified,
            },
        }


class Eraser:
    def __init__(
        self,
        catalog: Catalog,
        fingerprinter: Fingerprinter,
        policy: Policy,
        connectors: ConnectorFactory,
        read_records: ReadRecords,
        resolver: SubjectResolver,
        audit: AuditLog | None = None,
    ) -> None:
        self.catalog = catalog
        self.fingerprinter = fingerprinter
        self.policy = policy
        self.connectors = connectors
        self.read_records = read_records
        self.resolver = resolver
        self.audit = audit
        self.extractor = IdentifierExtractor()
        self.hints = ColumnHints.load()
        self.actor = "cli"

    # -- planning -----------------------------------------------------------------------------
    def plan(self, resolution: Resolution) -> ErasurePlan:
        plan = ErasurePlan(resolution)
        views = {(c.source, c.name): c for c in self.catalog.containers()}
        mine = resolution.fingerprints
        personal = self._personal_fields()
        records: dict[RecordKey, Location] = {}
        for loc in resolution.locations:
            records.setdefault(location_key(loc.source, loc.container, loc.record), loc)
        others = self._others_in(records.values(), views, mine)
        person_rows = {key for key, loc in records.items() if loc.kind == "table"}
        lines = [loc for loc in records.values() if loc.kind in ("file", "object")]
        values, problems = self.read_records(lines) if lines else ({}, [])
        plan.problems += problems
        for key, loc in records.items():
            step = self._step(loc, key, views, others, personal, person_rows, plan)
            plan.steps.append(step)
            if step.action == "redact" and loc.kind in ("file", "object") and key not in others:
                record = values.get(key)
                wanted = personal.get((loc.source, loc.container), set())
                if record is not None:
                    plan._values[key] = [
                        str(v)
                        for name, v in record.values.items()
                        if name in wanted and isinstance(v, str) and len(v.strip()) >= 3
                    ]
        plan.steps.sort(key=lambda s: (s.source, s.container, location_key("", "", s.record)))
        return plan

    def _step(
        self,
        loc: Location,
        key: RecordKey,
        views: Mapping[tuple[str, str], ContainerView],
        others: set[RecordKey],
        personal: Mapping[tuple[str, str], set[str | None]],
        person_rows: set[RecordKey],
        plan: ErasurePlan,
    ) -> Step:
        def step(action: str, fields: Iterable[str | None], reason: str) -> Step:
            names = tuple(sorted(f if f is not None else "text" for f in fields))
            return Step(action, loc.source, loc.container, loc.kind, loc.record, names, reason)

        rule = self.policy.held(loc.source, loc.container)
        if rule is not None:
            keep = f", keep {rule.keep.iso()}" if rule.keep else ""
            return step("hold", (), f"retention: {rule.basis}{keep} ({rule.note or 'no note'})")
        fields = personal.get((loc.source, loc.container), set())
        if loc.via.startswith("quasi-identifier"):
            return step(
                "skip", (), "reached only through an IP address (a quasi-identifier): it may be"
                " someone else's; review it, it is not erased automatically",
            )  # fmt: skip
        if loc.kind == "view":
            return step("skip", (), "a view: erased through its base table")
        if loc.kind in ("file", "object"):
            return step("redact", fields, "the person's values on the line are replaced")
        if not loc.record:
            return step("skip", (), "the table has no primary key: the row cannot be addressed")
        if key in others:
            return step(
                "redact", fields, "the row holds another person's identifiers too: only the"
                " person's values are replaced",
            )  # fmt: skip
        view = views.get((loc.source, loc.container))
        blocker = self._referenced_elsewhere(loc, view, views, person_rows, plan)
        if blocker:
            keys = set(view.primary_key if view else ()) | _fk_columns(view)
            return step("anonymise", fields - keys, blocker)
        return step("delete", (), "the person's row")

    def _referenced_elsewhere(
        self,
        loc: Location,
        view: ContainerView | None,
        views: Mapping[tuple[str, str], ContainerView],
        person_rows: set[RecordKey],
        plan: ErasurePlan,
    ) -> str | None:
        """Why the row must stay (anonymised): a held row, or someone else's, references it."""
        if view is None:
            return None
        connector = self.connectors(loc.source)
        if not isinstance(connector, KeyedLookup):
            return None
        for child in views.values():
            if child.source != loc.source:
                continue
            for fk in child.foreign_keys:
                targets = list(fk.get("target_columns") or ())
                if fk.get("target") != loc.container or any(t not in loc.record for t in targets):
                    continue
                criteria = dict(zip(fk["columns"], (loc.record[t] for t in targets), strict=True))
                try:
                    rows = connector.lookup(child.name, criteria, 10_000)
                except ConnectorError as exc:
                    plan.problems.append(f"{loc.source}:{child.name}: {exc}")
                    return f"cannot check {child.name}'s references ({exc}): kept, anonymised"
                held = self.policy.held(child.source, child.name)
                for row in rows:
                    if held is not None:
                        return f"referenced by held rows of {child.name} ({held.basis})"
                    if location_key(child.source, child.name, row.locator) not in person_rows:
                        return f"referenced by another person's row in {child.name}"
        return None

    def _others_in(
        self,
        records: Iterable[Location],
        views: Mapping[tuple[str, str], ContainerView],
        mine: frozenset[str],
    ) -> set[RecordKey]:
        """Records that also hold another person's e-mail or personnummer."""
        wanted = {
            (views[(loc.source, loc.container)].id, location_key("", "", loc.record)[2]): loc
            for loc in records
            if (loc.source, loc.container) in views
        }
        out: set[RecordKey] = set()
        for occ in self.catalog.record_occurrences(wanted):
            if occ.entity_type in _STRONG and occ.fingerprint not in mine:
                loc = wanted[(occ.container_id, occ.record_key)]
                out.add(location_key(loc.source, loc.container, loc.record))
        return out

    def _personal_fields(self) -> dict[tuple[str, str], set[str | None]]:
        """Fields holding personal data: where the scan found some, and where the column's
        name says so (a name column the sample could not tell)."""
        out: dict[tuple[str, str], set[str | None]] = defaultdict(set)
        for finding in self.catalog.findings():
            out[(finding.source, finding.container)].add(finding.field)
        for source, container, name in self.catalog.fields():
            if self.hints.hint(name):
                out[(source, container)].add(name)
        return out

    # -- execution ----------------------------------------------------------------------------
    def execute(self, plan: ErasurePlan) -> ErasureReport:
        report = ErasureReport(plan)
        mine = plan.resolution.fingerprints
        views = {(c.source, c.name): c for c in self.catalog.containers()}
        by_source: dict[str, list[Step]] = defaultdict(list)
        for step in plan.steps:
            if step.action in ("delete", "anonymise", "redact"):
                by_source[step.source].append(step)
        for source, steps in sorted(by_source.items()):
            connector = self.connectors(source)
            if connector is None:
                report.failed += [(s, f"{source} is not configured") for s in steps]
                continue
            rows = [s for s in steps if s.kind == "table"]
            lines = [s for s in steps if s.kind in ("file", "object")]
            if rows:
                self._execute_rows(connector, rows, views, mine, report)
            for container in sorted({s.container for s in lines}):
                group = [s for s in lines if s.container == container]
                self._execute_lines(connector, container, group, views, mine, plan, report)
        self._forget(report, views, mine)
        # Verification: found again through the index means an identifier is still there; a
        # row reached again by a foreign key only counts if it was to be deleted (a row kept
        # and anonymised because a held row references it is found that way, by design).
        again = self.resolver.resolve(plan.resolution.subject)
        deleted = {
            location_key(s.source, s.container, s.record)
            for s in plan.steps
            if s.action == "delete"
        }
        report.remaining = [
            loc
            for loc in again.locations
            if self.policy.held(loc.source, loc.container) is None
            and (
                loc.via.startswith("identifier index")
                or location_key(loc.source, loc.container, loc.record) in deleted
            )
        ]
        if self.audit is not None:
            self.audit.append(
                {
                    "event": "erasure",
                    "actor": self.actor,
                    "identifier": plan.resolution.seed_fingerprint,
                    "kind": plan.resolution.subject.kind,
                    "summary": plan.summary(),
                    "done": len(report.done),
                    "failed": len(report.failed),
                    "verified": report.verified,
                }
            )
        return report

    def _execute_rows(
        self,
        connector: Connector,
        steps: list[Step],
        views: Mapping[tuple[str, str], ContainerView],
        mine: frozenset[str],
        report: ErasureReport,
    ) -> None:
        writer_of = getattr(connector, "writer", None)
        if writer_of is None:
            report.failed += [(s, "this source cannot be written") for s in steps]
            return
        updates = [s for s in steps if s.action != "delete"]
        deletes = _delete_order([s for s in steps if s.action == "delete"], views)
        try:
            with writer_of() as writer:
                for step in updates:
                    record = writer.read(step.container, step.record)
                    if record is None:
                        raise _Abort(step, "the row is gone since the plan")
                    nullable = writer.nullable(step.container)
                    values = self._new_values(step, record, mine, nullable)
                    if values:
                        writer.update(step.container, step.record, values)
                for step in deletes:
                    if writer.delete(step.container, step.record) != 1:
                        raise _Abort(step, "the row is gone since the plan")
                for step in updates:
                    after = writer.read(step.container, step.record)
                    if after is not None and self._holds_mine(after.values.values(), mine):
                        raise _Abort(step, "the person's identifiers are still in the row")
                for step in deletes:
                    if writer.read(step.container, step.record) is not None:
                        raise _Abort(step, "the row is still there")
                problems = writer.foreign_key_problems()
                if problems:
                    raise _Abort(steps[0], "foreign keys broken: " + "; ".join(problems[:5]))
        except _Abort as abort:
            reason = f"rolled back, nothing changed in {abort.step.source}: {abort.reason}"
            report.failed += [(s, reason) for s in steps]
            return
        except (ConnectorError, ValueError) as exc:
            reason = f"rolled back, nothing changed: {exc}"
            report.failed += [(s, reason) for s in steps]
            return
        report.done += steps

    def _new_values(
        self, step: Step, record: Record, mine: frozenset[str], nullable: Mapping[str, bool]
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if step.action == "anonymise":
            for column in step.fields:
                if record.values.get(column) is not None:
                    values[column] = None if nullable.get(column, False) else ERASED
            return values
        for name, value in record.values.items():  # redact: only the person's identifiers
            if name is None or not isinstance(value, str):
                continue
            new = self._redact(value, mine, ())
            if new != value:
                whole = new.strip() == ERASED
                values[name] = None if whole and nullable.get(name, False) else new
        return values

    def _execute_lines(
        self,
        connector: Connector,
        container: str,
        steps: list[Step],
        views: Mapping[tuple[str, str], ContainerView],
        mine: frozenset[str],
        plan: ErasurePlan,
        report: ErasureReport,
    ) -> None:
        rewrite = getattr(connector, "rewrite", None)
        if rewrite is None:
            report.failed += [(s, "this source cannot be rewritten") for s in steps]
            return
        view = views.get((steps[0].source, container))
        edits: dict[int, LineEdit] = {}
        for step in steps:
            extra = tuple(plan._values.get(location_key(step.source, container, step.record), ()))
            edits[int(step.record["line"])] = self._line_edit(mine, extra)
        try:
            stats = rewrite(container, edits, view.version if view else None)
        except ConnectorError as exc:
            report.failed += [(s, str(exc)) for s in steps]
            return
        if view is not None and stats.changed:
            self.catalog.set_version(view.id, stats.version)  # the index still holds for it
        missing = set(stats.missing) | set(stats.too_long)
        for step in steps:
            if int(step.record["line"]) in missing:
                report.failed.append((step, "the line is not there (or too long) any more"))
            else:
                report.done.append(step)

    def _line_edit(self, mine: frozenset[str], extra: tuple[str, ...]) -> LineEdit:
        def edit(text: str) -> str:
            return self._redact(text, mine, extra)

        return edit

    def _redact(self, text: str, mine: frozenset[str], extra: tuple[str, ...]) -> str:
        out, _ = replace_identifiers(
            text, self.extractor, self.fingerprinter, lambda _, fp: ERASED if fp in mine else None
        )
        for value in sorted(extra, key=len, reverse=True):
            out = out.replace(value, ERASED)
        return out

    def _holds_mine(self, values: Iterable[Any], mine: frozenset[str]) -> bool:
        return any(
            replace_identifiers(
                value, self.extractor, self.fingerprinter, lambda _, fp: "" if fp in mine else None
            )[1]
            for value in values
            if isinstance(value, str)
        )

    def _forget(
        self,
        report: ErasureReport,
        views: Mapping[tuple[str, str], ContainerView],
        mine: frozenset[str],
    ) -> None:
        whole: list[tuple[int, str]] = []
        partial: list[tuple[int, str]] = []
        for step in report.done:
            view = views.get((step.source, step.container))
            if view is None:
                continue
            key = (view.id, location_key("", "", step.record)[2])
            (whole if step.action == "delete" else partial).append(key)
        report.forgotten = self.catalog.forget(whole) + self.catalog.forget(partial, mine)


class _Abort(Exception):
    def __init__(self, step: Step, reason: str) -> None:
        super().__init__(reason)
        self.step = step
        self.reason = reason


def _fk_columns(view: ContainerView | None) -> set[str]:
    return {c for fk in (view.foreign_keys if view else ()) for c in fk.get("columns", ())}


def _delete_order(steps: list[Step], views: Mapping[tuple[str, str], ContainerView]) -> list[Step]:
    """Rows of tables that reference others first (children before parents)."""
    containers = {s.container for s in steps}
    graph: dict[str, set[str]] = {c: set() for c in containers}
    for step in steps:
        view = views.get((step.source, step.container))
        for fk in view.foreign_keys if view else ():
            target = fk.get("target")
            if target in containers and target != step.container:
                graph[target].add(step.container)  # the child is deleted before its target
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        order = sorted(containers)
    rank = {c: i for i, c in enumerate(order)}
    return sorted(steps, key=lambda s: rank[s.container])
