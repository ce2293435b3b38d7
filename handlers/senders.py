"""Senders the bot will not serve as patrons: unknown addresses and mail that failed SPF/DMARC.

Each hears why once a day at most (`answered_today`), in the language their message is in.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import language
from handlers.library import Library
from handlers.messages import Inbound, Outgoing
from handlers.outbox import write
from store.models import OutboxMessage, Patron
from templates.i18n import speaking


def unverified(
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
    profile = library.profile(patron.library)
    with speaking(language.for_sender(profile, inbound.text, patron)):  # staff's stays English
        return write(session, inbound, patron, profile, [told, staff])


def answered_today(session: Session, inbound: Inbound, template: str) -> bool:
    """Tell whether this address got this answer in the last 24 hours."""
    query = select(OutboxMessage.id).where(
        OutboxMessage.address == inbound.sender,
        OutboxMessage.template == template,
        OutboxMessage.created_at > inbound.at - timedelta(days=1),
    )
    return session.scalars(query.limit(1)).first() is not None


def unknown_sender(text: str) -> Outgoing:
    """The answer to a sender the directory does not know: how to register."""
    return Outgoing(
        kind="reply",
        template="unknown_sender",
        intent="register",
        outcome="refused",
        rules=("common.patron.unknown",),
        context={"heard": text},
    )
