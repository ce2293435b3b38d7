"""patrons' language, from the directory

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER (no batch copy): SQLite adds a nullable column in place.
    op.add_column("patrons", sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+), not a batch copy: copying the table would lose the
    # expression index on lower(email), which SQLite cannot reflect.
    op.drop_column("patrons", "language")
