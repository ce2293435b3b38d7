"""web chat: sessions, visits, lines, one-time codes, sign-in attempts; patrons' card numbers

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _at(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, store.types.UTCDateTime(timezone=True), nullable=nullable)


def _patron() -> sa.Column[object]:
    return sa.Column("patron_id", sa.String(length=64), nullable=False)


def _of_patron(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["patron_id"],
        ["patrons.id"],
        name=op.f(f"fk_{table}_patron_id_patrons"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    # A plain ALTER (no batch copy): SQLite adds a nullable column in place.
    op.add_column("patrons", sa.Column("card", sa.String(length=64), nullable=True))
    op.create_index("ix_patrons_library_card", "patrons", ["library", "card"], unique=True)
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        _patron(),
        sa.Column("library", sa.String(length=32), nullable=False),
        _at("created_at"),
        _at("last_seen_at"),
        _at("expires_at"),
        _at("previous_visit_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        _of_patron("web_sessions"),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_sessions_token_hash")),
    )
    op.create_index("ix_web_sessions_expires_at", "web_sessions", ["expires_at"])
    op.create_index(op.f("ix_web_sessions_patron_id"), "web_sessions", ["patron_id"])
    op.create_table(
        "web_visits",
        _patron(),
        _at("seen_at"),
        sa.PrimaryKeyConstraint("patron_id", name=op.f("pk_web_visits")),
        _of_patron("web_visits"),
    )
    op.create_index(op.f("ix_web_visits_seen_at"), "web_visits", ["seen_at"])
    op.create_table(
        "web_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        _patron(),
        _at("at"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("after_outbox", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_lines")),
        _of_patron("web_lines"),
    )
    op.create_index(op.f("ix_web_lines_patron_id"), "web_lines", ["patron_id"])
    op.create_index(op.f("ix_web_lines_at"), "web_lines", ["at"])
    op.create_table(
        "sign_in_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address_hash", sa.String(length=64), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        _patron(),
        _at("created_at"),
        _at("expires_at"),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_codes")),
        _of_patron("sign_in_codes"),
    )
    op.create_index(op.f("ix_sign_in_codes_address_hash"), "sign_in_codes", ["address_hash"])
    op.create_index(op.f("ix_sign_in_codes_expires_at"), "sign_in_codes", ["expires_at"])
    op.create_index(op.f("ix_sign_in_codes_patron_id"), "sign_in_codes", ["patron_id"])
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        _at("at"),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempts")),
    )
    op.create_index("ix_sign_in_attempts_key", "sign_in_attempts", ["kind", "key", "at"])
    op.create_index(op.f("ix_sign_in_attempts_at"), "sign_in_attempts", ["at"])


def downgrade() -> None:
    op.drop_table("sign_in_attempts")
    op.drop_table("sign_in_codes")
    op.drop_table("web_lines")
    op.drop_table("web_visits")
    op.drop_table("web_sessions")
    op.drop_index("ix_patrons_library_card", table_name="patrons")
    # A plain DROP COLUMN (SQLite 3.35+), not a batch copy: copying the table would lose the
    # expression index on lower(email), which SQLite cannot reflect (0008 drops it next).
    op.drop_column("patrons", "card")
