"""Plain words for the kinds that decide a request when it is asked for (policy/describe.py)."""

from __future__ import annotations

from collections.abc import Iterable

from policy.describe import (
    a,
    act,
    attach,
    categories,
    count,
    describes,
    listed,
    materials,
    ordinal,
    sentence,
)
from policy.profile import Profile, Rule


@describes("info")
def _info(rule: Rule, profile: Profile) -> str:
    notices = rule.params.get("notices", [])
    where = f"; its words are added to the {listed(notices)} notice" if notices else ""
    return sentence(f"Words only: nothing is checked or refused{where}")


@describes("patron.unknown")
def _unknown(rule: Rule, profile: Profile) -> str:
    return sentence(
        "someone the directory does not know is told how to register; nothing is recorded"
    )


@describes("request.ref")
def _ref(rule: Rule, profile: Profile) -> str:
    return sentence(
        "A patron sees, renews or cancels only their own requests; any other reference is"
        " answered as 'no such request', with the list of their open requests"
    )


@describes("request.one_item")
def _one_item(rule: Rule, profile: Profile) -> str:
    return sentence("A message naming several items becomes one request per item")


@describes("patron.proxy")
def _proxy(rule: Rule, profile: Profile) -> str:
    return sentence(
        'A patron may name a proxy ("my proxy is …"); the arrived notice says the proxy may'
        " pick items up"
    )


@describes("eligibility.registration")
def _registration(rule: Rule, profile: Profile) -> str:
    fields = rule.params.get("fields", [])
    asked = f" ({listed(fields)})" if fields else ""
    return sentence(
        f"Asks an unregistered patron for the registration form{asked} before their first"
        " request, then goes on with it"
    )


@describes("eligibility.refuse")
def _refuse_categories(rule: Rule, profile: Profile) -> str:
    return sentence(
        act(rule, f"every request from {categories(profile, rule.params['categories'])}")
    )


@describes("eligibility.category")
def _allowed(rule: Rule, profile: Profile) -> str:
    allow = list(rule.params["allow"])
    others = [c for c in profile.categories if c not in allow]
    refused = act(rule, f"requests from {categories(profile, others, 'or')}") if others else ""
    return sentence(
        f"Accepts requests only from {categories(profile, allow, 'or')}",
        refused or act(rule, "requests from any other category"),
    )


@describes("eligibility.standing")
def _standing(rule: Rule, profile: Profile) -> str:
    return sentence(act(rule, "every request from a patron whose card is blocked in the directory"))


@describes("eligibility.materials")
def _category_materials(rule: Rule, profile: Profile) -> str:
    who = categories(profile, rule.params["categories"])
    allowed = materials(rule.params["materials"])
    return sentence(f"Lets {who} request only {allowed}", act(rule, "anything else they ask for"))


@describes("eligibility.clearance")
def _clearance(rule: Rule, profile: Profile) -> str:
    who = categories(profile, rule.params["categories"])
    return sentence(
        f"Holds for staff review every request from {who} until staff record their clearance"
    )


@describes("material.refuse")
def _refused_materials(rule: Rule, profile: Profile) -> str:
    return sentence(act(rule, f"requests for {materials(rule.params['materials'], 'or')}"))


HOLDING_WORDS = {
    "clics": "requestable through CLICS",
    "electronic_only": "held only electronically",
}


def holdings(names: Iterable[str]) -> str:
    """Name holding statuses in words ("missing, lost or held only electronically")."""
    return listed((HOLDING_WORDS.get(s, s.replace("_", " ")) for s in names), "or")


@describes("holdings.local")
def _local(rule: Rule, profile: Profile) -> str:
    unless = rule.params.get("unless", [])
    spared = f", unless its copy there is {holdings(unless)}" if unless else ""
    club = (
        "a request for extra copies for a book club goes ahead"
        if rule.params.get("book_club_exception")
        else ""
    )
    return sentence(act(rule, f"an item the library's own holdings list{spared}"), club)


@describes("holdings.status")
def _status(rule: Rule, profile: Profile) -> str:
    statuses = holdings(rule.params["statuses"])
    return sentence(act(rule, f"an item whose copy in the library's holdings is {statuses}"))


@describes("holdings.ask_print")
def _ask_print(rule: Rule, profile: Profile) -> str:
    return sentence(
        "For an item the library holds only electronically, asks whether a paper copy is needed",
        "refuses it when the patron says no, goes ahead when they say yes",
    )


@describes("request.duplicate")
def _duplicate(rule: Rule, profile: Profile) -> str:
    return sentence(act(rule, "a request for an item the patron already has open, naming it"))


@describes("copyright.rule_of_five")
def _rule_of_five(rule: Rule, profile: Profile) -> str:
    per_year, years = int(rule.params["per_year"]), int(rule.params["recent_years"])
    actions = profile.rules_checking("copyright.action")
    what = (
        f"the {ordinal(per_year + 1)} and later article the library asks for in a calendar year"
        f" from one journal, counting articles published in the last {count(years, 'year')}"
    )
    if not actions:
        return sentence(f"Warns, but accepts, {what} (the library pays royalties)")
    return sentence(f"{act(actions[0], what)} ({actions[0].id})")


@describes("copyright.action")
def _copyright_action(rule: Rule, profile: Profile) -> str:
    five = profile.rules_checking("copyright.rule_of_five")
    limit = int(five[0].params["per_year"]) if five else 5
    nth = f"{a(limit + 1)} {ordinal(limit + 1)}"
    what = f"{nth} or later recent article from one journal in a calendar year"
    return sentence(f"{act(rule, what)}: what this library does when the CONTU count is reached")


@describes("ask.need_by")
def _need_by(rule: Rule, profile: Profile) -> str:
    return sentence("Asks for a need-by date when a request gives none, before recording it")


@describes("ask.max_cost")
def _max_cost(rule: Rule, profile: Profile) -> str:
    return sentence(
        "Asks how much the patron will pay when a request does not say, before recording it"
    )


@describes("warn.need_by_short")
def _need_by_short(rule: Rule, profile: Profile) -> str:
    days = int(rule.params["days"])
    return sentence(
        act(rule, f"a request whose need-by date is fewer than {count(days, 'day')} away")
    )


@describes("material.new_release")
def _new_release(rule: Rule, profile: Profile) -> str:
    months = int(rule.params["months"])
    return sentence(
        act(
            rule,
            f"{materials(rule.params['materials'], 'or')} published in the last"
            f" {count(months, 'month')}",
        ),
        f"only the year is compared: a title counts as new when its year is the year of the day"
        f" {count(months, 'month')} ago or later",
    )


@describes("privileges.overdue")
def _overdue_privileges(rule: Rule, profile: Profile) -> str:
    days = int(rule.params["days"])
    return sentence(
        act(
            rule, f"every request while the patron has a loan {count(days, 'day')} or more overdue"
        ),
        "the patron is told once, when a loan reaches it",
    )


@describes("privileges.unclaimed")
def _unclaimed(rule: Rule, profile: Profile) -> str:
    n, months = int(rule.params["count"]), int(rule.params["months"])
    return sentence(
        act(
            rule,
            f"every request from a patron who left {count(n, 'item')} unclaimed within"
            f" {count(months, 'month')}",
        ),
        "the patron is told when the last of them goes back",
    )


@describes("limit.per_week")
def _per_week(rule: Rule, profile: Profile) -> str:
    n = int(rule.params["max"])
    return sentence(
        act(
            rule,
            f"{a(n + 1)} {ordinal(n + 1)} request in a calendar week (Monday to Sunday) once"
            f" {n} are recorded",
        ),
        "cancelled requests do not count",
    )


@describes("limit.loans_held")
def _loans_held(rule: Rule, profile: Profile) -> str:
    n = int(rule.params["max"])
    return sentence(
        act(
            rule,
            f"a new loan while the patron holds {count(n, 'loan')}"
            " (on the hold shelf, checked out or being renewed)",
        ),
        "article and chapter copies are never limited",
    )


@describes("textbook.per_months")
def _textbook_months(rule: Rule, profile: Profile) -> str:
    months = int(rule.params["months"])
    return sentence(
        f"Allows one textbook request per patron every {count(months, 'calendar month')}",
        act(rule, "another within that time of the last one"),
    )


@describes("textbook.title_yearly")
def _title_yearly(rule: Rule, profile: Profile) -> str:
    n = int(rule.params["max"])
    return sentence(
        act(
            rule,
            f"a textbook title once it has been requested {count(n, 'time')} this calendar"
            " year, all patrons together",
        ),
    )


attach()
