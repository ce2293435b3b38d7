"""`illbot outbox list [--failed]` and `illbot outbox retry ID`: see and resend what is stuck."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlalchemy import select

from bot.clock import SystemClock
from bot.runtime import open_runtime
from bot.settings import load_settings
from policy.errors import IllBotError
from store.db import reading, transaction
from store.models import OutboxMessage
from store.outbox import retry_now
from store.web import CODE_LIFETIME, CODE_TEMPLATE

SHOWN = ("pending", "failed")
HIDDEN = "(sign-in code, hidden)"  # what a web chat sign-in mail shows instead of its words
DIGITS = re.compile(r"\d{6}")  # a mail server's error may quote the mail, code and all


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
        with reading(runtime.sessions) as session:  # a look: no lock taken from the bot's turns
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
            now = SystemClock().now()
            if row.template == CODE_TEMPLATE and row.created_at + CODE_LIFETIME <= now:
                raise NoSuchRow(
                    f"outbox row {row_id} is a sign-in code that has expired: "
                    "the patron can ask the chat page for a new one"
                )
            retry_now(row, now)
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
    # A sign-in code lets whoever reads it into the patron's chat: operators see that the
    # mail is there, never the code.
    what = f": {HIDDEN}" if row.template == CODE_TEMPLATE else ""
    if what:
        error = DIGITS.sub("******", error)
    return (
        f"#{row.id} {row.state} {row.channel} {row.kind} {row.template} to {to} about {about}"
        f"{what}; {row.attempts} tries; {label} {when.isoformat() if when else '-'}"
        + (f"; {error}" if error else "")
    )
