"""Rows other processes queue for the patron (a staff action's notice, a staff reply), delivered
live by server-sent events, or by polling where a proxy or browser will not keep a stream open.

Both read the same rows: the patron's web conversation and their notices on any channel, newer
than the id the page last saw. A web row is marked sent once it has been handed to the page.
Neither keeps the session alive: a page left open still signs out after 30 idle minutes, and
the stream ends then.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Sequence
from typing import Any

from aiohttp import web

from bot.web.config import WebChat
from bot.web.sessions import add_security_headers, content_policy
from bot.web.signed import ENDED, Signed
from bot.web.views import CHANNEL, message_json
from store.db import reading, transaction
from store.models import OutboxMessage
from store.outbox import mark_sent
from store.web import live_session, messages_after

BATCH = 100


def newer(chat: WebChat, signed: Signed, after: int) -> tuple[list[dict[str, Any]], int] | None:
    """Return the patron's messages newer than `after` and the greatest id (web rows marked
    sent), or None when the session has ended; one read, without a lock, when nothing is new."""
    # A read only: every open page asks once a second, and on SQLite a transaction would
    # take the write lock that turns and the scheduler wait for.
    with reading(chat.runtime.sessions) as session:
        if live_session(session, signed.token_hash, chat.clock.now()) is None:
            return None
        rows = list(messages_after(session, signed.patron_id, after, BATCH))
        waiting = [r.id for r in rows if r.channel == CHANNEL and r.state == "pending"]
        shown = [message_json(r) for r in rows]
    mark_shown(chat, signed.patron_id, waiting)
    last = max((m["id"] for m in shown), default=after)
    return shown, last


def mark_shown(chat: WebChat, patron_id: str, ids: Sequence[int]) -> None:
    """Mark the patron's web rows with these ids sent: the page has them (a write, if any)."""
    if not ids:
        return
    now = chat.clock.now()
    with transaction(chat.runtime.sessions) as session:
        for row_id in ids:
            row = session.get(OutboxMessage, row_id)
            if row is None or row.patron_id != patron_id or row.channel != CHANNEL:
                continue
            if row.state == "pending":  # another page of the patron's may have marked it
                mark_sent(row, now)


def after_id(request: web.Request) -> int:
    """Read where the page is: `?after=N`, else a resumed stream's Last-Event-ID."""
    raw = request.query.get("after") or request.headers.get("Last-Event-ID") or "0"
    try:
        return max(int(raw), 0)
    except ValueError:
        return 0


async def poll(chat: WebChat, signed: Signed, request: web.Request) -> web.Response:
    """Answer GET /chat/api/messages?after=N."""
    found = await asyncio.to_thread(newer, chat, signed, after_id(request))
    if found is None:
        return web.json_response({"error": ENDED}, status=401)
    shown, last = found
    return web.json_response({"messages": shown, "last": last})


async def stream(chat: WebChat, signed: Signed, request: web.Request) -> web.StreamResponse:
    """Answer GET /chat/api/events: each new message as an event, until the session ends."""
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
    )
    add_security_headers(response, request, content_policy(chat.embed_origins))
    await response.prepare(request)
    after = after_id(request)
    pinged = time.monotonic()
    with contextlib.suppress(ConnectionResetError):  # the page went away
        await response.write(b"retry: 3000\n\n")
        while not chat.stopping.is_set():
            found = await asyncio.to_thread(newer, chat, signed, after)
            if found is None:
                await response.write(b"event: signed_out\ndata: {}\n\n")
                break
            shown, after = found
            for message in shown:
                data = json.dumps(message, ensure_ascii=False)  # one line: no newline in JSON
                event = f"id: {message['id']}\nevent: message\ndata: {data}\n\n"
                await response.write(event.encode())
            if time.monotonic() - pinged >= chat.ping_seconds:
                await response.write(b": ping\n\n")
                pinged = time.monotonic()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(chat.stopping.wait(), chat.poll_seconds)
    return response
