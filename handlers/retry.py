"""The patron asks staff to try again for a request no library could lend.

"Please try again" after an unfilled notice is a request for a person: staff decide whether
another search is worth it (a new lender, a purchase, a later try for a title too new to lend).
The patron hears that staff have it; the request's staff thread carries their words.
"""

from __future__ import annotations

from handlers.queue import AGAIN
from handlers.targets import hand_over, meant_in
from handlers.turn import Turn
from handlers.understand.try_again import asks_again
from store.models import IllRequest

UNFILLED = ("unfilled",)
# The readings "please try again" may come as: an action the patron names is that action.
READINGS = frozenset(
    {"unknown", "smalltalk", "offtopic", "human", "request", "status", "yes", "no"}
)


def wanted(turn: Turn) -> IllRequest | None:
    """Return the unfilled request the patron asks staff to try again for, if they do."""
    if turn.reading.intent not in READINGS or not asks_again(turn.inbound.text):
        return None
    return meant_in(turn, UNFILLED, new_item=True)  # right after "no library could lend ILL-1"


def handle(turn: Turn, request: IllRequest) -> None:
    """Pass the request to staff for another try and tell the patron they have it."""
    hand_over(turn, request, "retry_asked", AGAIN)
