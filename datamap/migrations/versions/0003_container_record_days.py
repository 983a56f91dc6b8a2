"""container record days: when the lines of logs and objects were written

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 19:00:00

Adds ``containers.record_days``: the lines of a log file or object counted by the UTC day of
their timestamp, with how many of them hold an indexed identifier (``{"2026-11-27": [lines,
identified]}``). The report compares it with the retention rules to show personal data kept
past its retention window. Existing containers get None (unknown until their next scan).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("containers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_days", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("containers", schema=None) as batch_op:
        batch_op.drop_column("record_days")
