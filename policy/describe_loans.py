"""Plain words for the kinds that act after a request is recorded: fees, renewals, the schedule."""

from __future__ import annotations

from policy.describe import (
    a,
    act,
    attach,
    categories,
    count,
    describes,
    dollars,
    exempt,
    listed,
    materials,
    ordinal,
    sentence,
)
from policy.profile import Profile, Rule

STATUS_WORDS = {
    "checked_out": "checked out",
    "renewal_requested": "being renewed",
    "ready": "ready for pickup",
    "awaiting_approval": "awaiting approval",
}


def _statuses(names: list[str]) -> str:
    return listed((STATUS_WORDS.get(s, s.replace("_", " ")) for s in names), "or")


def _terms(rule: Rule, profile: Profile) -> str:
    terms = rule.params.get("terms") or profile.terms
    return ", ".join(f"{name} {first}–{last}" for name, first, last in terms)


@describes("fee.per_term")
def _per_term(rule: Rule, profile: Profile) -> str:
    params = rule.params
    free, fee = int(params["free"]), dollars(params["fee_cents"])
    excluded = params.get("excluded", [])
    return sentence(
        f"Charges {fee} for the {ordinal(free + 1)} and later request each term"
        f" ({_terms(rule, profile)})" + exempt(profile, params),
        "cancelled requests do not count",
        f"{materials(excluded)} do not count and are not charged" if excluded else "",
    )


@describes("fee.pass_through")
def _pass_through(rule: Rule, profile: Profile) -> str:
    params = rule.params
    return sentence(
        f"For {materials(params['materials'], 'or')}, tells the patron at request time that they"
        " pay the lender's whole charge, and charges it in full when staff record it"
        + exempt(profile, params, "pay nothing"),
    )


@describes("fee.lender_cap")
def _lender_cap(rule: Rule, profile: Profile) -> str:
    params = rule.params
    excluded = params.get("excluded", [])
    other = f" for anything but {materials(excluded, 'or')}" if excluded else ""
    return sentence(
        f"Of a lender's charge{other}, the library pays up to {dollars(params['cap_cents'])} and"
        " the patron owes the rest" + exempt(profile, params, "owe nothing"),
    )


@describes("fee.authorized")
def _authorized(rule: Rule, profile: Profile) -> str:
    return sentence(
        "Passes a lender's charge on to the patron when it is within what they said they would"
        " pay; a higher charge waits for their yes"
    )


@describes("fee.over_stated_maximum")
def _over_stated_maximum(rule: Rule, profile: Profile) -> str:
    return sentence(
        "Holds a lender's charge the patron would owe above the most they said they would pay,"
        " where no rule of the library's own asks first; yes raises their maximum, no cancels"
    )


@describes("renew.on_loan")
def _on_loan(rule: Rule, profile: Profile) -> str:
    return sentence(act(rule, "renewing anything but a checked-out loan"))


@describes("renew.pending")
def _pending(rule: Rule, profile: Profile) -> str:
    return sentence(act(rule, "asking a renewal again while one waits for the lender's answer"))


@describes("renew.renewable")
def _renewable(rule: Rule, profile: Profile) -> str:
    return sentence(act(rule, "renewing a loan staff recorded as not renewable"))


@describes("renew.material")
def _renew_material(rule: Rule, profile: Profile) -> str:
    return sentence(act(rule, f"renewing {materials(rule.params['materials'], 'or')}"))


@describes("renew.max")
def _renew_max(rule: Rule, profile: Profile) -> str:
    n = int(rule.params["max"])
    return sentence(
        act(
            rule,
            f"{a(n + 1)} {ordinal(n + 1)} renewal once an item has been renewed {count(n, 'time')}",
        )
    )


@describes("renew.before_due")
def _before_due(rule: Rule, profile: Profile) -> str:
    days = int(rule.params["days"])
    if days <= 1:
        return sentence(act(rule, "a renewal asked on or after the due date"))
    return sentence(
        act(rule, f"a renewal asked fewer than {count(days, 'day')} before the due date")
    )


@describes("renew.note")
def _renew_note(rule: Rule, profile: Profile) -> str:
    return sentence("Words only: added to every renewal the patron asks for")


@describes("renew.keep_while_pending")
def _keep(rule: Rule, profile: Profile) -> str:
    return sentence(
        "While a renewal waits for the lender, the loan gets no overdue notice, step or privilege"
        " loss, and the patron is told they may keep it"
    )


@describes("cancel.refuse_status")
def _cancel_status(rule: Rule, profile: Profile) -> str:
    return sentence(act(rule, f"cancelling a request that is {_statuses(rule.params['statuses'])}"))


@describes("schedule.due_soon")
def _due_soon(rule: Rule, profile: Profile) -> str:
    days = int(rule.params["days"])
    return sentence(
        f"Sends a due-soon reminder {count(days, 'day')} before a checked-out loan's due date",
        "it offers renewal only when the renewal rules would allow one that day",
    )


@describes("schedule.auto_renewal")
def _auto_renewal(rule: Rule, profile: Profile) -> str:
    days = int(rule.params["days"])
    excluded = rule.params.get("excluded", [])
    return sentence(
        f"Asks the lender for a renewal {count(days, 'day')} before the due date of a renewable"
        " loan never renewed before, and tells the patron",
        f"not for {materials(excluded, 'or')}" if excluded else "",
    )


@describes("schedule.pickup_deadline")
def _pickup_deadline(rule: Rule, profile: Profile) -> str:
    days = int(rule.params["days"])
    return sentence(
        f"Sends an item not picked up back to the lender {count(days, 'day')} before its due date"
        " (unclaimed) and tells the patron; the arrived notice gives the last day to pick it up"
    )


ACTIONS = {
    "academic_hold": "puts an academic hold on the patron's records",
    "bill": "bills the replacement cost",
    "suspend": "suspends the patron's ILL privileges",
    "none": "",
}


@describes("schedule.overdue")
def _overdue(rule: Rule, profile: Profile) -> str:
    params = rule.params
    days = int(params["days"])
    since = "the previous step" if params.get("after") == "previous" else "the due date"
    action = str(params.get("action") or "none")
    if action == "staff_task":
        does = f"posts a task to staff: “{str(params.get('task', '')).rstrip('.')}”"
    else:
        does = ACTIONS.get(action, action.replace("_", " "))
    if action == "academic_hold":
        held = [c.name for c in profile.categories.values() if c.academic_records]
        does += f" (only {categories(profile, held)})" if held else " (no category has records)"
    if action == "bill" and params.get("min_cents"):
        does += f" (at least {dollars(params['min_cents'])})"
    notice = str(params.get("notice") or "")
    return sentence(
        f"{count(days, 'day')} after {since}, sends the “{notice}” notice"
        + (f" and {does}" if does else "")
    )


@describes("copy.access")
def _copy_access(rule: Rule, profile: Profile) -> str:
    days = int(rule.params["days"])
    return sentence(
        f"Closes a delivered copy {count(days, 'day')} after delivery (expired); the delivered"
        " notice gives the last day"
    )


@describes("overdue.repeated")
def _repeated(rule: Rule, profile: Profile) -> str:
    n, months = int(rule.params["count"]), int(rule.params["months"])
    return sentence(
        f"Refers to staff a patron billed for {a(n)} {ordinal(n)} overdue item within"
        f" {count(months, 'month')}; nothing is refused by itself"
    )


@describes("unfilled.purchase_suggestion")
def _purchase(rule: Rule, profile: Profile) -> str:
    reasons = listed((r.replace("_", " ") for r in rule.params.get("reasons", [])), "or")
    excluded = rule.params.get("excluded", [])
    return sentence(
        f"When staff record a request unfilled ({reasons}), the notice offers a purchase idea",
        f"not for {materials(excluded, 'or')}" if excluded else "",
    )


attach()
