"""When the scheduler next needs to look at a request: each schedule rule's window, as dates.

Every schedule check fires only on or after a day fixed by the loan (a due date less a few days,
a due date plus an overdue step's days, the day after a copy's last access day). A pass that has
looked at a request today has done everything owed up to today, so the request needs no look
until the earliest of those days still to come. The days are a lower bound, never late: a look on
a day the check then declines (a loan not renewable, a category with no academic records) costs
one visit and nothing else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from policy.decision import LoanFacts
from policy.profile import Profile, Rule
from policy.schedule import LADDER, overdue_statuses, step_offsets

NEVER = date(9999, 12, 31)  # nothing a schedule rule does can happen to the request


@dataclass(frozen=True)
class Window:
    """A rule can fire for requests in `statuses` from `anchor` + `days` on."""

    statuses: tuple[str, ...]
    anchor: str  # the request's column the days count from: due_date or delivered_on
    days: int


WindowOf = Callable[[Rule, Profile], Window]


def _before_due(status: str) -> WindowOf:
    return lambda rule, profile: Window((status,), "due_date", -int(rule.params["days"]))


def _ladder(rule: Rule, profile: Profile) -> Window:
    offset = step_offsets(profile).get(rule.id, int(rule.params["days"]))
    return Window(overdue_statuses(profile), "due_date", offset)


def _suspension(rule: Rule, profile: Profile) -> Window:
    return Window(overdue_statuses(profile), "due_date", int(rule.params["days"]))


def _copy_access(rule: Rule, profile: Profile) -> Window:
    # The copy closes the day after its last access day.
    return Window(("delivered",), "delivered_on", int(rule.params["days"]) + 1)


WINDOWS: dict[str, WindowOf] = {
    "schedule.due_soon": _before_due("checked_out"),
    "schedule.auto_renewal": _before_due("checked_out"),
    "schedule.pickup_deadline": _before_due("ready"),
    LADDER: _ladder,
    "privileges.overdue": _suspension,
    "copy.access": _copy_access,
}


_KNOWN: dict[int, tuple[Profile, list[Window]]] = {}  # by id(profile): profiles never change


def windows(profile: Profile) -> list[Window]:
    """Return the windows of every schedule rule in the profile."""
    known = _KNOWN.get(id(profile))
    if known is not None and known[0] is profile:
        return known[1]
    found = [WINDOWS[r.check](r, profile) for r in profile.rules if r.check in WINDOWS]
    _KNOWN[id(profile)] = (profile, found)
    return found


def earliest(profile: Profile) -> dict[tuple[str, str], int]:
    """Return, per (status, anchor), the fewest days from the anchor at which any rule fires."""
    first: dict[tuple[str, str], int] = {}
    for window in windows(profile):
        for status in window.statuses:
            key = (status, window.anchor)
            first[key] = min(first.get(key, window.days), window.days)
    return first


def digest(profile: Profile) -> str:
    """A short digest of the profile's windows: when it changes, every day is worked out again."""
    text = repr(sorted((w.statuses, w.anchor, w.days) for w in windows(profile)))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def next_check(rule_windows: list[Window], loan: LoanFacts, today: date) -> date:
    """Return the first day after `today` on which a schedule rule could fire for the loan.

    `rule_windows` are the library's `windows(profile)`, worked out once per pass.
    """
    anchors = {"due_date": loan.due_date, "delivered_on": loan.delivered_on}
    days = [
        anchor + timedelta(days=w.days)
        for w in rule_windows
        if loan.status in w.statuses and (anchor := anchors[w.anchor]) is not None
    ]
    later = [d for d in days if d > today]
    return min(later, default=NEVER)
