"""Rules that count: requests per week, loans in hand, textbooks, lost privileges.

Counts leave cancelled requests out, and windows are the library's local calendar.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from policy.checks import RequestCase, request_check
from policy.decision import COPIES, Finding
from policy.periods import months_after, months_before, week_of, year_of
from policy.profile import Rule


@request_check("privileges.overdue", stage=15)
def overdue_privileges(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a patron holding a loan overdue by `days` or more (privileges lost)."""
    due_cutoff = case.today - timedelta(days=int(rule.params["days"]))
    overdue = case.ledger.overdue_since(case.patron.id, due_cutoff)
    if overdue:
        return Finding(rule, "refuse", {"overdue": ", ".join(overdue)})
    return None


@request_check("privileges.unclaimed", stage=16)
def unclaimed_privileges(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a patron who left `count` items unclaimed within `months` months."""
    since_day = months_before(case.today, int(rule.params["months"]))
    since = datetime.combine(since_day, time(0), tzinfo=case.profile.timezone)
    count = case.ledger.unclaimed_since(case.patron.id, since)
    if count >= int(rule.params["count"]):
        return Finding(rule, "refuse", {"count": str(count)})
    return None


@request_check("limit.per_week", stage=50)
def weekly_limit(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a request beyond `max` recorded in one calendar week (Monday to Sunday)."""
    monday, sunday = week_of(case.today)
    count = case.ledger.requests_recorded(case.patron.id, monday, sunday)
    if count >= int(rule.params["max"]):
        return Finding(rule, "refuse", {"count": str(count), "week_ends": sunday.isoformat()})
    return None


@request_check("limit.loans_held", stage=51)
def loans_held(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a new loan while the patron already holds `max` loans."""
    if case.item.material in COPIES:
        return None
    count = case.ledger.loans_held(case.patron.id)
    if count >= int(rule.params["max"]):
        return Finding(rule, "refuse", {"count": str(count)})
    return None


@request_check("textbook.per_months", stage=52)
def textbook_per_months(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a textbook within `months` calendar months of the patron's last one."""
    if case.item.material != "textbook":
        return None
    last = case.ledger.last_recorded(case.patron.id, "textbook")
    if last is None:
        return None
    next_allowed = months_after(last, int(rule.params["months"]))
    if case.today < next_allowed:
        return Finding(
            rule, "refuse", {"last": last.isoformat(), "next_allowed": next_allowed.isoformat()}
        )
    return None


@request_check("textbook.title_yearly", stage=53)
def textbook_title_yearly(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a textbook title already requested `max` times this calendar year, library-wide."""
    if case.item.material != "textbook":
        return None
    first, last = year_of(case.today)
    count = case.ledger.title_requests(case.profile.id, case.item.item_key, first, last)
    if count >= int(rule.params["max"]):
        return Finding(rule, "refuse", {"count": str(count)})
    return None
