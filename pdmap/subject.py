"""Wiring for subject requests (``pdmap subject ...`` and the API): the configuration's
catalog, key, policy categories and live connectors, handed to :mod:`datamap.subjects`."""

from __future__ import annotations

import getpass
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from connectors.base import Connector, ConnectorError, Record
from datamap.audit import AuditLog
from datamap.catalog import Catalog
from datamap.erasure import Eraser
from datamap.export import BystanderRedactor, RecordKey, build_export, location_key
from datamap.policy import Policy, load_policy
from datamap.subjects import Location, Resolution, SubjectResolver
from pdmap.config import ConfigError, PdmapConfig, build_connector
from scanner.categories import CategoryMap
from scanner.fingerprint import ENV_VAR, Fingerprinter, load_or_create_key
from scanner.identifiers import IdentifierExtractor

__all__ = [
    "OpenConnectors",
    "audit_log",
    "audit_request",
    "cli_actor",
    "configured_connector",
    "eraser_for",
    "export_document",
    "key_file",
    "load_existing_key",
    "read_records",
    "resolver_for",
    "write_private_json",
]


def key_file(config: PdmapConfig) -> Path:
    return config.base_dir / ".pdmap" / "secret.key"


def load_existing_key(config: PdmapConfig) -> bytes:
    """The scan's fingerprint key; never creates one (a new key would match nothing)."""
    path = key_file(config)
    if not os.environ.get(ENV_VAR) and not path.exists():
        raise ConfigError(
            f"no fingerprint key: neither {ENV_VAR} nor {path} exists; run `pdmap scan` first"
            f" (or set {ENV_VAR} to the key the scan used)"
        )
    return load_or_create_key(path)


def resolver_for(
    config: PdmapConfig, catalog: Catalog, key: bytes, categories: CategoryMap | None = None
) -> SubjectResolver:
    """A resolver over ``catalog``; categories from the configured policy unless given.
    Raises :class:`~datamap.policy.PolicyError` for an invalid policy."""
    if categories is None:
        categories = load_policy(config.policy, config.base_dir).category_map()
    connectors = partial(configured_connector, config)
    return SubjectResolver(catalog, Fingerprinter(key), categories, connectors)


def configured_connector(config: PdmapConfig, name: str) -> Connector | None:
    """A new connector for source ``name``, or None when the configuration no longer has it
    (in the catalog from an earlier scan: index results only)."""
    if all(source.name != name for source in config.sources):
        return None
    return build_connector(config.source(name), config.base_dir)


def read_records(
    config: PdmapConfig, locations: Iterable[Location]
) -> tuple[dict[RecordKey, Record], list[str]]:
    """The records at ``locations``, read live: SQL rows by primary key, log and object lines
    in one pass over each file or object. Answers the records and what could not be read."""
    wanted: dict[tuple[str, str, str], list[Location]] = defaultdict(list)
    for loc in locations:
        wanted[(loc.source, loc.container, loc.kind)].append(loc)
    found: dict[RecordKey, Record] = {}
    problems: list[str] = []
    for source in sorted({s for s, _, _ in wanted}):
        opened = configured_connector(config, source)
        if opened is None:
            problems.append(f"{source}: no longer in the configuration")
            continue
        try:
            with opened as connector:
                for (src, container, kind), locs in sorted(wanted.items()):
                    if src != source:
                        continue
                    try:
                        found.update(_read(connector, container, kind, locs))
                    except ConnectorError as exc:
                        problems.append(f"{source}:{container}: {exc}")
        except ConnectorError as exc:
            problems.append(f"{source}: {exc}")
    return found, problems


def export_document(
    config: PdmapConfig, resolution: Resolution, key: bytes, policy: Policy, catalog: Catalog
) -> tuple[dict[str, Any], list[str]]:
    """The Art. 15/20 export of ``resolution`` (``pdmap subject export`` and the API): its
    records read live, other people's identifiers in them masked; and the sources or
    containers that could not be read (among the document's warnings too)."""
    records, problems = read_records(config, resolution.locations)
    redact = BystanderRedactor(IdentifierExtractor(), Fingerprinter(key), resolution.fingerprints)
    systems = {s.name: s.system for s in config.sources}
    document = build_export(resolution, records, policy, catalog.findings(), redact, systems)
    document["warnings"] += problems
    return document, problems


def _read(
    connector: Connector, container: str, kind: str, locations: list[Location]
) -> dict[RecordKey, Record]:
    source = locations[0].source
    out: dict[RecordKey, Record] = {}
    if kind in ("table", "view"):
        for loc in locations:
            if loc.record and (record := connector.read(container, loc.record)) is not None:
                out[location_key(source, container, loc.record)] = record
        return out
    lines = {loc.record.get("line") for loc in locations}
    for item in connector.stream(container):
        if isinstance(item, Record) and item.locator.get("line") in lines:
            out[location_key(source, container, item.locator)] = item
            if len(out) == len(lines):
                break
    return out


def write_private_json(path: Path, document: Any) -> None:
    """Write ``document`` atomically (temporary file, then rename), readable by the owner only:
    an export holds the person's data itself."""
    path = path.resolve()
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def audit_log(config: PdmapConfig) -> AuditLog:
    """The append-only, hash-chained audit log next to the configuration."""
    return AuditLog(config.base_dir / ".pdmap" / "audit.jsonl")


def cli_actor() -> str:
    """``cli:<user>`` for audit entries of command-line requests."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry (a bare container)
        return f"cli:uid {os.getuid()}"


def audit_request(
    config: PdmapConfig,
    event: str,
    resolution: Resolution,
    outcome: dict[str, Any],
    actor: str | None = None,
) -> None:
    """One audit entry for a subject request: who, what, the identifier as its fingerprint."""
    audit_log(config).append(
        {
            "event": event,
            "actor": actor or cli_actor(),
            "identifier": resolution.seed_fingerprint,
            "kind": resolution.subject.kind,
            **outcome,
        }
    )


class OpenConnectors:
    """Connectors of the configured sources, opened when first asked for; ``close`` all."""

    def __init__(self, config: PdmapConfig) -> None:
        self.config = config
        self.opened: dict[str, Connector] = {}

    def __call__(self, name: str) -> Connector | None:
        if name not in self.opened:
            connector = configured_connector(self.config, name)
            if connector is None:
                return None
            self.opened[name] = connector
        return self.opened[name]

    def close(self) -> None:
        for connector in self.opened.values():
            connector.close()
        self.opened.clear()


def eraser_for(
    config: PdmapConfig, catalog: Catalog, key: bytes, policy: Policy, connectors: OpenConnectors
) -> Eraser:
    """An eraser over the configured sources; the caller closes ``connectors``."""
    resolver = resolver_for(config, catalog, key, policy.category_map())

    def read(locations: Iterable[Location]) -> tuple[dict[RecordKey, Record], list[str]]:
        return read_records(config, locations)

    eraser = Eraser(
        catalog, Fingerprinter(key), policy, connectors, read, resolver, audit_log(config)
    )
    eraser.actor = cli_actor()
    return eraser
