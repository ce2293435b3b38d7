"""The core adapter: a browser's message or Edit form becomes one turn of the conversation core.

The turn runs inside the HTTP request, in one transaction: the bot's answers to it are the
outbox rows of channel `web` it wrote for this patron, returned to the browser and marked sent
there and then. Escalations and staff posts go to their own channels as ever. The client's
message id makes a redelivery (a browser retrying a POST) harmless: it is answered once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.request_fields import describe_fields
from bot.web.config import WebChat
from bot.web.language import known_language, page_language
from bot.web.views import CHANNEL, message_json, request_json
from handlers.core import handle_form, handle_message
from handlers.language import SWITCHED_REPLY
from handlers.messages import Inbound
from store.db import transaction
from store.models import OutboxMessage, Patron
from store.outbox import mark_sent
from store.requests import open_requests
from store.web import add_line
from templates.dates import LOCALE
from templates.i18n import SOURCE, language_of

TRIES = 3  # another worker wrote this patron's conversation first: run the turn again


def transport_id(patron_id: str, client_id: str) -> str:
    """Return the inbox key of a web message: the patron's and the client's ids, hashed."""
    return "web:" + hashlib.sha256(f"{patron_id}:{client_id}".encode()).hexdigest()[:40]


def inbound(chat: WebChat, patron_id: str, client_id: str, text: str) -> Inbound:
    """Convert a browser's message into the core's Inbound."""
    return Inbound(
        channel=CHANNEL,
        sender=patron_id,
        thread="",
        text=text,
        at=chat.clock.now(),
        transport_id=transport_id(patron_id, client_id),
    )


def run_message(chat: WebChat, patron_id: str, client_id: str, text: str) -> dict[str, Any]:
    """Run one message through the core; return the answers and the patron's open requests."""
    said = inbound(chat, patron_id, client_id, text)
    library = chat.runtime.library
    return _turn(chat, said, lambda session: handle_message(session, said, library))


def run_form(
    chat: WebChat, patron_id: str, client_id: str, fields: dict[str, str]
) -> dict[str, Any]:
    """Record a request from the Edit form; return as run_message does."""
    said = inbound(chat, patron_id, client_id, describe_fields(fields))
    library = chat.runtime.library
    return _turn(chat, said, lambda session: handle_form(session, said, library, fields))


def _turn(
    chat: WebChat, said: Inbound, core: Callable[[Session], Sequence[OutboxMessage]]
) -> dict[str, Any]:
    patron_id = said.sender
    for attempt in range(TRIES):
        try:
            with transaction(chat.runtime.sessions) as session:
                line = add_line(session, patron_id, said.at, said.text)
                rows = core(session)
                if not rows:  # a redelivery: its line was kept the first time
                    session.flush()
                    session.delete(line)
                messages = answers(session, rows, patron_id, chat)
                language = _language(session, chat, patron_id, rows)
                mine = open_requests(session, patron_id)
                requests = [request_json(r, language) for r in mine]
                answered: dict[str, Any] = {"messages": messages, "requests": requests}
                switched = _switched_to(rows, patron_id)
                if switched:  # "English please": the page reloads in it (chat.js)
                    answered["language"] = switched
                return answered
        except IntegrityError:
            if attempt == TRIES - 1:
                raise
    raise AssertionError("unreachable")


def _language(
    session: Session, chat: WebChat, patron_id: str, rows: Sequence[OutboxMessage]
) -> str:
    """Return the language the turn answered in; without an answer, the patron's."""
    for row in reversed(rows):
        if row.patron_id == patron_id and (row.context or {}).get(LOCALE):
            return language_of(row.context[LOCALE])
    patron = session.get(Patron, patron_id)
    profile = chat.runtime.library.profile(patron.library if patron else None)
    return page_language(profile, known_language(session, patron, profile), None)


def _switched_to(rows: Sequence[OutboxMessage], patron_id: str) -> str | None:
    """Return the language the patron switched to in this turn, if they asked for one."""
    for row in rows:
        if row.patron_id == patron_id and row.template == SWITCHED_REPLY:
            return language_of(str((row.context or {}).get(LOCALE) or SOURCE))
    return None


def answers(
    session: Session, rows: Sequence[OutboxMessage], patron_id: str, chat: WebChat
) -> list[dict[str, Any]]:
    """Take this patron's web rows out of a turn's rows: shown now, so marked sent."""
    now = chat.clock.now()
    shown = []
    for row in rows:
        if row.channel != CHANNEL or row.patron_id != patron_id:
            continue  # escalations, staff posts, another patron's notice: not for this page
        if row.kind not in ("reply", "notice"):
            continue
        if row.state == "pending":
            mark_sent(row, now)
        shown.append(message_json(row))
    session.flush()
    return shown
