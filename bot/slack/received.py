"""Nothing acknowledged is lost: a patron's message is in the inbox before Slack hears "200".

The listener records the message (store/outbox.receive, committed together with the others
arriving at the same moment, bot/slack/recorder.py), then acknowledges, then runs the turn,
whose inbox claim (already_handled) takes the `received` row in the turn's own transaction. A
process killed between the ack and the commit leaves the row `received`; `replay` runs such rows
again at startup and, for rows older than a few seconds that no work in this process holds,
every minute. A Slack retry of a message already recorded is acknowledged and not run twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

from bot.logs import log_failure
from bot.slack.config import Deps
from bot.slack.inbound import CHANNEL, from_payload, to_payload
from bot.slack.patron import (
    PATRON_FORM,
    handle_home_click,
    handle_patron,
    replay_form,
    set_aside_unreadable,
)
from bot.slack.queue import form_key, run_queue_action
from bot.slack.staff import reply_key, send_reply
from handlers.messages import Inbound
from store.outbox import received

log = logging.getLogger(__name__)
REPLAY_EVERY = 60.0  # seconds between passes over messages acknowledged but never handled
REPLAY_AFTER = timedelta(seconds=30)  # younger rows may still be in another worker's hands
HOME = "home"
STAFF_REPLY = "staff_reply"
QUEUE_STEP = "queue_step"


async def record(deps: Deps, inbound: Inbound, then: str | None = None) -> bool:
    """Record a message before it is acknowledged; True when it is new and should be run now."""
    if not inbound.transport_id:
        return True
    payload = to_payload(inbound, then)
    new = await deps.recorder.receive(inbound.transport_id, CHANNEL, inbound.at, payload)
    if new:
        deps.active.add(inbound.transport_id)
    return new


async def record_reply(deps: Deps, escalation_id: int, user: str, text: str, view_id: str) -> bool:
    """Record a staff reply form before its ack; True when this form was not seen before."""
    key = reply_key(view_id)
    payload = {
        "kind": STAFF_REPLY,
        "transport_id": key,
        "escalation": escalation_id,
        "user": user,
        "text": text,
        "view_id": view_id,
    }
    new = await deps.recorder.receive(key, CHANNEL, deps.clock.now(), payload)
    if new:
        deps.active.add(key)
    return new


async def record_queue_step(
    deps: Deps, where: dict[str, Any], fields: dict[str, Any], user: str, view_id: str
) -> dict[str, Any] | None:
    """Record a submitted queue form before its ack; its payload when this form is new."""
    key = form_key(view_id)
    payload = {"kind": QUEUE_STEP, "transport_id": key, "user": user, "fields": fields, **where}
    new = await deps.recorder.receive(key, CHANNEL, deps.clock.now(), payload)
    if not new:
        return None
    deps.active.add(key)
    return payload


def start(deps: Deps, inbound: Inbound, then: str | None = None) -> None:
    """Run a recorded message's turn in the background (and what follows it)."""
    work = handle_home_click(deps, inbound) if then == HOME else handle_patron(deps, inbound)
    deps.inflight.start(work, inbound.transport_id or "slack message")


async def replay(deps: Deps, older_than: timedelta | None = None) -> int:
    """Run again every message acknowledged but never handled; return how many were started."""
    waiting = await asyncio.to_thread(_waiting, deps, older_than)
    started = 0
    for row_id, key, payload in waiting:
        if str((payload or {}).get("transport_id") or key) in deps.active:
            continue  # still being handled here
        if (payload or {}).get("kind") == STAFF_REPLY and _start_reply(deps, payload or {}):
            started += 1
            continue
        if (payload or {}).get("kind") == QUEUE_STEP and payload is not None:
            deps.active.add(key)
            deps.inflight.start(run_queue_action(deps, payload), "queue step")
            started += 1
            continue
        if (payload or {}).get("kind") == PATRON_FORM and replay_form(deps, payload or {}):
            started += 1
            continue
        rebuilt = from_payload(payload)
        if rebuilt is None:
            log.error("slack inbox row %d cannot be replayed; set aside", row_id)
            await asyncio.to_thread(set_aside_unreadable, deps, key, "unreadable payload")
            continue
        inbound, then = rebuilt
        deps.active.add(str(inbound.transport_id))
        start(deps, inbound, then)
        started += 1
    if started:
        log.info("slack: %d acknowledged messages replayed", started)
    return started


async def keep_replaying(
    deps: Deps, every: float = REPLAY_EVERY, older_than: timedelta = REPLAY_AFTER
) -> None:
    """Replay forgotten messages every `every` seconds until cancelled."""
    while True:
        await asyncio.sleep(every)
        try:
            await replay(deps, older_than)
        except Exception as exc:  # a store hiccup: the next pass tries again
            log_failure(log, "slack replay pass failed", exc=exc)


async def stop_replaying(task: asyncio.Task[None]) -> None:
    """Cancel the replay loop and wait for it."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def _start_reply(deps: Deps, payload: dict[str, Any]) -> bool:
    try:
        escalation_id, view_id = int(payload["escalation"]), str(payload["view_id"])
        user, text = str(payload["user"]), str(payload["text"])
    except (KeyError, TypeError, ValueError):
        return False
    deps.active.add(reply_key(view_id))
    deps.inflight.start(send_reply(deps, escalation_id, user, text, view_id), "staff reply")
    return True


def _waiting(
    deps: Deps, older_than: timedelta | None
) -> list[tuple[int, str, dict[str, Any] | None]]:
    now = deps.clock.now()
    with deps.runtime.sessions() as session:
        rows = received(session, CHANNEL)
        return [
            (row.id, row.transport_id, row.payload)
            for row in rows
            if older_than is None or now - row.received_at >= older_than
        ]
