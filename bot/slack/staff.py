"""Staff work from Slack: lender events by `/ill staff …`, escalation buttons and replies.

All of it is allowed only from ILLBOT_SLACK_STAFF_CHANNEL; the decisions themselves are the
handlers' (handlers/staff.py, handlers/staff_reply.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.slack.config import Deps, Members
from bot.slack.inbound import CHANNEL, action_id, clicked_channel
from handlers import queue, staff_reply
from handlers.staff import REPEAT_WINDOW, AlreadyRecorded, StaffAction, record_staff_action
from policy.errors import StaffError
from store.db import transaction
from store.outbox import already_handled, set_aside
from templates import slack_escape

log = logging.getLogger(__name__)
Respond = Callable[..., Awaitable[Any]]
USAGE = (
    "Usage: `/ill staff ACTION ILL-n [due YYYY-MM-DD] [amount USD] [lender NAME] "
    "[source NAME] [reason TEXT] [note TEXT] [denied] [not-renewable] [force]`, e.g. "
    "`/ill staff arrived ILL-7 due 2026-10-01`"
)
NOT_HERE = "Staff actions can only be taken from the ILL staff channel."
NOT_STAFF = "Only members of the ILL staff channel can reply to patrons."
UNCHECKED = "I could not check with Slack that you are ILL staff just now; please try again."
MEMBERS_FRESH = 60.0  # seconds a staff channel member list is trusted for a member
MEMBERS_RECHECK = 5.0  # … and for someone not on it (just invited?), before asking again
MEMBERS_TIMEOUT = 2.0  # the form must be answered within Slack's 3 seconds
ONE_WORD = frozenset({"due", "amount"})
MANY_WORDS = frozenset({"lender", "source", "reason", "note"})
FLAGS = {
    "approved": ("approved", True),
    "denied": ("approved", False),
    "renewable": ("renewable", True),
    "not-renewable": ("renewable", False),
    "force": ("force", True),
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


async def is_staff_member(deps: Deps, user: str) -> bool | None:
    """Tell whether a Slack user is in the staff channel; None when Slack cannot say just now."""
    if not deps.config.staff_channel:
        return False
    known, age = deps.members, _age(deps.members)
    if age is not None and (age < MEMBERS_RECHECK or (age < MEMBERS_FRESH and user in known.users)):
        return user in known.users
    try:
        users = await asyncio.wait_for(
            _channel_members(deps, deps.config.staff_channel), MEMBERS_TIMEOUT
        )
    except SlackApiError as exc:
        log.warning("conversations.members of the staff channel: %s", exc.response.get("error"))
        return None
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.warning("conversations.members of the staff channel failed: %s", type(exc).__name__)
        return None
    deps.members = Members(frozenset(users), time.monotonic())
    return user in users


def command_key(user: str, text: str, at: datetime) -> str:
    """The inbox key of a typed staff command: the same words by the same person in ten minutes.

    Hashed, so the inbox holds no Slack user id.
    """
    bucket = int(at.timestamp() // REPEAT_WINDOW.total_seconds())
    words = " ".join(text.lower().split())
    digest = hashlib.sha256(f"{user}\n{words}\n{bucket}".encode()).hexdigest()[:40]
    return f"slack:staff:{digest}"


async def run_staff_command(deps: Deps, command: dict[str, Any], respond: Respond) -> None:
    """Record a lender event typed in the staff channel and say what was queued.

    A command seen before (Slack's replay, or the same words typed again within ten minutes)
    and the same action on the same request within ten minutes are answered "already
    recorded", and nothing is recorded or sent a second time.
    """
    user = str(command["user_id"])
    if not from_staff_channel(deps, command.get("channel_id")):
        await respond(text=NOT_HERE, response_type="ephemeral")
        return
    text = str(command.get("text") or "")
    try:
        parsed = parse_staff_command(text)
        async with deps.turns.turn(f"staff:{user}"):  # one person's commands in typed order
            at = deps.clock.now()
            key = command_key(user, text, at)
            queued = await asyncio.to_thread(_record, deps, parsed, deps.actor(user), at, key)
    except AlreadyRecorded as exc:
        log.info("staff %s on ILL-%d from slack: already recorded", parsed.action, parsed.number)
        await respond(text=f"Already recorded: {slack_escape(exc)}", response_type="ephemeral")
        return
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
        actor, at = deps.actor(user), deps.clock.now()
        done = await asyncio.to_thread(
            _settle, deps, escalation_id, action, actor, at, action_id(body)
        )
    except StaffError as exc:
        await respond(
            text=f"Not done: {slack_escape(exc)}", response_type="ephemeral", replace_original=False
        )
        return
    if not done:
        log.info("escalation %d: a %s click seen before; nothing done again", escalation_id, action)
        return
    log.info("escalation %d: %s from slack", escalation_id, action)
    deps.wake.set()


def reply_key(view_id: str) -> str:
    """The inbox key of a staff reply form: one message per form, however often it is sent."""
    return f"slack:view:{view_id}"


async def send_reply(deps: Deps, escalation_id: int, user: str, text: str, view_id: str) -> None:
    """Send what staff wrote in the reply form to the patron, once per form (view id).

    The form was recorded in the inbox before Slack was answered; this claims it. A reply
    that cannot be sent is set aside, so no replay tries it again, and its author is told.
    """
    key = reply_key(view_id) if view_id else None
    try:
        sent = await asyncio.to_thread(
            _reply, deps, escalation_id, text, deps.actor(user), deps.clock.now(), key
        )
    except StaffError as exc:
        if key is not None:
            await asyncio.to_thread(_set_aside, deps, key, "reply refused")
        if deps.config.staff_channel:
            await deps.client.chat_postEphemeral(
                channel=deps.config.staff_channel,
                user=user,
                text=f"Your reply was not sent: {slack_escape(exc)}",
            )
        return
    finally:
        deps.active.discard(key or "")
    if not sent:
        log.info("escalation %d: a reply form seen before; nothing sent again", escalation_id)
        return
    log.info("escalation %d: staff reply from slack", escalation_id)
    deps.wake.set()


def _record(deps: Deps, parsed: StaffCommand, actor: str, at: datetime, key: str) -> int:
    action = StaffAction.from_fields(parsed.action, {**parsed.fields, "by": actor})
    with transaction(deps.runtime.sessions) as session:
        if already_handled(session, key, CHANNEL, at):
            raise AlreadyRecorded(f"'{parsed.action}' on ILL-{parsed.number}; nothing sent again")
        rows = record_staff_action(
            session, parsed.number, action, at, deps.runtime.library, window=REPEAT_WINDOW
        )
        staff_reply.note_settled(session, parsed.number, parsed.action, actor, at)
        return len([r for r in rows if r.kind != queue.KIND])  # the patron's notices only


def _settle(
    deps: Deps, escalation_id: int, action: str, actor: str, at: datetime, key: str
) -> bool:
    with transaction(deps.runtime.sessions) as session:
        if already_handled(session, key, CHANNEL, at):
            return False
        staff_reply.settle(session, escalation_id, action, actor, at, deps.runtime.library)
        return True


def _reply(
    deps: Deps, escalation_id: int, text: str, actor: str, at: datetime, key: str | None
) -> bool:
    with transaction(deps.runtime.sessions) as session:
        if key is not None and already_handled(session, key, CHANNEL, at):
            return False
        staff_reply.reply(session, escalation_id, text, actor, at, deps.runtime.library)
        return True


def _set_aside(deps: Deps, key: str, reason: str) -> None:
    with transaction(deps.runtime.sessions) as session:
        set_aside(session, key, CHANNEL, deps.clock.now(), reason)


def _age(members: Members) -> float | None:
    return None if members.fetched is None else time.monotonic() - members.fetched


async def _channel_members(deps: Deps, channel: str) -> set[str]:
    users: set[str] = set()
    cursor: str | None = None
    while True:
        response = await deps.client.conversations_members(
            channel=channel, limit=1000, cursor=cursor
        )
        users.update(str(u) for u in response.get("members") or [])
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return users
