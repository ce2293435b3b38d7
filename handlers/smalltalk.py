"""Small talk and messages the bot does not understand: a friendly answer, nothing changes."""

from __future__ import annotations

from handlers.human import escalation_context
from handlers.turn import Turn


def handle_smalltalk(turn: Turn) -> None:
    """Answer thanks, greetings and off-topic questions politely."""
    turn.reply("smalltalk", intent="smalltalk", outcome="done", said=turn.reading.text)


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
