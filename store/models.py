"""The store's tables as SQLAlchemy 2 typed models."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from store.types import UTCDateTime

# Stable constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with the project's naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class Patron(Base):
    """A registered borrower from the library's directory."""

    __tablename__ = "patrons"
    # find_patron and link_slack_by_email match `lower(email)`: the same expression, indexed.
    __table_args__ = (
        Index("ix_patrons_lower_email", sql_text("lower(email)")),
        Index("ix_patrons_library", "library"),  # the retention purge, library by library
        # One card number per library: the web chat's card sign-in (migration 0010).
        Index("ix_patrons_library_card", "library", "card", unique=True),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    library: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    slack: Mapped[str | None] = mapped_column(String(32), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    registered: Mapped[bool] = mapped_column(Boolean, default=True)
    standing: Mapped[str] = mapped_column(String(16), default="good")
    cleared: Mapped[bool] = mapped_column(Boolean, default=False)
    department: Mapped[str | None] = mapped_column(String(200))  # from the registration form
    proxy: Mapped[str | None] = mapped_column(String(200))  # may pick up items for the patron
    academic_hold: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )  # Bellevue overdue hold
    # Patrons of one library sharing a household are counted together by limits that say so.
    household: Mapped[str | None] = mapped_column(String(64), index=True)
    card: Mapped[str | None] = mapped_column(String(64))  # library card number (web sign-in)
    # The language the patron is written to ("es"), from the directory; None: not known, so
    # their messages and the profile decide (handlers/language.py). Migration 0011.
    language: Mapped[str | None] = mapped_column(String(8))


class Holding(Base):
    """A title in a library's local collection."""

    __tablename__ = "holdings"
    __table_args__ = (Index("ix_holdings_library_title_key", "library", "title_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    library: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(500))
    title_key: Mapped[str] = mapped_column(String(500))
    isbn: Mapped[str | None] = mapped_column(String(13), index=True)
    issn: Mapped[str | None] = mapped_column(String(9), index=True)
    status: Mapped[str] = mapped_column(String(20), default="available")


class IllRequest(Base):
    """One interlibrary-loan request; its id is the n of `ILL-n`."""

    __tablename__ = "requests"
    __table_args__ = (
        Index("ix_requests_next_check", "library", "next_check_on"),  # the scheduler (0009)
        # The staff digest's lists and counts: what waits, what is overdue, what is due soon.
        Index("ix_requests_library_status_due", "library", "status", "due_date"),
        # Migration 0008: each leads with what a hot query tests for equality, then its range;
        # they replace the single-column indexes on patron_id and library (their prefixes).
        Index("ix_requests_patron_id_status", "patron_id", "status"),  # a patron's requests
        Index("ix_requests_library_journal", "library", "journal_key", "recorded_on"),  # CONTU
        Index("ix_requests_library_item", "library", "item_key", "recorded_on"),  # title counts
        # The retention purge: only requests still linked to a patron, by library and end.
        Index(
            "ix_requests_linked_ended_at",
            "library",
            "ended_at",
            sqlite_where=sql_text("patron_id IS NOT NULL"),
            postgresql_where=sql_text("patron_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Nullable: the retention job cuts this link once a finished request ages out.
    patron_id: Mapped[str | None] = mapped_column(ForeignKey("patrons.id", ondelete="SET NULL"))
    library: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(32))
    material: Mapped[str] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(300))
    journal: Mapped[str | None] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer)
    published_month: Mapped[int | None] = mapped_column(Integer)  # when the citation gives it
    published_day: Mapped[int | None] = mapped_column(Integer)
    isbn: Mapped[str | None] = mapped_column(String(13))
    issn: Mapped[str | None] = mapped_column(String(9))
    doi: Mapped[str | None] = mapped_column(String(200))
    pmid: Mapped[str | None] = mapped_column(String(20))
    item_key: Mapped[str] = mapped_column(String(300), index=True)
    journal_key: Mapped[str | None] = mapped_column(String(300), index=True)
    need_by: Mapped[date | None] = mapped_column(Date)
    max_cost_cents: Mapped[int | None] = mapped_column(Integer)
    fee_cents: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(24), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_on: Mapped[date] = mapped_column(Date)  # library-local date
    due_date: Mapped[date | None] = mapped_column(Date)
    renewable: Mapped[bool] = mapped_column(Boolean, default=True)
    renewals: Mapped[int] = mapped_column(Integer, default=0)
    lender: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(100))  # "MOBIUS": where staff sent it
    sent_on: Mapped[date | None] = mapped_column(Date)  # CONTU counts only what was sent
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lender_fee_cents: Mapped[int | None] = mapped_column(Integer)  # what the lender charges
    held_from: Mapped[str | None] = mapped_column(String(24))  # status to resume after approval
    delivered_on: Mapped[date | None] = mapped_column(Date)  # a copy's access window starts
    billed_on: Mapped[date | None] = mapped_column(Date)  # replacement cost billed
    # What staff key into the lending system (issue 13): the citation's parts, as read.
    authors: Mapped[str | None] = mapped_column(String(1000))  # every author of a citation
    volume: Mapped[str | None] = mapped_column(String(50))
    issue: Mapped[str | None] = mapped_column(String(50))
    pages: Mapped[str | None] = mapped_column(String(50))  # "45-67": the range to copy
    chapter: Mapped[str | None] = mapped_column(String(50))  # "3", "3-4", "IV"
    edition: Mapped[str | None] = mapped_column(String(50))  # "2nd", "revised"
    book_title: Mapped[str | None] = mapped_column(String(500))  # the book a chapter is in
    format: Mapped[str | None] = mapped_column(String(20))  # print, ebook, audiobook, scan
    copies: Mapped[int | None] = mapped_column(Integer)  # more than one: "6 copies for our club"
    # The patron's own words the request was made from: cleared with the patron link.
    patron_words: Mapped[str | None] = mapped_column(String(4000))
    lender_note: Mapped[str | None] = mapped_column(String(2000))  # what the lender said
    # The scheduler's state, kept here so a pass never loads a request's history:
    renewal_asked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    recalled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The library-local day the scheduler next has something to look at (store.schedule);
    # None: not worked out since the request last changed.
    next_check_on: Mapped[date | None] = mapped_column(Date)

    patron: Mapped[Patron | None] = relationship()
    history: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", order_by="RequestEvent.id"
    )

    @property
    def ref(self) -> str:
        """The patron-facing reference, `ILL-n`."""
        return f"ILL-{self.id}"


class RequestEvent(Base):
    """One change in a request's life: who did what, when."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))  # "patron:" plus a 64-character id
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)

    request: Mapped[IllRequest] = relationship(back_populates="history")


class Conversation(Base):
    """What the bot is waiting for from a patron in one channel and thread."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("patron_id", "channel", "thread"),
        Index("ix_conversations_updated_at", "updated_at"),  # the retention purge
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patron_id: Mapped[str] = mapped_column(ForeignKey("patrons.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16))
    thread: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(32), default="idle")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InboxMessage(Base):
    """A transport message seen; the unique id makes redelivery harmless.

    `state` is `handled` (its turn committed), `received` (recorded before the transport
    acknowledged it, its turn still to run: Slack's 3 s ack) or `unreadable` (set aside with
    `reason`, reported to staff once, never retried).
    """

    __tablename__ = "inbox"
    __table_args__ = (
        Index("ix_inbox_state", "state", "channel"),
        # The retention purge, answered from the index alone (migration 0008).
        Index("ix_inbox_received_at_state", "received_at", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transport_id: Mapped[str] = mapped_column(String(300), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(12), default="handled", server_default="handled")
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # what `received` replays
    reason: Mapped[str | None] = mapped_column(String(500))  # why it was set aside


# A purged message's text (store.retention.PLACEHOLDER); the purge's query spells it the same.
SCRUBBED_TEXT = "[removed after retention period]"
UNSCRUBBED = f"text <> '{SCRUBBED_TEXT}'"


class OutboxMessage(Base):
    """A message to send, written in the same transaction as the change it reports."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_pending", "state", "channel", "next_attempt_at"),
        Index("ix_outbox_address", "address", "template"),  # unknown senders, once a day
        # The retention purge's aged rows: only those not scrubbed yet (migration 0008).
        Index(
            "ix_outbox_unscrubbed_created_at",
            "created_at",
            sqlite_where=sql_text(UNSCRUBBED),
            postgresql_where=sql_text(UNSCRUBBED),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(16))  # reply, notice, escalation
    channel: Mapped[str] = mapped_column(String(16))
    patron_id: Mapped[str | None] = mapped_column(
        ForeignKey("patrons.id", ondelete="SET NULL"), index=True
    )
    address: Mapped[str] = mapped_column(String(300))  # email, Slack id, or "staff"
    thread: Mapped[str] = mapped_column(String(200), default="")
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"), index=True)
    template: Mapped[str] = mapped_column(String(100))
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # staff told of failure


class NoticeSent(Base):
    """A notice already sent: unique per request, notice, level and step (the scheduler's memory).

    `step` is the overdue ladder step's rule id ("" for anything else), so several steps of one
    notice type are each claimed once.
    """

    __tablename__ = "notices_sent"
    __table_args__ = (UniqueConstraint("request_id", "notice", "level", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"))
    notice: Mapped[str] = mapped_column(String(32))
    level: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[str] = mapped_column(String(100), default="", server_default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Charge(Base):
    """One amount a request put on the patron's account, or took off it (migration 0007).

    kind: `service` (a fee of the library's own), `lender` (the patron's share of a lender's
    charge), `fine` (an overdue fine, or one a lender charged), `bill` (a replacement bill),
    `refund` (negative: a fee given back). One row per request, rule and kind, so a rule
    charges once however often it is looked at; rows with no rule (staff fines) may repeat.
    """

    __tablename__ = "charges"
    __table_args__ = (UniqueConstraint("request_id", "rule_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    rule_id: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(12))
    cents: Mapped[int] = mapped_column(Integer)
    on: Mapped[date] = mapped_column(Date)  # library-local date
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(500))


class ScheduleMark(Base):
    """The notice windows each library's next_check_on days were worked out from.

    When a profile's schedule changes, its open requests' days are worked out again.
    """

    __tablename__ = "schedule_marks"

    library: Mapped[str] = mapped_column(String(32), primary_key=True)
    windows: Mapped[str] = mapped_column(String(64))  # a digest of the windows


# A change to any of these can move what the scheduler owes a request, and when.
RESCHEDULING = (
    "status",
    "due_date",
    "delivered_on",
    "renewable",
    "recalled",
    "renewal_asked",
    "material",
    "category",
)


def _reschedule(target: IllRequest, value: object, old: object, _initiator: object) -> None:
    if value != old:
        target.next_check_on = None  # the next pass works the day out again


for _name in RESCHEDULING:
    event.listen(getattr(IllRequest, _name), "set", _reschedule)


class WebSession(Base):
    """A patron signed in to the web chat; the cookie's token is stored only as its hash."""

    __tablename__ = "web_sessions"
    __table_args__ = (Index("ix_web_sessions_expires_at", "expires_at"),)  # the purge

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf: Mapped[str] = mapped_column(String(64))
    patron_id: Mapped[str] = mapped_column(ForeignKey("patrons.id", ondelete="CASCADE"), index=True)
    library: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)  # absolute; idle is by last seen
    # The patron's previous web visit when this one began: notices since then are shown.
    previous_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebVisit(Base):
    """When a patron last used the web chat (what "since your last visit" counts from)."""

    __tablename__ = "web_visits"

    patron_id: Mapped[str] = mapped_column(
        ForeignKey("patrons.id", ondelete="CASCADE"), primary_key=True
    )
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class WebLine(Base):
    """What a patron wrote in the web chat, shown again when the page is reopened (24 hours).

    `after_outbox` is the greatest outbox id when it was written: the line is shown after that
    row and before the bot's answers to it.
    """

    __tablename__ = "web_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patron_id: Mapped[str] = mapped_column(ForeignKey("patrons.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    text: Mapped[str] = mapped_column(Text)
    after_outbox: Mapped[int] = mapped_column(Integer, default=0)


class SignInCode(Base):
    """A one-time code mailed to a directory address; stored as a hash, tried a few times."""

    __tablename__ = "sign_in_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    patron_id: Mapped[str] = mapped_column(ForeignKey("patrons.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class SignInAttempt(Base):
    """One sign-in attempt or code sent, keyed by a hashed card, address or client address."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_key", "kind", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # card, address, client, mailed
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    failed: Mapped[bool] = mapped_column(Boolean, default=True)
