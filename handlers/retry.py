"""The patron asks staff to try again for a request no library could lend.

"Please try again" after an unfilled notice is a request for a person: staff decide whether
another search is worth it (a new lender, a purchase, a later try for a title too new to lend).
The patron hears that staff have it; the request's staff thread carries their words.
"""

from __future__ import annotations

from handlers.queue import AGAIN
from handlers.targets import describe, latest_changed
from handlers.turn import Turn
from handlers.understand.try_again import asks_again
from store.models import IllRequest
from store.requests import patron_request

UNFILLED = "unfilled"
# The readings "please try again" may come as: an action the patron names is that action.
READINGS = frozenset(
    {"unknown", "smalltalk", "offtopic", "human", "request", "status", "yes", "no"}
)


def wanted(turn: Turn) -> IllRequest | None:
    """Return the unfilled request the patron asks staff to try again for, if they do."""
    if turn.reading.intent not in READINGS or not asks_again(turn.inbound.text):
        return None
    entities = turn.reading.entities
    number = entities.ref if entities.ref is not None else turn.inbound.about_request
    if number is not None:
        named = patron_request(turn.session, turn.patron.id, number)
        return named if named is not None and named.status == UNFILLED else None
    if entities.items:
        return None  # a new item to request, "again" or not
    latest = latest_changed(turn)  # right after "no library could lend ILL-1": ILL-1
    return latest if latest is not None and latest.status == UNFILLED else None


def handle(turn: Turn, request: IllRequest) -> None:
    """Pass the request to staff for another try and tell the patron they have it."""
    turn.reply(
        "retry_asked",
        intent="human",
        outcome="escalated",
        request_id=request.id,
        status=request.status,
        name=describe(request),
        **{AGAIN: True},  # staff's thread says what is asked of them (handlers.queue)
    )
