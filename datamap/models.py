"""The catalog's tables (SQLAlchemy 2 ORM). The schema is owned by the Alembic migrations in
``datamap/migrations``; :func:`datamap.catalog.open_catalog` upgrades a catalog on open.

No table holds a raw detected value: findings keep counts, confidence and masked previews;
the identifier index keeps keyed fingerprints and record locators.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "ContainerRow",
    "FieldRow",
    "FindingRow",
    "IdentifierRow",
    "IssueRow",
    "ScanRun",
    "SourceRow",
]


class Base(DeclarativeBase):
    pass


class ScanRun(Base):
    __tablename__ = "scan_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    status: Mapped[str] = mapped_column(
        String(20)
    )  # running, complete, complete_with_issues, failed
    full: Mapped[bool] = mapped_column(default=False)
    containers_scanned: Mapped[int] = mapped_column(default=0)
    containers_skipped: Mapped[int] = mapped_column(default=0)
    issues: Mapped[int] = mapped_column(default=0)


class SourceRow(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(20))
    system: Mapped[str | None] = mapped_column(String(200), nullable=True)
    location: Mapped[str] = mapped_column(Text)  # URL without credentials, bucket, globs


class ContainerRow(Base):
    __tablename__ = "containers"
    __table_args__ = (UniqueConstraint("source_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    version: Mapped[str | None] = mapped_column(Text, nullable=True)
    checkpoint: Mapped[str | None] = mapped_column(Text, nullable=True)
    size_estimate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    primary_key: Mapped[list[str]] = mapped_column(JSON, default=list)
    foreign_keys: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("scan_runs.id"), nullable=True)
    # Log lines and object lines by the UTC day of their timestamp: {"2026-11-27": [lines,
    # lines holding an indexed identifier]}; None when no line had a time (or not scanned since).
    record_days: Mapped[dict[str, list[int]] | None] = mapped_column(JSON, nullable=True)


class FieldRow(Base):
    __tablename__ = "fields"
    __table_args__ = (UniqueConstraint("container_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    container_id: Mapped[int] = mapped_column(ForeignKey("containers.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)  # "" for free text
    declared_type: Mapped[str | None] = mapped_column(String(100), nullable=True)


class FindingRow(Base):
    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("field_id", "entity_type"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id", ondelete="CASCADE"))
    entity_type: Mapped[str] = mapped_column(String(60))
    count: Mapped[int] = mapped_column(Integer)
    sampled: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    previews: Mapped[list[str]] = mapped_column(JSON, default=list)
    run_id: Mapped[int] = mapped_column(ForeignKey("scan_runs.id"))


class IssueRow(Base):
    __tablename__ = "scan_issues"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scan_runs.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(200))
    container: Mapped[str | None] = mapped_column(Text, nullable=True)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    locator: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class IdentifierRow(Base):
    """The identifier index: a fingerprint -> where a record holding it lives."""

    __tablename__ = "identifiers"
    __table_args__ = (
        Index("ix_identifiers_fingerprint", "fingerprint"),
        Index("ix_identifiers_record", "container_id", "record_key"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(60))
    container_id: Mapped[int] = mapped_column(ForeignKey("containers.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(Text)  # "" for free text
    locator: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The locator as canonical JSON text (hashed when long): rows of one record share it.
    record_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
