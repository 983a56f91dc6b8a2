"""The data map, the Art. 30 record of processing and the policy gaps, as one report model.

:func:`build_report` reads the catalog (findings, containers, the last run's scan issues) and the
policy, and returns a JSON-ready dict; :mod:`reports.render` writes it as JSON, CSV, Markdown or
self-contained HTML. Nothing here holds a raw value: findings carry counts, confidences and
masked previews only.

* ``data_map``: one row per (source, container, field) that holds personal data: the entity
  types, the categories (declared by the policy or not), counts and confidence, the system and
  the processors serving it.
* ``art30``: the record of processing (GDPR Art. 30(1), controller; 30(2), processor): one
  activity per purpose of the policy, each with the Art. 30 fields (purposes, data_categories,
  data_subjects, recipients, transfers, retention, security), where its data was found, and
  ``complete`` or what is ``missing``.
* ``graph``: the data-map graph (:mod:`datamap.graph`) condensed for a picture: sources,
  containers (the ``GRAPH_CONTAINERS`` holding most personal data; the rest counted per source),
  categories, systems, processors and where they process, with the edges between them.
* ``gaps``: categories found that the policy does not declare (financial data, Art. 9 data),
  personnummer where the policy gives no justification, personal data in dated records (log and
  object lines by their timestamp, table rows by their creation or booking date) older than
  their retention rule allows, processors in third countries, and the scan issues of the last
  run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import networkx as nx

from datamap.catalog import Catalog
from datamap.graph import graph_of, source_node
from datamap.policy import LocalText, Policy

__all__ = ["ART30_FIELDS", "GRAPH_CONTAINERS", "build_report"]

ART30_FIELDS = (
    "purposes", "data_categories", "data_subjects", "recipients", "transfers", "retention",
    "security",
)  # fmt: skip
GRAPH_CONTAINERS = 40  # containers drawn in the graph view; the rest are counted per source
_GRAPH_KINDS = ("location", "processor", "system", "source", "container", "category")


def build_report(
    catalog: Catalog,
    policy: Policy,
    sources: Mapping[str, tuple[str, str | None]],
    lang: str = "en",
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The report model (see the module docstring); ``sources``: name -> (type, system)."""
    plain = policy.to_dict()
    categories = policy.category_map()
    containers, findings = catalog.containers(), catalog.findings()
    graph = graph_of(containers, findings, policy, sources)
    systems = {name: system for name, (_, system) in sources.items()}
    for view in containers:
        systems.setdefault(view.source, view.system)
    serving: dict[str | None, list[str]] = {}
    for system in set(systems.values()):
        serving[system] = [p.name for p in policy.processors_for_system(system)]
    rows: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for finding in findings:
        key = (finding.source, finding.container, finding.field)
        row = rows.setdefault(
            key,
            {
                "source": finding.source,
                "container": finding.container,
                "field": finding.field,
                "system": systems.get(finding.source),
                "processors": serving.get(systems.get(finding.source), []),
                "entity_types": [],
                "categories": [],
                "undeclared": [],
                "count": 0,
                "sampled": 0,
                "confidence": 0.0,
                "previews": [],
            },
        )
        row["entity_types"].append(finding.entity_type)
        for cat in categories.categories_of(finding.entity_type):
            if cat not in row["categories"]:
                row["categories"].append(cat)
            if cat not in categories.declared and cat not in row["undeclared"]:
                row["undeclared"].append(cat)
        row["count"] = max(row["count"], finding.count)
        row["sampled"] = max(row["sampled"], finding.sampled)
        row["confidence"] = max(row["confidence"], round(finding.confidence, 3))
        row["previews"] = sorted({*row["previews"], *finding.previews})[:3]
    data_map = [rows[key] for key in sorted(rows, key=lambda k: (k[0], k[1], k[2] or ""))]
    found_in: dict[str, list[str]] = defaultdict(list)
    for row in data_map:
        for cat in row["categories"]:
            where = f"{row['source']}:{row['container']}"
            if where not in found_in[cat]:
                found_in[cat].append(where)
    runs = catalog.runs()
    last = runs[-1] if runs else None
    issues = catalog.issues(last.id) if last is not None else []
    generated = now or dt.datetime.now(dt.UTC)
    holding = {(row["source"], row["container"]) for row in data_map}
    return {
        "generated_at": generated.isoformat(timespec="seconds"),
        "lang": lang,
        "controller": plain["controller"],
        "sources": [{"name": n, "type": t, "system": s} for n, (t, s) in sorted(sources.items())],
        "data_map": data_map,
        "sankey": _sankey(data_map),
        "graph": _graph_view(graph),
        "art30": _art30(policy, plain, found_in, lang),
        "gaps": _gaps(
            policy,
            data_map,
            [
                {"source": i.source, "container": i.container, "kind": i.kind, "message": i.message}
                for i in issues
            ],
            _past_retention(
                policy,
                {k: v for k, v in catalog.record_days().items() if k in holding},
                generated.date(),
            ),
        ),
        "last_scan": None
        if last is None
        else {
            "run": last.id,
            "started_at": last.started_at.isoformat() if last.started_at else None,
            "status": last.status,
            "containers_scanned": last.containers_scanned,
            "issues": last.issues,
        },
    }


def _graph_view(graph: nx.MultiDiGraph[str], limit: int = GRAPH_CONTAINERS) -> dict[str, Any]:
    """The graph condensed to what a picture can show: fields folded into their containers
    (a ``holds`` edge container -> category, weighted by the fields), and at most ``limit``
    containers: those holding undeclared categories first, then those holding the most
    personal data; the others become one node per source
    (``more:{source}``, labelled with the source, ``more``: how many)."""
    holds: dict[tuple[str, str], dict[str, Any]] = {}
    for field, category, data in graph.edges(data=True):
        if data.get("relation") != "holds":
            continue
        container = next(
            (u for u, _, d in graph.in_edges(field, data=True) if d.get("relation") == "contains"),
            None,
        )
        if container is None:
            continue
        edge = holds.setdefault((container, category), {"weight": 0, "count": 0})
        edge["weight"] += 1
        edge["count"] += int(data.get("count", 0))
    held: dict[str, int] = defaultdict(int)
    undeclared: set[str] = set()
    for (container, category), edge in holds.items():
        held[container] += edge["count"] + 1
        if not graph.nodes[category].get("declared", True):
            undeclared.add(container)
    containers = [n for n, d in graph.nodes(data=True) if d.get("kind") == "container"]
    ranked = sorted(containers, key=lambda n: (n not in undeclared, -held.get(n, 0), n))
    shown = set(ranked[:limit])
    more: dict[str, int] = defaultdict(int)
    for node in ranked[limit:]:
        more[source_node(str(graph.nodes[node].get("source")))] += 1
    nodes: list[dict[str, Any]] = []
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        kind = data.get("kind")
        if kind not in _GRAPH_KINDS or (kind == "container" and node not in shown):
            continue
        flag = (kind == "category" and not data.get("declared", True)) or bool(
            kind in ("processor", "location") and data.get("third_country")
        )
        nodes.append({"id": node, "kind": kind, "label": str(data.get("name")), "flag": flag})
    for source, count in sorted(more.items()):
        nodes.append({"id": f"more:{source}", "kind": "container", "flag": False, "more": count,
                      "label": source.removeprefix("source:")})  # fmt: skip
    edges: list[dict[str, Any]] = []
    for u, v, data in graph.edges(data=True):
        relation = data.get("relation")
        drawn = (
            relation in ("part_of", "processed_by", "located_in")
            or (relation == "contains" and u.startswith("source:") and v in shown)
            or (relation == "references" and u in shown and v in shown)
        )
        if drawn:
            edges.append({"from": u, "to": v, "relation": relation, "weight": 1})
    for (container, category), edge in sorted(holds.items()):
        if container in shown:
            edges.append({"from": container, "to": category, "relation": "holds", **edge})
    edges += [
        {"from": source, "to": f"more:{source}", "relation": "contains", "weight": count}
        for source, count in sorted(more.items())
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "omitted_containers": sum(more.values()),
        "size": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
    }


def _text(value: Any, lang: str) -> Any:
    if isinstance(value, LocalText):
        return value.get("sv" if lang == "sv" else "en")
    if isinstance(value, dict) and set(value) <= {"sv", "en"}:
        return value.get(lang) or value.get("en") or value.get("sv")
    return value


def _art30(
    policy: Policy, plain: Mapping[str, Any], found_in: Mapping[str, list[str]], lang: str
) -> dict[str, Any]:
    retention = [
        {"applies_to": r["applies_to"], "basis": r["basis"], "keep": r.get("keep"),
         "note": r.get("note")}
        for r in plain["retention"]
    ]  # fmt: skip
    subjects = [_text(g["name"], lang) for g in plain["data_subjects"].get("groups", [])]
    recipients = [_text(g["name"], lang) for g in plain["recipients"].get("groups", [])]
    security = [_text(m["description"], lang) for m in plain["security_measures"]]
    transfers = {
        "third_country_processors": [
            {"name": p.name, "location": p.location, "safeguards": p.safeguards}
            for p in policy.processors
            if p.third_country
        ],
        "statement": _text(plain["transfers"].get("may_occur"), lang),
    }
    activities = []
    for purpose in plain["purposes"]:
        record = {
            "key": purpose["key"],
            "name": _text(purpose["name"], lang),
            "purposes": [_text(purpose.get("description") or purpose["name"], lang)],
            "legal_basis": purpose.get("legal_basis"),
            "data_categories": list(purpose.get("categories", [])),
            "data_subjects": subjects,
            "recipients": recipients,
            "transfers": transfers,
            "retention": retention,
            "security": security,
            "found_in": sorted(
                {w for c in purpose.get("categories", []) for w in found_in.get(c, [])}
            ),
        }
        missing = [f for f in ART30_FIELDS if not record[f]]
        if not transfers["third_country_processors"] and not transfers["statement"]:
            missing.append("transfers")
        if all(r["keep"] is None for r in retention) and not any(r["note"] for r in retention):
            missing.append("retention")
        record["complete"] = not missing
        record["missing"] = sorted(set(missing))
        activities.append(record)
    processor_variant = [
        {
            "processor": p.name, "role": p.role, "on_behalf_of": plain["controller"]["name"],
            "categories_of_processing": _text(p.purpose, lang) if p.purpose else None,
            "transfers": {"third_country": p.third_country, "location": p.location,
                          "safeguards": p.safeguards},
            "security": security,
            "complete": p.purpose is not None and (not p.third_country or bool(p.safeguards)),
            "placeholder": p.placeholder,
        }
        for p in policy.processors
        if p.role != "controller"
    ]  # fmt: skip
    return {"controller": activities, "processor": processor_variant}


def _gaps(
    policy: Policy,
    data_map: list[dict[str, Any]],
    issues: list[dict[str, Any]],
    past_retention: list[dict[str, Any]],
) -> dict[str, Any]:
    undeclared = [
        {"source": r["source"], "container": r["container"], "field": r["field"],
         "categories": r["undeclared"], "entity_types": r["entity_types"]}
        for r in data_map
        if r["undeclared"]
    ]  # fmt: skip
    unjustified = set(policy.unjustified())
    personnummer = [
        {"source": r["source"], "container": r["container"], "field": r["field"]}
        for r in data_map
        if unjustified & set(r["entity_types"])
    ]
    third = [
        {"processor": p.name, "location": p.location, "safeguards": p.safeguards}
        for p in policy.processors
        if p.third_country
    ]
    return {
        "undeclared_categories": undeclared,
        "personnummer_without_justification": personnummer,
        "personal_data_past_retention": past_retention,
        "third_country_processors": third,
        "scan_issues": issues,
    }


def _past_retention(
    policy: Policy, dated: Mapping[tuple[str, str], Mapping[str, tuple[int, int]]], today: dt.date
) -> list[dict[str, Any]]:
    """Containers holding personal data with dated records (log and object lines, table rows
    with a creation or booking date; ``dated``: :meth:`Catalog.record_days`) older than the
    retention rule that applies to them allows: a record of day ``d`` is past its window when
    ``d + keep`` is before ``today``. Rules without a time limit (``keep: null``) never are."""
    gaps = []
    for (source, name), days in sorted(dated.items()):
        rule = policy.retention_for(source, name)
        if rule is None or rule.keep is None:
            continue
        keep = rule.keep
        past = sorted(
            (day, counts)
            for day, counts in days.items()
            if keep.add_to(dt.date.fromisoformat(day)) < today
        )
        if not past:
            continue
        gaps.append(
            {
                "source": source,
                "container": name,
                "retention": keep.iso(),
                "rule": rule.applies_to,
                "basis": rule.basis,
                "note": rule.note,
                "oldest_record": past[0][0],
                "newest_record": max(days),
                "records_past_retention": sum(c[0] for _, c in past),
                "identified_records_past_retention": sum(c[1] for _, c in past),
            }
        )
    return gaps


def _sankey(data_map: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Flows source -> category -> processor, weighted by the fields holding the category."""
    flows: dict[tuple[str, str], int] = defaultdict(int)
    for row in data_map:
        for cat in row["categories"]:
            flows[(f"source:{row['source']}", f"category:{cat}")] += 1
            for processor in row["processors"]:
                flows[(f"category:{cat}", f"processor:{processor}")] += 1
    nodes = sorted({n for pair in flows for n in pair})
    return {
        "nodes": [
            {"id": n, "column": n.split(":", 1)[0], "label": n.split(":", 1)[1]} for n in nodes
        ],
        "links": [{"from": a, "to": b, "weight": w} for (a, b), w in sorted(flows.items())],
    }
