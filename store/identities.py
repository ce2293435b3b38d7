"""Chat identities: which directory patron a Slack user is."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import Patron


def patron_by_slack(session: Session, slack_id: str) -> Patron | None:
    """Return the patron whose directory record carries this Slack user id."""
    query = select(Patron).where(Patron.slack == slack_id).limit(1)
    return session.scalars(query).first()


def link_slack_by_email(session: Session, slack_id: str, email: str) -> Patron | None:
    """Record a Slack id on the patron with this email; return them, or None if no one fits.

    A patron whose record already names a different Slack user is left alone: the directory
    wins over what a workspace reports, so one person can never take over another's requests.
    """
    address = email.strip().lower()
    if not address or "@" not in address:
        return None
    query = select(Patron).where(func.lower(Patron.email) == address).limit(1)
    patron = session.scalars(query).first()
    if patron is None:
        return None
    if patron.slack and patron.slack != slack_id:
        return None
    patron.slack = slack_id
    return patron
