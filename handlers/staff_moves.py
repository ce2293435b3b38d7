"""The staff action table: what staff may record, from which statuses, and the steps it implies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from handlers.library import Library
from policy.errors import StaffError
from store.ledger import FINISHED_STATUSES
from store.models import IllRequest
from store.requests import change_status

PRE_LENDER = ("submitted", "awaiting_approval")
ON_LOAN = ("checked_out", "renewal_requested")
ANY = ("*",)  # an action about the patron, not the request's progress: from any status


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
    "unclear": Move(ANY, None, None),  # undo a visiting scholar's clearance
    # A lender's fine (overdue, damage) recorded once the item is out or back: patron told.
    "fine": Move((*ON_LOAN, "returned", "lost", "completed"), None, "lender_fine"),
}

# The lender's steps in order: a later one recorded directly implies the ones before it, each
# written to the history as its own line (no notice: the patron hears the latest news only).
FORWARD: dict[str, tuple[tuple[str, str], ...]] = {
    "submitted": (("sent", "sent"),),
    "sent": (("shipped", "shipped"), ("arrived", "ready")),
    "shipped": (("arrived", "ready"),),
    "ready": (("checked_out", "checked_out"),),
}
IMPLIED = "implied by"  # the note on a history line a later step implied


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
    source: str | None = None  # where it was sent through ("MOBIUS"): some limits leave it out
    note: str | None = None  # what the lender said, kept on the request
    actor: str = "staff"
    force: bool = False  # staff confirm a due date outside the library's bounds

    @classmethod
    def from_fields(cls, action: str, fields: dict[str, Any]) -> StaffAction:
        """Build an action from sim or command-line fields, refusing unknown actions and values."""
        if action not in MOVES:
            raise StaffError(f"unknown staff action {action!r} (known: {', '.join(MOVES)})")
        due = fields.get("due")
        amount = fields.get("amount")
        return cls(
            action=action,
            due=_date(due) if due else None,
            amount_cents=_cents(amount) if amount is not None else None,
            approved=bool(fields.get("approved", True)),
            renewable=bool(fields.get("renewable", True)),
            reason=fields.get("reason"),
            lender=fields.get("lender"),
            source=str(fields.get("source") or "").strip() or None,
            note=str(fields["note"]) if fields.get("note") else None,
            actor=str(fields.get("by", "staff")),
            force=bool(fields.get("force", False)),
        )


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise StaffError(f"the due date must look like 2026-12-01, not '{value}'") from None


def _cents(value: Any) -> int:
    try:
        amount = float(str(value).strip().lstrip("$"))
    except ValueError:
        raise StaffError(
            f"the amount must be a number of dollars like 12.50, not '{value}'"
        ) from None
    if not 0 <= amount < 100_000:  # also refuses nan and inf
        raise StaffError(f"the amount must be between 0 and 100000 dollars, not '{value}'")
    return round(amount * 100)


def require_fields(number: int, action: StaffAction) -> None:
    """Refuse an action recorded without the fields it needs (a due date, an amount)."""
    if action.action in ("arrived", "recall") and action.due is None:
        raise StaffError(f"'{action.action}' needs a due date (--due)")
    if action.action in ("fee", "fine") and action.amount_cents is None:
        raise StaffError(f"'{action.action}' on ILL-{number} needs an amount (--amount)")
    if action.action == "fine" and not action.amount_cents:
        raise StaffError(f"'fine' on ILL-{number} needs an amount above 0 (--amount)")


def implied_steps(request: IllRequest, action: StaffAction, move: Move) -> list[tuple[str, str]]:
    """Return the earlier steps a move implies (action, status); raise StaffError if impossible."""
    status, name, ref = request.status, action.action, request.ref
    if move.allowed_from == ANY or status in move.allowed_from:
        return []
    if status in FINISHED_STATUSES:
        raise StaffError(f"{ref} is already {status} (finished): '{name}' cannot be recorded on it")
    if name in ("approve", "deny"):
        raise StaffError(
            f"{ref} is not waiting for an approval (it is {status}): nothing to {name}"
        )
    if status == "awaiting_approval":
        raise StaffError(f"{ref} is waiting for an approval: approve or deny it before '{name}'")
    if status == move.to:
        raise StaffError(f"{ref} is already {status}: '{name}' was recorded before")
    path = _path(status, move.allowed_from)
    if path is None:
        raise StaffError(f"{ref} is already {status}: '{name}' is an earlier step, so not recorded")
    ends = move.to in FINISHED_STATUSES
    if any(step == "arrived" for step, _ in path) and action.due is None and not ends:
        raise StaffError(f"'{name}' on {ref} skips 'arrived', which needs a due date (--due)")
    return path


def _path(status: str, goals: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """The shortest run of forward steps from a status to one of the goals (breadth first)."""
    frontier: list[tuple[str, list[tuple[str, str]]]] = [(status, [])]
    seen = {status}
    while frontier:
        here, path = frontier.pop(0)
        for step, to in FORWARD.get(here, ()):
            if to in seen:
                continue
            if to in goals:
                return [*path, (step, to)]
            seen.add(to)
            frontier.append((to, [*path, (step, to)]))
    return None


def record_implied(
    session: Session,
    request: IllRequest,
    action: StaffAction,
    steps: list[tuple[str, str]],
    at: datetime,
    library: Library,
) -> None:
    """Write each implied step as its own history line, with the facts it records."""
    today = at.astimezone(library.profile(request.library).timezone).date()
    for step, to in steps:
        if step == "sent":
            request.lender, request.sent_on = action.lender, today  # CONTU counts it as sent
            request.source = action.source
        elif step == "arrived":
            request.due_date, request.renewable = action.due, action.renewable
        note = f"{IMPLIED} '{action.action}'"
        change_status(session, request, to, at=at, actor=action.actor, action=step, note=note)
