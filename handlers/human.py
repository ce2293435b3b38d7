"""`human`: the patron asks for a person; staff get the message, with who is asking."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from handlers.turn import Turn
from store.models import OutboxMessage

RECENT = 3  # earlier messages of the conversation shown to staff
RECENT_LENGTH = 300  # characters of each


def escalation_context(turn: Turn) -> dict[str, Any]:
    """What staff need to act on an escalation: who the patron is and what they said lately.

    The staff channel is a privileged place, so the patron is named there (name, email,
    category, id). `earlier` holds the patron's last few messages on this channel before the
    one escalated, oldest first, as the bot heard them (from the replies it wrote).
    """
    patron = turn.patron
    said = turn.reading.text.strip()
    return {
        "patron_ref": patron.id,
        "patron_name": patron.name or "",
        "patron_email": patron.email or "",
        "category": patron.category,
        "channel_name": turn.inbound.channel,
        "said": said,
        "earlier": recent_messages(turn, said),
    }


def recent_messages(turn: Turn, latest: str) -> list[str]:
    """The patron's last few messages on this channel before `latest`, oldest first."""
    query = (
        select(OutboxMessage.context)
        .where(
            OutboxMessage.patron_id == turn.patron.id,
            OutboxMessage.kind == "reply",
            OutboxMessage.channel == turn.inbound.channel,
        )
        .order_by(OutboxMessage.id.desc())
        .limit(RECENT * 3)  # a message answered by several replies counts once
    )
    heard: list[str] = []
    for context in turn.session.scalars(query):
        text = " ".join(str((context or {}).get("heard") or "").split())
        if text and text != latest and text not in heard:
            heard.append(text[:RECENT_LENGTH])
        if len(heard) == RECENT:
            break
    return heard[::-1]


def handle(turn: Turn) -> None:
    """Pass the patron's words to staff and tell the patron someone will answer."""
    turn.escalate("escalation_human", **escalation_context(turn))
    turn.reply("human", intent="human", outcome="escalated")
