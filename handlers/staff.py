"""Staff record what lenders and patrons did; each move is checked and the patron is told."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from handlers import fees, fines, overdue, queue
from handlers.library import Library
from handlers.notices import notify
from policy.errors import StaffError
from policy.loans import default_due, due_date_problem, renewed_due
from policy.profile import Profile, Rule
from store.ledger import FINISHED_STATUSES
from store.models import IllRequest, OutboxMessage, Patron, RequestEvent
from store.requests import change_status, note_from_lender

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
DUE_ENTERED = ("arrived", "renewal", "recall")  # the actions whose due date staff type in
BEFORE_ARRIVAL = ("submitted", "sent", "shipped")

# The lender's steps in order: a later one recorded directly implies the ones before it, each
# written to the history as its own line (no notice: the patron hears the latest news only).
FORWARD: dict[str, tuple[tuple[str, str], ...]] = {
    "submitted": (("sent", "sent"),),
    "sent": (("shipped", "shipped"), ("arrived", "ready")),
    "shipped": (("arrived", "ready"),),
    "ready": (("checked_out", "checked_out"),),
}
CLEARANCE = "eligibility.clearance"
IMPLIED = "implied by"  # the note on a history line a later step implied


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
    _check_due(request, action, move, profile, today)
    action = _default_due(action, profile, today)
    implied = _implied_steps(request, action, move)
    _require_fields(number, action)
    if action.note:
        note_from_lender(request, action.note)
    if action.action == "unclear":
        return _unclear(session, request, action, at, library)
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
        _record_implied(session, request, action, implied, at, library)
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
        if _clear(request, profile):
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
    return _follow_up(session, request, action, move, at, library, profile, today)


def _check_due(
    request: IllRequest, action: StaffAction, move: Move, profile: Profile, today: date
) -> None:
    """Refuse, in one line, a due date staff typed outside the library's bounds (unless forced)."""
    if action.due is None or action.force:
        return
    arrives = request.status in BEFORE_ARRIVAL  # a later step implies `arrived`, with this date
    if action.action not in DUE_ENTERED and not arrives:
        return
    problem = due_date_problem(profile, action.due, today, recall=action.action == "recall")
    if problem:
        raise StaffError(f"{request.ref}: {problem}; add --force to record it anyway")


def _default_due(action: StaffAction, profile: Profile, today: date) -> StaffAction:
    """Give an arrival recorded without a due date the library's default loan period."""
    if action.due is not None or action.action in ("renewal", "recall"):
        return action
    due = default_due(profile, today)
    return replace(action, due=due) if due is not None else action


def _implied_steps(request: IllRequest, action: StaffAction, move: Move) -> list[tuple[str, str]]:
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


def _record_implied(
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


def _clear(request: IllRequest, profile: Profile) -> bool:
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


def _unclear(
    session: Session, request: IllRequest, action: StaffAction, at: datetime, library: Library
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


def _require_fields(number: int, action: StaffAction) -> None:
    if action.action in ("arrived", "recall") and action.due is None:
        raise StaffError(f"'{action.action}' needs a due date (--due)")
    if action.action in ("fee", "fine") and action.amount_cents is None:
        raise StaffError(f"'{action.action}' on ILL-{number} needs an amount (--amount)")
    if action.action == "fine" and not action.amount_cents:
        raise StaffError(f"'fine' on ILL-{number} needs an amount above 0 (--amount)")


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
        request.source = action.source
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
    elif name == "returned":
        return fines.on_return(session, request, at, library, profile, today)
    elif name == "fine":
        cents, reason = action.amount_cents or 0, action.reason or ""
        return fines.lender_fine(session, request, cents, reason, action.actor, at, library)
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
    profile = library.profile(request.library)
    # Without a new date from the lender, the library's renewal length (loan.default_period).
    request.due_date = action.due or renewed_due(profile, request.due_date)
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
