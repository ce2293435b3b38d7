"""A patron saying they returned a loan ("I dropped the Foucault off yesterday").

The bot does not check items in: staff do, at the desk. So it thanks the patron, says the loan
shows as theirs until staff check it in, and the patron's words reach staff in the request's
thread (handlers/queue.py), where they can look for the item. Read as `status` or `unknown`
(CONVENTIONS.md), so the reader's vocabulary is unchanged.
"""

from __future__ import annotations

import re

from handlers import targets
from handlers.loan_state import standing
from handlers.turn import Turn
from store.models import IllRequest
from store.requests import open_requests

RETURNED = re.compile(
    r"\b(?:returned|dropped\s+(?:\S+\s+){0,3}?off|brought\s+(?:\S+\s+){0,3}?back|"
    r"(?:put|dropped|left|slid)\s+(?:\S+\s+){0,3}?(?:in|into|at|through)\s+the\s+"
    r"(?:book\s*|return\s+)?(?:drop|return|slot|box|bin|desk|front\s+desk|circulation\s+desk)|"
    r"(?:handed|gave)\s+(?:it|them)\s+(?:back|in)|"
    r"devolv(?:í|i|ió|io|imos)|regres(?:é|e)\s+(?:el|la|lo|los)\b)",
    re.IGNORECASE,
)
# "I'll bring it back tomorrow", "lo devuelvo mañana": a return to come, answered with where and
# by when (and the fine so far, if it is late).
WILL_RETURN = re.compile(
    r"\b(?:I'?ll|I\s+will|I'?m\s+going\s+to|I\s+am\s+going\s+to|gonna|I\s+can|I\s+plan\s+to)"
    r"\s+(?:\S+\s+){0,2}?(?:bring|return|drop|get)\s+(?:\S+\s+){0,3}?(?:back|in|off|it|them)\b"
    r"|\b(?:lo|la|los|las)\s+(?:devuelvo|regreso|traigo|llevo)\b"
    r"|\bvoy\s+a\s+(?:devolver|regresar|traer|llevar)\w*\b",
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


def promises(text: str) -> bool:
    """Tell whether the patron says they will return a loan soon."""
    return bool(WILL_RETURN.search(text)) and not mentions(text)


def handle_promise(turn: Turn) -> None:
    """Answer "I'll bring it back tomorrow": where to return it, when it was due, its fine."""
    out = [r for r in open_requests(turn.session, turn.patron.id) if r.status in ON_LOAN]
    named = {turn.reading.entities.ref, turn.inbound.about_request, *turn.reading.entities.refs}
    chosen = [r for r in out if r.id in named] or out
    late = [r for r in chosen if r.due_date is not None and r.due_date < turn.today]
    if len(chosen) > 1:
        chosen = late  # several out, none named: the late ones are what the patron means
    if not chosen:
        turn.reply("return_promised", intent="status", outcome="done", loans=[])
        return
    loans = [_loan(turn, r) for r in chosen]
    ids = tuple(r.id for r in chosen)
    turn.reply("return_promised", intent="status", outcome="done", request_ids=ids, loans=loans)


def _loan(turn: Turn, request: IllRequest) -> dict[str, object]:
    state = standing(request, turn.profile, turn.today)
    return {
        "name": targets.describe(request),
        "due": request.due_date.isoformat() if request.due_date else "",
        "late": bool(state["days_overdue"]),
        "fine": state["fine"],
    }


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
