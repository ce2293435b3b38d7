"""The outbox: messages written with the change they report, sent later by transports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
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


def mark_sent(message: OutboxMessage, now: datetime) -> None:
    """Record that a message left."""
    message.state = "sent"
    message.sent_at = now
    message.attempts += 1
