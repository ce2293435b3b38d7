"""a complete request record: citation parts, format, the patron's words, the lender's note

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("authors", 1000),
    ("volume", 50),
    ("issue", 50),
    ("pages", 50),
    ("chapter", 50),
    ("edition", 50),
    ("book_title", 500),
    ("format", 20),
    ("patron_words", 4000),
    ("lender_note", 2000),
)


def upgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        for name, _length in reversed(COLUMNS):
            batch_op.drop_column(name)
