"""The outbox: messages written with the change they report, sent later by transports."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from store.db import insert_new
from store.models import InboxMessage, OutboxMessage

TRANSPORT_KEY_LENGTH = 300  # InboxMessage.transport_id


def already_handled(session: Session, transport_id: str, channel: str, at: datetime) -> bool:
    """Claim a transport message for this turn; tell whether it was handled (or set aside) before.

    One statement inside the caller's transaction: the claim commits or rolls back with the turn,
    so a turn that fails leaves the message to be handled again, never marked done without reply.
    A message recorded as `received` (acknowledged before its turn ran) is claimed here too.
    """
    key = transport_key(transport_id)
    if _insert_new(session, key, channel, at, "handled"):
        return False
    claimed = session.execute(
        update(InboxMessage)
        .where(InboxMessage.transport_id == key, InboxMessage.state == "received")
        .values(state="handled", payload=None)
        .returning(InboxMessage.id)
    )
    return claimed.scalar_one_or_none() is None


def receive(
    session: Session, transport_id: str, channel: str, at: datetime, payload: dict[str, Any]
) -> bool:
    """Record a message before acknowledging it; its turn runs later. True when it is new."""
    return _insert_new(session, transport_key(transport_id), channel, at, "received", payload)


def received(session: Session, channel: str, limit: int = 100) -> Sequence[InboxMessage]:
    """Return messages acknowledged but not yet handled (a restart replays them), oldest first."""
    query = (
        select(InboxMessage)
        .where(InboxMessage.state == "received", InboxMessage.channel == channel)
        .order_by(InboxMessage.id)
        .limit(limit)
    )
    return session.scalars(query).all()


def set_aside(session: Session, transport_id: str, channel: str, at: datetime, reason: str) -> bool:
    """Record a message that cannot be stored or read as unreadable; True the first time."""
    key = transport_key(transport_id)
    reason = clean_text(reason)[:500]
    if _insert_new(session, key, channel, at, "unreadable", reason=reason):
        return True
    moved = session.execute(
        update(InboxMessage)
        .where(InboxMessage.transport_id == key, InboxMessage.state == "received")
        .values(state="unreadable", reason=reason, payload=None)
        .returning(InboxMessage.id)
    )
    return moved.scalar_one_or_none() is not None


def transport_key(transport_id: str) -> str:
    """The inbox key for a transport id: NUL-free, and hashed when too long to store whole."""
    key = clean_text(transport_id)
    if len(key) <= TRANSPORT_KEY_LENGTH and key == transport_id:
        return key
    digest = hashlib.sha256(transport_id.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key[: TRANSPORT_KEY_LENGTH - 70]}#sha256:{digest}"


def clean_text(value: str) -> str:
    """Remove NUL characters, which PostgreSQL refuses in text and SQLite would keep."""
    return value.replace("\x00", "")


def _insert_new(
    session: Session,
    key: str,
    channel: str,
    at: datetime,
    state: str,
    payload: dict[str, Any] | None = None,
    reason: str | None = None,
) -> bool:
    return insert_new(
        session,
        InboxMessage,
        transport_id=key,
        channel=channel,
        received_at=at,
        state=state,
        payload=payload,
        reason=reason,
    )


def enqueue(
    session: Session, at: datetime, *, send_at: datetime | None = None, **fields: Any
) -> OutboxMessage:
    """Add one message to the outbox in the caller's transaction, to send from `send_at` on."""
    message = OutboxMessage(
        created_at=at, next_attempt_at=send_at or at, state="pending", attempts=0, **fields
    )
    session.add(message)
    return message


def pending(
    session: Session, channel: str, now: datetime, limit: int = 50
) -> Sequence[OutboxMessage]:
    """Return messages due for sending on a channel, oldest first."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.channel == channel,
            OutboxMessage.state == "pending",
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return session.scalars(query).all()


def claim(
    session: Session, channel: str, now: datetime, lease: timedelta, limit: int = 20
) -> Sequence[OutboxMessage]:
    """Lease due messages of a channel to this sender; commit before sending them.

    Rows are locked with SKIP LOCKED on PostgreSQL, so two senders never take the same row; the
    lease keeps a row from being taken again until it has been sent or the lease runs out (a
    sender that crashed mid-send), which makes delivery at-least-once and never lost.
    """
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.channel == channel,
            OutboxMessage.state == "pending",
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until <= now),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = session.scalars(query).all()
    for row in rows:
        row.lease_until = now + lease
    session.flush()
    return rows


def mark_sent(message: OutboxMessage, now: datetime) -> None:
    """Record that a message left."""
    message.state = "sent"
    message.sent_at = now
    message.attempts += 1
    message.lease_until = None


@dataclass(frozen=True)
class RetryLimits:
    """When a message that keeps failing is given up: after this many tries or this age."""

    max_attempts: int = 30  # with the one-hour cap, about a day of tries
    max_age: timedelta = timedelta(hours=72)
    first_wait: timedelta = timedelta(seconds=30)
    longest_wait: timedelta = timedelta(hours=1)


DEFAULT_LIMITS = RetryLimits()


def backoff(
    attempts: int, limits: RetryLimits = DEFAULT_LIMITS, rng: random.Random | None = None
) -> timedelta:
    """Return the wait before the next try: doubling from the first wait, capped, with jitter.

    The exponent is capped before it is raised, so no attempt count can overflow; the jitter
    (between half and the whole wait) keeps many rows failing together from retrying in step.
    """
    step = min(max(attempts - 1, 0), 20)
    wait = min(limits.first_wait * (2**step), limits.longest_wait)
    share = 0.5 + 0.5 * (rng or random).random()
    return wait * share


def mark_retry(
    message: OutboxMessage,
    now: datetime,
    error: str,
    delay: timedelta | None = None,
    limits: RetryLimits = DEFAULT_LIMITS,
) -> bool:
    """Record a passing failure (SMTP 4xx, a dropped connection, Slack 429); try again later.

    Return False when the message has now failed for good instead: it was tried
    `limits.max_attempts` times or is older than `limits.max_age`.
    """
    message.attempts += 1
    message.last_error = clean_text(error)[:2000]
    message.lease_until = None
    too_old = now - message.created_at >= limits.max_age
    if message.attempts >= limits.max_attempts or too_old:
        why = "too old" if too_old else f"{message.attempts} tries"
        message.state = "failed"
        message.failed_at = now
        message.last_error = f"gave up after {why}: {message.last_error}"[:2000]
        return False
    wait = delay if delay is not None else backoff(message.attempts, limits)
    message.next_attempt_at = now + min(wait, limits.max_age)
    return True


def postpone(message: OutboxMessage, until: datetime, error: str) -> None:
    """Hold a message back without counting a try: the service asked us to slow down (429)."""
    message.last_error = clean_text(error)[:2000]
    message.lease_until = None
    message.next_attempt_at = until


def mark_failed(message: OutboxMessage, now: datetime, error: str) -> None:
    """Record a final failure (SMTP 5xx, an unknown Slack channel); it is not tried again."""
    message.state = "failed"
    message.failed_at = now
    message.attempts += 1
    message.last_error = clean_text(error)[:2000]
    message.lease_until = None


def retry_now(message: OutboxMessage, now: datetime) -> None:
    """Put a failed message back in the queue for an operator: sent at the next drain."""
    message.state = "pending"
    message.attempts = 0
    message.created_at = now  # the age limit counts from the operator's retry
    message.next_attempt_at = now
    message.lease_until = None
    message.failed_at = None
    message.reported_at = None
