"""Tell staff, once, about what the bot could not do: a message set aside, a message undelivered.

Both reports are ordinary escalations in the outbox, written in the transaction that records the
fault, so a report is never lost and never doubled: an inbox row is set aside once, and an outbox
row's `reported_at` marks it as told.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import IllRequest, InboxMessage, OutboxMessage
from store.outbox import enqueue, set_aside, transport_key
from templates import render

log = logging.getLogger(__name__)
STAFF = "staff"
STAFF_CHANNEL = "slack"
CHANNEL_NAMES = {"email": "email", "slack": "Slack", "console": "console", "web": "web chat"}
WHERE = {"email": "the bot's mailbox", "slack": "the bot's Slack messages"}
KIND_WORDS = {"reply": "reply", "notice": "notice", "escalation": "staff message"}


def report_unreadable(
    session: Session, at: datetime, *, channel: str, transport_id: str, reason: str
) -> list[OutboxMessage]:
    """Set a message aside as unreadable and tell staff, the first time only."""
    if not set_aside(session, transport_id, channel, at, reason):
        return []
    row_id = session.scalars(
        select(InboxMessage.id).where(InboxMessage.transport_id == transport_key(transport_id))
    ).one()
    context = {
        "channel_name": CHANNEL_NAMES.get(channel, channel),
        "inbox_ref": f"#{row_id}",
        "reason": reason[:300],
        "where": WHERE.get(channel, "the transport"),
    }
    log.warning("set aside %s message (inbox row %d): %s", channel, row_id, reason[:120])
    return [escalate(session, at, "faults/unreadable", context, request_id=None)]


def report_failure(session: Session, row: OutboxMessage, at: datetime) -> list[OutboxMessage]:
    """Tell staff once about an outbox row that failed for good; marks the row as told."""
    if row.reported_at is not None or row.state != "failed":
        return []
    row.reported_at = at
    if row.address == STAFF:
        # The staff channel itself is what failed: a report there would fail the same way.
        log.error("staff message (outbox row %d) failed for good: %s", row.id, row.last_error)
        return []
    request = session.get(IllRequest, row.request_id) if row.request_id is not None else None
    context = {
        "kind_words": KIND_WORDS.get(row.kind, row.kind),
        "patron_ref": row.patron_id or "unknown",
        "ref": request.ref if request is not None else "",
        "title": (request.title or "") if request is not None else "",
        "channel_name": CHANNEL_NAMES.get(row.channel, row.channel),
        "row": row.id,
        "attempts": row.attempts,
        "reason": (row.last_error or "no reason given")[:300],
    }
    log.warning("outbox row %d failed for good; staff told", row.id)
    return [escalate(session, at, "faults/undelivered", context, request_id=row.request_id)]


def report_failures(session: Session, at: datetime, limit: int = 100) -> list[OutboxMessage]:
    """Tell staff about every failed row not yet reported (a sender that died before telling)."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.state == "failed", OutboxMessage.reported_at.is_(None))
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows: Sequence[OutboxMessage] = session.scalars(query).all()
    out: list[OutboxMessage] = []
    for row in rows:
        out += report_failure(session, row, at)
    return out


def escalate(
    session: Session, at: datetime, template: str, context: dict[str, Any], request_id: int | None
) -> OutboxMessage:
    """Enqueue one message for the staff channel, rendered from `template`."""
    ref = f"ILL-{request_id}" if request_id is not None else None
    row = enqueue(
        session,
        at,
        kind="escalation",
        channel=STAFF_CHANNEL,
        patron_id=None,
        address=STAFF,
        thread="",
        request_id=request_id,
        template=template,
        context={
            k: (v if isinstance(v, str | int | float | bool) or v is None else str(v))
            for k, v in context.items()
        },
        meta={"to": STAFF, "request": ref, "intent": None, "outcome": None},
        text=render(template, STAFF_CHANNEL, context),
    )
    session.flush()
    return row
