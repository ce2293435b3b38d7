"""charges (fees, fines, bills, refunds per request) and the overdue ladder step in notices_sent

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "charges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.String(length=100), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("cents", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("at", store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name=op.f("fk_charges_request_id_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charges")),
        sa.UniqueConstraint("request_id", "rule_id", "kind", name=op.f("uq_charges_request_id")),
    )
    with op.batch_alter_table("charges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_charges_request_id"), ["request_id"], unique=False)

    # Several steps of one notice type: the step (its rule id) joins the scheduler's claim key.
    with op.batch_alter_table("notices_sent", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("step", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.drop_constraint("uq_notices_sent_request_id", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_notices_sent_request_id"), ["request_id", "notice", "level", "step"]
        )


def downgrade() -> None:
    with op.batch_alter_table("notices_sent", schema=None) as batch_op:
        batch_op.drop_constraint("uq_notices_sent_request_id", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_notices_sent_request_id"), ["request_id", "notice", "level"]
        )
        batch_op.drop_column("step")

    with op.batch_alter_table("charges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_charges_request_id"))
    op.drop_table("charges")
