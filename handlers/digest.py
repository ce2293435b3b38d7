"""The daily staff digest: what waits for staff, what is overdue and what falls due soon.

Each list is read in SQL, sorted and cut to DIGEST_LINES there, with its full count beside it,
so a library with a hundred thousand loans gets a digest as quick and as short as one with ten.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handlers.library import Library
from handlers.messages import Inbound, Outgoing
from handlers.outbox import STAFF_CHANNEL, write
from handlers.queue import DIGEST, DIGEST_CHANNEL, DUE_SOON_DAYS, KIND, ON_LOAN, WAITING
from policy.profile import Profile
from store.models import IllRequest, OutboxMessage
from store.outbox import already_handled

DIGEST_LINES = 25  # per list; the count says how many there are in all


def staff_digest(session: Session, at: datetime, library: Library) -> list[OutboxMessage]:
    """Write each library's daily staff digest once its `digest_at` has passed today.

    Once per library and local day, however many workers or passes ask: the day's key is
    claimed in the inbox, in this transaction.
    """
    rows: list[OutboxMessage] = []
    for profile in library.profiles.values():
        if profile.digest_at is None:
            continue
        local = at.astimezone(profile.timezone)
        if local.time() < profile.digest_at:
            continue
        today = local.date()
        if already_handled(session, f"digest:{profile.id}:{today.isoformat()}", DIGEST_CHANNEL, at):
            continue
        message = Outgoing(
            kind=KIND,
            template=DIGEST,
            to_staff=True,
            context={
                "day": today.isoformat(),
                **digest_facts(session, profile, today),
                "heard": "",
            },
        )
        inbound = Inbound(channel=STAFF_CHANNEL, sender="staff", text="", at=at)
        rows += write(session, inbound, None, profile, [message])
    return rows


def digest_facts(session: Session, profile: Profile, today: date) -> dict[str, Any]:
    """Return the digest's three lists (first DIGEST_LINES of each) and their counts."""
    mine = IllRequest.library == profile.id
    on_loan = (mine, IllRequest.status.in_(ON_LOAN), IllRequest.due_date.is_not(None))
    soon = today + timedelta(days=DUE_SOON_DAYS)
    lists = {
        "waiting": (
            (mine, IllRequest.status.in_(WAITING)),
            (IllRequest.need_by.is_(None), IllRequest.need_by, IllRequest.id),
            IllRequest.need_by,
        ),
        "overdue": (
            (*on_loan, IllRequest.due_date < today),
            (IllRequest.due_date, IllRequest.id),
            IllRequest.due_date,
        ),
        "due_soon": (
            (*on_loan, IllRequest.due_date >= today, IllRequest.due_date <= soon),
            (IllRequest.due_date, IllRequest.id),
            IllRequest.due_date,
        ),
    }
    facts: dict[str, Any] = {}
    for name, (where, order, when) in lists.items():
        facts[name] = _lines(session, where, order, when)
        facts[f"{name}_count"] = int(
            session.scalar(select(func.count()).select_from(IllRequest).where(*where)) or 0
        )
    return facts


def _lines(session: Session, where: Any, order: Any, when: Any) -> list[dict[str, str]]:
    columns = (
        IllRequest.id,
        IllRequest.title,
        IllRequest.isbn,
        IllRequest.issn,
        IllRequest.doi,
        IllRequest.pmid,
        IllRequest.status,
        when,
    )
    query = select(*columns).where(*where).order_by(*order).limit(DIGEST_LINES)
    lines = []
    for number, title, isbn, issn, doi, pmid, status, on in session.execute(query):
        ref = f"ILL-{number}"
        lines.append(
            {
                "ref": ref,
                "title": title or isbn or issn or doi or pmid or ref,
                "status": status,
                "when": on.isoformat() if on else "",
            }
        )
    return lines
