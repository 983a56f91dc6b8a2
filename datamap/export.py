"""The subject export (GDPR Art. 15 and 20): the person's data, read live from the sources,
grouped by the policy's categories, with the Art. 15(1)(a)-(h) information beside it.

:func:`build_export` assembles the document from a :class:`~datamap.subjects.Resolution`, the
records read for its locations (``pdmap.subject.read_records`` does that I/O) and the policy.
Each value is the person's own; another person's e-mail, personnummer or phone number inside
one of their records (a shared ticket, a mail log line) is replaced by a marker
(:class:`BystanderRedactor`), never exported. Values that are not JSON (decimals, dates, bytes)
become text.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from connectors.base import Record
from datamap.catalog import FindingView, locator_json, record_key
from datamap.policy import Policy
from datamap.subjects import Location, Resolution
from scanner.categories import CategoryMap
from scanner.fingerprint import Fingerprinter
from scanner.identifiers import Found, IdentifierExtractor

__all__ = [
    "EXPORT_FORMAT",
    "BystanderRedactor",
    "RecordKey",
    "build_export",
    "location_key",
    "replace_identifiers",
]

EXPORT_FORMAT = "pdmap-subject-export/1"
OTHER = "other"  # fields of the person's records where the scan found no personal data type

RecordKey = tuple[str, str, str]


def location_key(source: str, container: str, record: Mapping[str, Any]) -> RecordKey:
    return (source, container, record_key(locator_json(record)))


def replace_identifiers(
    text: str,
    extractor: IdentifierExtractor,
    fingerprinter: Fingerprinter,
    replacement: Callable[[Found, str], str | None],
) -> tuple[str, int]:
    """``text`` with each e-mail, personnummer and phone number for which ``replacement(found,
    fingerprint)`` gives a string replaced by it; and how many were replaced."""
    pieces: list[str] = []
    at = replaced = 0
    for start, end, found in extractor.spans(text):
        marker = replacement(
            found, fingerprinter.fingerprint_normalised(found.entity_type, found.normalised)
        )
        if marker is not None:
            pieces += [text[at:start], marker]
            at = end
            replaced += 1
    return ("".join(pieces) + text[at:] if pieces else text), replaced


class BystanderRedactor:
    """Replaces identifiers that are not the person's with ``[another person's <type>]``."""

    def __init__(
        self, extractor: IdentifierExtractor, fingerprinter: Fingerprinter, mine: frozenset[str]
    ) -> None:
        self.extractor = extractor
        self.fingerprinter = fingerprinter
        self.mine = mine
        self.redacted = 0

    def __call__(self, text: str) -> str:
        out, replaced = replace_identifiers(text, self.extractor, self.fingerprinter, self._marker)
        self.redacted += replaced
        return out

    def _marker(self, found: Found, fingerprint: str) -> str | None:
        if fingerprint in self.mine:
            return None
        return f"[another person's {_WORD[found.entity_type]}]"


_WORD = {"EMAIL_ADDRESS": "e-mail", "SE_PERSONNUMMER": "personnummer", "PHONE_NUMBER": "phone"}


def build_export(
    resolution: Resolution,
    records: Mapping[RecordKey, Record],
    policy: Policy,
    findings: list[FindingView],
    redact: BystanderRedactor,
    systems: Mapping[str, str | None],
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The export document (see the module docstring); ``systems`` maps source -> system."""
    categories = policy.category_map()
    field_types: dict[tuple[str, str, str | None], set[str]] = defaultdict(set)
    for finding in findings:
        field_types[(finding.source, finding.container, finding.field)].add(finding.entity_type)
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    exported: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    done: set[RecordKey] = set()
    for loc in resolution.locations:
        key = location_key(loc.source, loc.container, loc.record)
        if key in done:
            continue
        done.add(key)
        record = records.get(key)
        if record is None:
            missing.append(_where(loc))
            continue
        fields: dict[str, Any] = {}
        for name, value in record.values.items():
            plain = _plain(value, redact)
            if plain is None:
                continue
            label = name if name is not None else "text"
            fields[label] = plain
            for category in _categories_of(categories, field_types, loc, name):
                by_category[category].append({**_where(loc), "field": label, "value": plain})
        exported.append({**_where(loc), "via": loc.via, "fields": fields})
    containers = sorted({(loc.source, loc.container) for loc in resolution.locations})
    return {
        "format": EXPORT_FORMAT,
        "generated_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "subject": {"kind": resolution.subject.kind, "masked": resolution.subject.masked},
        "controller": policy.to_dict()["controller"],
        "information": _article_15(policy, containers, by_category, systems),
        "data": {category: by_category[category] for category in sorted(by_category)},
        "records": exported,
        "not_read": missing,
        "unreachable": list(resolution.unreachable),
        "warnings": list(resolution.warnings)
        + ([f"{redact.redacted} value(s) of other people replaced"] if redact.redacted else []),
    }


def _categories_of(
    categories: CategoryMap,
    field_types: Mapping[tuple[str, str, str | None], set[str]],
    loc: Location,
    name: str | None,
) -> list[str]:
    types = field_types.get((loc.source, loc.container, name), set())
    found = sorted({c for t in types for c in categories.categories_of(t)})
    return found or [OTHER]


def _article_15(
    policy: Policy,
    containers: list[tuple[str, str]],
    by_category: Mapping[str, list[dict[str, Any]]],
    systems: Mapping[str, str | None],
) -> dict[str, Any]:
    plain = policy.to_dict()
    held = [c for c in by_category if c != OTHER]
    retention = []
    for source, container in containers:
        rule = policy.retention_for(source, container)
        retention.append(
            {
                "source": source,
                "container": container,
                "keep": rule.keep.iso() if rule and rule.keep else None,
                "basis": rule.basis if rule else None,
                "criteria": rule.note if rule else None,
            }
        )
    serving = {
        index
        for source, _ in containers
        for index, p in enumerate(policy.processors)
        if p.serves(systems.get(source))
    }
    return {
        "a_purposes": [
            p for p in plain["purposes"] if set(p.get("categories", ())) & set(held)
        ] or plain["purposes"],
        "b_categories": [c for c in plain["categories"] if c["key"] in held]
        + [{"key": c, "note": "not declared by the policy"} for c in held
           if policy.category(c) is None],
        "c_recipients": plain["recipients"],
        "c_processors": [plain["processors"][i] for i in sorted(serving)],
        "c_transfers": plain["transfers"],
        "d_retention": retention,
        "e_rights": plain["rights"],
        "f_complaint": plain["complaint"],
        "g_source": {
            "policy": plain.get("data_subjects"),
            "systems": sorted({s for s in (systems.get(src) for src, _ in containers) if s}),
            "sources": sorted({src for src, _ in containers}),
        },
        "h_automated_decisions": plain["automated_decisions"],
    }  # fmt: skip


def _where(loc: Location) -> dict[str, Any]:
    return {"source": loc.source, "container": loc.container, "record": loc.record}


def _plain(value: Any, redact: BystanderRedactor) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return redact(value) if value.strip() else None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return redact(str(value))
