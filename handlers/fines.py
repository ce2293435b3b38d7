"""Fines after the loan: the daily overdue fine charged on return, and a lender's fine.

Both are `fine` charges on the request's account (handlers/fees.py add_charge) and a notice to
the patron; the daily fine's rule charges once per loan, a lender's fine each time staff record
one (a replayed command within the repeat window is recognised by its amount).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.fees import add_charge
from handlers.library import Library
from handlers.notices import notify
from handlers.renew import loan_facts
from policy.fines import fine_on_return
from policy.profile import Profile
from store.models import Charge, IllRequest, OutboxMessage
from store.requests import change_status


def on_return(
    session: Session,
    request: IllRequest,
    at: datetime,
    library: Library,
    profile: Profile,
    today: date,
) -> list[OutboxMessage]:
    """Charge the overdue fine a loan ran up (fine.daily) when staff record its return."""
    if not any(e.to_status == "checked_out" for e in request.history):
        return []  # never checked out: back from the hold shelf, nothing was late
    fine = fine_on_return(profile, loan_facts(request), today)
    if fine is None:
        return []
    reason = f"{fine.days} days late" + (" (the most charged)" if fine.capped else "")
    fresh = add_charge(
        session, request, "fine", fine.cents, at, profile, rule_id=fine.rule.id, reason=reason
    )
    if not fresh:
        return []
    return notify(
        session,
        request,
        "fine_charged",
        at,
        library,
        rules=(fine.rule,),
        fee_cents=fine.cents,
        owed=fine.cents,
        days_late=fine.days,
        capped=fine.capped,
    )


def lender_fine(
    session: Session,
    request: IllRequest,
    cents: int,
    reason: str,
    actor: str,
    at: datetime,
    library: Library,
) -> list[OutboxMessage]:
    """Record a fine the lender charged after check-out; it shows in the request's history."""
    profile = library.profile(request.library)
    add_charge(session, request, "fine", cents, at, profile, reason=reason or None)
    note = f"lender fine {cents / 100:.2f}" + (f": {reason}" if reason else "")
    change_status(session, request, request.status, at=at, actor=actor, action="fine", note=note)
    # The library's words on lenders' fines: info rules with notices = ["lender_fine"].
    return notify(
        session, request, "lender_fine", at, library, fee_cents=cents, owed=cents, reason=reason
    )


def same_fine_since(session: Session, request: IllRequest, cents: int, since: datetime) -> bool:
    """Tell whether a lender's fine of this amount was recorded on the request since then."""
    query = select(Charge.id).where(
        Charge.request_id == request.id,
        Charge.kind == "fine",
        Charge.rule_id.is_(None),
        Charge.cents == cents,
        Charge.at >= since,
    )
    return session.scalars(query.limit(1)).first() is not None
