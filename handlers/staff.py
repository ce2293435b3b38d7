"""Staff record what lenders and patrons did; each move is checked and the patron is told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from handlers.core import Library
from handlers.messages import Inbound, Outgoing
from handlers.outbox import write
from policy.errors import StaffError
from store.models import IllRequest, OutboxMessage
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
    "fee": Move((*PRE_LENDER, "sent", "shipped"), None, "fee"),
    "shipped": Move(("sent",), "shipped", None),
    "arrived": Move(("sent", "shipped"), "ready", "arrived"),
    "delivered": Move(("submitted", "sent"), "delivered", "delivered"),
    "checked_out": Move(("ready",), "checked_out", None),
    "returned": Move((*ON_LOAN, "ready"), "returned", None),
    "unclaimed": Move(("ready",), "unclaimed", "returned_unclaimed"),
    "unfilled": Move((*PRE_LENDER, "sent"), "unfilled", "unfilled"),
    "renewal": Move(ON_LOAN, "checked_out", None),  # notice: renewed or renewal_denied
    "recall": Move(ON_LOAN, "checked_out", "recalled"),
    "lost": Move((*ON_LOAN, "ready", "shipped"), "lost", None),
    "approve": Move(("awaiting_approval",), "submitted", "approved"),
    "deny": Move(("awaiting_approval",), "cancelled", "cancelled"),
}


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
    session: Session, number: int, action: StaffAction, at: datetime, library: Library
) -> list[OutboxMessage]:
    """Apply a staff action to ILL-number; raise StaffError for an impossible move."""
    request = session.get(IllRequest, number)
    if request is None:
        raise StaffError(f"no request ILL-{number}")
    move = MOVES[action.action]
    if request.status not in move.allowed_from:
        raise StaffError(
            f"ILL-{number} is {request.status}; '{action.action}' needs "
            f"{' or '.join(move.allowed_from)}"
        )
    if action.action in ("arrived", "recall") and action.due is None:
        raise StaffError(f"'{action.action}' needs a due date")
    notice = _apply(request, action, move, library, at)
    if move.to is not None:
        change_status(
            session,
            request,
            move.to,
            at=at,
            actor=action.actor,
            action=action.action,
            note=action.reason,
        )
    if notice is None or request.patron is None:
        return []
    return _notify(session, request, notice, at, library)


def _apply(
    request: IllRequest, action: StaffAction, move: Move, library: Library, at: datetime
) -> str | None:
    if action.action == "sent":
        request.lender = action.lender
        request.sent_on = at.astimezone(library.profile(request.library).timezone).date()
    elif action.action == "fee":
        request.fee_cents = action.amount_cents or 0
    elif action.action == "arrived":
        request.due_date, request.renewable = action.due, action.renewable
    elif action.action == "recall":
        request.due_date = action.due
    elif action.action == "renewal":
        if not action.approved:
            return "renewal_denied"
        request.renewals += 1
        request.due_date = action.due or request.due_date
        return "renewed"
    return move.notice


def _notify(
    session: Session, request: IllRequest, notice: str, at: datetime, library: Library
) -> list[OutboxMessage]:
    patron = request.patron
    assert patron is not None
    profile = library.profile(request.library)
    address = {"email": patron.email, "slack": patron.slack}.get(request.channel) or patron.id
    inbound = Inbound(channel=request.channel, sender=address, text="", at=at)
    outgoing = Outgoing(
        kind="notice",
        template=f"notices/{notice}",
        notice=notice,
        request_id=request.id,
        status=request.status,
        fee_cents=request.fee_cents if notice == "fee" else None,
        context={
            "ref": request.ref,
            "title": request.title or request.ref,
            "due": request.due_date.isoformat() if request.due_date else "",
            "material": request.material,
            "desk": profile.contact.get("desk", "the library"),
            "fee": request.fee_cents,
        },
    )
    return write(session, inbound, patron, profile, [outgoing])
