"""The signed-in patron's JSON API: the state, messages, the Edit form.

Every answer is about the session's patron only: the patron id comes from the session, never
from the request, and the core itself answers "no such request" for anyone else's ref.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from aiohttp import web

from bot.logs import log_failure
from bot.request_fields import check_fields, read_fields
from bot.web.config import WebChat
from bot.web.events import mark_shown
from bot.web.language import (
    from_header,
    known_language,
    offered,
    page_language,
    request_language,
    say,
)
from bot.web.signed import Signed
from bot.web.turns import run_form, run_message
from bot.web.views import (
    conversation,
    first_name,
    library_json,
    message_json,
    notices_from,
    request_json,
)
from store.db import reading
from store.models import Patron
from store.requests import open_requests
from store.web import conversation_since, last_message_id, lines_since, notices_since
from templates.i18n import N_

log = logging.getLogger(__name__)
TEXT_LIMIT = 4000
ID_LIMIT = 200
SHOWN_FOR = timedelta(hours=24)  # the conversation a page shows again when it is opened
SORRY = N_("Sorry, something went wrong on my side and nothing was changed. Please try again.")
WRITE = N_("Please write a message.")
TOO_LONG = N_("That message is too long: please keep it under %(limit)s letters.")
FILL_IN = N_("Please fill in the form.")


def error(status: int, sentence: str) -> web.Response:
    """Return a JSON error with one plain sentence for the patron."""
    return web.json_response({"error": sentence}, status=status)


async def json_body(request: web.Request) -> dict[str, Any] | None:
    """Read the request's JSON object, or None when it is not one."""
    try:
        data = await request.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def state(chat: WebChat, signed: Signed, accept: str | None = None) -> dict[str, Any]:
    """Return what the page shows on opening: requests, notices since the last visit, messages.

    `accept` is the request's Accept-Language: the page's own language, sent by its script.
    """
    now = chat.clock.now()
    with reading(chat.runtime.sessions) as session:  # one snapshot, no lock (store.db)
        patron = session.get(Patron, signed.patron_id)
        profile = chat.runtime.library.profile(patron.library if patron else signed.library)
        language = from_header(accept, offered(profile)) or page_language(
            profile, known_language(session, patron, profile), None
        )
        mine = open_requests(session, signed.patron_id)
        requests = [request_json(r, language) for r in mine]
        since = notices_from(signed.previous_visit, now)
        notices = [message_json(r) for r in notices_since(session, signed.patron_id, since)]
        rows = conversation_since(session, signed.patron_id, now - SHOWN_FOR)
        said = lines_since(session, signed.patron_id, now - SHOWN_FOR)
        messages = conversation([message_json(r) for r in rows], said)
        waiting = [r.id for r in rows if r.state == "pending"]
        shown = {
            "patron": {"name": first_name(patron)},
            "library": library_json(profile),
            "requests": requests,
            "notices": notices,
            "messages": messages,
            "last": last_message_id(session, signed.patron_id),
        }
    mark_shown(chat, signed.patron_id, waiting)  # web rows not fetched live until now
    return shown


def _client_id(data: dict[str, Any]) -> str | None:
    value = data.get("id")
    if not isinstance(value, str) or not value.strip() or len(value) > ID_LIMIT:
        return None
    return value.strip()


async def message(chat: WebChat, signed: Signed, request: web.Request) -> web.Response:
    """Answer POST /chat/api/messages: run the patron's words through the core."""
    language = _language(chat, signed, request)
    data = await json_body(request)
    client_id = _client_id(data) if data is not None else None
    text = data.get("text") if data is not None else None
    if client_id is None or not isinstance(text, str):
        return error(400, say(language, WRITE))
    text = text.strip()
    if not text:
        return error(400, say(language, WRITE))
    if len(text) > TEXT_LIMIT:
        return error(400, say(language, TOO_LONG, limit=TEXT_LIMIT))
    return await _run(run_message, chat, signed, client_id, text, language)


async def form(chat: WebChat, signed: Signed, request: web.Request) -> web.Response:
    """Answer POST /chat/api/form: record a request from the Edit form, or say what is wrong."""
    language = _language(chat, signed, request)
    data = await json_body(request)
    client_id = _client_id(data) if data is not None else None
    raw = data.get("fields") if data is not None else None
    if client_id is None or not isinstance(raw, dict):
        return error(400, say(language, FILL_IN))
    fields = read_fields(raw)
    errors = check_fields(fields, language)
    if errors:
        return web.json_response({"errors": errors}, status=400)
    return await _run(run_form, chat, signed, client_id, fields, language)


def _language(chat: WebChat, signed: Signed, request: web.Request) -> str:
    return request_language(request, chat.runtime.library.profile(signed.library))


async def _run(
    turn: Any, chat: WebChat, signed: Signed, client_id: str, said: Any, language: str
) -> web.Response:
    try:
        answered = await asyncio.to_thread(turn, chat, signed.patron_id, client_id, said)
    except Exception as exc:  # the edge: the patron hears something, the server lives on
        log_failure(log, "web: a message failed; nothing was recorded", exc=exc)
        return error(500, say(language, SORRY))
    refs = sorted({m["ref"] for m in answered["messages"] if m["ref"]})
    log.info("web: message handled (%s)", ", ".join(refs) or "-")
    return web.json_response(answered)
