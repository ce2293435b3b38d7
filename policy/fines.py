"""Daily overdue fines: what a late loan has run up so far, and what is charged on its return.

A `fine.daily` rule accrues `cents_per_day` for every day after the due date plus `grace_days`
until the loan is returned, up to `max_cents`; staff recording the return charges it
(handlers/staff_effects.py). The count is of library-local calendar dates, like every other date
rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import Field

from policy.checks import applies_to
from policy.decision import LoanFacts
from policy.kinds import NOTICE_WORDS, Params, define, describer
from policy.params import Categories, Cents, Days, Materials
from policy.profile import Profile, Rule

DAILY = "fine.daily"
ON_LOAN = ("checked_out", "renewal_requested")


class DailyFine(Params):
    """fine.daily: `cents_per_day` from the day after due + `grace_days`, at most `max_cents`."""

    cents_per_day: Cents
    grace_days: Days = 0
    max_cents: Cents | None = None
    materials: Materials = Field(default_factory=list)
    exempt: Categories = Field(default_factory=list)


define(DAILY, DailyFine, ("fee",), notices=("fine_charged",), words=NOTICE_WORDS)


@dataclass(frozen=True)
class Fine:
    """A loan's overdue fine on one day: the rule, the days it counts and the amount."""

    rule: Rule
    days: int
    cents: int
    capped: bool = False


def daily_fine(rule: Rule) -> DailyFine:
    """Return a fine.daily rule's parameters, defaults filled in."""
    return DailyFine.model_validate(
        {k: v for k, v in rule.params.items() if k in DailyFine.model_fields}
    )


def fine_for(rule: Rule, loan: LoanFacts, returned_on: date) -> Fine | None:
    """Return the fine a loan owes under one rule if returned (or still out) on `returned_on`."""
    params = daily_fine(rule)
    if loan.due_date is None or loan.category in params.exempt:
        return None
    if params.materials and loan.material not in params.materials:
        return None
    if not applies_to(rule, loan.category):
        return None
    fined_from = loan.due_date + timedelta(days=params.grace_days + 1)
    days = (returned_on - fined_from).days + 1
    if days <= 0:
        return None
    cents = days * params.cents_per_day
    if params.max_cents is not None and cents >= params.max_cents:
        return Fine(rule, days, params.max_cents, capped=True)
    return Fine(rule, days, cents)


def fine_so_far(profile: Profile, loan: LoanFacts, today: date) -> Fine | None:
    """Return the fine a loan still out has run up by today (status replies show it), if any."""
    if loan.status not in ON_LOAN:
        return None
    return fine_on_return(profile, loan, today)


def fine_on_return(profile: Profile, loan: LoanFacts, returned_on: date) -> Fine | None:
    """Return the fine charged when a loan comes back on `returned_on`: the library's first rule."""
    for rule in profile.rules_checking(DAILY):
        fine = fine_for(rule, loan, returned_on)
        if fine is not None:
            return fine
    return None


@describer(DAILY)
def _describe(rule: Rule, profile: Profile) -> str:
    from policy import describe as say  # it imports the engine, which imports this module

    params = daily_fine(rule)
    start = "the day after the due date"
    if params.grace_days:
        start = f"{say.count(params.grace_days + 1, 'day')} after the due date"
    which = f" on {say.materials(params.materials, 'and')}" if params.materials else " on a loan"
    cap = f", at most {say.dollars(params.max_cents)}" if params.max_cents is not None else ""
    return say.sentence(
        f"Charges {say.dollars(params.cents_per_day)} a day{which} from {start} until it is"
        f" returned{cap}; charged when staff record the return, and status replies show the fine"
        " so far" + say.exempt(profile, {"exempt": params.exempt}, "pay no fine"),
    )
