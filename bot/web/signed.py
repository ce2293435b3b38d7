"""The signed-in patron of a request: its session cookie, looked up in the store."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from bot.web.config import WebChat
from bot.web.sessions import SESSION_COOKIE, new_token
from store.db import reading, transaction
from store.models import Patron
from store.web import digest, end_session, live_session, start_session, touch
from templates.i18n import N_

ENDED = N_(
    "You have been signed out (it has been a while, or you signed out). Please sign in again."
)


@dataclass(frozen=True)
class Signed:
    """The patron a session belongs to; every query of patron data uses `patron_id`."""

    patron_id: str
    library: str
    csrf: str
    token_hash: str
    previous_visit: datetime | None


def token_hash(request: web.Request) -> str | None:
    """Return the hash of the request's session cookie, or None without one."""
    token = request.cookies.get(SESSION_COOKIE)
    return digest(token) if token else None


def lookup(chat: WebChat, hashed: str, keep_alive: bool) -> Signed | None:
    """Find a live session by its token's hash; `keep_alive` restarts its idle time."""
    now = chat.clock.now()
    # Only a keep-alive writes: a live stream's or poll's look needs no lock (store.db.reading).
    with (transaction if keep_alive else reading)(chat.runtime.sessions) as session:
        found = live_session(session, hashed, now)
        if found is None:
            return None
        if keep_alive:
            touch(session, found, now)
        return Signed(found.patron_id, found.library, found.csrf, hashed, found.previous_visit_at)


async def signed_in(chat: WebChat, request: web.Request, keep_alive: bool) -> Signed | None:
    """Return the request's signed-in patron, or None when its session is missing or ended."""
    hashed = token_hash(request)
    if hashed is None:
        return None
    return await asyncio.to_thread(lookup, chat, hashed, keep_alive)


def begin(chat: WebChat, patron: Patron, csrf: str) -> str:
    """Start a session for a patron; return the cookie's token (only its hash is stored)."""
    token = new_token()
    with transaction(chat.runtime.sessions) as session:
        start_session(session, patron, digest(token), csrf, chat.clock.now())
    return token


def finish(chat: WebChat, hashed: str) -> None:
    """End a session in the store (sign-out)."""
    with transaction(chat.runtime.sessions) as session:
        end_session(session, hashed)
