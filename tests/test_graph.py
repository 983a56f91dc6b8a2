"""The data-map graph: stable addresses, categories (declared or not), foreign keys, systems,
processors and their locations, from a catalog and the policy."""

from __future__ import annotations

from pathlib import Path

from datamap.catalog import Catalog, ContainerResult, FieldFinding, open_catalog
from datamap.graph import build_graph, category_node, container_node, field_node
from datamap.policy import load_policy


def catalog_with_findings() -> Catalog:
    catalog = open_catalog("sqlite://")
    catalog.upsert_source("crm", "sql", "CRM", "sqlite:///crm.db")
    catalog.upsert_source("app", "logs", None, "/var/log/app/*.log")
    run = catalog.start_run(True)
    catalog.save(run, ContainerResult(
        "crm", "kunder", "table", primary_key=("id",),
        findings=[
            FieldFinding("epost", "TEXT", "EMAIL_ADDRESS", 98, 100, 0.98),
            FieldFinding("iban", "TEXT", "IBAN_CODE", 40, 100, 0.9),
        ],
    ))  # fmt: skip
    catalog.save(run, ContainerResult(
        "crm", "ordrar", "table", primary_key=("id",),
        foreign_keys=[{"columns": ["kund_id"], "target": "kunder", "target_columns": ["id"]}],
    ))  # fmt: skip
    catalog.save(run, ContainerResult(
        "app", "/var/log/app/a.log", "file",
        findings=[FieldFinding(None, None, "IP_ADDRESS", 10, 10, 0.9)],
    ))  # fmt: skip
    return catalog


def test_graph_links_fields_categories_keys_systems_and_processors(tmp_path: Path) -> None:
    catalog = catalog_with_findings()
    policy = load_policy(None, tmp_path)
    graph = build_graph(catalog, policy)
    email = field_node("crm", "kunder", "epost")
    assert graph.nodes[email]["kind"] == "field"
    holds = {v: d for _, v, d in graph.out_edges(email, data=True) if d["relation"] == "holds"}
    assert set(holds) == {category_node("identification"), category_node("contact")}
    assert holds[category_node("contact")]["entity_types"] == ["EMAIL_ADDRESS"]
    assert holds[category_node("contact")]["count"] == 98
    assert graph.nodes[category_node("financial")]["declared"] is False
    assert graph.nodes[category_node("history")]["declared"] is True
    text = field_node("app", "/var/log/app/a.log", None)
    assert text.endswith(":*")
    assert (text, category_node("history")) in {(u, v) for u, v in graph.edges()}
    refs = [
        (u, v, d["columns"]) for u, v, d in graph.edges(data=True) if d["relation"] == "references"
    ]
    assert refs == [(container_node("crm", "ordrar"), container_node("crm", "kunder"), ["kund_id"])]
    assert ("source:crm", "system:CRM") in set(graph.edges())
    processors = [n for n, d in graph.nodes(data=True) if d["kind"] == "processor"]
    assert processors  # the register's entries serving CRM (at least the controller itself)
    for node in processors:
        assert any(graph.nodes[v]["kind"] == "location" for v in graph.successors(node))
    # stable: a rebuild gives the same nodes and edges
    again = build_graph(catalog, policy)
    assert set(again.nodes) == set(graph.nodes)
    assert sorted(again.edges()) == sorted(graph.edges())
    catalog.close()
