"""plan indexes: composite indexes for the hot queries, lower(email), the purge's partial indexes

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# store.models.UNSCRUBBED, spelt out: a migration never changes with the models.
UNSCRUBBED = "text <> '[removed after retention period]'"
LINKED = "patron_id IS NOT NULL"


def upgrade() -> None:
    op.create_index("ix_patrons_lower_email", "patrons", [sa.text("lower(email)")])
    op.create_index("ix_patrons_library", "patrons", ["library"])
    op.create_index("ix_requests_patron_id_status", "requests", ["patron_id", "status"])
    op.create_index(
        "ix_requests_library_journal", "requests", ["library", "journal_key", "recorded_on"]
    )
    op.create_index("ix_requests_library_item", "requests", ["library", "item_key", "recorded_on"])
    op.create_index(
        "ix_requests_linked_ended_at",
        "requests",
        ["library", "ended_at"],
        sqlite_where=sa.text(LINKED),
        postgresql_where=sa.text(LINKED),
    )
    op.create_index(
        "ix_outbox_unscrubbed_created_at",
        "outbox",
        ["created_at"],
        sqlite_where=sa.text(UNSCRUBBED),
        postgresql_where=sa.text(UNSCRUBBED),
    )
    op.create_index("ix_inbox_received_at_state", "inbox", ["received_at", "state"])
    # Prefixes of the composite indexes (the planner chose ix_requests_library over better ones),
    # and the purge's ranges now answered by the partial and covering indexes above.
    op.drop_index("ix_requests_patron_id", table_name="requests")
    op.drop_index("ix_requests_library", table_name="requests")
    op.drop_index("ix_outbox_created_at", table_name="outbox")
    op.drop_index("ix_inbox_received_at", table_name="inbox")


def downgrade() -> None:
    op.create_index("ix_inbox_received_at", "inbox", ["received_at"])
    op.drop_index("ix_inbox_received_at_state", table_name="inbox")
    op.create_index("ix_outbox_created_at", "outbox", ["created_at"])
    op.create_index("ix_requests_library", "requests", ["library"])
    op.create_index("ix_requests_patron_id", "requests", ["patron_id"])
    op.drop_index("ix_outbox_unscrubbed_created_at", table_name="outbox")
    op.drop_index("ix_requests_linked_ended_at", table_name="requests")
    op.drop_index("ix_requests_library_item", table_name="requests")
    op.drop_index("ix_requests_library_journal", table_name="requests")
    op.drop_index("ix_requests_patron_id_status", table_name="requests")
    op.drop_index("ix_patrons_library", table_name="patrons")
    op.drop_index("ix_patrons_lower_email", table_name="patrons")
