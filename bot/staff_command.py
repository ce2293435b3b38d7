"""`illbot staff ACTION ILL-n`: record a staff action on the configured store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.clock import SystemClock
from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers import queue
from handlers.staff import REPEAT_WINDOW, AlreadyRecorded, StaffAction, record_staff_action
from handlers.staff_reply import note_settled
from policy.errors import StaffError
from store.db import transaction
from store.models import OutboxMessage

ONE_WORD = frozenset({"due", "amount"})
MANY_WORDS = frozenset({"lender", "source", "reason", "note"})
FLAGS = {
    "approved": ("approved", True),
    "denied": ("approved", False),
    "renewable": ("renewable", True),
    "not-renewable": ("renewable", False),
    "force": ("force", True),  # a due date outside the library's bounds, on purpose
}
USAGE = (
    "ACTION ILL-n [due YYYY-MM-DD] [amount USD] [lender NAME] [source NAME] [reason TEXT] "
    "[note TEXT] "
    "[approved|denied] [renewable|not-renewable] [force]; options may also be written "
    "--due 2026-12-01 (a lender's fine: fine ILL-n amount 5 reason overdue 10 days)"
)


def parse_staff_words(words: list[str]) -> tuple[str, str, dict[str, Any]]:
    """Read `ACTION ILL-n [key value …] [flags]` as `illbot staff` takes it.

    Keys and flags may be written bare or as options (`denied`, `--denied`, `--due=2026-12-01`);
    raise StaffError naming the first word that is neither.
    """
    if len(words) < 2:
        raise StaffError(f"usage: {USAGE}")
    action, ref = words[0].lower(), words[1]
    fields: dict[str, Any] = {}
    key: str | None = None
    for word in words[2:]:
        name, eq, _ = word.lower().removeprefix("--").partition("=")
        waiting = key in ONE_WORD and key not in fields  # `due` must take the next word
        if not waiting and name in FLAGS and not eq:
            fields[FLAGS[name][0]], key = FLAGS[name][1], None
        elif not waiting and name in ONE_WORD | MANY_WORDS:
            key = None if eq else name
            if eq:
                fields[name] = word.partition("=")[2]
        elif key is not None:
            fields[key] = f"{fields.get(key, '')} {word}".strip()
            key = None if key in ONE_WORD else key
        else:
            raise StaffError(f"'{word}' is not something I can record (usage: {USAGE})")
    if key is not None and key not in fields:
        raise StaffError(f"'{key}' needs a value (usage: {USAGE})")
    return action, ref, fields


def request_number(ref: str) -> int:
    """Read `ILL-n` (any case); raise StaffError otherwise."""
    text = ref.strip().upper()
    if not text.startswith("ILL-") or not text[4:].isdigit():
        raise StaffError(f"request must look like ILL-7, not '{ref}'")
    return int(text[4:])


def run_staff(action: str, ref: str, fields: dict[str, Any]) -> Iterator[str]:
    """Apply the action; yield one line per notice queued for the patron."""
    text = f"ILL-{request_number(ref)}"
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
            # The staff thread's own updates are not notices for the patron.
            patron_rows = [r for r in rows if r.kind != queue.KIND]
            notices = [
                f"queued {_what(r)} for {r.meta.get('to') or r.address}" for r in patron_rows
            ]
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
