"""What each staff action does once recorded: the facts it writes and the notices that follow."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from handlers import conversation, fines, overdue
from handlers.library import Library
from handlers.notices import notify
from handlers.staff_due import renewal_due
from handlers.staff_moves import Move, StaffAction
from policy.errors import StaffError
from policy.profile import Profile, Rule
from store.models import IllRequest, OutboxMessage, Patron
from store.requests import change_status

CLEARANCE = "eligibility.clearance"


def follow_up(
    session: Session,
    request: IllRequest,
    action: StaffAction,
    move: Move,
    at: datetime,
    library: Library,
    profile: Profile,
    today: date,
) -> list[OutboxMessage]:
    """Record the action's facts on the request and send the notices that follow."""
    name = action.action
    if name == "sent":
        request.lender, request.sent_on = action.lender, today
        request.source = action.source
    elif name == "arrived":
        request.due_date, request.renewable = action.due, action.renewable
    elif name == "recall":
        request.due_date = action.due
        _lender_decided(session, request, at, "recalled")
    elif name == "delivered":
        request.delivered_on = today
        return _delivered(session, request, at, library, profile)
    elif name == "renewal":
        return _renewal(session, request, action, at, library)
    elif name == "unclaimed":
        out = notify(session, request, "returned_unclaimed", at, library)
        return out + overdue.after_unclaimed(session, request, at, library, profile, today)
    elif name == "lost":
        return overdue.bill(session, request, at, library, profile, today)
    elif name == "returned":
        return fines.on_return(session, request, at, library, profile, today)
    elif name == "fine":
        cents, reason = action.amount_cents or 0, action.reason or ""
        return fines.lender_fine(session, request, cents, reason, action.actor, at, library)
    elif name == "unfilled":
        return _unfilled(session, request, action, at, library, profile)
    return notify(session, request, move.notice, at, library) if move.notice else []


def clear(request: IllRequest, profile: Profile) -> bool:
    """On approval, clear a patron whose category needs clearance; tell whether it did."""
    patron = request.patron
    if patron is None or patron.cleared:
        return False
    categories = {
        c for rule in profile.rules_checking(CLEARANCE) for c in rule.params["categories"]
    }
    if patron.category not in categories:
        return False
    patron.cleared = True
    return True


def unclear(
    session: Session, request: IllRequest, action: StaffAction, at: datetime
) -> list[OutboxMessage]:
    """Revoke a patron's clearance: their next request is held for approval again."""
    patron: Patron | None = request.patron
    if patron is None:
        raise StaffError(f"{request.ref} has no patron on record any more")
    if not patron.cleared:
        raise StaffError(f"patron {patron.id} of {request.ref} is not cleared: nothing to undo")
    patron.cleared = False
    note = f"clearance of patron {patron.id} revoked"
    change_status(
        session, request, request.status, at=at, actor=action.actor, action="unclear", note=note
    )
    return []


def _delivered(
    session: Session, request: IllRequest, at: datetime, library: Library, profile: Profile
) -> list[OutboxMessage]:
    rules = profile.rules_checking("copy.access")
    return notify(session, request, "delivered", at, library, rules=rules)


def _renewal(
    session: Session, request: IllRequest, action: StaffAction, at: datetime, library: Library
) -> list[OutboxMessage]:
    if not action.approved:
        _lender_decided(session, request, at, "renewal_denied")
        return notify(session, request, "renewal_denied", at, library)
    request.renewals += 1
    # Without a new date from the lender, the library's renewal length (loan.default_period).
    request.due_date = renewal_due(action, library.profile(request.library), request)
    return notify(session, request, "renewed", at, library)


def _lender_decided(session: Session, request: IllRequest, at: datetime, what: str) -> None:
    """Remember a lender's decision for the patron's "why?": no rule of the library's to quote."""
    if request.patron_id is not None:
        state = conversation.load(session, request.patron_id, request.channel, "", at)
        conversation.remember_refusal(state, [], request.ref, lender=what)


def _unfilled(
    session: Session,
    request: IllRequest,
    action: StaffAction,
    at: datetime,
    library: Library,
    profile: Profile,
) -> list[OutboxMessage]:
    offered: tuple[Rule, ...] = tuple(
        rule
        for rule in profile.rules_checking("unfilled.purchase_suggestion")
        if action.reason in rule.params["reasons"]
        and request.material not in rule.params["excluded"]
    )
    _lender_decided(session, request, at, "unfilled")
    return notify(
        session, request, "unfilled", at, library, rules=offered, reason=action.reason or ""
    )
