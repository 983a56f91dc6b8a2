"""Subject resolution: from one identifier to every record of that person, and how each was
reached (GDPR Art. 15, 17, 20 start here).

1. The identifier (``KIND:VALUE``) is validated and normalised (:func:`parse_identifier`), then
   fingerprinted with the catalog's key and looked up in the identifier index: those records
   are the person's **directly** (confidence 1.0).
2. **Co-occurrence**: other identifiers in those records (the index's rows of the same record)
   are the person's too, transitively up to ``max_depth`` hops (confidence 0.9 per hop), but
   never through a shared or non-unique value:

   * a record holding two different personnummer or two different e-mail addresses (a
     ticket about two people, a mail log line ``to=`` one person ``from=`` another) is still
     a location of the person, but links nothing;
   * an e-mail address is followed only if every record holding it carries no personnummer
     but the person's (one household address for two people is not followed);
   * a phone number only if its records carry at most one e-mail and one personnummer, both
     the person's (a switchboard or a shared mobile is not followed);
   * a personnummer identifies one person by definition and is always followed.

   Names are not in the identifier index, so they never link anyone; IP addresses only as
   quasi-identifiers (step 4).
3. **Foreign keys** (SQL, read live from the source): rows that reference one of the person's
   rows (``orders.customer_id -> customers.id``), two levels deep, and rows that the person's
   row references where no other row references them (their own address row). Confidence 0.95
   per hop; the ``via`` says which key.

4. **Quasi-identifiers** (IP addresses, indexed from fields classified IP_ADDRESS): a record
   holding an address that one of the person's records holds (a login row, say) is the
   person's too, at confidence 0.6, but only when no record ties that address to someone else:
   no SQL row holding it that is not the person's, no record holding it beside another
   person's e-mail or personnummer. Nothing is linked onwards from such a record.

A source that cannot be reached is reported in :attr:`Resolution.unreachable`; everything found
elsewhere is still returned. Nothing here holds or returns a raw identifier: the subject is
shown masked, linked identifiers by type and fingerprint prefix.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from connectors.base import Connector, ConnectorError, KeyedLookup, Record
from datamap.catalog import (
    Catalog,
    ContainerView,
    FindingView,
    Occurrence,
    locator_json,
    record_key,
)
from scanner.categories import CategoryMap
from scanner.fingerprint import Fingerprinter
from scanner.identifiers import QUASI_IDENTIFIER_TYPES, IdentifierExtractor
from scanner.masking import mask
from scanner.personnummer import parse_personnummer
from scanner.recognizers.email import EMAIL_PATTERN

__all__ = [
    "KINDS",
    "IdentifierError",
    "LinkedIdentifier",
    "Location",
    "Resolution",
    "SubjectIdentifier",
    "SubjectResolver",
    "parse_identifier",
]

KINDS: Mapping[str, str] = {
    "email": "EMAIL_ADDRESS",
    "personnummer": "SE_PERSONNUMMER",
    "phone": "PHONE_NUMBER",
}
_EMAIL = re.compile(EMAIL_PATTERN)
HOP_CONFIDENCE = 0.9
QUASI_CONFIDENCE = 0.6
_STRONG = ("EMAIL_ADDRESS", "SE_PERSONNUMMER")
_STRONG_OR_PHONE = ("EMAIL_ADDRESS", "SE_PERSONNUMMER", "PHONE_NUMBER")
FK_CONFIDENCE = 0.95
FK_DEPTH = 2
FK_ROWS = 1000  # rows followed per foreign key and parent row


class IdentifierError(ValueError):
    """The identifier given is malformed; the message says what is expected."""


@dataclass(frozen=True, slots=True)
class SubjectIdentifier:
    kind: str
    entity_type: str
    normalised: str

    @property
    def masked(self) -> str:
        return mask(self.entity_type, self.normalised)


def parse_identifier(text: str) -> SubjectIdentifier:
    """``KIND:VALUE`` validated and normalised; raises :class:`IdentifierError`."""
    kind, sep, value = text.partition(":")
    kind, value = kind.strip().lower(), value.strip()
    if not sep or kind not in KINDS:
        raise IdentifierError(
            f"an identifier is KIND:VALUE with KIND one of {', '.join(KINDS)}"
            f" (e.g. email:anna@example.se); got kind {kind!r}"
        )
    if not value:
        raise IdentifierError(f"the {kind} identifier has no value after '{kind}:'")
    if kind == "email":
        match = _EMAIL.fullmatch(value)
        if match is None:
            raise IdentifierError("not an e-mail address (expected local@domain.tld)")
        return SubjectIdentifier(kind, KINDS[kind], value.lower())
    if kind == "personnummer":
        parsed = parse_personnummer(value)
        if parsed is None:
            raise IdentifierError(
                "not a valid personnummer or samordningsnummer (YYMMDD-NNNN, YYYYMMDD-NNNN or"
                " 10/12 digits, with a real date and a correct check digit)"
            )
        return SubjectIdentifier(kind, KINDS[kind], parsed.canonical)
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise IdentifierError("not a valid phone number (e.g. 070-123 45 67 or +46701234567)")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return SubjectIdentifier(kind, KINDS[kind], e164)


@dataclass(frozen=True, slots=True)
class Location:
    """One record of the person (the contract's location record, plus confidence)."""

    source: str
    container: str
    field: str | None
    record: dict[str, Any]
    categories: tuple[str, ...]
    via: str
    confidence: float
    kind: str  # "table" | "view" | "file" | "object"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "container": self.container,
            "field": self.field,
            "record": self.record,
            "categories": list(self.categories),
            "via": self.via,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class LinkedIdentifier:
    """An identifier found to be the person's; shown by type and fingerprint prefix only."""

    entity_type: str
    fingerprint: str
    via: str
    depth: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_type": self.entity_type,
            "fingerprint": self.fingerprint[:12],
            "via": self.via,
            "depth": self.depth,
        }


@dataclass
class Resolution:
    subject: SubjectIdentifier
    seed_fingerprint: str = ""
    locations: list[Location] = field(default_factory=list)
    identifiers: list[LinkedIdentifier] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def fingerprints(self) -> frozenset[str]:
        """The person's identifiers: the one given and every linked one."""
        return frozenset({self.seed_fingerprint, *(i.fingerprint for i in self.identifiers)})

    def to_dict(self) -> dict[str, Any]:
        return {
            "identifier": {"kind": self.subject.kind, "masked": self.subject.masked},
            "locations": [loc.to_dict() for loc in self.locations],
            "identifiers": [i.to_dict() for i in self.identifiers],
            "unreachable": list(self.unreachable),
            "warnings": list(self.warnings),
        }


ConnectorFactory = Callable[[str], Connector | None]


class SubjectResolver:
    """Resolves subjects against one catalog; ``connectors(source)`` opens a source for the
    live foreign-key step (None, or no factory: that step is skipped for the source)."""

    def __init__(
        self,
        catalog: Catalog,
        fingerprinter: Fingerprinter,
        categories: CategoryMap | None = None,
        connectors: ConnectorFactory | None = None,
        max_depth: int = 3,
    ) -> None:
        self.catalog = catalog
        self.fingerprinter = fingerprinter
        self.categories = categories or CategoryMap()
        self.connectors = connectors
        self.max_depth = max_depth
        self._open: dict[str, Connector] = {}
        self._opening = threading.Lock()
        self.extractor = IdentifierExtractor()

    def connector(self, source: str) -> Connector | None:
        """The source's connector, opened on first use and kept for later requests (its pool
        and reflected tables are reused); None when the source is not configured."""
        with self._opening:  # requests may resolve in parallel threads (the API)
            if source not in self._open:
                if self.connectors is None:
                    return None
                connector = self.connectors(source)
                if connector is None:
                    return None
                self._open[source] = connector
            return self._open[source]

    def close(self) -> None:
        """Close the connectors opened for the live foreign-key step."""
        for connector in self._open.values():
            connector.close()
        self._open.clear()

    def __enter__(self) -> SubjectResolver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the whole request ------------------------------------------------------------------
    def resolve(self, subject: SubjectIdentifier) -> Resolution:
        result = _Run(self, subject)
        result.follow_identifiers()
        result.follow_foreign_keys()
        result.follow_quasi_identifiers()
        return result.finish()


@dataclass
class _Found:
    location: Location
    container_id: int | None  # set when reached through the index
    values: Mapping[str | None, Any] | None = None  # the row, when read live (foreign keys)


class _Run:
    """One resolution: the state of the walk, kept out of the resolver."""

    def __init__(self, resolver: SubjectResolver, subject: SubjectIdentifier) -> None:
        self.r = resolver
        seed = resolver.fingerprinter.fingerprint_normalised(
            subject.entity_type, subject.normalised
        )
        self.resolution = Resolution(subject, seed_fingerprint=seed)
        # the person's identifiers: fingerprint -> (entity type, hops from the one given)
        self.known: dict[str, tuple[str, int]] = {seed: (subject.entity_type, 0)}
        self.found: dict[tuple[str, str, str, str | None], _Found] = {}
        self.containers = {(c.source, c.name): c for c in resolver.catalog.containers()}
        findings = resolver.catalog.findings()
        self.field_categories = self._field_categories(findings)
        self.ip_fields: dict[tuple[str, str], set[str]] = defaultdict(set)
        for finding in findings:
            if finding.entity_type in QUASI_IDENTIFIER_TYPES and finding.field is not None:
                self.ip_fields[(finding.source, finding.container)].add(finding.field)

    # -- step 1 and 2: the identifier index -------------------------------------------------
    def follow_identifiers(self) -> None:
        frontier = list(self.known)
        for depth in range(self.r.max_depth + 1):
            hits = self.r.catalog.occurrences(frontier)
            for occ in hits:
                entity_type, hop = self.known[occ.fingerprint]
                via = (
                    f"identifier index: {_TYPE_WORD[entity_type]} in {occ.field or 'the text'}"
                    if hop == 0
                    else f"identifier index: linked {_TYPE_WORD[entity_type]} ({hop} hop"
                    f"{'s' if hop > 1 else ''}) in {occ.field or 'the text'}"
                )
                self._add_occurrence(occ, via, HOP_CONFIDENCE**hop)
            if depth == self.r.max_depth or not hits:
                break
            if depth == 0 and self._seed_is_shared(hits):
                break
            frontier = self._links(hits, depth + 1)
            if not frontier:
                break

    def _seed_is_shared(self, hits: list[Occurrence]) -> bool:
        subject = self.resolution.subject
        records = self.r.catalog.record_occurrences({(o.container_id, o.record_key) for o in hits})
        pnrs = {o.fingerprint for o in records if o.entity_type == "SE_PERSONNUMMER"}
        if subject.entity_type != "SE_PERSONNUMMER" and len(pnrs) > 1:
            self.resolution.warnings.append(
                f"the {subject.kind} is shared: its records carry {len(pnrs)} different"
                " personnummer; only the records holding it are listed, nothing is linked"
            )
            return True
        return False

    def _links(self, hits: list[Occurrence], hop: int) -> list[str]:
        """New identifiers of the person from the records in ``hits`` (see module docstring)."""
        records = self.r.catalog.record_occurrences({(o.container_id, o.record_key) for o in hits})
        by_record: dict[tuple[int, str], list[Occurrence]] = defaultdict(list)
        for occ in records:
            by_record[(occ.container_id, occ.record_key)].append(occ)
        candidates: dict[str, Occurrence] = {}
        for rows in by_record.values():
            if _multi_person(rows):
                continue
            for occ in rows:
                if occ.fingerprint not in self.known and occ.entity_type in _STRONG_OR_PHONE:
                    candidates.setdefault(occ.fingerprint, occ)
        if not candidates:
            return []
        # How each candidate is used elsewhere: the identifiers beside it in all its records.
        elsewhere = self.r.catalog.occurrences(candidates)
        beside = self.r.catalog.record_occurrences(
            {(o.container_id, o.record_key) for o in elsewhere}
        )
        records_of: dict[str, set[tuple[int, str]]] = defaultdict(set)
        for occ in elsewhere:
            records_of[occ.fingerprint].add((occ.container_id, occ.record_key))
        content: dict[tuple[int, str], list[Occurrence]] = defaultdict(list)
        for occ in beside:
            content[(occ.container_id, occ.record_key)].append(occ)
        accepted: list[str] = []
        for kind in ("SE_PERSONNUMMER", "EMAIL_ADDRESS", "PHONE_NUMBER"):  # strongest first
            for fp, occ in candidates.items():
                if occ.entity_type != kind:
                    continue
                # Two-person records count here: a phone beside two people is shared.
                around = [o for key in records_of[fp] for o in content[key] if o.fingerprint != fp]
                if self._unique_to_person(kind, around):
                    self.known[fp] = (kind, hop)
                    self.resolution.identifiers.append(
                        LinkedIdentifier(
                            kind, fp,
                            f"beside the person's identifier in {occ.source}:{occ.container}",
                            hop,
                        )
                    )  # fmt: skip
                    accepted.append(fp)
        return accepted

    def _unique_to_person(self, kind: str, around: list[Occurrence]) -> bool:
        mine = {fp for fp, (t, _) in self.known.items() if t == "SE_PERSONNUMMER"}
        pnrs = {o.fingerprint for o in around if o.entity_type == "SE_PERSONNUMMER"}
        if kind == "SE_PERSONNUMMER":
            return True
        if len(pnrs) > 1 or (pnrs and mine and not pnrs <= mine):
            return False
        if kind == "EMAIL_ADDRESS":
            return True
        emails = {o.fingerprint for o in around if o.entity_type == "EMAIL_ADDRESS"}
        my_emails = {fp for fp, (t, _) in self.known.items() if t == "EMAIL_ADDRESS"}
        return len(emails) <= 1 and emails <= my_emails

    # -- step 3: foreign keys, live ---------------------------------------------------------
    def follow_foreign_keys(self) -> None:
        frontier = [f for f in self.found.values() if f.location.kind in ("table", "view")]
        seen = {
            (f.location.source, f.location.container, _key(f.location.record)) for f in frontier
        }
        for depth in range(FK_DEPTH):
            added: list[_Found] = []
            for item in frontier:
                for new in self._children(item.location) + (
                    self._parents(item.location) if depth == 0 else []
                ):
                    key = (new.location.source, new.location.container, _key(new.location.record))
                    if key in seen:
                        continue
                    seen.add(key)
                    self._put(new)
                    added.append(new)
            frontier = added
            if not frontier:
                break

    def _children(self, loc: Location) -> list[_Found]:
        """Rows of other tables whose foreign key points at ``loc``'s row."""
        out: list[_Found] = []
        for view in self.containers.values():
            if view.source != loc.source:
                continue
            for fk in view.foreign_keys:
                if fk.get("target") != loc.container:
                    continue
                targets = list(fk.get("target_columns") or ())
                if not targets or any(t not in loc.record for t in targets):
                    continue  # the key is not the row's primary key: values unknown here
                criteria = dict(zip(fk["columns"], (loc.record[t] for t in targets), strict=True))
                rows = self._lookup(loc.source, view.name, criteria)
                via = (
                    f"foreign key {_short(view.name)}.{','.join(fk['columns'])} -> "
                    f"{_short(loc.container)}.{','.join(targets)}"
                )
                for row in rows:
                    out.append(self._fk_found(view, row, fk["columns"][0], via, loc.confidence))
        return out

    def _parents(self, loc: Location) -> list[_Found]:
        """Rows that ``loc``'s row references and no other row does (the person's alone)."""
        view = self.containers.get((loc.source, loc.container))
        if view is None or not view.foreign_keys or not loc.record:
            return []
        rows = self._lookup(loc.source, loc.container, loc.record)
        if not rows:
            return []
        row = rows[0]
        out: list[_Found] = []
        for fk in view.foreign_keys:
            columns = list(fk["columns"])
            values = [row.values.get(c) for c in columns]
            if any(v is None for v in values):
                continue
            criteria = dict(zip(columns, values, strict=True))
            connector = self._connector(loc.source)
            if not isinstance(connector, KeyedLookup):
                continue
            try:
                shared = connector.count(loc.container, criteria) > 1
            except ConnectorError as exc:
                self._unreachable(loc.source, exc)
                continue
            if shared:
                continue  # someone else's row references it too: not the person's alone
            target = self.containers.get((loc.source, fk["target"]))
            if target is None:
                continue
            targets = list(fk["target_columns"])
            parent = self._lookup(loc.source, target.name, dict(zip(targets, values, strict=True)))
            via = (
                f"referenced only by the person's row: {_short(loc.container)}."
                f"{','.join(columns)} -> {_short(target.name)}.{','.join(targets)}"
            )
            for record in parent[:1]:
                out.append(self._fk_found(target, record, targets[0], via, loc.confidence))
        return out

    def _fk_found(
        self, view: ContainerView, row: Record, field: str, via: str, confidence: float
    ) -> _Found:
        return _Found(
            Location(
                view.source, view.name, field, dict(row.locator),
                self._categories(view.source, view.name, None), via,
                confidence * FK_CONFIDENCE, view.kind,
            ),
            None,
            row.values,
        )  # fmt: skip

    def _lookup(self, source: str, container: str, criteria: Mapping[str, Any]) -> list[Record]:
        connector = self._connector(source)
        if not isinstance(connector, KeyedLookup):
            return []
        try:
            return connector.lookup(container, criteria, FK_ROWS)
        except ConnectorError as exc:
            self._unreachable(source, exc)
            return []

    def _connector(self, source: str) -> Connector | None:
        if source in self.resolution.unreachable:
            return None
        try:
            return self.r.connector(source)
        except ConnectorError as exc:
            self._unreachable(source, exc)
            return None

    def _unreachable(self, source: str, exc: Exception) -> None:
        if source not in self.resolution.unreachable:
            self.resolution.unreachable.append(source)
            self.resolution.warnings.append(
                f"{source}: not reachable for the foreign-key step ({exc}); index results kept"
            )

    # -- step 4: quasi-identifiers (IP addresses) ---------------------------------------------
    def follow_quasi_identifiers(self) -> None:
        """Records holding an IP address that one of the person's records holds, when no
        record ties that address to anyone else (see the module docstring)."""
        origins: dict[str, Location] = {}
        mine = [f for f in self.found.values() if f.container_id is not None]
        keys = {(f.container_id, _key(f.location.record)) for f in mine if f.container_id}
        by_record: dict[tuple[int, str], list[Occurrence]] = defaultdict(list)
        for occ in self.r.catalog.record_occurrences(keys):
            by_record[(occ.container_id, occ.record_key)].append(occ)
        for item in mine:
            rows = by_record.get((item.container_id or 0, _key(item.location.record)), [])
            if _multi_person(rows):
                continue
            for occ in rows:
                if occ.entity_type in QUASI_IDENTIFIER_TYPES:
                    origins.setdefault(occ.fingerprint, item.location)
        fingerprint = self.r.fingerprinter.fingerprint_normalised
        for item in self.found.values():
            loc = item.location
            if item.values is None:
                continue
            for name in self.ip_fields.get((loc.source, loc.container), ()):
                value = item.values.get(name)
                for hit in () if value is None else self.r.extractor.ip_addresses(str(value)):
                    origins.setdefault(fingerprint(hit.entity_type, hit.normalised), loc)
        if not origins:
            return
        places = {(f.location.source, f.location.container, _key(f.location.record))
                  for f in self.found.values()}  # fmt: skip
        hits = self.r.catalog.occurrences(origins)
        content: dict[tuple[int, str], list[Occurrence]] = defaultdict(list)
        for occ in self.r.catalog.record_occurrences(
            {(o.container_id, o.record_key) for o in hits}
        ):
            content[(occ.container_id, occ.record_key)].append(occ)
        shared: set[str] = set()
        for occ in hits:
            view = self.containers.get((occ.source, occ.container))
            someone_elses_row = (
                view is not None and view.kind in ("table", "view")
                and (occ.source, occ.container, occ.record_key) not in places
            )  # fmt: skip
            strangers = any(
                o.entity_type in _STRONG and o.fingerprint not in self.known
                for o in content[(occ.container_id, occ.record_key)]
            )
            if someone_elses_row or strangers:
                shared.add(occ.fingerprint)
        if shared:
            self.resolution.warnings.append(
                f"{len(shared)} IP address(es) of the person's records also appear in other"
                " people's records: not followed"
            )
        for occ in hits:
            if occ.fingerprint in shared:
                continue
            origin = origins[occ.fingerprint]
            via = (
                f"quasi-identifier: an IP address of the person's record in"
                f" {_short(origin.container)} {_record_text(origin.record)}"
            )
            self._add_occurrence(occ, via, QUASI_CONFIDENCE)

    # -- bookkeeping --------------------------------------------------------------------------
    def _add_occurrence(self, occ: Occurrence, via: str, confidence: float) -> None:
        view = self.containers.get((occ.source, occ.container))
        kind = view.kind if view is not None else "table"
        self._put(
            _Found(
                Location(
                    occ.source, occ.container, occ.field, occ.locator,
                    self._categories(occ.source, occ.container, occ.field, occ.entity_type),
                    via, confidence, kind,
                ),
                occ.container_id,
            )
        )  # fmt: skip

    def _put(self, item: _Found) -> None:
        loc = item.location
        key = (loc.source, loc.container, _key(loc.record), loc.field)
        prior = self.found.get(key)
        if prior is None or prior.location.confidence < loc.confidence:
            self.found[key] = item

    def _field_categories(
        self, findings: Iterable[FindingView]
    ) -> dict[tuple[str, str, str | None], set[str]]:
        out: dict[tuple[str, str, str | None], set[str]] = defaultdict(set)
        for finding in findings:
            cats = self.r.categories.categories_of(finding.entity_type)
            out[(finding.source, finding.container, finding.field)].update(cats)
            out[(finding.source, finding.container, "*")].update(cats)
        return out

    def _categories(
        self, source: str, container: str, field_: str | None, entity_type: str | None = None
    ) -> tuple[str, ...]:
        cats = set(self.field_categories.get((source, container, "*"), ()))
        if entity_type is not None:
            cats.update(self.r.categories.categories_of(entity_type))
        return tuple(sorted(cats))

    def finish(self) -> Resolution:
        self.resolution.locations = sorted(
            (f.location for f in self.found.values()),
            key=lambda loc: (loc.source, loc.container, _key(loc.record), loc.field or ""),
        )
        return self.resolution


_TYPE_WORD = {
    "EMAIL_ADDRESS": "e-mail",
    "SE_PERSONNUMMER": "personnummer",
    "PHONE_NUMBER": "phone number",
}


def _multi_person(rows: Iterable[Occurrence]) -> bool:
    """A record with two different personnummer or two different e-mail addresses."""
    pnrs: set[str] = set()
    emails: set[str] = set()
    for occ in rows:
        if occ.entity_type == "SE_PERSONNUMMER":
            pnrs.add(occ.fingerprint)
        elif occ.entity_type == "EMAIL_ADDRESS":
            emails.add(occ.fingerprint)
    return len(pnrs) > 1 or len(emails) > 1


def _key(record: Mapping[str, Any]) -> str:
    return record_key(locator_json(record))


def _record_text(record: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in record.items())


def _short(container: str) -> str:
    return container.rsplit(".", 1)[-1]
