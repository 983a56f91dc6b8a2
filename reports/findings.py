"""Findings as records (the contract's shape) in JSON Lines, JSON, CSV or a terminal table."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from datamap.catalog import FindingView
from scanner.categories import CategoryMap

__all__ = ["finding_record", "render_findings"]

FIELDS = (
    "source", "container", "field", "entity_type", "categories", "count", "sampled",
    "confidence", "address", "declared_by_policy",
)  # fmt: skip


def finding_record(view: FindingView, categories: CategoryMap) -> dict[str, Any]:
    """One finding in the contract's record shape (no raw values: previews are masked)."""
    address = f"{view.source}:{view.container}" + (f":{view.field}" if view.field else "")
    return {
        "source": view.source,
        "container": view.container,
        "field": view.field,
        "entity_type": view.entity_type,
        "categories": list(categories.categories_of(view.entity_type)),
        "count": view.count,
        "sampled": view.sampled,
        "confidence": view.confidence,
        "address": address,
        "declared_by_policy": categories.declared_by_policy(view.entity_type),
        "system": view.system,
        "previews": list(view.previews),
    }


def render_findings(
    views: Sequence[FindingView], fmt: str, out: TextIO, categories: CategoryMap | None = None
) -> None:
    cats = categories or CategoryMap()
    records = [finding_record(v, cats) for v in views]
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=[*FIELDS, "system"], extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow({**record, "categories": ";".join(record["categories"])})
    else:
        table = Table(title=f"{len(records)} findings")
        for column in (
            "source",
            "container",
            "field",
            "entity type",
            "categories",
            "count",
            "conf.",
            "policy",
        ):
            table.add_column(column)
        for r in records:
            table.add_row(
                r["source"],
                r["container"],
                r["field"] or "-",
                r["entity_type"],
                ", ".join(r["categories"]),
                f"{r['count']}/{r['sampled']}",
                f"{r['confidence']:.2f}",
                "declared" if r["declared_by_policy"] else "NOT DECLARED",
            )
        Console(file=out, width=200).print(table)
