"""Patron work, run after Slack was acknowledged: link the user, run the core, wake the sender."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import IntegrityError

from bot.logs import log_failure
from bot.metrics import count_message, turn_intent
from bot.request_fields import describe_fields
from bot.slack.blocks import answered_blocks, card_language
from bot.slack.config import Deps
from bot.slack.home import publish_home
from bot.slack.identity import ensure_linked
from bot.slack.inbound import CHANNEL, clicked_channel
from bot.slack.request_form import (
    EDIT,
    EDIT_FORM,
    EDITED,
    edit_form,
    read_edit_form,
    read_fields,
)
from handlers.core import handle_form, handle_message
from handlers.faults import report_unreadable
from handlers.messages import Inbound
from store.db import transaction
from store.outbox import enqueue
from templates.i18n import language_of, translate

log = logging.getLogger(__name__)
PATRON_FORM = "patron_form"  # the inbox payload kind of a submitted Edit form
SORRY = (
    "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment."
)


async def handle_patron(deps: Deps, inbound: Inbound) -> None:
    """Handle one patron message from Slack; the answers go out through the outbox.

    A turn that raises is rolled back: the message is set aside as unreadable (so no replay
    runs it again), staff are told once and the patron gets an apology, in one transaction.
    """
    try:
        async with deps.turns.turn(inbound.sender):
            await ensure_linked(deps.client, deps.runtime.sessions, inbound.sender)
            try:
                async with deps.store_turn():
                    refs = await asyncio.to_thread(_run_core, deps, inbound)
            except Exception as exc:  # the edge: the patron hears something, the worker lives on
                log_failure(
                    log,
                    "slack message %s failed; nothing was recorded",
                    inbound.transport_id,
                    exc=exc,
                )
                await asyncio.to_thread(_apologise, deps, inbound, type(exc).__name__)
                refs = []
    finally:
        deps.active.discard(inbound.transport_id or "")
    log.info("slack message %s handled (%s)", inbound.transport_id, ", ".join(refs) or "-")
    deps.wake.set()


async def handle_click(deps: Deps, inbound: Inbound, body: dict[str, Any], label: str) -> None:
    """Answer a question by button: show the answer in place of the buttons, then handle it."""
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id")
    if channel and message.get("ts"):
        blocks = message.get("blocks") or []
        asked = "\n".join(b["text"]["text"] for b in blocks if b.get("type") == "section")
        try:
            await deps.client.chat_update(
                channel=channel,
                ts=message["ts"],
                text=message.get("text") or asked or label,
                blocks=answered_blocks(asked, label, card_language(blocks)),
            )
        except SlackApiError as exc:  # cosmetic: the answer itself still counts
            log.warning("could not update a question: %s", exc.response.get("error"))
    await handle_patron(deps, inbound)


async def handle_home_click(deps: Deps, inbound: Inbound) -> None:
    """Renew or cancel from the Home tab, then show the tab again."""
    await handle_patron(deps, inbound)
    await publish_home(deps, inbound.sender)


def _run_core(deps: Deps, inbound: Inbound) -> list[str]:
    for attempt in (1, 2):
        try:
            with transaction(deps.runtime.sessions) as session:
                rows = handle_message(session, inbound, deps.runtime.library)
                refs = [str(r.meta.get("request") or r.kind) for r in rows]
                intent = turn_intent(rows)
            count_message(CHANNEL, intent)  # counted once committed
            return refs
        except IntegrityError:
            # Another worker wrote the same patron's state first; the rolled-back turn,
            # inbox record included, is simply run again on top of what it wrote.
            if attempt == 2:
                raise
    return []


def set_aside_unreadable(deps: Deps, transport_id: str, reason: str) -> bool:
    """Set a message aside that no turn can handle and tell staff once; True the first time."""
    now = deps.clock.now()
    with transaction(deps.runtime.sessions) as session:
        told = report_unreadable(
            session, now, channel=CHANNEL, transport_id=transport_id, reason=reason
        )
        return bool(told)


def _apologise(deps: Deps, inbound: Inbound, reason: str) -> None:
    now = deps.clock.now()
    with transaction(deps.runtime.sessions) as session:
        if inbound.transport_id and not report_unreadable(
            session, now, channel=CHANNEL, transport_id=inbound.transport_id, reason=reason
        ):
            return  # handled after all (a twin's turn), or already set aside and answered
        enqueue(
            session,
            inbound.at,
            kind="reply",
            channel=inbound.channel,
            patron_id=None,
            address=inbound.sender,
            thread=inbound.thread,
            request_id=None,
            template="internal_error",
            context={},
            meta={"intent": "unknown", "outcome": "error"},
            text=SORRY,
        )


def add_edit_listeners(app: AsyncApp, deps: Deps) -> None:
    """Listen for the confirm card's Edit button and the form it opens (build_app calls this)."""

    async def edit_clicked(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        await open_edit(deps, body, action)

    async def edit_submitted(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        where, fields, errors = read_edit_form(view)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        payload = await record_form(deps, str(body["user"]["id"]), where, fields, view)
        await ack()  # the form is in the inbox: a crash now delays the request, never loses it
        if payload is not None:
            deps.inflight.start(run_form(deps, payload), "patron form")

    app.action(EDIT)(edit_clicked)
    app.view(EDIT_FORM)(edit_submitted)


async def open_edit(deps: Deps, body: dict[str, Any], action: dict[str, Any]) -> None:
    """Open the Edit form prefilled with what the card would record (within the 3 seconds)."""
    message = body.get("message") or {}
    blocks = message.get("blocks") or []
    shown = "\n".join(b["text"]["text"] for b in blocks if b.get("type") == "section")
    where = {
        "channel": clicked_channel(body) or "",
        "ts": str(message.get("ts") or ""),
        "thread": str(message.get("thread_ts") or ""),
        "text": shown,
    }
    form = edit_form(read_fields(str(action.get("value") or "")), where)
    try:
        await deps.client.views_open(trigger_id=body["trigger_id"], view=form)
    except SlackApiError as exc:  # an expired trigger: the patron can still answer in words
        log.warning("could not open the edit form: %s", exc.response.get("error"))


async def record_form(
    deps: Deps,
    user: str,
    where: dict[str, str],
    fields: dict[str, str],
    view: dict[str, Any],
) -> dict[str, Any] | None:
    """Record a submitted Edit form in the inbox before Slack hears back; None if seen before."""
    key = f"slack:view:{view.get('id') or 'unnamed:' + uuid.uuid4().hex}"
    payload = {
        "kind": PATRON_FORM,
        "transport_id": key,
        "sender": user,
        "fields": fields,
        "where": where,
        "at": deps.clock.now().isoformat(),
    }
    new = await deps.recorder.receive(key, CHANNEL, deps.clock.now(), payload)
    if not new:
        return None
    deps.active.add(key)
    return payload


def replay_form(deps: Deps, payload: dict[str, Any]) -> bool:
    """Start a recorded Edit form again (received.replay, for a form whose turn never ran)."""
    if payload.get("kind") != PATRON_FORM or not payload.get("transport_id"):
        return False
    deps.active.add(str(payload["transport_id"]))
    deps.inflight.start(run_form(deps, payload), "patron form")
    return True


async def run_form(deps: Deps, payload: dict[str, Any]) -> None:
    """Record the request the Edit form describes, then show on the card that it was answered."""
    key = str(payload["transport_id"])
    fields = {str(k): str(v) for k, v in dict(payload.get("fields") or {}).items()}
    where = {str(k): str(v) for k, v in dict(payload.get("where") or {}).items()}
    inbound = Inbound(
        channel=CHANNEL,
        sender=str(payload["sender"]),
        text=describe_fields(fields),
        at=datetime.fromisoformat(str(payload["at"])),
        thread=where.get("thread", ""),
        transport_id=key,
    )
    try:
        async with deps.turns.turn(inbound.sender):
            try:
                await asyncio.to_thread(_run_form, deps, inbound, fields)
            except Exception as exc:  # the edge: the patron hears something, the worker lives on
                log_failure(log, "slack form %s failed; nothing was recorded", key, exc=exc)
                await asyncio.to_thread(_apologise, deps, inbound, type(exc).__name__)
    finally:
        deps.active.discard(key)
    deps.wake.set()
    if where.get("channel") and where.get("ts"):
        language = language_of(where.get("locale"))  # the card's: its form carried it
        shown = translate(language, EDITED)
        try:
            await deps.client.chat_update(
                channel=where["channel"],
                ts=where["ts"],
                text=where.get("text") or shown,
                blocks=answered_blocks(where.get("text") or "", shown, language),
            )
        except SlackApiError as exc:  # cosmetic: the request itself is recorded
            log.warning("could not update a confirm card: %s", exc.response.get("error"))


def _run_form(deps: Deps, inbound: Inbound, fields: dict[str, str]) -> None:
    for attempt in (1, 2):
        try:
            with transaction(deps.runtime.sessions) as session:
                handle_form(session, inbound, deps.runtime.library, fields)
                return
        except IntegrityError:
            if attempt == 2:  # another worker wrote this patron's state first: run it again
                raise
