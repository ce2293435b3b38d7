"""What the scheduler owes each open request today: notices, status moves, holds and bills.

Every check answers for one request on one library-local date, so a run at any moment (or a
missed run caught up later) decides the same things; the store makes each happen once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from policy.checks import registrar
from policy.decision import LoanFacts
from policy.profile import Profile, Rule


@dataclass(frozen=True)
class ScheduleCase:
    """One open request on one day."""

    profile: Profile
    loan: LoanFacts
    today: date
    renewal_asked: bool = False  # a renewal was ever asked for this loan


@dataclass(frozen=True)
class Due:
    """Something the scheduler must do for a request, once per (notice, level)."""

    rule: Rule
    notice: str
    level: int  # the due date's ordinal: a renewed loan starts its notices afresh
    move: str | None = None  # new status, if the request changes status
    effect: str | None = None  # academic_hold, bill, suspend
    ladder: int = -1  # overdue steps: only the highest reached step is sent
    data: dict[str, Any] = field(default_factory=dict)


ScheduleCheck = Callable[[Rule, ScheduleCase], Due | None]
SCHEDULE_CHECKS: dict[str, ScheduleCheck] = {}


schedule_check = registrar(SCHEDULE_CHECKS)  # scheduler checks


def keeps_while_pending(profile: Profile) -> bool:
    """Tell whether a pending renewal protects a loan from overdue notices and penalties."""
    return bool(profile.rules_checking("renew.keep_while_pending"))


def _overdue_statuses(profile: Profile) -> tuple[str, ...]:
    if keeps_while_pending(profile):
        return ("checked_out",)
    return ("checked_out", "renewal_requested")


@schedule_check("schedule.due_soon")
def due_soon(rule: Rule, case: ScheduleCase) -> Due | None:
    """Remind the patron `days` days before the due date (sent late if a run was missed)."""
    loan, due = case.loan, case.loan.due_date
    if loan.status != "checked_out" or due is None:
        return None
    if due - timedelta(days=int(rule.params["days"])) <= case.today <= due:
        return Due(rule, "due_soon", due.toordinal())
    return None


@schedule_check("schedule.auto_renewal")
def auto_renewal(rule: Rule, case: ScheduleCase) -> Due | None:
    """Ask the first renewal for the patron `days` days before the due date."""
    loan, due = case.loan, case.loan.due_date
    eligible = (
        loan.status == "checked_out"
        and loan.renewable
        and not case.renewal_asked
        and loan.material not in rule.params["excluded"]
    )
    if not eligible or due is None:
        return None
    if due - timedelta(days=int(rule.params["days"])) <= case.today <= due:
        return Due(rule, "renewal_requested", due.toordinal(), move="renewal_requested")
    return None


@schedule_check("schedule.pickup_deadline")
def pickup_deadline(rule: Rule, case: ScheduleCase) -> Due | None:
    """Send an item nobody picked up back to the lender `days` days before its due date."""
    loan, due = case.loan, case.loan.due_date
    if loan.status != "ready" or due is None:
        return None
    if case.today >= due - timedelta(days=int(rule.params["days"])):
        return Due(rule, "returned_unclaimed", due.toordinal(), move="unclaimed")
    return None


@schedule_check("schedule.overdue")
def overdue_step(rule: Rule, case: ScheduleCase) -> Due | None:
    """One step of an overdue ladder: `days` after the due date, a notice and an effect."""
    return _overdue(rule, case, str(rule.params["notice"]), rule.params.get("action"))


@schedule_check("privileges.overdue")
def overdue_suspension(rule: Rule, case: ScheduleCase) -> Due | None:
    """Tell the patron they lost ILL privileges once a loan is `days` days overdue."""
    return _overdue(rule, case, "privileges_suspended", "suspend")


def _overdue(rule: Rule, case: ScheduleCase, notice: str, effect: Any) -> Due | None:
    loan, due = case.loan, case.loan.due_date
    if loan.status not in _overdue_statuses(case.profile) or due is None:
        return None
    days = int(rule.params["days"])
    if (case.today - due).days < days:
        return None
    return Due(rule, notice, due.toordinal(), effect=effect, ladder=days)


@schedule_check("copy.access")
def copy_access(rule: Rule, case: ScheduleCase) -> Due | None:
    """Close a copy's access `days` days after delivery (the notice gave the last day)."""
    loan = case.loan
    if loan.status != "delivered" or loan.delivered_on is None:
        return None
    if case.today > last_access_day(rule, loan.delivered_on):
        return Due(rule, "expired", loan.delivered_on.toordinal(), move="expired")
    return None


def last_access_day(rule: Rule, delivered_on: date) -> date:
    """Return the last day a delivered copy can be read: `days` days from delivery."""
    return delivered_on + timedelta(days=int(rule.params["days"]))


def due_actions(case: ScheduleCase) -> list[Due]:
    """Return everything owed to one request today, in profile order."""
    owed = []
    for rule in case.profile.rules:
        check = SCHEDULE_CHECKS.get(rule.check)
        due = check(rule, case) if check else None
        if due is not None:
            owed.append(due)
    return owed
