"""Staff record what lenders and patrons did; each move is checked and the patron is told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import fees, overdue
from handlers.library import Library
from handlers.notices import notify
from policy.errors import StaffError
from policy.profile import Profile, Rule
from store.models import IllRequest, OutboxMessage, RequestEvent
from store.requests import change_status

PRE_LENDER = ("submitted", "awaiting_approval")
ON_LOAN = ("checked_out", "renewal_requested")


@dataclass(frozen=True)
class Move:
    """One staff action: the statuses it may start from, where it leads, and the notice."""

    allowed_from: tuple[str, ...]
    to: str | None  # None: the status does not change
    notice: str | None


MOVES: dict[str, Move] = {
    "sent": Move(("submitted",), "sent", "sent"),
    "fee": Move((*PRE_LENDER, "sent", "shipped"), None, None),  # fee or fee_approval
    "shipped": Move(("sent",), "shipped", None),
    "arrived": Move(("sent", "shipped"), "ready", "arrived"),
    "delivered": Move(("submitted", "sent", "shipped"), "delivered", "delivered"),
    "checked_out": Move(("ready",), "checked_out", None),
    "returned": Move((*ON_LOAN, "ready"), "returned", None),
    "unclaimed": Move(("ready",), "unclaimed", "returned_unclaimed"),
    "unfilled": Move((*PRE_LENDER, "sent"), "unfilled", "unfilled"),
    "renewal": Move(ON_LOAN, "checked_out", None),  # renewed or renewal_denied
    "recall": Move(ON_LOAN, "checked_out", "recalled"),
    "lost": Move((*ON_LOAN, "ready", "shipped"), "lost", None),
    "approve": Move(("awaiting_approval",), "submitted", "approved"),
    "deny": Move(("awaiting_approval",), "cancelled", "cancelled"),
}


REPEAT_WINDOW = timedelta(minutes=10)  # the same action again within this is a replay


class AlreadyRecorded(StaffError):
    """The same action was recorded on the request moments ago: a replay, so nothing is done."""


@dataclass(frozen=True)
class StaffAction:
    """What staff recorded, with the fields the action takes."""

    action: str
    due: date | None = None
    amount_cents: int | None = None
    approved: bool = True
    renewable: bool = True
    reason: str | None = None
    lender: str | None = None
    actor: str = "staff"

    @classmethod
    def from_fields(cls, action: str, fields: dict[str, Any]) -> StaffAction:
        """Build an action from sim or command-line fields, refusing unknown actions."""
        if action not in MOVES:
            raise StaffError(f"unknown staff action {action!r} (known: {', '.join(MOVES)})")
        due = fields.get("due")
        amount = fields.get("amount")
        return cls(
            action=action,
            due=date.fromisoformat(str(due)) if due else None,
            amount_cents=round(float(amount) * 100) if amount is not None else None,
            approved=bool(fields.get("approved", True)),
            renewable=bool(fields.get("renewable", True)),
            reason=fields.get("reason"),
            lender=fields.get("lender"),
            actor=str(fields.get("by", "staff")),
        )


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
    if request.status not in move.allowed_from:
        raise StaffError(
            f"ILL-{number} is {request.status}; '{action.action}' needs "
            f"{' or '.join(move.allowed_from)}"
        )
    _require_fields(number, action)
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
    if action.action == "approve" and request.held_from:
        to, request.held_from = request.held_from, None  # back where the approval stopped it
    if to is not None:
        change_status(
            session,
            request,
            to,
            at=at,
            actor=action.actor,
            action=action.action,
            note=action.reason,
        )
    return _follow_up(session, request, action, move, at, library, profile, today)


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
    query = (
        select(RequestEvent.at)
        .where(
            RequestEvent.request_id == request.id,
            RequestEvent.action == action.action,
            RequestEvent.at >= at - window,
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


def _require_fields(number: int, action: StaffAction) -> None:
    if action.action in ("arrived", "recall") and action.due is None:
        raise StaffError(f"'{action.action}' needs a due date (--due)")
    if action.action == "fee" and action.amount_cents is None:
        raise StaffError(f"'fee' on ILL-{number} needs an amount (--amount)")


def _follow_up(
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
    elif name == "arrived":
        request.due_date, request.renewable = action.due, action.renewable
    elif name == "recall":
        request.due_date = action.due
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
    elif name == "unfilled":
        return _unfilled(session, request, action, at, library, profile)
    return notify(session, request, move.notice, at, library) if move.notice else []


def _delivered(
    session: Session, request: IllRequest, at: datetime, library: Library, profile: Profile
) -> list[OutboxMessage]:
    rules = profile.rules_checking("copy.access")
    return notify(session, request, "delivered", at, library, rules=rules)


def _renewal(
    session: Session, request: IllRequest, action: StaffAction, at: datetime, library: Library
) -> list[OutboxMessage]:
    if not action.approved:
        return notify(session, request, "renewal_denied", at, library)
    request.renewals += 1
    request.due_date = action.due or request.due_date
    return notify(session, request, "renewed", at, library)


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
    return notify(
        session, request, "unfilled", at, library, rules=offered, reason=action.reason or ""
    )
