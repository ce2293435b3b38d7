"""What an answer to a rule question says first about the patron's own requests.

"How much will it cost?" with a lender's charge on a request, "how long can I keep it?" with a
loan, "where do I pick it up?" with an item waiting: a librarian answers with that request
before quoting the rules, and so does the bot (handlers.policy_answer).
"""

from __future__ import annotations

from typing import Any

from handlers import targets
from handlers.notices import facts
from handlers.owed import account
from handlers.turn import Turn
from handlers.waiting import joined
from store.models import IllRequest
from store.requests import open_requests
from templates.i18n import N_, _

# What a charge on a request is, as the patron is told it (handlers.fees add_charge kinds).
CHARGES = {
    "lender": N_("the lending library's charge"),
    "service": N_("the library's fee"),
    "fine": N_("a fine for a late return"),
    "bill": N_("a bill for the item"),
}
KEPT = ("ready", "checked_out", "renewal_requested", "delivered")  # due dates to tell


def yours(turn: Turn, topic: str) -> list[dict[str, Any]]:
    """Return the lines about the patron's own requests that answer a question on `topic`.

    Each line is a dict with `kind` (how the reply words it), `id` and `name`; empty when the
    rules alone answer (nothing of theirs bears on it).
    """
    if topic == "cost":
        return costs(turn)
    if topic == "loan_period":
        return [_line(turn, r) for r in _mine(turn) if r.status in KEPT]
    if topic == "pickup":
        return [_line(turn, r) for r in _mine(turn) if r.status == "ready"]
    return []


def costs(turn: Turn) -> list[dict[str, Any]]:
    """What the patron's requests cost them so far: those named ("how much is ILL-4?"), even at
    no cost, else every one with a charge owed or a lender's charge waiting for their yes."""
    named = _named(turn)
    lines = []
    for owes in account(turn.session, turn.patron.id):
        request = owes.request
        asked = (request.lender_fee_cents or 0) if fee_asked(request) else 0
        if request.id in named or owes.cents > 0 or asked:
            kind = "asked" if asked else "owed" if owes.cents else "free"
            fee = asked or owes.cents
            lines.append({"kind": kind, "id": request.id, "name": targets.describe(request),
                          "fee": fee, "what": _what(owes.kinds)})  # fmt: skip
    return lines


def _what(kinds: tuple[str, ...]) -> str:
    """Name what was charged on a request ("the lending library's charge and a late fine")."""
    return joined([_(CHARGES[k]) for k in kinds if k in CHARGES])


def _mine(turn: Turn) -> list[IllRequest]:
    """The patron's open requests, only the ones named when the question names some."""
    mine = list(open_requests(turn.session, turn.patron.id))
    named = _named(turn)
    return [r for r in mine if r.id in named] if named & {r.id for r in mine} else mine


def _named(turn: Turn) -> set[int]:
    entities = turn.reading.entities
    return set(entities.refs) | ({entities.ref} if entities.ref else set())


def _line(turn: Turn, request: IllRequest) -> dict[str, Any]:
    """One request's line: waiting at the desk (until when), due back, or readable until."""
    known = facts(request, turn.profile)
    line = {"id": request.id, "name": known["name"], "due": known["due"], "desk": known["desk"]}
    if request.status == "ready":
        return {**line, "kind": "ready", "pickup_by": known["pickup_by"]}
    if request.status == "delivered":
        return {**line, "kind": "copy", "last_day": known["last_day"]}
    return {**line, "kind": "due"}


def fee_asked(request: IllRequest) -> bool:
    """Tell whether a lender's charge on the request waits for the patron's yes or no."""
    return request.status == "awaiting_approval" and request.held_from is not None
