"""material.published: rules on when an item was published ("nothing printed before 1800",
"books published in the last 6 months").

A citation may give the day, the month or only the year. The window is compared at the finest
precision known, and an item counts as inside it when it may be: a title from March counts as
published since March 15, a title from 2026 as published since any day of 2026. The reply says
which precision was used ("published in 2026 (only the year is known)").
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from policy.checks import RequestCase, request_check
from policy.decision import Finding, ItemFacts
from policy.kinds import Params, define, describer
from policy.params import Materials, Months
from policy.periods import months_before
from policy.profile import Profile, Rule
from policy.rule_words import count, material_names, verb, who
from templates.words import published_words


class Published(Params):
    """material.published: published before a year, or within the last months."""

    materials: Materials = Field(default_factory=list)
    before_year: Annotated[int, Field(ge=1000, le=9999, description="a year, like 1800")] | None = (
        None
    )
    within_months: Months | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Published:
        if (self.before_year is None) == (self.within_months is None):
            raise ValueError("give exactly one of before_year = YEAR or within_months = N")
        return self


# before_year for a rule with before_year; months and since (the window's start) for a recent one.
define(
    "material.published",
    Published,
    ("refuse", "warn", "hold"),
    words=("year", "published", "published_on"),
    sometimes=("before_year", "months", "since"),
)


def precision(item: ItemFacts) -> str:
    """Say how finely the item's publication date is known: day, month or year."""
    if item.month is None or not 1 <= item.month <= 12:
        return "year"
    if item.day is None or item.year is None:
        return "month"
    try:
        date(item.year, item.month, item.day)
    except ValueError:
        return "month"  # "February 30": the month is still worth trusting
    return "day"


def published_on(item: ItemFacts) -> str:
    """Give the item's publication date as finely as known: "2026-03-05", "2026-03" or "2026"."""
    known, year = precision(item), item.year or 0
    if known == "day":
        return f"{year:04d}-{item.month:02d}-{item.day:02d}"
    if known == "month":
        return f"{year:04d}-{item.month:02d}"
    return f"{year:04d}"


def within(item: ItemFacts, since: date) -> bool:
    """Tell whether the item may have been published on or after `since`."""
    year = item.year or 0
    known = precision(item)
    if known == "day" and item.month and item.day:
        return date(year, item.month, item.day) >= since
    if known == "month" and item.month:
        return (year, item.month) >= (since.year, since.month)
    return year >= since.year


@request_check("material.published", stage=21)
def published(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse items published before `before_year`, or within the last `within_months`."""
    item = case.item
    materials = rule.params.get("materials") or ()
    if item.year is None or (materials and item.material not in materials):
        return None  # an unknown date is never held against the patron
    # `published` in English for staff; the patron's reply words `published_on` in their language.
    when = published_on(item)
    data = {"year": str(item.year), "published": published_words(when), "published_on": when}
    floor = rule.params.get("before_year")
    if floor is not None:
        if item.year < int(floor):
            return Finding(rule, "refuse", {**data, "before_year": str(floor)})
        return None
    months = int(rule.params["within_months"])
    since = months_before(case.today, months)
    if not within(item, since):
        return None
    return Finding(rule, "refuse", {**data, "months": str(months), "since": since.isoformat()})


@describer("material.published")
def describe_published(rule: Rule, profile: Profile) -> str:
    """Say what material.published does with its parameters."""
    materials = rule.params.get("materials") or ()
    what = material_names(materials) if materials else "anything"
    floor = rule.params.get("before_year")
    if floor is not None:
        return (
            f"{verb(rule)} {what} published before {floor} (in {floor} is allowed); "
            f"an item with no known year is let through{who(rule, profile)}."
        )
    months = int(rule.params["within_months"])
    return (
        f"{verb(rule)} {what} published in the last {count(months, 'month')}, compared by the "
        "day when the citation gives it, else by the month, else by the year (a title of the "
        f"year {count(months, 'month')} ago or later counts as new, and the reply says only the "
        f"year was known); an item with no known year is let through{who(rule, profile)}."
    )
