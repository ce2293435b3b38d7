"""The patron reports something wrong with an item they were sent: staff must put it right.

"The link doesn't work" after "ILL-2 is ready to download", "pages are missing", "the book is
damaged": the bot cannot fix a copy or a loan, so the words go to the request's staff thread
and the patron hears that staff have them.
"""

from __future__ import annotations

from handlers.queue import PROBLEM
from handlers.targets import describe, latest_changed
from handlers.turn import Turn
from handlers.understand.problem_words import asks_where, reports_problem
from store.models import IllRequest
from store.requests import patron_request

# What the patron may have been sent: a copy to read, a loan to pick up or on loan.
SENT = frozenset({"delivered", "ready", "checked_out", "renewal_requested", "expired"})
READINGS = frozenset({"unknown", "smalltalk", "offtopic", "human", "status", "no"})


def wanted(turn: Turn) -> IllRequest | None:
    """Return the request whose copy or loan the patron reports a problem with, if they do."""
    if turn.reading.intent not in READINGS or not reports_problem(turn.inbound.text):
        return None
    entities = turn.reading.entities
    number = entities.ref if entities.ref is not None else turn.inbound.about_request
    if number is not None:
        named = patron_request(turn.session, turn.patron.id, number)
        return named if named is not None and named.status in SENT else None
    latest = latest_changed(turn)
    return latest if latest is not None and latest.status in SENT else None


def where_is(turn: Turn) -> IllRequest | None:
    """Return the request "where can I find it?" asks about: the one just made ready, if any."""
    if turn.reading.intent not in READINGS or not asks_where(turn.inbound.text):
        return None
    if turn.reading.entities.ref is not None:
        return None  # a request named: the status handler answers it
    latest = latest_changed(turn)
    return latest if latest is not None and latest.status in ("delivered", "ready") else None


def handle(turn: Turn, request: IllRequest) -> None:
    """Pass the problem to staff in the request's thread and tell the patron they have it."""
    turn.reply(
        "problem_reported",
        intent="human",
        outcome="escalated",
        request_id=request.id,
        status=request.status,
        name=describe(request),
        **{PROBLEM: True},  # staff's thread says what is asked of them (handlers.queue)
    )
