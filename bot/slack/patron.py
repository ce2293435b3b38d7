"""Patron work, run after Slack was acknowledged: link the user, run the core, wake the sender."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import IntegrityError

from bot.slack.blocks import answered_blocks
from bot.slack.config import Deps
from bot.slack.home import publish_home
from bot.slack.identity import ensure_linked
from bot.slack.inbound import CHANNEL
from handlers.core import handle_message
from handlers.faults import report_unreadable
from handlers.messages import Inbound
from store.db import transaction
from store.outbox import enqueue

log = logging.getLogger(__name__)
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
                refs = await asyncio.to_thread(_run_core, deps, inbound)
            except Exception as exc:  # the edge: the patron hears something, the worker lives on
                log.exception("slack message %s failed; nothing was recorded", inbound.transport_id)
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
                blocks=answered_blocks(asked, label),
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
                return [str(r.meta.get("request") or r.kind) for r in rows]
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
