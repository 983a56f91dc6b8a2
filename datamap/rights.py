"""Rectification (GDPR Art. 16) and restriction (Art. 18) as plans: what would change where.

Neither is carried out by pdmap: a rectified value must come from the person and be checked by
someone, and restriction is a state the systems themselves must honour. The plans say, from
the person's :class:`~datamap.subjects.Resolution`, the catalog's findings and the policy:

* :func:`rectification_plan`: every field of the person's records that holds data of the type
  to be corrected (an e-mail address, a phone number, a street address, a name), with the
  action (``rectify``, or ``annotate`` in held containers, which must not be altered) and the
  processors to tell (Art. 19);
* :func:`restriction_plan`: per container, the categories held and the purposes whose
  processing must stop (storage only), and the system and processors to tell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from datamap.catalog import FindingView
from datamap.policy import Policy
from datamap.subjects import Resolution

__all__ = ["rectification_plan", "restriction_plan"]


def rectification_plan(
    resolution: Resolution,
    entity_type: str,
    findings: Iterable[FindingView],
    policy: Policy,
    systems: Mapping[str, str | None],
) -> dict[str, Any]:
    """Where the person's ``entity_type`` would be corrected (no value is shown)."""
    fields: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for finding in findings:
        if finding.entity_type == entity_type:
            fields[(finding.source, finding.container)].add(finding.field)
    steps: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str, str | None]] = set()
    for loc in resolution.locations:
        for name in sorted(fields.get((loc.source, loc.container), ()), key=lambda f: f or ""):
            key = (loc.source, loc.container, repr(sorted(loc.record.items())), name)
            if key in seen:
                continue
            seen.add(key)
            rule = policy.held(loc.source, loc.container)
            steps.append(
                {
                    "action": "annotate" if rule else "rectify",
                    "source": loc.source,
                    "container": loc.container,
                    "record": loc.record,
                    "field": name,
                    "reason": (
                        f"held ({rule.basis}): add the correction beside the record, do not"
                        " alter it"
                        if rule
                        else f"replace the person's {entity_type} with the corrected value"
                    ),
                }
            )
    return {
        "identifier": {"kind": resolution.subject.kind, "masked": resolution.subject.masked},
        "entity_type": entity_type,
        "steps": steps,
        "notify": _notify(policy, {str(s["source"]) for s in steps}, systems),
        "note": "a plan only: pdmap changes nothing; check the corrected value with the person",
    }


def restriction_plan(
    resolution: Resolution,
    findings: Iterable[FindingView],
    policy: Policy,
    systems: Mapping[str, str | None],
) -> dict[str, Any]:
    """Per container of the person's records: what is held and which processing stops."""
    categories = policy.category_map()
    held_here: dict[tuple[str, str], set[str]] = defaultdict(set)
    for finding in findings:
        held_here[(finding.source, finding.container)].update(
            categories.categories_of(finding.entity_type)
        )
    records: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for loc in resolution.locations:
        records[(loc.source, loc.container)].append(loc.record)
    steps: list[dict[str, Any]] = []
    for (source, container), rows in sorted(records.items()):
        cats = sorted(held_here.get((source, container), set()))
        purposes = sorted({p.key for c in cats for p in policy.purposes_for_category(c)})
        steps.append(
            {
                "action": "restrict",
                "source": source,
                "container": container,
                "system": systems.get(source),
                "records": rows,
                "categories": cats,
                "stop_purposes": purposes,
                "reason": "keep stored; no other processing until the restriction is lifted"
                " (Art. 18(2)), except with consent, for legal claims or another's rights",
            }
        )
    return {
        "identifier": {"kind": resolution.subject.kind, "masked": resolution.subject.masked},
        "steps": steps,
        "notify": _notify(policy, {str(s["source"]) for s in steps}, systems),
        "note": "a plan only: mark the records restricted in each system; pdmap changes nothing",
    }


def _notify(
    policy: Policy, sources: Iterable[str], systems: Mapping[str, str | None]
) -> list[dict[str, Any]]:
    """Processors serving the systems involved (Art. 19: recipients are told)."""
    out: dict[str, dict[str, Any]] = {}
    for source in sorted(sources):
        for processor in policy.processors_for_system(systems.get(source)):
            entry = out.setdefault(
                processor.name, {"processor": processor.name, "role": processor.role, "sources": []}
            )
            entry["sources"].append(source)
    return list(out.values())
