"""Due dates staff record: checked against loan.default_period, or given its default length."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from handlers.staff_moves import Move, StaffAction
from policy.errors import StaffError
from policy.loans import default_due, due_date_problem, renewed_due
from policy.profile import Profile
from store.models import IllRequest

DUE_ENTERED = ("arrived", "renewal", "recall")  # the actions whose due date staff type in
BEFORE_ARRIVAL = ("submitted", "sent", "shipped")


def check_due(
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


def with_default_due(action: StaffAction, profile: Profile, today: date) -> StaffAction:
    """Give an arrival recorded without a due date the library's default loan period."""
    if action.due is not None or action.action in ("renewal", "recall"):
        return action
    due = default_due(profile, today)
    return replace(action, due=due) if due is not None else action


def renewal_due(action: StaffAction, profile: Profile, request: IllRequest) -> date | None:
    """The due date an approved renewal sets: the lender's new date, else the renewal length."""
    return action.due or renewed_due(profile, request.due_date)
