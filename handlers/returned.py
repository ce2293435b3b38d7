"""A patron saying they returned a loan ("I dropped the Foucault off yesterday").

The bot does not check items in: staff do, at the desk. So it thanks the patron, says the loan
shows as theirs until staff check it in, and the patron's words reach staff in the request's
thread (handlers/queue.py), where they can look for the item. Read as `status` or `unknown`
(CONVENTIONS.md), so the reader's vocabulary is unchanged.
"""

from __future__ import annotations

import re

from handlers import targets
from handlers.turn import Turn
from store.models import IllRequest
from store.requests import open_requests

RETURNED = re.compile(
    r"\b(?:returned|dropped\s+(?:\S+\s+){0,3}?off|brought\s+(?:\S+\s+){0,3}?back|"
    r"put\s+(?:it|them)\s+in\s+the\s+(?:book\s*)?(?:drop|return)|"
    r"devolv(?:í|i|ió|io|imos)|regres(?:é|e)\s+(?:el|la|lo|los)\b)",
    re.IGNORECASE,
)
# "I haven't returned it yet", "not returned": a loan still out, asked about as status.
NOT_YET = re.compile(r"(?:\b(?:not|never|no|yet\s+to|todav[íi]a\s+no)|n't)\s+(?:\w+\s+)?$", re.I)
ON_LOAN = frozenset({"checked_out", "renewal_requested"})
CHECKED_IN = frozenset({"returned", "completed"})


def mentions(text: str) -> bool:
    """Tell whether the patron says they have returned something (not that they have not)."""
    before = (text[: match.start()][-24:] for match in RETURNED.finditer(text))
    return any(not NOT_YET.search(words) for words in before)


def handle(turn: Turn) -> None:
    """Thank the patron for a return and say it shows until staff check it in."""
    entities = turn.reading.entities
    number = entities.ref if entities.ref is not None else turn.inbound.about_request
    if number is None and len(entities.refs) == 1:
        number = entities.refs[0]
    known = turn.session.get(IllRequest, number) if number is not None else None
    if known is not None and known.patron_id == turn.patron.id and known.status in CHECKED_IN:
        _reply(turn, known, "checked_in")
        return
    out = [r for r in open_requests(turn.session, turn.patron.id) if r.status in ON_LOAN]
    if number is None and not entities.ref_hint and entities.ordinal is None and not out:
        turn.reply("returned_noted", intent="status", outcome="done", state="nothing_out")
        return
    request = targets.resolve(turn, "status", out)
    if request is not None:
        _reply(turn, request, "on_loan" if request.status in ON_LOAN else "not_out")


def _reply(turn: Turn, request: IllRequest, state: str) -> None:
    turn.reply(
        "returned_noted",
        intent="status",
        outcome="done",
        request_id=request.id,
        status=request.status,
        state=state,
        name=targets.describe(request),
    )
