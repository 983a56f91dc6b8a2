"""The report model of :mod:`reports.datamap` written as JSON, CSV (the data map), Markdown or
one self-contained HTML file: inline CSS and an inline SVG Sankey of sources -> categories ->
processors, no script, font, image or link to anything outside the file (web addresses from the
policy are shown without their scheme, as text), so it opens offline and can be mailed to IMY.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections import defaultdict
from typing import Any, TextIO

__all__ = ["FORMATS", "render_report"]

FORMATS = ("html", "json", "csv", "md")
_GAP_KEYS = (
    ("undeclared_categories", "undeclared"),
    ("personnummer_without_justification", "pnr"),
    ("personal_data_past_retention", "past"),
    ("third_country_processors", "third"),
    ("scan_issues", "issues"),
)
_SCHEME = re.compile(r"\b(?:https?|ftp)://", re.IGNORECASE)
_LABELS = {
    "en": {
        "title": "Data map and record of processing (GDPR Art. 30)",
        "map": "Data map", "flows": "Where personal data flows", "art30": "Record of processing",
        "gaps": "Policy gaps", "source": "Source", "container": "Container", "field": "Field",
        "types": "Entity types", "categories": "Categories", "count": "Count",
        "confidence": "Confidence", "system": "System", "processors": "Processors",
        "activity": "Activity", "complete": "Complete", "missing": "Missing",
        "undeclared": "Undeclared by the policy", "pnr": "Personnummer without justification",
        "third": "Processors in third countries", "issues": "Scan issues", "none": "none",
        "past": "Personal data kept past its retention",
        "graph": "The data map as a graph", "location": "Where processed",
        "legend": "Red: not declared by the policy, or outside the EU/EEA. Dashed: foreign key.",
        "omitted": "containers not drawn (they hold the least personal data)", "more": "more",
        "processor_record": "Record of the processors (Art. 30(2))",
    },
    "sv": {
        "title": "Datakarta och registerförteckning (GDPR art. 30)",
        "map": "Datakarta", "flows": "Var personuppgifterna finns och vart de går",
        "art30": "Registerförteckning", "gaps": "Luckor i policyn", "source": "Källa",
        "container": "Behållare", "field": "Fält", "types": "Typer", "categories": "Kategorier",
        "count": "Antal", "confidence": "Säkerhet", "system": "System",
        "processors": "Biträden", "activity": "Behandling", "complete": "Komplett",
        "missing": "Saknas", "undeclared": "Ej deklarerat i policyn",
        "pnr": "Personnummer utan motivering", "third": "Biträden i tredje land",
        "issues": "Problem vid skanningen", "none": "inga",
        "past": "Personuppgifter sparade längre än lagringstiden",
        "graph": "Datakartan som graf", "location": "Var de behandlas",
        "legend": "Rött: ej deklarerat i policyn, eller utanför EU/EES. "
        "Streckat: främmande nyckel.",
        "omitted": "behållare inte ritade (de har minst personuppgifter)", "more": "till",
        "processor_record": "Förteckning för biträden (art. 30.2)",
    },
}  # fmt: skip


def render_report(report: dict[str, Any], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(report, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "csv":
        _csv(report, out)
    elif fmt == "md":
        _markdown(report, out)
    elif fmt == "html":
        _html(report, out)
    else:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def _csv(report: dict[str, Any], out: TextIO) -> None:
    columns = ("source", "container", "field", "entity_types", "categories", "undeclared",
               "count", "sampled", "confidence", "system", "processors")  # fmt: skip
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in report["data_map"]:
        writer.writerow(
            {**row, **{k: ";".join(row[k]) for k in
                       ("entity_types", "categories", "undeclared", "processors")}}
        )  # fmt: skip


def _markdown(report: dict[str, Any], out: TextIO) -> None:
    t = _LABELS.get(report.get("lang", "en"), _LABELS["en"])
    out.write(f"# {t['title']}\n\n{report['controller']['name']} · {report['generated_at']}\n\n")
    out.write(f"## {t['map']}\n\n| {t['source']} | {t['container']} | {t['field']} | "
              f"{t['types']} | {t['categories']} | {t['count']} | {t['confidence']} |\n"
              "|---|---|---|---|---|---|---|\n")  # fmt: skip
    for row in report["data_map"]:
        cats = ", ".join(c + (" (!)" if c in row["undeclared"] else "") for c in row["categories"])
        out.write(
            f"| {row['source']} | {row['container']} | {row['field'] or '-'} | "
            f"{', '.join(row['entity_types'])} | {cats} | {row['count']}/{row['sampled']} | "
            f"{row['confidence']:.2f} |\n"
        )
    out.write(f"\n## {t['art30']}\n\n")
    for act in report["art30"]["controller"]:
        state = t["complete"] if act["complete"] else f"{t['missing']}: {', '.join(act['missing'])}"
        out.write(f"### {act['name']}\n\n- {state}\n")
        for key in ("purposes", "data_categories", "data_subjects", "recipients", "security"):
            out.write(f"- **{key}**: {'; '.join(str(v) for v in act[key]) or t['none']}\n")
        out.write(f"- **legal_basis**: {act['legal_basis']}\n")
        out.write(f"- **retention**: {'; '.join(_retention(r) for r in act['retention'])}\n")
        out.write(f"- **found in**: {', '.join(act['found_in']) or t['none']}\n\n")
    gaps = report["gaps"]
    out.write(f"## {t['gaps']}\n\n")
    for key, label in _GAP_KEYS:
        out.write(f"- **{t[label]}**: {len(gaps[key])}\n")
        for item in gaps[key]:
            out.write(f"  - {', '.join(f'{k}={v}' for k, v in item.items())}\n")


def _retention(rule: dict[str, Any]) -> str:
    keep = rule.get("keep") or "as needed"
    return f"{rule['applies_to']}: {keep} ({rule['basis']})"


def _e(value: Any) -> str:
    """Escaped text with web addresses shown without their scheme (no link in the file)."""
    return html.escape(_SCHEME.sub("", str(value)))


def _html(report: dict[str, Any], out: TextIO) -> None:
    t = _LABELS.get(report.get("lang", "en"), _LABELS["en"])
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in (
            _e(r["source"]), _e(r["container"]), _e(r["field"] or "-"),
            _e(", ".join(r["entity_types"])),
            ", ".join(f'<span class="{"bad" if c in r["undeclared"] else "cat"}">{_e(c)}</span>'
                      for c in r["categories"]),
            f"{r['count']}/{r['sampled']}", f"{r['confidence']:.2f}", _e(r["system"] or "-"),
            _e(", ".join(r["processors"]) or "-"),
        )) + "</tr>"
        for r in report["data_map"]
    )  # fmt: skip
    activities = "".join(_activity(a, t) for a in report["art30"]["controller"])
    processors = "".join(
        f"<tr><td>{_e(p['processor'])}</td><td>{_e(p['role'])}</td>"
        f"<td>{_e(p['categories_of_processing'] or '-')}</td>"
        f"<td>{_e(p['transfers']['location'] or '-')}</td>"
        f"<td>{'✔' if p['complete'] else '✘'}"
        f"{' (placeholder)' if p['placeholder'] else ''}</td></tr>"
        for p in report["art30"]["processor"]
    )  # fmt: skip
    gaps = report["gaps"]
    gap_items = "".join(
        f"<h3>{_e(t[label])}: {len(gaps[key])}</h3>{_gap_table(gaps[key])}"
        for key, label in _GAP_KEYS
    )
    out.write(
        f"<!DOCTYPE html><html lang=\"{_e(report.get('lang', 'en'))}\"><head>"
        '<meta charset="utf-8">'
        f"<title>{_e(t['title'])}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(t['title'])}</h1><p class=\"meta\">{_e(report['controller']['name'])} · "
        f"{_e(report['generated_at'])}</p>"
        f"<h2>{_e(t['flows'])}</h2>{_sankey_svg(report['sankey'])}"
        f"<h2>{_e(t['graph'])}</h2>{_graph_svg(report['graph'], t)}"
        f"<h2>{_e(t['map'])}</h2><table><tr><th>{t['source']}</th><th>{t['container']}</th>"
        f"<th>{t['field']}</th><th>{t['types']}</th><th>{t['categories']}</th>"
        f"<th>{t['count']}</th><th>{t['confidence']}</th><th>{t['system']}</th>"
        f"<th>{t['processors']}</th></tr>{rows}</table>"
        f"<h2>{_e(t['art30'])}</h2>{activities}"
        f"<h2>{_e(t['processor_record'])}</h2><table><tr><th>{t['processors']}</th><th>role</th>"
        f"<th>{t['activity']}</th><th>location</th><th>{t['complete']}</th></tr>{processors}</table>"
        f"<h2>{_e(t['gaps'])}</h2>{gap_items}</body></html>\n"
    )  # fmt: skip


def _gap_table(items: list[dict[str, Any]]) -> str:
    """One gap's items as a table: a column per key (in first-seen order), lists joined."""
    if not items:
        return ""
    columns = list(dict.fromkeys(key for item in items for key in item))
    head = "".join(f"<th>{_e(c.replace('_', ' '))}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(_cell(item.get(c)))}</td>" for c in columns) + "</tr>"
        for item in items
    )
    return f'<table class="gaps"><tr>{head}</tr>{rows}</table>'


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _activity(act: dict[str, Any], t: dict[str, str]) -> str:
    state = (
        f'<span class="ok">{t["complete"]}</span>'
        if act["complete"]
        else f'<span class="bad">{t["missing"]}: {_e(", ".join(act["missing"]))}</span>'
    )
    items = "".join(
        f"<tr><th>{_e(key)}</th>"
        f"<td>{_e('; '.join(str(v) for v in act[key]) or t['none'])}</td></tr>"
        for key in ("purposes", "data_categories", "data_subjects", "recipients", "security")
    )  # fmt: skip
    retention = "; ".join(_retention(r) for r in act["retention"])
    return (
        f"<h3>{_e(act['name'])} {state}</h3><table>{items}"
        f"<tr><th>legal_basis</th><td>{_e(act['legal_basis'])}</td></tr>"
        f"<tr><th>retention</th><td>{_e(retention)}</td></tr>"
        f"<tr><th>found in</th><td>{_e(', '.join(act['found_in']) or t['none'])}</td></tr></table>"
    )


def _sankey_svg(sankey: dict[str, list[dict[str, Any]]]) -> str:
    """Three columns of boxes (sources, categories, processors) joined by bands whose width is
    the number of fields behind each flow."""
    columns = ("source", "category", "processor")
    width, box = 900, 14
    x = {c: 30 + i * (width - 200) // 2 for i, c in enumerate(columns)}
    weight: dict[str, int] = defaultdict(int)
    for link in sankey["links"]:
        weight[link["from"]] += link["weight"]
        weight[link["to"]] += link["weight"]
    total = max(1, max(weight.values(), default=1))
    place: dict[str, tuple[int, int, int]] = {}
    for column in columns:
        nodes = [n for n in sankey["nodes"] if n["column"] == column]
        y = 30
        for node in nodes:
            h = max(12, int(weight[node["id"]] / total * 120))
            place[node["id"]] = (x[column], y, h)
            y += h + 20
    height = max((py + h for _, py, h in place.values()), default=40) + 30
    used: dict[str, int] = defaultdict(int)
    bands = []
    for link in sankey["links"]:
        if link["from"] not in place or link["to"] not in place:
            continue
        x1, y1, _ = place[link["from"]]
        x2, y2, _ = place[link["to"]]
        band = max(2, int(link["weight"] / total * 120))
        a = y1 + used[link["from"] + ">"] + band / 2
        b = y2 + used[link["to"] + "<"] + band / 2
        used[link["from"] + ">"] += band
        used[link["to"] + "<"] += band
        mid = (x1 + box + x2) / 2
        bands.append(
            f'<path d="M{x1 + box},{a:.1f} C{mid:.1f},{a:.1f} {mid:.1f},{b:.1f} {x2},{b:.1f}" '
            f'stroke="{_colour(link["to"] if link["to"].startswith("category") else link["from"])}"'
            f' stroke-opacity="0.45" stroke-width="{band}" fill="none"><title>'
            f"{_e(link['from'])} → {_e(link['to'])}: {link['weight']}</title></path>"
        )
    boxes = [
        f'<rect x="{px}" y="{py}" width="{box}" height="{h}" fill="{_colour(node)}"/>'
        f'<text x="{px + box + 6}" y="{py + h / 2 + 4:.1f}">{_e(node.split(":", 1)[1])}</text>'
        for node, (px, py, h) in place.items()
    ]
    return (
        f'<svg class="sankey" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="sources to categories to processors">'
        + "".join(bands)
        + "".join(boxes)
        + "</svg>"
    )


_GRAPH_COLUMNS = (
    ("location", "location"), ("processor", "processors"), ("system", "system"),
    ("source", "source"), ("container", "container"), ("category", "categories"),
)  # fmt: skip
_KIND_COLOUR = {
    "location": "#9c755f", "processor": "#b07aa1", "system": "#f28e2b", "source": "#4e79a7",
    "container": "#76b7b2", "category": "#59a14f",
}  # fmt: skip
_FLAG = "#d62728"


def _graph_svg(graph: dict[str, Any], t: dict[str, str]) -> str:
    """Six columns: where processed <- processors <- systems <- sources -> containers ->
    categories, so every edge but a foreign key joins neighbouring columns. Red marks an
    undeclared category and a processor or location outside the EU/EEA; foreign keys between
    containers are dashed arcs."""
    col_w, box_w, box_h, gap, top = 200, 160, 20, 8, 46
    order = _graph_order(graph)
    height = top + max((len(ids) for ids in order.values()), default=1) * (box_h + gap) + 20
    place: dict[str, tuple[float, float]] = {}
    for i, (kind, _) in enumerate(_GRAPH_COLUMNS):
        ids = order.get(kind, [])
        offset = (height - top - 20 - len(ids) * (box_h + gap)) / 2
        for j, node in enumerate(ids):
            place[node] = (20 + i * col_w, top + offset + j * (box_h + gap))
    parts = [
        f'<text x="{20 + i * col_w}" y="24" class="head">{_e(t[label])}</text>'
        for i, (_, label) in enumerate(_GRAPH_COLUMNS)
    ]
    nodes = {n["id"]: n for n in graph["nodes"]}
    for edge in graph["edges"]:
        if edge["from"] not in place or edge["to"] not in place:
            continue
        (x1, y1), (x2, y2) = place[edge["from"]], place[edge["to"]]
        y1, y2 = y1 + box_h / 2, y2 + box_h / 2
        title = f"<title>{_e(edge['from'])} → {_e(edge['to'])} ({_e(edge['relation'])})</title>"
        if edge["relation"] == "references":
            bulge = x1 + box_w + 30
            parts.append(
                f'<path d="M{x1 + box_w},{y1:.1f} C{bulge},{y1:.1f} {bulge},{y2:.1f} '
                f'{x2 + box_w},{y2:.1f}" stroke="#555" stroke-dasharray="4 3" fill="none">'
                f"{title}</path>"
            )
            continue
        if x1 > x2:  # the processor chain runs leftwards
            x2 += box_w
        else:
            x1 += box_w
        mid = (x1 + x2) / 2
        flagged = nodes.get(edge["to"], {}).get("flag", False)
        width = 1 + min(6, int(edge.get("weight", 1)))
        parts.append(
            f'<path d="M{x1},{y1:.1f} C{mid},{y1:.1f} {mid},{y2:.1f} {x2},{y2:.1f}" '
            f'stroke="{_FLAG if flagged else "#9aa"}" stroke-opacity="0.7" '
            f'stroke-width="{width}" fill="none">{title}</path>'
        )
    for node, (x, y) in place.items():
        data = nodes[node]
        label = str(data["label"])
        short = f"+{data['more']} {t['more']} ({label})" if data.get("more") else _short(label)
        fill = _FLAG if data["flag"] and data["kind"] == "category" else _KIND_COLOUR[data["kind"]]
        stroke = f' stroke="{_FLAG}" stroke-width="3"' if data["flag"] else ""
        parts.append(
            f'<g><title>{_e(node)}</title><rect x="{x}" y="{y:.1f}" width="{box_w}" '
            f'height="{box_h}" rx="4" fill="{fill}"{stroke}/>'
            f'<text x="{x + 6}" y="{y + 14:.1f}" class="node">{_e(short)}</text></g>'
        )
    width = 20 + len(_GRAPH_COLUMNS) * col_w
    omitted = graph.get("omitted_containers", 0)
    note = f'<p class="meta">{omitted} {_e(t["omitted"])}</p>' if omitted else ""
    return (
        f'<p class="meta">{_e(t["legend"])}</p>{note}'
        f'<svg class="graph" viewBox="0 0 {width} {height:.0f}" width="{width}" '
        f'height="{height:.0f}" role="img" aria-label="data map graph">' + "".join(parts) + "</svg>"
    )


def _natural(text: str) -> list[tuple[int, int | str]]:
    """Sort key putting ``table_4`` before ``table_28``."""
    return [(1, int(p)) if p.isdigit() else (0, p) for p in re.split(r"(\d+)", text) if p]


def _short(label: str, room: int = 24) -> str:
    """A label that fits a graph box: whole trailing path segments after ``…/`` when they fit
    (``…/logs/app.jsonl``), else the label's end."""
    if len(label) <= room:
        return label
    parts = label.split("/")
    tail = parts.pop()
    while parts and len(parts[-1]) + len(tail) + 3 <= room:
        tail = f"{parts.pop()}/{tail}"
    return "…/" + tail if len(tail) + 2 <= room and "/" in label else "…" + label[1 - room :]


def _graph_order(graph: dict[str, Any]) -> dict[str, list[str]]:
    """Node ids per column, ordered so that edges cross little: containers by their source,
    systems by their first source, processors by their first system, locations by their first
    processor; declared categories before undeclared ones."""
    kinds: dict[str, list[str]] = defaultdict(list)
    for node in graph["nodes"]:
        kinds[node["kind"]].append(node["id"])
    rank: dict[str, int] = {n: i for i, n in enumerate(sorted(kinds.get("source", [])))}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in graph["edges"]:
        neighbours[edge["to"]].append(edge["from"])
    for kind in ("container", "system", "processor", "location"):
        for node in kinds.get(kind, []):
            ranks = [rank[n] for n in neighbours[node] if n in rank]
            rank[node] = min(ranks, default=len(rank))
        kinds[kind].sort(key=lambda n: (rank[n], n.startswith("more:"), _natural(n)))
        rank.update({n: i for i, n in enumerate(kinds[kind])})
    flags = {n["id"]: n["flag"] for n in graph["nodes"]}
    kinds["category"].sort(key=lambda n: (flags[n], n))
    kinds["source"].sort()
    return kinds


def _colour(node: str) -> str:
    palette = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1")
    if node.startswith("category:") and node.split(":", 1)[1] not in (
        "identification", "contact", "history",
    ):  # fmt: skip
        return "#d62728"
    return palette[sum(map(ord, node)) % len(palette)]


_CSS = (
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
    "text-align:left;vertical-align:top}th{background:#f3f3f3}.meta{color:#666}"
    ".cat{background:#e8f0fe;border-radius:3px;padding:0 4px}"
    ".bad{background:#fde8e8;color:#a00;border-radius:3px;padding:0 4px}"
    ".ok{background:#e6f4ea;color:#070;border-radius:3px;padding:0 4px}"
    "svg.sankey text{font-size:12px}svg.graph text.node{font-size:11px;fill:#fff}"
    "svg.graph text.head{font-size:12px;font-weight:600}"
)
