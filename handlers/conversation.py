"""The questions the bot is waiting on per patron, channel and thread, kept in the store.

One question is current (`state` and `data`); questions set aside while the patron talked
about something else wait in `data["waiting"]`, newest last, and come back once the current
one is settled. Each question's `data` holds what answering it needs, `asked_at` (when it was
asked) and, once the core has seen the reply that asked it, `ask` (how to ask it again).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from store.db import insert_new
from store.models import Conversation

IDLE = "idle"
WAITING = "waiting"
LAST_REQUEST = "last_request"  # the request this conversation recorded last ("make it…")
LANGUAGE = "language"  # the language the conversation is written in ("es"), once known
SWITCHED = "language_switched"  # true when the patron asked for it ("en español")
# Kept whatever question is asked: about the conversation, not about one question.
KEEP = ("last_refusal", WAITING, LAST_REQUEST, LANGUAGE, SWITCHED)
MOST_WAITING = 5  # questions set aside at once; the oldest is forgotten beyond that


# Built once: building a select costs more than running it, and every turn runs this one.
_STATE = select(Conversation).where(
    Conversation.patron_id == bindparam("patron_id"),
    Conversation.channel == bindparam("channel"),
    Conversation.thread == bindparam("thread"),
)


def load(session: Session, patron_id: str, channel: str, thread: str, at: datetime) -> Conversation:
    """Return the conversation state, creating an idle one on first contact."""
    key = {"patron_id": patron_id, "channel": channel, "thread": thread}
    conversation = session.scalars(_STATE, key).first()
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
        conversation = session.scalars(_STATE, key).one()
    return conversation


def ask(conversation: Conversation, state: str, at: datetime, **data: Any) -> None:
    """Remember the question just asked, keeping what a later "why?" needs.

    A question of another kind asked while one is pending (a lender's charge while a draft
    waits for its date) sets the pending one aside instead of forgetting it.
    """
    kept = _kept(conversation)
    if conversation.state not in (IDLE, state):
        kept[WAITING] = _pushed(waiting(conversation), current(conversation))
    conversation.state = state
    conversation.data = {**kept, **data, "asked_at": at.isoformat()}
    conversation.updated_at = at


def settle(conversation: Conversation, at: datetime) -> None:
    """Forget the current question (questions set aside still wait)."""
    conversation.state = IDLE
    conversation.data = _kept(conversation)
    conversation.updated_at = at


def current(conversation: Conversation) -> dict[str, Any]:
    """Return the current question as a waiting entry: {"state", "data"}."""
    data = {k: v for k, v in conversation.data.items() if k not in KEEP}
    return {"state": conversation.state, "data": data}


def waiting(conversation: Conversation) -> list[dict[str, Any]]:
    """Return the questions set aside, oldest first."""
    entries = conversation.data.get(WAITING) or []
    return [e for e in entries if isinstance(e, dict) and e.get("state") not in (None, IDLE)]


def suspend(conversation: Conversation, at: datetime) -> None:
    """Set the current question aside, to be asked again once the patron is answered."""
    if conversation.state == IDLE:
        return
    kept = _kept(conversation)
    kept[WAITING] = _pushed(waiting(conversation), current(conversation))
    conversation.state = IDLE
    conversation.data = kept
    conversation.updated_at = at


def resume(conversation: Conversation, at: datetime, index: int = -1) -> dict[str, Any] | None:
    """Make a question set aside current again (the newest by default); return it.

    A current question, if any, is set aside in its place.
    """
    entries = waiting(conversation)
    if not entries:
        return None
    entry = entries.pop(index)
    if conversation.state != IDLE:
        entries = _pushed(entries, current(conversation))
    kept = _kept(conversation)
    kept[WAITING] = entries
    conversation.state = str(entry["state"])
    conversation.data = {**kept, **dict(entry.get("data") or {})}
    conversation.updated_at = at
    return entry


def drop_waiting(conversation: Conversation, index: int) -> None:
    """Forget one question set aside."""
    entries = waiting(conversation)
    del entries[index]
    conversation.data = {**conversation.data, WAITING: entries}


def remember(conversation: Conversation, **data: Any) -> None:
    """Add to the current question's data (how to ask it again, for one)."""
    conversation.data = {**conversation.data, **data}


def remember_request(conversation: Conversation, request_id: int) -> None:
    """Keep the request just recorded: "make it the audiobook" may be about it."""
    conversation.data = {**conversation.data, LAST_REQUEST: request_id}


def remember_language(conversation: Conversation, language: str, *, switched: bool) -> None:
    """Keep the conversation's language; `switched` when the patron asked for it."""
    data = {**conversation.data, LANGUAGE: language}
    if switched:
        data[SWITCHED] = True
    if data != conversation.data:
        conversation.data = data


def remember_refusal(
    conversation: Conversation, rules: list[str], ref: str | None, lender: str = ""
) -> None:
    """Keep the last refusal so "why?" can repeat the library's own words.

    `lender` names a decision the lending library made instead ("renewal_denied", "recalled",
    "unfilled"): no rule of the library's own to quote.
    """
    data = dict(conversation.data)
    data["last_refusal"] = {"rules": rules, "ref": ref, **({"lender": lender} if lender else {})}
    conversation.data = data  # reassign: JSON columns only notice a new object


def _kept(conversation: Conversation) -> dict[str, Any]:
    return {k: v for k, v in conversation.data.items() if k in KEEP}


def _pushed(entries: list[dict[str, Any]], entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [*entries, entry][-MOST_WAITING:]
