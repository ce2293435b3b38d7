"""the scheduler's state on each request (renewal asked, recalled, next check day); digest index

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTERs (no batch copy): SQLite adds columns in place, a million rows or not.
    op.add_column(
        "requests",
        sa.Column("renewal_asked", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "requests", sa.Column("recalled", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("requests", sa.Column("next_check_on", sa.Date(), nullable=True))
    op.create_index("ix_requests_next_check", "requests", ["library", "next_check_on"])
    op.create_index("ix_requests_library_status_due", "requests", ["library", "status", "due_date"])
    # What a pass used to read from each request's history, read once here.
    op.execute(
        "UPDATE requests SET renewal_asked = TRUE WHERE id IN (SELECT request_id FROM"
        " request_events WHERE to_status = 'renewal_requested')"
    )
    op.execute(
        "UPDATE requests SET recalled = TRUE WHERE id IN (SELECT request_id FROM request_events"
        " WHERE action = 'recall')"
    )
    op.create_table(
        "schedule_marks",
        sa.Column("library", sa.String(length=32), nullable=False),
        sa.Column("windows", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("library", name=op.f("pk_schedule_marks")),
    )


def downgrade() -> None:
    op.drop_table("schedule_marks")
    op.drop_index("ix_requests_library_status_due", table_name="requests")
    op.drop_index("ix_requests_next_check", table_name="requests")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_column("next_check_on")
        batch_op.drop_column("recalled")
        batch_op.drop_column("renewal_asked")
