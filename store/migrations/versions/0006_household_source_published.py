"""a patron's household, a request's source (e.g. MOBIUS) and its publication month and day

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patrons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("household", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_patrons_household"), ["household"], unique=False)

    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("published_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("source", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_column("source")
        batch_op.drop_column("published_day")
        batch_op.drop_column("published_month")

    with op.batch_alter_table("patrons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrons_household"))
        batch_op.drop_column("household")
