"""The data map as a graph (networkx): what the catalog found, linked to the policy.

Node ids are stable string addresses, so a node means the same thing in every rebuild, report
and API answer:

=============================================  ==================================================
``source:{source}``                            a configured store (``type``, ``system``)
``container:{source}:{container}``             a table, view, log file or object
``field:{source}:{container}:{field}``         a column, key path or CSV header (``field`` is
                                               ``*`` for free text); the finding's ``address``
                                               after ``field:``
``category:{key}``                             a data category (``declared`` by the policy or not)
``system:{name}``                              a system named by sources' ``system``
``processor:{name}``                           a register entry (``role``, ``third_country``)
``location:{name}``                            where a processor processes (EU/EEA or a country)
=============================================  ==================================================

Edges carry ``relation``: ``contains`` (source -> container -> field), ``holds`` (field ->
category, with ``entity_types``, ``count``, ``sampled``, ``confidence``), ``references``
(container -> container: a foreign key, with ``columns``), ``part_of`` (source -> system),
``processed_by`` (system -> processor) and ``located_in`` (processor -> location). Building it
reads the catalog once (findings, containers) and the policy; it holds no value, only names,
counts and confidences, so it is cheap to rebuild and safe to render.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from datamap.catalog import Catalog, ContainerView, FindingView
from datamap.policy import Policy

__all__ = [
    "build_graph",
    "category_node",
    "container_node",
    "field_node",
    "graph_of",
    "source_node",
    "subgraph_of_category",
]


def source_node(source: str) -> str:
    return f"source:{source}"


def container_node(source: str, container: str) -> str:
    return f"container:{source}:{container}"


def field_node(source: str, container: str, field: str | None) -> str:
    return f"field:{source}:{container}:{field if field is not None else '*'}"


def category_node(key: str) -> str:
    return f"category:{key}"


def build_graph(
    catalog: Catalog,
    policy: Policy,
    sources: Mapping[str, tuple[str, str | None]] | None = None,
) -> nx.MultiDiGraph[str]:
    """The data map of ``catalog`` under ``policy``. ``sources`` (name -> (type, system)) adds
    configured sources the catalog has not scanned yet."""
    return graph_of(catalog.containers(), catalog.findings(), policy, sources or {})


def graph_of(
    containers: Sequence[ContainerView],
    findings: Sequence[FindingView],
    policy: Policy,
    sources: Mapping[str, tuple[str, str | None]],
) -> nx.MultiDiGraph[str]:
    """The graph from containers and findings already read (:func:`build_graph` reads them)."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    categories = policy.category_map()
    declared = {c.key for c in policy.categories}
    systems: dict[str, str | None] = {name: system for name, (_, system) in sources.items()}
    for name, (type_, system) in sources.items():
        graph.add_node(source_node(name), kind="source", name=name, type=type_, system=system)
    for view in containers:
        systems.setdefault(view.source, view.system)
        src = source_node(view.source)
        if src not in graph:
            graph.add_node(src, kind="source", name=view.source, type=None, system=view.system)
        node = container_node(view.source, view.name)
        graph.add_node(node, kind="container", name=view.name, source=view.source,
                       container_kind=view.kind, primary_key=list(view.primary_key))  # fmt: skip
        graph.add_edge(src, node, relation="contains")
    for view in containers:
        for fk in view.foreign_keys:
            target = container_node(view.source, str(fk.get("target")))
            if target in graph:
                graph.add_edge(
                    container_node(view.source, view.name), target, relation="references",
                    columns=list(fk.get("columns", ())),
                    target_columns=list(fk.get("target_columns", ())),
                )  # fmt: skip
    held: dict[tuple[str, str, str | None, str], dict[str, Any]] = defaultdict(
        lambda: {"entity_types": [], "count": 0, "sampled": 0, "confidence": 0.0}
    )
    for finding in findings:
        container = container_node(finding.source, finding.container)
        if container not in graph:  # a finding whose container row is gone: keep it visible
            graph.add_node(container, kind="container", name=finding.container,
                           source=finding.source, container_kind=None, primary_key=[])  # fmt: skip
            graph.add_edge(source_node(finding.source), container, relation="contains")
        field = field_node(finding.source, finding.container, finding.field)
        if field not in graph:
            graph.add_node(field, kind="field", name=finding.field, source=finding.source,
                           container=finding.container)  # fmt: skip
            graph.add_edge(container, field, relation="contains")
        for key in categories.categories_of(finding.entity_type):
            edge = held[(finding.source, finding.container, finding.field, key)]
            edge["entity_types"].append(finding.entity_type)
            edge["count"] = max(edge["count"], finding.count)
            edge["sampled"] = max(edge["sampled"], finding.sampled)
            edge["confidence"] = max(edge["confidence"], finding.confidence)
    for (src_name, cont_name, field_name, key), attrs in held.items():
        node = category_node(key)
        if node not in graph:
            graph.add_node(node, kind="category", name=key, declared=key in declared)
        graph.add_edge(field_node(src_name, cont_name, field_name), node, relation="holds", **attrs)
    for category in policy.categories:
        graph.add_node(category_node(category.key), kind="category", name=category.key,
                       declared=True)  # fmt: skip
    _add_processors(graph, policy, systems)
    return graph


def _add_processors(
    graph: nx.MultiDiGraph[str], policy: Policy, systems: Mapping[str, str | None]
) -> None:
    for source, system in systems.items():
        if system:
            node = f"system:{system}"
            graph.add_node(node, kind="system", name=system)
            graph.add_edge(source_node(source), node, relation="part_of")
    wanted = {system for system in systems.values() if system}
    for processor in policy.processors:
        node = f"processor:{processor.name}"
        serves = [s for s in sorted(wanted) if processor.serves(s)]
        if not serves and "*" not in processor.systems:
            continue
        graph.add_node(node, kind="processor", name=processor.name, role=processor.role,
                       third_country=processor.third_country,
                       safeguards=processor.safeguards)  # fmt: skip
        for system in serves:
            graph.add_edge(f"system:{system}", node, relation="processed_by")
        where = f"location:{processor.location}"
        graph.add_node(where, kind="location", name=processor.location,
                       third_country=processor.third_country)  # fmt: skip
        graph.add_edge(node, where, relation="located_in")


def subgraph_of_category(graph: nx.MultiDiGraph[str], key: str) -> list[str]:
    """The fields holding category ``key``, as node ids (sorted)."""
    node = category_node(key)
    if node not in graph:
        return []
    return sorted(
        u for u, _, data in graph.in_edges(node, data=True) if data.get("relation") == "holds"
    )
