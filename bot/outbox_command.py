"""`illbot outbox list [--failed]` and `illbot outbox retry ID`: see and resend what is stuck."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from bot.clock import SystemClock
from bot.runtime import open_runtime
from bot.settings import load_settings
from policy.errors import IllBotError
from store.db import transaction
from store.models import OutboxMessage
from store.outbox import retry_now

SHOWN = ("pending", "failed")


class NoSuchRow(IllBotError):
    """An outbox row id that does not exist, or that is not failed."""


def list_outbox(failed_only: bool, limit: int = 200) -> Iterator[str]:
    """Yield one line per unsent (or only failed) message, newest failures first."""
    runtime = open_runtime(load_settings())
    states = ("failed",) if failed_only else SHOWN
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.state.in_(states))
        .order_by(OutboxMessage.state, OutboxMessage.id.desc())
        .limit(limit)
    )
    try:
        with transaction(runtime.sessions) as session:
            rows = session.scalars(query).all()
            lines = [_line(row) for row in rows]
    finally:
        runtime.engine.dispose()
    yield f"{len(lines)} {'failed' if failed_only else 'unsent'} messages"
    yield from lines


def retry(row_id: int) -> str:
    """Put one failed message back in the queue; the next drain sends it."""
    runtime = open_runtime(load_settings())
    try:
        with transaction(runtime.sessions) as session:
            row = session.get(OutboxMessage, row_id, with_for_update=True)
            if row is None:
                raise NoSuchRow(f"no outbox row {row_id}")
            if row.state != "failed":
                raise NoSuchRow(f"outbox row {row_id} is {row.state}, not failed")
            retry_now(row, SystemClock().now())
            return f"outbox row {row_id} will be sent again ({row.channel} {row.kind})"
    finally:
        runtime.engine.dispose()


def _line(row: OutboxMessage) -> str:
    # Request refs and row ids only: this output is pasted into tickets and chats.
    about = row.meta.get("request") or "-"
    to = "staff" if row.address == "staff" else "patron"
    when = row.failed_at if row.state == "failed" else row.next_attempt_at
    label = "failed" if row.state == "failed" else "next try"
    error = (row.last_error or "").replace("\n", " ")[:120]
    return (
        f"#{row.id} {row.state} {row.channel} {row.kind} {row.template} to {to} about {about}; "
        f"{row.attempts} tries; {label} {when.isoformat() if when else '-'}"
        + (f"; {error}" if error else "")
    )
