"""The one channel-neutral path from a patron's message to the outbox.

Inbound → dedupe → patron → conversation state → intent → handler (policy + store) →
Outgoing → outbox rows, all inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import (
    cancel,
    conversation,
    fees,
    help,
    human,
    pending,
    proxy,
    queue,
    renew,
    request,
    status,
    why,
)
from handlers.library import Library
from handlers.messages import Inbound, Outgoing
from handlers.outbox import write
from handlers.smalltalk import forget_unknown, handle_smalltalk, handle_unknown
from handlers.turn import Turn
from handlers.understand import understand
from store.models import OutboxMessage, Patron
from store.outbox import already_handled
from store.requests import find_patron

HANDLERS: dict[str, Callable[[Turn], None]] = {
    "request": request.handle,
    "status": status.handle,
    "renew": renew.handle,
    "cancel": cancel.handle,
    "help": help.handle,
    "why": why.handle,
    "human": human.handle,
    "smalltalk": handle_smalltalk,
}
NEW_TOPIC = frozenset(HANDLERS) - {"smalltalk"}
ACTIONS = frozenset({"request", "status", "renew", "cancel"})


def handle_message(session: Session, inbound: Inbound, library: Library) -> list[OutboxMessage]:
    """Handle one patron message; return the outbox rows written (nothing if a redelivery).

    In the order written: the patron's answers, escalations, then the staff queue's posts.
    """
    if inbound.transport_id and already_handled(
        session, inbound.transport_id, inbound.channel, inbound.at
    ):
        return []
    patron = find_patron(session, inbound.sender)
    if patron is None:
        # No backscatter: a forged or unknown address hears from us at most once a day.
        if "@" in inbound.sender:  # one address however it is capitalised (never a Slack id)
            inbound = replace(inbound, sender=inbound.sender.strip().lower())
        if not inbound.verified or answered_today(session, inbound, "unknown_sender"):
            return []
        unknown = _unknown_sender(inbound.text)
        return write(session, inbound, None, library.profile(None), [unknown])
    if not inbound.verified:
        return _unverified(session, inbound, patron, library)
    profile = library.profile(patron.library)
    today = inbound.at.astimezone(profile.timezone).date()
    state = conversation.load(session, patron.id, inbound.channel, inbound.thread, inbound.at)
    reading = understand(inbound.text, today=today)
    turn = Turn(session, inbound, patron, profile, state, reading)
    _dispatch(turn)
    # The patron hears the answer first; staff escalations follow it.
    ordered = sorted(turn.out, key=lambda message: message.kind == "escalation")
    rows = write(session, inbound, patron, profile, ordered, state)
    # Then the staff queue (new requests, words about old ones), in the order written.
    return rows + queue.post(turn)


def _dispatch(turn: Turn) -> None:
    if turn.reading.intent != "unknown":
        forget_unknown(turn)
    waiting = turn.conversation.state != conversation.IDLE
    if waiting and pending.answer(turn):
        return
    intent = turn.reading.intent
    if waiting and intent not in NEW_TOPIC:
        # Not an answer and not a new request: ask the same question again.
        question = str(turn.conversation.data.get("question", ""))
        turn.reply("still_waiting", intent=intent, outcome="needs_info", question=question)
        return
    if waiting:
        conversation.settle(turn.conversation, turn.inbound.at)
    if intent in ("yes", "no") and _fee_answer(turn):
        return
    if intent not in ACTIONS and proxy.mentions(turn.inbound.text):
        proxy.handle(turn)
        return
    HANDLERS.get(intent, handle_unknown)(turn)


def _fee_answer(turn: Turn) -> bool:
    """Take a bare yes or no as the answer to the one lender charge awaiting it, if any."""
    waiting = fees.waiting_for_fee(turn.session, turn.patron.id)
    about = turn.inbound.about_request
    chosen = [r for r in waiting if about is None or r.id == about]
    if len(chosen) != 1:
        return False
    fees.answer(turn, chosen[0], turn.reading.intent == "yes")
    return True


def _unverified(
    session: Session, inbound: Inbound, patron: Patron, library: Library
) -> list[OutboxMessage]:
    """A mail that failed SPF or DMARC acts on nothing: the patron and staff are told."""
    if answered_today(session, inbound, "unverified_sender"):
        return []
    told = Outgoing(
        kind="reply",
        template="unverified_sender",
        intent="unknown",
        outcome="refused",
        context={"heard": ""},
    )
    staff = Outgoing(
        kind="escalation",
        template="escalation_unverified",
        to_staff=True,
        context={"patron_ref": patron.id, "verdict": "SPF or DMARC failed", "heard": ""},
    )
    return write(session, inbound, patron, library.profile(patron.library), [told, staff])


def answered_today(session: Session, inbound: Inbound, template: str) -> bool:
    """Tell whether this address got this answer in the last 24 hours."""
    query = select(OutboxMessage.id).where(
        OutboxMessage.address == inbound.sender,
        OutboxMessage.template == template,
        OutboxMessage.created_at > inbound.at - timedelta(days=1),
    )
    return session.scalars(query.limit(1)).first() is not None


def _unknown_sender(text: str) -> Outgoing:
    return Outgoing(
        kind="reply",
        template="unknown_sender",
        intent="register",
        outcome="refused",
        rules=("common.patron.unknown",),
        context={"heard": text},
    )
