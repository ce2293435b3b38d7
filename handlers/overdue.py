"""Consequences of late or lost loans: bills, academic holds, lost privileges, staff referral."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from handlers.library import Library
from handlers.messages import Inbound, Outgoing
from handlers.notices import notify
from handlers.outbox import write
from policy.periods import months_before
from policy.profile import Profile, Rule
from store.ledger import StoreLedger
from store.models import IllRequest, OutboxMessage

UNIVERSITY_ACCOUNTS = frozenset({"undergraduate", "graduate", "faculty", "staff", "alumni"})


def billed_through(category: str) -> str:
    """Say how the replacement cost is billed: the university account or a library invoice."""
    if category in UNIVERSITY_ACCOUNTS:
        return "through your Student Accounts (University) account"
    return "by an invoice from the library"


def billing_rules(profile: Profile) -> tuple[Rule, ...]:
    """Return the library's rule for billing overdue or lost loans, if it has one."""
    return tuple(
        r for r in profile.rules_checking("schedule.overdue") if r.params.get("effect") == "bill"
    )


def bill(
    session: Session,
    request: IllRequest,
    at: datetime,
    library: Library,
    profile: Profile,
    today: date,
) -> list[OutboxMessage]:
    """Bill a lost loan's replacement cost where the library's policy says so."""
    rules = billing_rules(profile)
    if not rules:
        return []
    out = notify(
        session,
        request,
        "billed",
        at,
        library,
        rules=rules,
        billed_through=billed_through(request.category),
    )
    return out + mark_billed(session, request, at, profile, today)


def mark_billed(
    session: Session, request: IllRequest, at: datetime, profile: Profile, today: date
) -> list[OutboxMessage]:
    """Record the bill; refer a patron billed again within the window to staff."""
    if request.billed_on is None:
        request.billed_on = today
        session.flush()
    rules = profile.rules_checking("overdue.repeated")
    if not rules or request.patron_id is None:
        return []
    rule = rules[0]
    since = months_before(today, int(rule.params["months"]))
    count = StoreLedger(session).billed_since(request.patron_id, since)
    if count < int(rule.params["count"]):
        return []
    return _to_staff(session, request, at, profile, rule, count)


def after_unclaimed(
    session: Session,
    request: IllRequest,
    at: datetime,
    library: Library,
    profile: Profile,
    today: date,
) -> list[OutboxMessage]:
    """Tell a patron whose unclaimed items reached the limit that privileges are lost."""
    out: list[OutboxMessage] = []
    rules = profile.rules_checking("privileges.unclaimed") if request.patron_id else ()
    for rule in rules:
        assert request.patron_id is not None
        since_day = months_before(today, int(rule.params["months"]))
        since = datetime.combine(since_day, time(0), tzinfo=profile.timezone)
        count = StoreLedger(session).unclaimed_since(request.patron_id, since)
        if count == int(rule.params["count"]):  # the one that crossed the line, told once
            out += notify(
                session,
                request,
                "privileges_suspended",
                at,
                library,
                rules=(rule,),
                count=str(count),
            )
    return out


def _to_staff(
    session: Session,
    request: IllRequest,
    at: datetime,
    profile: Profile,
    rule: Rule,
    count: int,
) -> list[OutboxMessage]:
    inbound = Inbound(channel="slack", sender="staff", text="", at=at)
    escalation = Outgoing(
        kind="escalation",
        template="escalation_repeated",
        to_staff=True,
        request_id=request.id,
        rules=(rule.id,),
        status=request.status,
        context={
            "ref": request.ref,
            "count": count,
            "months": rule.params["months"],
            "category": request.category,
            "says": rule.says,
            "heard": "",
        },
    )
    return write(session, inbound, None, profile, [escalation])
