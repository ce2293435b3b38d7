"""Small talk and messages the bot does not understand: a friendly answer, nothing changes."""

from __future__ import annotations

import re

from sqlalchemy import select

from handlers.human import escalation_context
from handlers.turn import Turn
from store.models import IllRequest

# Thanks in the words patrons use, English and Spanish ("thx", "much appreciated", "gracias").
THANKS = re.compile(
    r"\b(?:thanks?|thank\s*(?:you|u)|thx|tnx|ty|tysm|cheers|appreciated?|grateful|gracias)\b",
    re.IGNORECASE,
)


def handle_smalltalk(turn: Turn) -> None:
    """Answer thanks, greetings and off-topic questions politely.

    Thanks from a patron who already has requests is answered as a librarian would, "You're
    welcome!" alone; a newcomer, or a greeting, also hears what the bot can do.
    """
    thanks = bool(THANKS.search(turn.reading.text))
    known = thanks and _has_requests(turn)
    turn.reply(
        "smalltalk",
        intent="smalltalk",
        outcome="done",
        said=turn.reading.text,
        thanks=thanks,
        known=known,
    )


def _has_requests(turn: Turn) -> bool:
    mine = select(IllRequest.id).where(IllRequest.patron_id == turn.patron.id).limit(1)
    return turn.session.scalar(mine) is not None


UNKNOWN_ONCE = "unknown_once"


def handle_unknown(turn: Turn) -> None:
    """Say what the bot can do; the second message in a row not understood goes to staff."""
    data = turn.conversation.data
    if not turn.reading.text.strip():  # an empty message (an attachment only?) is not escalated
        turn.reply("unknown", intent="unknown", outcome="unknown")
        return
    if not data.get(UNKNOWN_ONCE):
        turn.conversation.data = {**data, UNKNOWN_ONCE: True}
        turn.reply("unknown", intent="unknown", outcome="unknown")
        return
    turn.conversation.data = {k: v for k, v in data.items() if k != UNKNOWN_ONCE}
    turn.escalate("escalation_unknown", **escalation_context(turn))
    turn.reply("unknown_escalated", intent="unknown", outcome="escalated")


def forget_unknown(turn: Turn) -> None:
    """Start counting misunderstandings afresh once a message is understood."""
    if turn.conversation.data.get(UNKNOWN_ONCE):
        data = turn.conversation.data
        turn.conversation.data = {k: v for k, v in data.items() if k != UNKNOWN_ONCE}
