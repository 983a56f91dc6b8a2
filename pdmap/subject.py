"""Wiring for subject requests (``pdmap subject ...`` and the API): the configuration's
catalog, key, policy categories and live connectors, handed to :mod:`datamap.subjects`."""

from __future__ import annotations

import os
from pathlib import Path

from connectors.base import Connector
from datamap.catalog import Catalog
from datamap.policy import load_policy
from datamap.subjects import SubjectResolver
from pdmap.config import ConfigError, PdmapConfig, build_connector
from scanner.categories import CategoryMap
from scanner.fingerprint import ENV_VAR, Fingerprinter, load_or_create_key

__all__ = ["key_file", "load_existing_key", "resolver_for"]


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
    names = {source.name for source in config.sources}

    def connector(name: str) -> Connector | None:
        if name not in names:
            return None  # in the catalog but no longer configured: index results only
        return build_connector(config.source(name), config.base_dir)

    return SubjectResolver(catalog, Fingerprinter(key), categories, connector)
