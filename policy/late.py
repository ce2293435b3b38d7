"""Late returns: after `count` within `months`, a patron's requests are refused for a set time.

Computed live from the request history (a return recorded after the due date, in library-local
dates, is late), so nothing is stored about a suspension: it starts on the day of the late
return that made the count and lasts `suspend_days`; requests are taken again the day after.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Annotated

from pydantic import Field

from policy.checks import RequestCase, request_check
from policy.decision import Finding
from policy.kinds import Params, define, describer
from policy.params import Days, Months
from policy.periods import months_before
from policy.profile import Profile, Rule

LATE_RETURNS = "privileges.late_returns"
# Said when the profile gives no words of its own: a refusal always says until when.
DEFAULT_EXPLAIN = (
    "You have returned {{ count }} interlibrary loans late within {{ months }} months, so your"
    " ILL privileges are suspended through {{ until }}; you can ask again from {{ restored_on }}."
)


class LateReturns(Params):
    """privileges.late_returns: `count` late returns within `months` suspend for `suspend_days`."""

    count: Annotated[int, Field(ge=1, description="a number of late returns, like 2")]
    months: Months
    suspend_days: Days


define(
    LATE_RETURNS,
    LateReturns,
    ("refuse", "hold", "warn"),
    words=("months", "last_late", "until", "restored_on"),
)


@dataclass(frozen=True)
class Suspension:
    """A suspension in force: the late return that started it and the day it ends."""

    count: int  # late returns within the window ending at `started`
    started: date  # the late return's library-local date
    restored_on: date  # the first day requests are taken again


def late_returns(rule: Rule) -> LateReturns:
    """Return a privileges.late_returns rule's parameters."""
    return LateReturns.model_validate(
        {k: v for k, v in rule.params.items() if k in LateReturns.model_fields}
    )


def suspension(rule: Rule, late: list[date], today: date) -> Suspension | None:
    """Return the suspension in force today, given the days of the patron's late returns."""
    params = late_returns(rule)
    days = sorted(late)
    # The latest late return that made the count starts the suspension that lasts longest.
    for last in reversed(days):
        restored_on = last + timedelta(days=params.suspend_days)
        if today >= restored_on:
            return None  # earlier ones ended sooner still
        since = months_before(last, params.months)
        counted = sum(1 for d in days if since <= d <= last)
        if counted >= params.count and today >= last:
            return Suspension(counted, last, restored_on)
    return None


def late_return_days(returns: list[tuple[date | None, datetime]], profile: Profile) -> list[date]:
    """Return the library-local days of the returns recorded after their due date."""
    days = []
    for due, returned_at in returns:
        returned_on = returned_at.astimezone(profile.timezone).date()
        if due is not None and returned_on > due:
            days.append(returned_on)
    return days


@request_check(LATE_RETURNS, stage=17)
def late_returns_suspension(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a patron whose late returns suspended them, saying until when."""
    params = late_returns(rule)
    # Far enough back to see every return that could still suspend today.
    earliest = months_before(case.today - timedelta(days=params.suspend_days), params.months)
    since = datetime.combine(earliest, time(0), tzinfo=case.profile.timezone)
    returns = case.ledger.returns_since(case.patron.id, since)
    found = suspension(rule, late_return_days(returns, case.profile), case.today)
    if found is None:
        return None
    worded = rule if rule.explain else replace(rule, explain=DEFAULT_EXPLAIN)
    data = {
        "count": str(found.count),
        "months": str(params.months),
        "last_late": found.started.isoformat(),
        "until": (found.restored_on - timedelta(days=1)).isoformat(),
        "restored_on": found.restored_on.isoformat(),
    }
    return Finding(worded, "refuse", data)


@describer(LATE_RETURNS)
def _describe(rule: Rule, profile: Profile) -> str:
    from policy import describe as say  # it imports the engine, which imports this module

    params = late_returns(rule)
    seen = profile.retention_days
    needed = params.months * 31 + params.suspend_days
    short = (
        f"note: the store forgets who returned what after {seen} days (retention_days), so late"
        f" returns older than that are not counted; set retention_days to {needed} or more"
        if seen < needed
        else ""
    )
    return say.sentence(
        say.act(
            rule,
            f"every request for {say.count(params.suspend_days, 'day')} from the day of a patron's"
            f" {say.ordinal(params.count)} late return within {say.count(params.months, 'month')}"
            " (a return recorded after the due date is late); the reply says until when",
        ),
        "counted live from the request history",
        short,
    )
