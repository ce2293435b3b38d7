"""Staff work from Slack: lender events by `/ill staff …`, escalation buttons and replies.

All of it is allowed only from ILLBOT_SLACK_STAFF_CHANNEL; the decisions themselves are the
handlers' (handlers/staff.py, handlers/staff_reply.py).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.slack.config import Deps
from bot.slack.inbound import clicked_channel
from handlers import staff_reply
from handlers.staff import StaffAction, record_staff_action
from policy.errors import StaffError
from store.db import transaction
from templates import slack_escape

log = logging.getLogger(__name__)
Respond = Callable[..., Awaitable[Any]]
USAGE = (
    "Usage: `/ill staff ACTION ILL-n [due YYYY-MM-DD] [amount USD] [lender NAME] "
    "[reason TEXT] [denied] [not-renewable]`, e.g. `/ill staff arrived ILL-7 due 2026-10-01`"
)
NOT_HERE = "Staff actions can only be taken from the ILL staff channel."
ONE_WORD = frozenset({"due", "amount"})
MANY_WORDS = frozenset({"lender", "reason"})
FLAGS = {
    "approved": ("approved", True),
    "denied": ("approved", False),
    "renewable": ("renewable", True),
    "not-renewable": ("renewable", False),
}
REF = re.compile(r"^ILL-(\d{1,9})$", re.IGNORECASE)


@dataclass(frozen=True)
class StaffCommand:
    """A staff action typed in Slack."""

    action: str
    number: int
    fields: dict[str, Any] = field(default_factory=dict)


def parse_staff_command(text: str) -> StaffCommand:
    """Read `staff ACTION ILL-n [key value …]`; raise StaffError with the usage when unclear."""
    words = text.split()
    if words and words[0].lower() == "staff":
        words = words[1:]
    if len(words) < 2:
        raise StaffError(USAGE)
    ref = REF.match(words[1])
    if ref is None:
        raise StaffError(f"the request must look like ILL-7, not '{words[1]}'. {USAGE}")
    fields: dict[str, Any] = {}
    key: str | None = None
    for word in words[2:]:
        lower = word.lower()
        if lower in FLAGS:
            name, value = FLAGS[lower]
            fields[name], key = value, None
        elif lower in ONE_WORD | MANY_WORDS:
            key = lower
        elif key is not None:
            fields[key] = f"{fields.get(key, '')} {word}".strip()
            key = None if key in ONE_WORD else key
        else:
            raise StaffError(f"'{word}' is not something I can record. {USAGE}")
    if "amount" in fields:
        fields["amount"] = fields["amount"].lstrip("$")
    return StaffCommand(words[0].lower(), int(ref.group(1)), fields)


def from_staff_channel(deps: Deps, channel: str | None) -> bool:
    """Tell whether a command or click came from the staff channel."""
    return bool(deps.config.staff_channel) and channel == deps.config.staff_channel


async def run_staff_command(deps: Deps, command: dict[str, Any], respond: Respond) -> None:
    """Record a lender event typed in the staff channel and say what was queued."""
    user = str(command["user_id"])
    if not from_staff_channel(deps, command.get("channel_id")):
        await respond(text=NOT_HERE, response_type="ephemeral")
        return
    try:
        parsed = parse_staff_command(str(command.get("text") or ""))
        async with deps.turns.turn(f"staff:{user}"):  # one person's commands in typed order
            at = deps.clock.now()
            queued = await asyncio.to_thread(_record, deps, parsed, deps.actor(user), at)
    except (StaffError, ValueError) as exc:
        await respond(text=f"Not recorded: {slack_escape(exc)}", response_type="ephemeral")
        return
    deps.wake.set()
    log.info("staff %s recorded on ILL-%d from slack", parsed.action, parsed.number)
    told = "the patron is notified" if queued else "no notice for the patron"
    text = f"*{parsed.action}* recorded on ILL-{parsed.number} by <@{user}>; {told}."
    await respond(text=text, response_type="in_channel")


async def settle_click(deps: Deps, body: dict[str, Any], action: str, respond: Respond) -> None:
    """Approve or deny an escalation from its buttons; the staff message then shows who did."""
    user = str(body["user"]["id"])
    if not from_staff_channel(deps, clicked_channel(body)):
        await respond(text=NOT_HERE, response_type="ephemeral", replace_original=False)
        return
    escalation_id = int(body["actions"][0]["value"])
    try:
        await asyncio.to_thread(
            _settle, deps, escalation_id, action, deps.actor(user), deps.clock.now()
        )
    except StaffError as exc:
        await respond(
            text=f"Not done: {slack_escape(exc)}", response_type="ephemeral", replace_original=False
        )
        return
    log.info("escalation %d: %s by slack user %s", escalation_id, action, user)
    deps.wake.set()


async def send_reply(deps: Deps, escalation_id: int, user: str, text: str) -> None:
    """Send what staff wrote in the reply form to the patron."""
    try:
        await asyncio.to_thread(
            _reply, deps, escalation_id, text, deps.actor(user), deps.clock.now()
        )
    except StaffError as exc:
        if deps.config.staff_channel:
            await deps.client.chat_postEphemeral(
                channel=deps.config.staff_channel,
                user=user,
                text=f"Your reply was not sent: {slack_escape(exc)}",
            )
        return
    log.info("escalation %d: staff reply from slack user %s", escalation_id, user)
    deps.wake.set()


def _record(deps: Deps, parsed: StaffCommand, actor: str, at: datetime) -> int:
    action = StaffAction.from_fields(parsed.action, {**parsed.fields, "by": actor})
    with transaction(deps.runtime.sessions) as session:
        rows = record_staff_action(session, parsed.number, action, at, deps.runtime.library)
        staff_reply.note_settled(session, parsed.number, parsed.action, actor, at)
        return len(rows)


def _settle(deps: Deps, escalation_id: int, action: str, actor: str, at: datetime) -> None:
    with transaction(deps.runtime.sessions) as session:
        staff_reply.settle(session, escalation_id, action, actor, at, deps.runtime.library)


def _reply(deps: Deps, escalation_id: int, text: str, actor: str, at: datetime) -> None:
    with transaction(deps.runtime.sessions) as session:
        staff_reply.reply(session, escalation_id, text, actor, at, deps.runtime.library)
