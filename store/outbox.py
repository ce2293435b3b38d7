"""The outbox: messages written with the change they report, sent later by transports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import InboxMessage, OutboxMessage


def already_handled(session: Session, transport_id: str, channel: str, at: datetime) -> bool:
    """Record a transport message id; tell whether it had been handled before."""
    exists = session.scalars(
        select(InboxMessage.id).where(InboxMessage.transport_id == transport_id)
    ).first()
    if exists is not None:
        return True
    try:
        with session.begin_nested():  # a concurrent twin wins the unique index race
            session.add(InboxMessage(transport_id=transport_id, channel=channel, received_at=at))
    except IntegrityError:
        return True
    return False


def enqueue(session: Session, at: datetime, **fields: Any) -> OutboxMessage:
    """Add one message to the outbox in the caller's transaction."""
    message = OutboxMessage(created_at=at, next_attempt_at=at, **fields)
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


def backoff(attempts: int) -> timedelta:
    """Return the wait before the next try: 30 s doubling per attempt, at most an hour."""
    return min(timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), timedelta(hours=1))


def mark_retry(
    message: OutboxMessage, now: datetime, error: str, delay: timedelta | None = None
) -> None:
    """Record a passing failure (SMTP 4xx, a dropped connection, Slack 429); try again later."""
    message.attempts += 1
    message.last_error = error[:2000]
    message.lease_until = None
    message.next_attempt_at = now + (delay if delay is not None else backoff(message.attempts))


def mark_failed(message: OutboxMessage, now: datetime, error: str) -> None:
    """Record a final failure (SMTP 5xx, an unknown Slack channel); it is not tried again."""
    message.state = "failed"
    message.attempts += 1
    message.last_error = error[:2000]
    message.lease_until = None
