"""`human`: the patron asks for a person; staff get the message."""

from __future__ import annotations

from handlers.turn import Turn


def handle(turn: Turn) -> None:
    """Pass the patron's words to staff and tell the patron someone will answer."""
    turn.escalate(
        "escalation_human",
        patron_ref=turn.patron.id,
        channel_name=turn.inbound.channel,
        said=turn.reading.text,
    )
    turn.reply("human", intent="human", outcome="escalated")
