"""`policy`: answer a question about the library's ILL rules from its profile, ids quoted."""

from __future__ import annotations

from typing import Any

from handlers import targets
from handlers.loan_state import standing
from handlers.owed import account
from handlers.policy_scope import caps_requests, copies_first, narrowed
from handlers.policy_yours import fee_asked, yours
from handlers.turn import Turn
from policy.profile import TOPICS, Rule
from templates.i18n import N_, _, current

ON_LOAN = ("checked_out", "renewal_requested")  # a late one runs up a fine

# How each topic is named in a reply ("John Jay College Library's ILL policy on renewals").
TOPIC_WORDS = {
    "limit": N_("how many items you may request"),
    "cost": N_("costs"),
    "loan_period": N_("how long you may keep items"),
    "renewal": N_("renewals"),
    "delivery_time": N_("how long items take to arrive"),
    "pickup": N_("picking up items"),
    "overdue": N_("late returns"),
    "eligibility": N_("who may use ILL"),
    "materials": N_("what you may request"),
    "owe": N_("fees"),
}


def handle(turn: Turn) -> None:
    """Answer a rule question on one topic, or say which questions the bot can answer."""
    topic = turn.reading.entities.topic
    if topic is None or topic not in TOPICS:
        turn.reply("policy_topics", intent="policy", outcome="answered")
        return
    answer(turn, topic)


def answer(turn: Turn, topic: str) -> None:
    """Answer a question on one of the profile's topics: the patron's own requests first."""
    theirs = rules_for(turn, topic)
    chosen = theirs
    if topic == "limit":  # "how many at once?": the limit on loans held, not every count
        chosen = narrowed(theirs, turn.reading.text)
    if topic == "loan_period":  # "how long can I keep a scanned article?": the copy's days first
        chosen = copies_first(chosen, turn.reading.text)
    points = [point(rule) for rule in chosen]
    fields: dict[str, Any] = {
        "intent": "policy",
        "outcome": "answered",
        "entities": {"topic": topic},
        "rules": tuple(p["id"] for p in points),
        "points": points,
        "topic_words": _(TOPIC_WORDS[topic]),
        # A rule with no quoted words is the bot's own practice: the policy says no more.
        "unquoted": bool(points) and not any(p["says"] for p in points),
    }
    if topic == "owe":
        turn.reply("policy_owe", **fields, **owed(turn))
        return
    mine = yours(turn, topic)
    if mine:  # "how long can I keep it?" with a loan: its due date comes first, then the rules
        ids = tuple(dict.fromkeys(m["id"] for m in mine))
        turn.reply("policy_yours", **fields, yours=mine, request_ids=ids)
        return
    lead = delivery_words(turn) if topic == "delivery_time" else ""
    # Bellevue counts textbooks and free requests, but caps nothing: the reply says so first.
    no_cap = topic == "limit" and not caps_requests(theirs)
    if not points and not lead and not no_cap:
        turn.reply("policy_silent", **fields)
        return
    turn.reply("policy_answer", **fields, lead=lead, no_cap=no_cap)


def rules_for(turn: Turn, topic: str) -> list[Rule]:
    """Return the profile's rules on a topic that concern this patron."""
    patron = turn.patron
    chosen = []
    for rule in turn.profile.rules_on(topic):
        only = rule.params.get("categories")
        if isinstance(only, list) and patron.category not in only:
            continue  # "Alumni have no ILL privileges" is no answer for a faculty member
        if rule.check == "eligibility.registration" and patron.registered:
            continue
        chosen.append(rule)
    return chosen


def point(rule: Rule) -> dict[str, str]:
    """One rule as a reply shows it: plain words (the patron's language), the policy's, the id."""
    plain = rule.said("answer", current()) or rule.summary
    return {"id": rule.id, "plain": plain, "says": rule.says}


def delivery_words(turn: Turn) -> str:
    """Return the profile's [delivery] wording, each sentence once."""
    delivery = turn.profile.words(current()).delivery
    return " ".join(dict.fromkeys(v.strip() for v in delivery.values() if v.strip()))


def owed(turn: Turn) -> dict[str, Any]:
    """Describe what the patron owes now: charges not refunded, lender fees awaiting a yes, bills.

    A fine or bill on a returned item is listed; fees paid at pickup on it are only mentioned.
    """
    mine = account(turn.session, turn.patron.id)
    charged = [o for o in mine if o.cents > 0]
    requests = [o.request for o in mine]
    waiting = [r for r in requests if fee_asked(r) and r.lender_fee_cents]
    billed = [r for r in requests if r.billed_on is not None]
    total = sum(o.cents for o in charged)
    # A loan still out and late runs up a fine, charged when it comes back: said, not added.
    running = [
        {"name": targets.describe(r), "days": state["days_overdue"], "fine": state["fine"]}
        for r in requests
        if r.status in ON_LOAN and r.billed_on is None
        and (state := standing(r, turn.profile, turn.today))["days_overdue"]
    ]  # fmt: skip
    return {
        "fee_cents": total,
        "request_ids": tuple(o.request.id for o in charged) + tuple(r.id for r in waiting + billed),
        "total": total,
        "charges": [{"name": targets.describe(o.request), "fee": o.cents} for o in charged],
        "waiting": [{"name": targets.describe(r), "fee": r.lender_fee_cents} for r in waiting],
        "billed": [
            {"name": targets.describe(r), "on": r.billed_on.isoformat() if r.billed_on else ""}
            for r in billed
        ],
        "settled": any(o.paid_at_pickup > 0 for o in mine),
        "running": running,
    }
