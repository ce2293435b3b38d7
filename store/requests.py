"""Queries and changes on patrons' requests, each recorded in the request's history."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from store.ledger import FINISHED_STATUSES, OPEN_STATUSES
from store.models import IllRequest, Patron, RequestEvent


def find_patron(session: Session, sender: str) -> Patron | None:
    """Find a patron by directory id, Slack user id or email address (case-insensitive)."""
    patron = session.get(Patron, sender)
    if patron is not None:
        return patron
    query = select(Patron).where(Patron.slack == sender)
    if "@" in sender:
        query = select(Patron).where(func.lower(Patron.email) == sender.strip().lower())
    return session.scalars(query.limit(1)).first()


def lock_patron(session: Session, patron: Patron) -> None:
    """Start the patron's turn: on PostgreSQL, hold the patron's row until the turn ends.

    One patron, one turn at a time across workers: a twin message (the same ask by Slack and by
    email on another worker) waits here, then reads the request this turn recorded. FOR NO KEY
    UPDATE, so rows that only point at the patron (outbox, requests) are never held up by it.
    The row is read again as it is now. SQLite needs none: BEGIN IMMEDIATE in store/db.py
    already runs one writer at a time.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    query = (
        select(Patron)
        .where(Patron.id == patron.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    session.execute(query)


# Built once: most turns list the patron's open requests, and building costs more than running.
_OPEN = (
    select(IllRequest)
    .where(IllRequest.patron_id == bindparam("patron_id"), IllRequest.status.in_(OPEN_STATUSES))
    .order_by(IllRequest.id)
)


def open_requests(session: Session, patron_id: str) -> Sequence[IllRequest]:
    """Return the patron's open requests, oldest first."""
    return session.scalars(_OPEN, {"patron_id": patron_id}).all()


def patron_request(session: Session, patron_id: str, number: int) -> IllRequest | None:
    """Return ILL-number if it is this patron's; anyone else's is 'no such request'."""
    request = session.get(IllRequest, number)
    if request is None or request.patron_id != patron_id:
        return None  # common.request.not_own: never leak that it exists
    return request


def request_queue(
    session: Session, statuses: Collection[str] | None = OPEN_STATUSES, library: str | None = None
) -> Sequence[IllRequest]:
    """Return requests for staff: the soonest need-by first (none last), then the oldest.

    `statuses` None means every request, finished ones too.
    """
    query = select(IllRequest)
    if statuses is not None:
        query = query.where(IllRequest.status.in_(tuple(statuses)))
    if library is not None:
        query = query.where(IllRequest.library == library)
    order = (IllRequest.need_by.is_(None), IllRequest.need_by, IllRequest.created_at, IllRequest.id)
    loaded = (selectinload(IllRequest.patron), selectinload(IllRequest.history))
    return session.scalars(query.options(*loaded).order_by(*order)).all()


LENDER_NOTE_LENGTH = 2000  # the column's length


def note_from_lender(request: IllRequest, text: str) -> None:
    """Record what the lender said, after anything it said before (the newest kept whole).

    Staff actions that carry a note call this; the history line they write keeps the note too.
    """
    text = text.replace("\x00", "").strip()
    if not text:
        return
    earlier = [line for line in (request.lender_note or "").split("\n") if line]
    if text in earlier:
        return
    lines = [*earlier, text]
    while len(lines) > 1 and len("\n".join(lines)) > LENDER_NOTE_LENGTH:
        lines.pop(0)  # the oldest goes first: the column holds what the lender said last
    request.lender_note = "\n".join(lines)


def record_request(session: Session, request: IllRequest, *, actor: str) -> IllRequest:
    """Insert a new request and its first history line; returns it with its number."""
    session.add(request)
    session.flush()  # assigns the id, which is the n of ILL-n
    _history(session, request, request.created_at, actor, "requested", None, request.status)
    return request


def change_status(
    session: Session,
    request: IllRequest,
    status: str,
    *,
    at: datetime,
    actor: str,
    action: str,
    note: str | None = None,
) -> None:
    """Move a request to a new status and record who did it and when."""
    previous = request.status
    request.status = status
    if status in FINISHED_STATUSES and request.ended_at is None:
        request.ended_at = at
    _history(session, request, at, actor, action, previous, status, note)


def _history(
    session: Session,
    request: IllRequest,
    at: datetime,
    actor: str,
    action: str,
    previous: str | None,
    status: str,
    note: str | None = None,
) -> None:
    # Kept on the request too, so the scheduler never has to read the history.
    if status == "renewal_requested":
        request.renewal_asked = True
    if action == "recall":
        request.recalled = True
    event = RequestEvent(
        request_id=request.id,
        at=at,
        actor=actor,
        action=action,
        from_status=previous,
        to_status=status,
        note=note,
    )
    session.add(event)


def change_patron(session: Session, patron: Patron, **fields: object) -> None:
    """Update a patron's directory entry (registration, proxy, holds)."""
    for name, value in fields.items():
        if not hasattr(patron, name):
            raise AttributeError(f"patrons have no field {name!r}")
        setattr(patron, name, value)
    session.flush()
