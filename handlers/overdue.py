"""Consequences of late or lost loans: bills, academic holds, lost privileges, staff work."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from handlers.fees import add_charge
from handlers.library import Library
from handlers.messages import Inbound, Outgoing
from handlers.notices import notify
from handlers.outbox import write
from handlers.targets import describe
from policy.periods import months_before
from policy.profile import Profile, Rule
from store.ledger import StoreLedger
from store.models import IllRequest, OutboxMessage


def billed_through(profile: Profile, category: str) -> str:
    """Say how a bill reaches the patron: the category's own words (`billed_through`), else ""
    for handlers/notices to say INVOICE in the patron's language."""
    declared = profile.categories.get(category)
    return declared.billed_through if declared else ""  # "": notices.INVOICE, in the patron's


def billing_rules(profile: Profile) -> tuple[Rule, ...]:
    """Return the library's rule for billing overdue or lost loans, if it has one."""
    return tuple(
        r for r in profile.rules_checking("schedule.overdue") if r.params.get("action") == "bill"
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
    minimum = int(rules[0].params.get("min_cents") or 0)
    out = notify(
        session,
        request,
        "billed",
        at,
        library,
        rules=rules,
        billed_through=billed_through(profile, request.category),
        minimum=minimum,
    )
    return out + mark_billed(session, request, at, profile, today, rules[0])


def mark_billed(
    session: Session,
    request: IllRequest,
    at: datetime,
    profile: Profile,
    today: date,
    rule: Rule | None = None,
) -> list[OutboxMessage]:
    """Record the bill (its minimum on the account); refer a patron billed again to staff."""
    if request.billed_on is None:
        request.billed_on = today
        session.flush()
    minimum = int(rule.params.get("min_cents") or 0) if rule is not None else 0
    if minimum and rule is not None:
        # What the patron owes at least; staff add the rest as a fine if the lender bills more.
        add_charge(session, request, "bill", minimum, at, profile, rule_id=rule.id)
    rules = profile.rules_checking("overdue.repeated")
    if not rules or request.patron_id is None:
        return []
    repeated = rules[0]
    since = months_before(today, int(repeated.params["months"]))
    count = StoreLedger(session).billed_since(request.patron_id, since)
    if count < int(repeated.params["count"]):
        return []
    months = repeated.params["months"]
    return _to_staff(
        session, request, repeated, at, profile, "escalation_repeated", count=count, months=months
    )


def staff_task(
    session: Session, request: IllRequest, rule: Rule, at: datetime, profile: Profile, today: date
) -> list[OutboxMessage]:
    """Post an overdue step's task to the staff channel as work ("Phone the patron").

    Staff see it the way they see every escalation, with the patron's contact details and the
    loan's dates; the patron is sent nothing by it.
    """
    patron = request.patron
    due = request.due_date
    return _to_staff(
        session,
        request,
        rule,
        at,
        profile,
        "escalation_task",
        task=str(rule.params.get("task") or ""),
        name=describe(request),
        due=due.isoformat() if due else "",
        days_overdue=(today - due).days if due else 0,
        patron=patron.name or patron.id if patron else "",
        email=(patron.email or "") if patron else "",
    )


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
    rule: Rule,
    at: datetime,
    profile: Profile,
    template: str,
    **context: object,
) -> list[OutboxMessage]:
    """Post an escalation about a request to the staff channel; the patron is sent nothing."""
    inbound = Inbound(channel="slack", sender="staff", text="", at=at)
    post = Outgoing(
        kind="escalation",
        template=template,
        to_staff=True,
        request_id=request.id,
        rules=(rule.id,),
        status=request.status,
        # Every staff post names the request, the patron's category and the rule's own words.
        context={
            "ref": request.ref,
            **context,
            "category": request.category,
            "says": rule.says,
            "heard": "",
        },
    )
    return write(session, inbound, None, profile, [post])
