"""`illbot staff ACTION ILL-n`: record a staff action on the configured store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.clock import SystemClock
from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers.staff import StaffAction, record_staff_action
from policy.errors import StaffError
from store.db import transaction


def run_staff(action: str, ref: str, fields: dict[str, Any]) -> Iterator[str]:
    """Apply the action; yield one line per notice queued for the patron."""
    text = ref.strip().upper()
    if not text.startswith("ILL-") or not text[4:].isdigit():
        raise StaffError(f"request must look like ILL-7, not '{ref}'")
    staff_action = StaffAction.from_fields(
        action, {k: v for k, v in fields.items() if v is not None}
    )
    runtime = open_runtime(load_settings())
    with transaction(runtime.sessions) as session:
        rows = record_staff_action(
            session, int(text[4:]), staff_action, SystemClock().now(), runtime.library
        )
        notices = [
            f"queued {r.meta.get('notice')} notice to {r.address} ({r.channel})" for r in rows
        ]
    yield f"{action} recorded on {text}"
    yield from notices
