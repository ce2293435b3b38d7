"""The patron reports something wrong with an item they were sent: staff must put it right.

"The link doesn't work" after "ILL-2 is ready to download", "pages are missing", "the book is
damaged": the bot cannot fix a copy or a loan, so the words go to the request's staff thread
and the patron hears that staff have them.
"""

from __future__ import annotations

from handlers.queue import PROBLEM
from handlers.targets import hand_over, meant_in
from handlers.turn import Turn
from handlers.understand.problem_words import asks_where, reports_problem
from store.models import IllRequest

# What the patron may have been sent: a copy to read, a loan to pick up or on loan.
SENT = frozenset({"delivered", "ready", "checked_out", "renewal_requested", "expired"})
READINGS = frozenset({"unknown", "smalltalk", "offtopic", "human", "status", "no"})


def wanted(turn: Turn) -> IllRequest | None:
    """Return the request whose copy or loan the patron reports a problem with, if they do."""
    if turn.reading.intent not in READINGS or not reports_problem(turn.inbound.text):
        return None
    return meant_in(turn, SENT)


def where_is(turn: Turn) -> IllRequest | None:
    """Return the request "where can I find it?" asks about: the one just made ready, if any."""
    if turn.reading.intent not in READINGS or not asks_where(turn.inbound.text):
        return None
    if turn.reading.entities.ref is not None:
        return None  # a request named: the status handler answers it
    return meant_in(turn, ("delivered", "ready"))


def handle(turn: Turn, request: IllRequest) -> None:
    """Pass the problem to staff in the request's thread and tell the patron they have it."""
    hand_over(turn, request, "problem_reported", PROBLEM)
