"""Staff record what lenders and patrons did; each move is checked and the patron is told.

The action table and status moves are in handlers/staff_moves.py, due dates in
handlers/staff_due.py, and what each action does once recorded in handlers/staff_effects.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from handlers import fees, fines, queue
from handlers.library import Library
from handlers.staff_due import check_due, with_default_due
from handlers.staff_effects import clear, follow_up, unclear
from handlers.staff_moves import (
    IMPLIED,
    MOVES,
    Move,
    StaffAction,
    implied_steps,
    record_implied,
    require_fields,
)
from policy.errors import StaffError
from store.models import IllRequest, OutboxMessage, RequestEvent
from store.requests import change_status, note_from_lender

__all__ = ["REPEAT_WINDOW", "AlreadyRecorded", "StaffAction", "record_staff_action"]

REPEAT_WINDOW = timedelta(minutes=10)  # the same action again within this is a replay


class AlreadyRecorded(StaffError):
    """The same action was recorded on the request moments ago: a replay, so nothing is done."""


def record_staff_action(
    session: Session,
    number: int,
    action: StaffAction,
    at: datetime,
    library: Library,
    *,
    window: timedelta | None = None,
) -> list[OutboxMessage]:
    """Apply a staff action to ILL-number; raise StaffError for an impossible move.

    With a `window`, the same action recorded on the request within it (its history says so)
    raises AlreadyRecorded instead: a replayed command records and notifies once. A fee with a
    different amount is a correction, not a replay, and goes through.
    """
    request = session.get(IllRequest, number, with_for_update=True)  # one recorder at a time
    if request is None:
        raise StaffError(f"no request ILL-{number}")
    if window is not None:
        _refuse_repeat(session, request, action, at, window, library)
    move = MOVES[action.action]
    profile = library.profile(request.library)
    today = at.astimezone(profile.timezone).date()
    check_due(request, action, move, profile, today)
    action = with_default_due(action, profile, today)
    implied = implied_steps(request, action, move)
    require_fields(number, action)
    if action.note:
        note_from_lender(request, action.note)
    if action.action == "unclear":
        return unclear(session, request, action, at)
    shown = request.status
    rows = _record(session, request, action, move, implied, at, library)
    rows += fees.settle_event_fees(session, request, at, library)  # fees on this step, refunds
    note = "; ".join(n for n in (action.reason, action.note) if n)
    return rows + queue.after_change(
        session, request, action.action, at, profile, rows, shown, note
    )


def _record(
    session: Session,
    request: IllRequest,
    action: StaffAction,
    move: Move,
    implied: list[tuple[str, str]],
    at: datetime,
    library: Library,
) -> list[OutboxMessage]:
    """Record the step (and the steps it implies); return the notices written."""
    if implied:
        record_implied(session, request, action, implied, at, library)
    if action.action == "fee":
        before = request.status
        rows = fees.record_lender_fee(session, request, action.amount_cents or 0, at, library)
        if request.status == before:  # no status change, so no history yet: note it there
            note = f"lender fee {(action.amount_cents or 0) / 100:.2f}"
            change_status(
                session, request, before, at=at, actor=action.actor, action="fee", note=note
            )
        return rows
    profile = library.profile(request.library)
    today = at.astimezone(profile.timezone).date()
    to = move.to
    notes = [action.reason, action.note]
    if action.action == "approve":
        if request.held_from:
            to, request.held_from = request.held_from, None  # back where the approval stopped it
        if clear(request, profile):
            notes.append(f"patron {request.patron_id} cleared")
    said = "; ".join(n for n in notes if n) or None
    if to is not None:
        change_status(
            session,
            request,
            to,
            at=at,
            actor=action.actor,
            action=action.action,
            note=said,
        )
    return follow_up(session, request, action, move, at, library, profile, today)


def _refuse_repeat(
    session: Session,
    request: IllRequest,
    action: StaffAction,
    at: datetime,
    window: timedelta,
    library: Library,
) -> None:
    if action.action == "fee" and request.lender_fee_cents != action.amount_cents:
        return  # a new or corrected charge
    if action.action == "fine" and not fines.same_fine_since(
        session, request, action.amount_cents or 0, at - window
    ):
        return  # another fine, not this one again
    query = (
        select(RequestEvent.at)
        .where(
            RequestEvent.request_id == request.id,
            RequestEvent.action == action.action,
            RequestEvent.at >= at - window,
            # a step implied by a later one is no replay: recording it now is refused as a move
            or_(RequestEvent.note.is_(None), ~RequestEvent.note.startswith(IMPLIED)),
        )
        .order_by(RequestEvent.at.desc())
        .limit(1)
    )
    earlier = session.scalars(query).first()
    if earlier is None:
        return
    local = earlier.astimezone(library.profile(request.library).timezone)
    raise AlreadyRecorded(
        f"'{action.action}' was recorded on {request.ref} at {local:%H:%M}; nothing sent again"
    )
