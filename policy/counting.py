"""Limits that count a patron's (or household's) requests: open at once, or recorded per period.

Counts leave cancelled requests out, leave out requests from the sources a rule names (a
consortium's own delivery), and use the library's local calendar.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import Field, model_validator

from policy.checks import RequestCase, request_check
from policy.decision import Counting, Finding
from policy.errors import ProfileError
from policy.kinds import Params, define, describer
from policy.params import LIMITS, Count, Materials, RequestStatuses
from policy.periods import months_after, term_of, week_of, year_of
from policy.profile import Profile, Rule
from policy.rule_words import article, count, listed, material_names, ordinal, verb, who

# Every status a request is open in (common words: "while 2 are open"); `delivered` copies are
# in the patron's hands with nothing to return, so they are not open requests.
OPEN = (
    "submitted", "awaiting_approval", "sent", "shipped", "ready", "checked_out",
    "renewal_requested",
)  # fmt: skip
Per = Annotated[
    Literal["patron", "household"],
    Field(description='whose requests count: "patron" or "household"'),
]
Sources = Annotated[
    list[str], Field(description='request sources that do not count, like ["MOBIUS"]')
]


class OpenLimit(Params):
    """limit.open: at most `max` requests open at once, in these statuses."""

    max: Count
    statuses: RequestStatuses = Field(default_factory=lambda: list(OPEN))
    per: Per = "patron"
    except_sources: Sources = Field(default_factory=list)
    materials: Materials = Field(default_factory=list)


class PeriodLimit(Params):
    """limit.per_period: at most `max` requests recorded in one period."""

    max: Count
    period: Annotated[
        Literal["week", "month", "term", "year", "days"],
        Field(description="the window counted: week, month, term, year or days"),
    ]
    days: Annotated[int, Field(ge=1, description="a number of days")] | None = None
    per: Per = "patron"
    except_sources: Sources = Field(default_factory=list)
    materials: Materials = Field(default_factory=list)

    @model_validator(mode="after")
    def _days_with_days(self) -> PeriodLimit:
        if self.period == "days" and self.days is None:
            raise ValueError('period "days" needs days = N (the rolling window, ending today)')
        if self.days is not None and self.period != "days":
            raise ValueError('days is only for period = "days"')
        return self


define("limit.open", OpenLimit, LIMITS, words=("max",))
# next_allowed is empty for a rolling window ("days"): a place frees as requests leave it.
define(
    "limit.per_period",
    PeriodLimit,
    LIMITS,
    words=("max", "period_starts", "period_ends", "next_allowed"),
)


def scope(rule: Rule, case: RequestCase) -> Counting | None:
    """Say whose requests a limit counts, or None when the rule does not limit this item."""
    materials = tuple(rule.params.get("materials") or ())
    if materials and case.item.material not in materials:
        return None
    per_household = rule.params.get("per", "patron") == "household"
    return Counting(
        patron_id=case.patron.id,
        library=case.profile.id,
        household=case.patron.household if per_household else None,
        except_sources=tuple(rule.params.get("except_sources") or ()),
        materials=materials,
    )


@request_check("limit.open", stage=54)
def open_limit(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a request while `max` of the patron's (or household's) requests are open."""
    counting = scope(rule, case)
    if counting is None:
        return None
    statuses = tuple(rule.params.get("statuses") or OPEN)
    open_now = case.ledger.requests_counted(replace(counting, statuses=statuses))
    limit = int(rule.params["max"])
    if open_now < limit:
        return None
    return Finding(rule, "refuse", {"count": str(open_now), "max": str(limit)})


def window(rule: Rule, profile: Profile, today: date) -> tuple[date, date]:
    """Return the first and last library-local day a per-period limit counts in."""
    period = rule.params["period"]
    if period == "week":
        return week_of(today)
    if period == "month":
        first = today.replace(day=1)
        return first, months_after(first, 1) - timedelta(days=1)
    if period == "year":
        return year_of(today)
    if period == "days":
        return today - timedelta(days=int(rule.params["days"]) - 1), today
    try:
        return term_of(today, list(profile.terms))
    except ValueError:
        raise ProfileError(
            f"{profile.source or profile.id}: rule {rule.id}: no term in `terms` holds "
            f"{today.isoformat()}"
        ) from None


@request_check("limit.per_period", stage=55)
def period_limit(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse a request beyond `max` recorded in the period (week, month, term, year, days)."""
    counting = scope(rule, case)
    if counting is None:
        return None
    first, last = window(rule, case.profile, case.today)
    recorded = case.ledger.requests_counted(
        replace(counting, recorded_from=first, recorded_to=last)
    )
    limit = int(rule.params["max"])
    if recorded < limit:
        return None
    data = {
        "count": str(recorded),
        "max": str(limit),
        "period_starts": first.isoformat(),
        "period_ends": last.isoformat(),
        # A calendar window ends; a rolling one frees a place when its oldest request leaves it.
        "next_allowed": (last + timedelta(days=1)).isoformat()
        if rule.params["period"] != "days"
        else "",
    }
    return Finding(rule, "refuse", data)


def _counted_words(rule: Rule) -> str:
    parts = []
    if rule.params.get("per") == "household":
        parts.append("counted per household (a patron with none counts alone)")
    materials = rule.params.get("materials") or ()
    if materials:
        parts.append(f"only requests for {material_names(materials)} count and are limited")
    sources = rule.params.get("except_sources") or ()
    if sources:
        parts.append(f"requests from {listed(sources, 'or')} do not count")
    return "".join(f"; {p}" for p in parts)


@describer("limit.open")
def describe_open(rule: Rule, profile: Profile) -> str:
    """Say what limit.open does with its parameters."""
    limit = int(rule.params["max"])
    statuses = tuple(rule.params.get("statuses") or OPEN)
    state = "open" if set(statuses) == set(OPEN) else f"{listed(statuses, 'or')}"
    return (
        f"{verb(rule)} {article(limit + 1)} {ordinal(limit + 1)} {state} request while "
        f"{limit} {'is' if limit == 1 else 'are'} {state}"
        f"{_counted_words(rule)}; cancelled requests never count{who(rule, profile)}."
    )


PERIODS = {
    "week": "one calendar week (Monday to Sunday)",
    "month": "one calendar month",
    "year": "one calendar year",
}


def _period_words(rule: Rule, profile: Profile) -> str:
    period = rule.params["period"]
    if period == "days":
        return f"any {count(int(rule.params['days']), 'day')} ending on the day of the request"
    if period == "term":
        terms = [f"{name} {first} to {last}" for name, first, last in profile.terms]
        return f"one term ({listed(terms)})" if terms else "one term (no terms are set!)"
    return PERIODS[period]


@describer("limit.per_period")
def describe_period(rule: Rule, profile: Profile) -> str:
    """Say what limit.per_period does with its parameters."""
    limit = int(rule.params["max"])
    return (
        f"{verb(rule)} {article(limit + 1)} {ordinal(limit + 1)} request recorded in "
        f"{_period_words(rule, profile)} once {limit} {'was' if limit == 1 else 'were'}"
        f"{_counted_words(rule)}; "
        f"cancelled requests never count{who(rule, profile)}."
    )
