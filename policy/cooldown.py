"""request.cooldown: the same item may not be borrowed again by the same patron within N months
of its return (a library that wants its loans to go round)."""

from __future__ import annotations

from policy.checks import RequestCase, request_check
from policy.decision import Finding
from policy.kinds import Params, define, describer
from policy.params import Months
from policy.periods import months_after
from policy.profile import Profile, Rule
from policy.rule_words import count, verb, who


class Cooldown(Params):
    """request.cooldown: `months` calendar months after the item's return."""

    months: Months


define("request.cooldown", Cooldown, ("refuse", "hold"), words=("returned", "next_allowed"))


@request_check("request.cooldown", stage=41)
def cooldown(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse an item the patron returned less than `months` months ago.

    The day the cool-down ends (the same day `months` months after the return) is allowed.
    """
    moment = case.ledger.last_returned(case.patron.id, case.item.item_key)
    if moment is None:
        return None
    returned = moment.astimezone(case.profile.timezone).date()  # the library's day
    allowed = months_after(returned, int(rule.params["months"]))
    if case.today >= allowed:
        return None
    data = {"returned": returned.isoformat(), "next_allowed": allowed.isoformat()}
    return Finding(rule, "refuse", data)


@describer("request.cooldown")
def describe_cooldown(rule: Rule, profile: Profile) -> str:
    """Say what request.cooldown does with its parameters."""
    months = int(rule.params["months"])
    return (
        f"{verb(rule)} a request for an item the same patron returned less than "
        f"{count(months, 'month')} ago (same ISBN, DOI or title); from the same day "
        f"{count(months, 'month')} after the return it is allowed{who(rule, profile)}."
    )
