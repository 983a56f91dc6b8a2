"""identifier record key: which index rows share one record

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 16:40:00

Adds ``identifiers.record_key`` (the record's locator as canonical JSON text, or a hash of it
when longer than 255 characters) with an index on ``(container_id, record_key)``, so the
identifiers that share a row or line with a person's identifier are found without a scan
(subject resolution follows them; erasure updates them). Existing rows are backfilled.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BATCH = 10_000


def upgrade() -> None:
    from datamap.catalog import record_key  # the one definition of the key

    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_key", sa.String(length=255), nullable=True))
    bind = op.get_bind()
    table = sa.table(
        "identifiers",
        sa.column("id", sa.Integer),
        sa.column("locator", sa.JSON),
        sa.column("record_key", sa.String),
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(table.c.id, table.c.locator)
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        bind.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("row_id"))
            .values(record_key=sa.bindparam("key")),
            [
                {"row_id": row_id, "key": record_key(json.dumps(locator, default=str))}
                for row_id, locator in rows
            ],
        )
        last = rows[-1][0]
    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.create_index("ix_identifiers_record", ["container_id", "record_key"])


def downgrade() -> None:
    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.drop_index("ix_identifiers_record")
        batch_op.drop_column("record_key")
