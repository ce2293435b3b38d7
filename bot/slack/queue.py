"""The staff queue in Slack: each request's post with next-step buttons, their forms, `/ill queue`.

A button opens a small form (`views.open`); its submission is recorded in the inbox before
Slack is answered (bot/slack/received.py), then recorded as a staff action once per form
(handlers/staff.record_staff_action, with the ten-minute replay window). Only members of the
staff channel may submit, and buttons work only in the staff channel. The patron hears through
the outbox; the request's thread in the staff channel says who recorded what.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
from datetime import date
from typing import Any

from bot.slack.blocks import Block, button, input_block, plain, sections
from bot.slack.config import Deps
from bot.slack.inbound import CHANNEL
from bot.slack.staff import Respond, from_staff_channel
from handlers.queue_list import open_queue
from handlers.staff import REPEAT_WINDOW, AlreadyRecorded, StaffAction, record_staff_action
from policy.errors import StaffError
from store.db import transaction
from store.ledger import FINISHED_STATUSES, OPEN_STATUSES
from store.models import OutboxMessage
from store.outbox import already_handled, set_aside
from templates import slack_escape

log = logging.getLogger(__name__)
QUEUE_ACTION = "illbot_queue"  # action ids are illbot_queue:VERB, the value the request number
QUEUE_FORM = "illbot_queue_form"
QUEUE_WORD = "queue"
STEPS = {  # verb → button label, form title
    "sent": ("Sent to lender", "Sent to a lender"),
    "unfilled": ("Unfilled", "Could not be filled"),
    "fee": ("Lender fee", "Lender's charge"),
    "shipped": ("Shipped", "Shipped by the lender"),
    "arrived": ("Arrived", "Arrived here"),
}
FIRST_INPUT = {
    "sent": "lender",
    "unfilled": "reason",
    "fee": "amount",
    "shipped": "note",
    "arrived": "due",
}
NOT_QUEUE_STAFF = "Only members of the ILL staff channel can record a request's steps."
LIST_LIMIT = 50
NOT_RENEWABLE = "not_renewable"


# The next steps offered for each status (a later step may skip ahead: "arrived" on a
# submitted request records the implied "sent"); other statuses have no lender steps left.
NEXT_STEPS = {
    "submitted": ("sent", "unfilled", "fee", "arrived"),
    "sent": ("shipped", "arrived", "fee", "unfilled"),
    "shipped": ("arrived", "fee"),
}


def queue_blocks(row: OutboxMessage) -> list[Block]:
    """Show a request's queue post with a button for each step its status allows."""
    number = str(row.request_id)
    verbs = NEXT_STEPS.get(str(row.meta.get("status") or "submitted"), ())
    blocks = sections(row.text)
    if verbs:
        buttons = [button(f"{QUEUE_ACTION}:{verb}", STEPS[verb][0], number) for verb in verbs]
        blocks.append({"type": "actions", "block_id": f"queue:{number}", "elements": buttons})
    return blocks


def queue_form(verb: str, number: int, channel: str | None, ts: str | None) -> Block:
    """Return the small form that records one next step on ILL-number."""
    ref = f"ILL-{number}"
    text_input: Block = {"type": "plain_text_input", "max_length": 200}
    blocks: list[Block] = []
    if verb == "sent":
        blocks.append(input_block("lender", "Lending library", text_input))
    elif verb == "unfilled":
        blocks.append(input_block("reason", "Why it could not be filled", text_input))
    elif verb == "fee":
        amount = {**text_input, "max_length": 12, "placeholder": plain("12.50")}
        blocks.append(input_block("amount", "What the lender charges (USD)", amount))
    elif verb == "arrived":
        blocks.append(input_block("due", "Due back", {"type": "datepicker"}))
        option = {"text": plain("The lender allows no renewals"), "value": NOT_RENEWABLE}
        checkbox = {"type": "checkboxes", "options": [option]}
        blocks.append(input_block("renewable", "Renewals", checkbox, optional=True))
    else:
        said = {"type": "mrkdwn", "text": f"Record that the lender shipped {ref}."}
        blocks.append({"type": "section", "text": said})
        blocks.append(input_block("note", "Note (tracking number …)", text_input, optional=True))
    meta = {"request": number, "action": verb, "channel": channel or "", "ts": ts or ""}
    return {
        "type": "modal",
        "callback_id": QUEUE_FORM,
        "private_metadata": json.dumps(meta),
        "title": plain(STEPS[verb][1][:24]),
        "submit": plain("Record"),
        "close": plain("Cancel"),
        "blocks": blocks,
    }


def read_form(view: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """Read a submitted form: (where it came from, the action's fields, errors by block)."""
    meta = json.loads(str(view.get("private_metadata") or "{}"))
    verb, number = str(meta.get("action")), int(meta["request"])
    if verb not in STEPS:
        raise ValueError(f"unknown step {verb!r}")
    values = (view.get("state") or {}).get("values") or {}

    def value(block: str) -> Any:
        return (values.get(block) or {}).get(block) or {}

    fields: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if verb == "sent":
        fields["lender"] = str(value("lender").get("value") or "").strip()
        if not fields["lender"]:
            errors["lender"] = "Name the lending library."
    elif verb == "unfilled":
        fields["reason"] = str(value("reason").get("value") or "").strip()
        if not fields["reason"]:
            errors["reason"] = "Say why, e.g. no lender, too expensive."
    elif verb == "fee":
        raw = str(value("amount").get("value") or "").strip().lstrip("$")
        try:
            amount = float(raw)
            if not math.isfinite(amount) or amount < 0 or amount > 100000:
                raise ValueError(raw)
            fields["amount"] = f"{amount:.2f}"
        except ValueError:
            errors["amount"] = "Write an amount in dollars, such as 12.50."
    elif verb == "arrived":
        try:
            fields["due"] = date.fromisoformat(str(value("due").get("selected_date"))).isoformat()
        except ValueError:
            errors["due"] = "Pick the date it is due back."
        chosen = value("renewable").get("selected_options") or []
        fields["renewable"] = not any(o.get("value") == NOT_RENEWABLE for o in chosen)
    elif verb == "shipped":
        note = str(value("note").get("value") or "").strip()
        if note:
            fields["reason"] = note  # kept in the request's history
    where = {
        "request": number,
        "action": verb,
        "channel": meta.get("channel") or "",
        "ts": meta.get("ts") or "",
    }
    return where, fields, errors


def form_key(view_id: str) -> str:
    """The inbox key of a submitted queue form: recorded once however often it is sent."""
    return f"slack:view:{view_id}"


async def run_queue_action(deps: Deps, payload: dict[str, Any]) -> None:
    """Record a submitted step (claiming its inbox row) and say in the request's thread who did."""
    key = str(payload["transport_id"])
    number, verb, user = int(payload["request"]), str(payload["action"]), str(payload["user"])
    try:
        queued = await asyncio.to_thread(_record, deps, key, number, verb, user, payload["fields"])
    except (StaffError, ValueError) as exc:
        await asyncio.to_thread(_set_aside, deps, key, "queue step refused")
        said = "Already recorded" if isinstance(exc, AlreadyRecorded) else "Not recorded"
        await _tell_privately(deps, user, f"{said}: {slack_escape(exc)}")
        return
    finally:
        deps.active.discard(key)
    if queued is None:
        log.info("ILL-%d: a %s form seen before; nothing recorded again", number, verb)
        return
    deps.wake.set()
    log.info("staff %s recorded on ILL-%d from the queue", verb, number)
    told = "the patron is notified" if queued else "no notice for the patron"
    text = f"*{verb}* recorded on ILL-{number} by <@{user}>; {told}."
    channel = str(payload.get("channel") or deps.config.staff_channel or "")
    if channel:
        await deps.client.chat_postMessage(
            channel=channel, text=text, thread_ts=str(payload.get("ts") or "") or None
        )


def _record(
    deps: Deps, key: str, number: int, verb: str, user: str, fields: dict[str, Any]
) -> int | None:
    at = deps.clock.now()
    action = StaffAction.from_fields(verb, {**fields, "by": deps.actor(user)})
    with transaction(deps.runtime.sessions) as session:
        if already_handled(session, key, CHANNEL, at):
            return None
        rows = record_staff_action(
            session, number, action, at, deps.runtime.library, window=REPEAT_WINDOW
        )
        return len([r for r in rows if r.kind == "notice"])


def _set_aside(deps: Deps, key: str, reason: str) -> None:
    with transaction(deps.runtime.sessions) as session:
        set_aside(session, key, CHANNEL, deps.clock.now(), reason)


async def _tell_privately(deps: Deps, user: str, text: str) -> None:
    if deps.config.staff_channel:
        await deps.client.chat_postEphemeral(
            channel=deps.config.staff_channel, user=user, text=text
        )


def is_queue_command(text: str) -> bool:
    """Tell whether `/ill` text asks for the staff queue (`/ill queue [STATUS]`)."""
    words = text.split()
    return bool(words) and words[0].lower() == QUEUE_WORD


async def run_queue_command(deps: Deps, command: dict[str, Any], respond: Respond) -> None:
    """List open requests (or those in one status), soonest need-by first, to staff only."""
    if not from_staff_channel(deps, command.get("channel_id")):
        await respond(
            text="The queue can only be shown in the ILL staff channel.", response_type="ephemeral"
        )
        return
    words = str(command.get("text") or "").split()[1:]
    status = words[0].lower() if words else None
    known = (*OPEN_STATUSES, *FINISHED_STATUSES)
    if len(words) > 1 or (status is not None and status not in known):
        usage = f"Usage: `/ill queue [STATUS]`, STATUS one of {', '.join(known)}"
        await respond(text=usage, response_type="ephemeral")
        return
    text = await asyncio.to_thread(queue_text, deps, status)
    await respond(text=text, response_type="ephemeral")


def queue_text(deps: Deps, status: str | None) -> str:
    """Say which requests are open (or in one status), soonest need-by first (worker thread)."""
    zone = deps.runtime.library.profile(None).timezone
    today = deps.clock.now().astimezone(zone).date()
    with deps.runtime.sessions() as session:
        lines = open_queue(session, today, status, limit=LIST_LIMIT + 1)
    what = f"in status {status}" if status else "open"
    if not lines:
        return f"No requests {what}."
    shown = [
        f"• *{q.ref}* · {q.status} · "
        + (f"need by {q.need_by.isoformat()}" if q.need_by else "no need-by")
        + f" · {q.age_days} day{'s' if q.age_days != 1 else ''} old · {slack_escape(q.title)}"
        + (f" · {slack_escape(q.patron)}" if q.patron else "")
        for q in lines[:LIST_LIMIT]
    ]
    more = "\n… and more: `/ill queue STATUS` narrows it." if len(lines) > LIST_LIMIT else ""
    return f"*Requests {what}*, soonest need-by first:\n" + "\n".join(shown) + more
