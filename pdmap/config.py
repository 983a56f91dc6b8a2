"""The configuration file (``pdmap.yaml``, per the contract), validated at the edge.

Relative paths (the default SQLite catalog, log globs, SQLite database files) are resolved
against the configuration file's folder. Credentials are never read from here into the catalog:
SQL URLs are stored with their password removed, S3 uses boto3's usual credential chain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from connectors.base import Connector

__all__ = [
    "ConfigError",
    "LogsSource",
    "PdmapConfig",
    "S3Source",
    "SqlSource",
    "build_connector",
    "load_config",
    "redacted_location",
]

DEFAULT_CATALOG = "sqlite:///.pdmap/catalog.db"


class ConfigError(ValueError):
    """The configuration file is missing or invalid; the message names the fix."""


class _Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9_.\-]+$")]
    system: str | None = None
    # Index IP addresses (of fields classified IP_ADDRESS) as quasi-identifiers, so subject
    # requests can follow them; None: yes for databases and objects, no for logs (every
    # access-log line holds one: it roughly doubles a log's index and costs ~30 % throughput).
    quasi_identifiers: bool | None = None

    def index_quasi_identifiers(self) -> bool:
        if self.quasi_identifiers is not None:
            return self.quasi_identifiers
        return getattr(self, "type", None) != "logs"


class SqlSource(_Source):
    type: Literal["sql"]
    url: str
    schemas: list[str] | None = None


class LogsSource(_Source):
    type: Literal["logs"]
    paths: list[str]


class S3Source(_Source):
    type: Literal["s3"]
    bucket: str
    prefix: str = ""
    endpoint_url: str | None = None
    region: str | None = None


SourceConfig = Annotated[SqlSource | LogsSource | S3Source, Field(discriminator="type")]


class PdmapConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    catalog: str = DEFAULT_CATALOG
    policy: str | dict[str, Any] | None = None
    sources: list[SourceConfig] = []
    base_dir: Path = Path(".")

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, sources: list[SourceConfig]) -> list[SourceConfig]:
        names = [s.name for s in sources]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"source names must be unique; repeated: {', '.join(duplicates)}")
        return sources

    def source(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"no source named {name!r} in the configuration (known: {known})")

    def catalog_url(self) -> str:
        return _resolve_sqlite(self.catalog, self.base_dir)


def load_config(path: Path) -> PdmapConfig:
    """Read and validate ``path``; raises :class:`ConfigError` with a readable message."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"configuration file {path} not found; create it (see README) or pass --config"
        ) from None
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the top level must be a mapping (catalog, policy, sources)")
    try:
        return PdmapConfig.model_validate({**raw, "base_dir": path.resolve().parent})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"{path}: {problems}") from None


def _resolve_sqlite(url: str, base: Path) -> str:
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith("sqlite:////") and url != "sqlite:///:memory:":
        return prefix + str((base / url[len(prefix) :]).resolve())
    return url


def redacted_location(source: SourceConfig) -> str:
    """Where the source is, safe to store: no passwords."""
    if isinstance(source, SqlSource):
        from sqlalchemy.engine import make_url

        return make_url(source.url).render_as_string(hide_password=True)
    if isinstance(source, LogsSource):
        return ", ".join(source.paths)
    endpoint = f" via {source.endpoint_url}" if source.endpoint_url else ""
    return f"s3://{source.bucket}/{source.prefix}{endpoint}"


def build_connector(source: SourceConfig, base_dir: Path) -> Connector:
    """The connector for a configured source; drivers are imported only when used."""
    if isinstance(source, SqlSource):
        from connectors.sql import SqlConnector, SqlSettings

        schemas = tuple(source.schemas) if source.schemas is not None else None
        return SqlConnector(
            source.name, SqlSettings(url=_resolve_sqlite(source.url, base_dir), schemas=schemas)
        )
    if isinstance(source, LogsSource):
        from connectors.logs import LogConnector, LogSettings

        paths = tuple(p if Path(p).is_absolute() else str(base_dir / p) for p in source.paths)
        return LogConnector(source.name, LogSettings(paths=paths))
    from connectors.s3 import S3Connector, S3Settings

    return S3Connector(
        source.name,
        S3Settings(
            bucket=source.bucket,
            prefix=source.prefix,
            endpoint_url=source.endpoint_url,
            region=source.region,
        ),
    )
