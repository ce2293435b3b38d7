"""What the scheduler owes each open request today: notices, status moves, holds and bills.

Every check answers for one request on one library-local date, so a run at any moment (or a
missed run caught up later) decides the same things; the store makes each happen once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from policy.checks import RequestCase, registrar, request_check
from policy.decision import Finding, LoanFacts
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
    """Something the scheduler must do for a request, once per (notice, level, step)."""

    rule: Rule
    notice: str  # "" or "none": an overdue step that tells the patron nothing (a staff task)
    level: int  # the due date's ordinal: a renewed loan starts its notices afresh
    move: str | None = None  # new status, if the request changes status
    effect: str | None = None  # academic_hold, bill, suspend, staff_task
    ladder: int = -1  # overdue steps: days after the due date the step is reached
    data: dict[str, Any] = field(default_factory=dict)
    step: str = ""  # an overdue step's own claim ("" for the first step of its notice type)


ScheduleCheck = Callable[[Rule, ScheduleCase], Due | None]
SCHEDULE_CHECKS: dict[str, ScheduleCheck] = {}


schedule_check = registrar(SCHEDULE_CHECKS)  # scheduler checks


def keeps_while_pending(profile: Profile) -> bool:
    """Tell whether a pending renewal protects a loan from overdue notices and penalties."""
    return bool(profile.rules_checking("renew.keep_while_pending"))


def overdue_statuses(profile: Profile) -> tuple[str, ...]:
    """Return the statuses in which a loan past its due date is overdue."""
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


LADDER = "schedule.overdue"


def ladder_steps(profile: Profile) -> tuple[Rule, ...]:
    """Return the library's overdue ladder: its schedule.overdue rules, in file order."""
    return tuple(r for r in profile.rules if r.check == LADDER)


def step_offsets(profile: Profile) -> dict[str, int]:
    """Return each ladder step's days after the due date.

    A step `after = "previous"` is timed from the day the step before it is reached (not from
    when a pass got to it), so a late or repeated pass decides the same days.
    """
    offsets: dict[str, int] = {}
    previous = 0
    for rule in ladder_steps(profile):
        days = int(rule.params["days"])
        previous = previous + days if rule.params.get("after") == "previous" else days
        offsets[rule.id] = previous
    return offsets


def _step_claim(profile: Profile, rule: Rule, notice: str) -> str:
    """The step's part of the claim key: "" for the first step of its notice type, else its id.

    Claims written before steps had ids keep counting for the ladders they were written for.
    """
    first = next((r for r in ladder_steps(profile) if r.params.get("notice") == notice), None)
    return "" if first is None or first.id == rule.id else rule.id


def holds_academic_records(profile: Profile, category: str) -> bool:
    """Tell whether a patron category has grades and transcripts an academic hold can hold."""
    declared = profile.categories.get(category)
    return declared is not None and declared.academic_records


@schedule_check(LADDER)
def overdue_step(rule: Rule, case: ScheduleCase) -> Due | None:
    """One step of an overdue ladder: `days` after the due date (or the previous step)."""
    action = rule.params.get("action") or None
    if action == "academic_hold" and not holds_academic_records(case.profile, case.loan.category):
        return None  # community users and faculty have no grades to hold
    notice = str(rule.params.get("notice") or "")
    offset = step_offsets(case.profile).get(rule.id, int(rule.params["days"]))
    data = {"min_cents": int(rule.params.get("min_cents") or 0), "task": rule.params.get("task")}
    found = _overdue(rule, case, notice, action, offset)
    if found is None:
        return None
    return replace(found, data=data, step=_step_claim(case.profile, rule, notice))


@request_check(LADDER, stage=15)
def suspended_by_ladder(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse new requests while a loan is past a ladder step whose action is `suspend`."""
    if rule.params.get("action") != "suspend":
        return None
    offset = step_offsets(case.profile).get(rule.id, int(rule.params["days"]))
    overdue = case.ledger.overdue_since(case.patron.id, case.today - timedelta(days=offset))
    if overdue:
        return Finding(rule, "refuse", {"overdue": ", ".join(overdue)})
    return None


@schedule_check("privileges.overdue")
def overdue_suspension(rule: Rule, case: ScheduleCase) -> Due | None:
    """Tell the patron they lost ILL privileges once a loan is `days` days overdue."""
    return _overdue(rule, case, "privileges_suspended", "suspend", int(rule.params["days"]))


def _overdue(rule: Rule, case: ScheduleCase, notice: str, effect: Any, days: int) -> Due | None:
    loan, due = case.loan, case.loan.due_date
    if loan.status not in overdue_statuses(case.profile) or due is None:
        return None
    if (case.today - due).days < days:
        return None
    return Due(rule, notice, due.toordinal(), effect=effect, ladder=days)


def current_steps(steps: list[Due]) -> list[Due]:
    """Return the steps of the latest day reached: the ones a patron hears about today.

    Earlier steps a missed pass catches up with are applied but not sent: the patron hears
    the news of today, not a flood of old reminders.
    """
    if not steps:
        return []
    latest = max(d.ladder for d in steps)
    return [d for d in steps if d.ladder == latest]


def to_tell(steps: list[Due]) -> list[Due]:
    """Return the notices to send for steps reached the same day: one per notice type.

    Two steps of one notice type are told once, in the words of the later step in the ladder;
    steps of different types each send theirs (a hold and a bill are two pieces of news).
    A step with no notice ("none") tells the patron nothing.
    """
    told: dict[str, Due] = {}
    for due in steps:  # profile order: a later step replaces an earlier one of its type
        if due.notice and due.notice != "none":
            told.pop(due.notice, None)
            told[due.notice] = due
    return list(told.values())


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
