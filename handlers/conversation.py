"""The one question the bot is waiting on per patron, channel and thread, kept in the store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import insert_new
from store.models import Conversation

IDLE = "idle"


def load(session: Session, patron_id: str, channel: str, thread: str, at: datetime) -> Conversation:
    """Return the conversation state, creating an idle one on first contact."""
    query = select(Conversation).where(
        Conversation.patron_id == patron_id,
        Conversation.channel == channel,
        Conversation.thread == thread,
    )
    conversation = session.scalars(query).first()
    if conversation is None:
        # Two first messages at once (Slack and mail, or two workers): one row, no error.
        insert_new(
            session,
            Conversation,
            patron_id=patron_id,
            channel=channel,
            thread=thread,
            state=IDLE,
            data={},
            updated_at=at,
        )
        conversation = session.scalars(query).one()
    return conversation


def ask(conversation: Conversation, state: str, at: datetime, **data: Any) -> None:
    """Remember the question just asked, keeping what a later "why?" needs."""
    keep = {k: v for k, v in conversation.data.items() if k == "last_refusal"}
    conversation.state = state
    conversation.data = {**keep, **data}
    conversation.updated_at = at


def settle(conversation: Conversation, at: datetime) -> None:
    """Forget the pending question."""
    ask(conversation, IDLE, at)


def remember_refusal(conversation: Conversation, rules: list[str], ref: str | None) -> None:
    """Keep the last refusal so "why?" can repeat the library's own words."""
    data = dict(conversation.data)
    data["last_refusal"] = {"rules": rules, "ref": ref}
    conversation.data = data  # reassign: JSON columns only notice a new object
