"""`illbot staff ACTION ILL-n`: record a staff action on the configured store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.clock import SystemClock
from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers.staff import REPEAT_WINDOW, AlreadyRecorded, StaffAction, record_staff_action
from handlers.staff_reply import note_settled
from policy.errors import StaffError
from store.db import transaction
from store.models import OutboxMessage


def run_staff(action: str, ref: str, fields: dict[str, Any]) -> Iterator[str]:
    """Apply the action; yield one line per notice queued for the patron."""
    text = ref.strip().upper()
    if not text.startswith("ILL-") or not text[4:].isdigit():
        raise StaffError(f"request must look like ILL-7, not '{ref}'")
    staff_action = StaffAction.from_fields(
        action, {k: v for k, v in fields.items() if v is not None}
    )
    runtime = open_runtime(load_settings())
    try:
        with transaction(runtime.sessions) as session:
            now = SystemClock().now()
            rows = record_staff_action(
                session, int(text[4:]), staff_action, now, runtime.library, window=REPEAT_WINDOW
            )
            # An approval given here also updates the escalation staff see in Slack.
            rows += note_settled(session, int(text[4:]), action, "staff", now)
            notices = [f"queued {_what(r)} for {r.meta.get('to') or r.address}" for r in rows]
    except AlreadyRecorded as exc:  # the same command run twice: nothing sent twice
        yield str(exc)
        return
    finally:
        runtime.engine.dispose()
    yield f"{action} recorded on {text}"
    yield from notices


def _what(row: OutboxMessage) -> str:
    what = f"{row.meta['notice']} notice" if row.meta.get("notice") else row.kind
    return f"{what} ({row.channel})"
