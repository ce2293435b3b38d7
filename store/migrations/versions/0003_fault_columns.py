"""inbox states, outbox failure reports, longer history actors

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("state", sa.String(length=12), nullable=False, server_default="handled")
        )
        batch_op.add_column(sa.Column("payload", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.String(length=500), nullable=True))
        batch_op.create_index("ix_inbox_state", ["state", "channel"], unique=False)
        batch_op.create_index("ix_inbox_received_at", ["received_at"], unique=False)

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_at", store.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("reported_at", store.types.UTCDateTime(), nullable=True))
        batch_op.create_index("ix_outbox_address", ["address", "template"], unique=False)
        batch_op.create_index("ix_outbox_created_at", ["created_at"], unique=False)

    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index("ix_conversations_updated_at", ["updated_at"], unique=False)

    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.alter_column(
            "actor",
            existing_type=sa.String(length=64),
            type_=sa.String(length=100),
            existing_nullable=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_updated_at")
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.alter_column(
            "actor",
            existing_type=sa.String(length=100),
            type_=sa.String(length=64),
            existing_nullable=False,
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_created_at")
        batch_op.drop_index("ix_outbox_address")
        batch_op.drop_column("reported_at")
        batch_op.drop_column("failed_at")
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_received_at")
        batch_op.drop_index("ix_inbox_state")
        batch_op.drop_column("reason")
        batch_op.drop_column("payload")
        batch_op.drop_column("state")
