"""What a request costs the patron: lender charges, fees on events and refunds, fines.

Every amount put on a request (or taken off it) is a `charges` row as well as part of the
request's `fee_cents`, the total the patron is told. A rule's charge is claimed under a unique
key (request, rule, kind) in the caller's transaction, so however often a request is looked at
(a repeated staff command, two scheduler passes) each fee and refund happens once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from handlers import conversation
from handlers.library import Library
from handlers.notices import notify
from policy.decision import Decision
from policy.errors import StaffError
from policy.fees import (
    ON_EVENT,
    FeeCase,
    evaluate_fee,
    event_fee,
    event_fee_applies,
    event_reached,
    refunds_on,
)
from policy.profile import Profile, Rule
from store.db import insert_new
from store.models import Charge, IllRequest, OutboxMessage, RequestEvent
from store.requests import change_status

FEE_STATE = "fee_approval"
REFUND_CATCH_UP_DAYS = 30  # how long after it ended a request's refund is still looked for


def fee_decision(profile: Profile, request: IllRequest, amount: int) -> Decision:
    """Decide a lender's charge of `amount` for the request under the library's fee rules."""
    case = FeeCase(profile, request.category, request.material, amount, request.max_cost_cents)
    return evaluate_fee(case)


def add_charge(
    session: Session,
    request: IllRequest,
    kind: str,
    cents: int,
    at: datetime,
    profile: Profile,
    *,
    rule_id: str | None = None,
    reason: str | None = None,
) -> bool:
    """Put an amount on the request's account; False when this rule charged it already."""
    today = at.astimezone(profile.timezone).date()
    fresh = insert_new(
        session,
        Charge,
        request_id=request.id,
        rule_id=rule_id,
        kind=kind,
        cents=cents,
        on=today,
        at=at,
        reason=reason,
    )
    if fresh:
        request.fee_cents += cents
        session.flush()
    return fresh


def charges(session: Session, request_id: int) -> list[Charge]:
    """Return a request's charges in the order they were made."""
    query = select(Charge).where(Charge.request_id == request_id).order_by(Charge.id)
    return list(session.scalars(query))


def record_lender_fee(
    session: Session, request: IllRequest, amount: int, at: datetime, library: Library
) -> list[OutboxMessage]:
    """Record what the lender charges; tell the patron what they owe, or ask them first.

    Under a free-lenders-only policy the charge is refused (StaffError): staff look for a
    lender that lends free, and the patron is never charged.
    """
    profile = library.profile(request.library)
    decision = fee_decision(profile, request, amount)
    rules = tuple(f.rule for f in decision.findings)
    if decision.outcome == "refused":
        rule = decision.findings[0].rule
        raise StaffError(
            f"{request.ref}: not charged: {profile.name} borrows only from lenders that lend free"
            f" ({rule.id}); ask another lender. The patron is not told or charged."
        )
    earlier = request.lender_fee_cents  # a corrected charge replaces the earlier share
    if earlier:
        request.fee_cents -= _lender_share(session, request, profile, earlier)
    request.lender_fee_cents = amount
    if decision.outcome == "pending":
        if request.status != "awaiting_approval":  # a corrected charge: it waits already
            request.held_from = request.status
            change_status(session, request, "awaiting_approval", at=at, actor="staff", action="fee")
        if request.patron_id is not None:
            state = conversation.load(session, request.patron_id, request.channel, "", at)
            conversation.ask(state, FEE_STATE, at, request=request.id, owed=decision.fee_cents)
            # "why?" before answering quotes the rules that hold the charge
            held_by = list(dict.fromkeys(r.id for r in rules))
            conversation.remember_refusal(state, held_by, request.ref)
        # A lender policy asks for the patron's share; a stated maximum (fee.authorized,
        # fee.over_stated_maximum) is named in the question.
        over = decision.findings[-1].data.get("reason") == "fee_approval"
        notice = FEE_STATE if over else "fee_ask"
        return notify(
            session,
            request,
            notice,
            at,
            library,
            rules=rules,
            fee_cents=decision.fee_cents,  # the patron's charge asked about (their share)
            owed=decision.fee_cents,
        )
    lender_charge(session, request, decision, at, profile)
    return notify(
        session,
        request,
        "fee",
        at,
        library,
        rules=rules,
        fee_cents=decision.fee_cents,
        owed=decision.fee_cents,
        covered=amount - decision.fee_cents,
    )


def _lender_share(session: Session, request: IllRequest, profile: Profile, earlier: int) -> int:
    """Take the request's earlier lender share off its account (a corrected charge replaces it)."""
    rows = [c for c in charges(session, request.id) if c.kind == "lender"]
    if not rows:
        if request.status == "awaiting_approval":
            return 0  # still waiting for the patron's yes: nothing was put on the account
        # Recorded before the charges table: the share is what the rules say.
        return fee_decision(profile, request, earlier).fee_cents
    session.execute(delete(Charge).where(Charge.id.in_([c.id for c in rows])))
    return sum(c.cents for c in rows)


def lender_charge(
    session: Session, request: IllRequest, decision: Decision, at: datetime, profile: Profile
) -> None:
    """Put the patron's share of the lender's charge on the request's account."""
    rule = decision.findings[0].rule.id if decision.findings else None
    add_charge(session, request, "lender", decision.fee_cents, at, profile, rule_id=rule)


def waiting_for_fee(session: Session, patron_id: str) -> list[IllRequest]:
    """Return the patron's requests held until they approve a lender's charge."""
    query = select(IllRequest).where(
        IllRequest.patron_id == patron_id,
        IllRequest.status == "awaiting_approval",
        IllRequest.held_from.is_not(None),
    )
    return list(session.scalars(query.order_by(IllRequest.id)))


# --- fees on events (fee.on_event) -------------------------------------------------------------


def event_rules(profile: Profile) -> tuple[Rule, ...]:
    """Return the library's fee.on_event rules."""
    return tuple(r for r in profile.rules if r.check == ON_EVENT)


def settle_event_fees(
    session: Session, request: IllRequest, at: datetime, library: Library
) -> list[OutboxMessage]:
    """Charge the event fees a request has reached, refund those its end gives back; tell both.

    A fee on `recorded` was charged in the request's own reply, so it is only written down here.
    """
    profile = library.profile(request.library)
    rules = [
        r for r in event_rules(profile) if event_fee_applies(r, request.category, request.material)
    ]
    if not rules:
        return []
    statuses = [request.status, *_statuses(session, request)]
    out: list[OutboxMessage] = []
    for rule in rules:
        fee, said = event_fee(rule).fee_cents, event_fee(rule).event == "recorded"
        if fee == 0 or not event_reached(rule, statuses):
            continue
        charged = _charge_once(session, request, rule, fee, at, profile, said)
        if charged and not said:
            out += notify(
                session, request, "fee_charged", at, library, rules=(rule,), fee_cents=fee, owed=fee
            )
        if refunds_on(rule, request.status):
            out += _refund(session, request, rule, fee, at, library, profile)
    return out


def _statuses(session: Session, request: IllRequest) -> list[str]:
    # A query, not request.history: steps recorded in this transaction count too.
    query = select(RequestEvent.to_status).where(RequestEvent.request_id == request.id)
    return list(session.scalars(query))


def _charge_once(
    session: Session,
    request: IllRequest,
    rule: Rule,
    fee: int,
    at: datetime,
    profile: Profile,
    said: bool,
) -> bool:
    if not said:
        return add_charge(session, request, "service", fee, at, profile, rule_id=rule.id)
    # Already in fee_cents from the request's decision: only the record is written.
    today = at.astimezone(profile.timezone).date()
    values = {"request_id": request.id, "rule_id": rule.id, "kind": "service"}
    return insert_new(session, Charge, **values, cents=fee, on=today, at=at)


def _refund(
    session: Session,
    request: IllRequest,
    rule: Rule,
    fee: int,
    at: datetime,
    library: Library,
    profile: Profile,
) -> list[OutboxMessage]:
    back = min(fee, request.fee_cents)  # never more than the request still carries
    if back <= 0:
        return []
    if not add_charge(session, request, "refund", -back, at, profile, rule_id=rule.id):
        return []
    return notify(
        session, request, "fee_refunded", at, library, rules=(rule,), fee_cents=-back, owed=back
    )


def awaiting_refund(session: Session, at: datetime, library: Library) -> list[IllRequest]:
    """Return requests that ended without a staff step (a patron's cancel) and may be owed a
    refund of an event fee; the scheduler settles each (settle_event_fees)."""
    statuses = {
        s for p in library.profiles.values() for r in event_rules(p) for s in event_fee(r).refund_if
    }
    if not statuses:
        return []
    refunded = exists().where(Charge.request_id == IllRequest.id, Charge.kind == "refund")
    query = select(IllRequest).where(
        IllRequest.status.in_(sorted(statuses)),
        IllRequest.fee_cents > 0,
        IllRequest.patron_id.is_not(None),
        IllRequest.ended_at >= at - timedelta(days=REFUND_CATCH_UP_DAYS),
        ~refunded,
    )
    # SKIP LOCKED like the scheduler's own query: two workers never settle one request at once.
    query = query.order_by(IllRequest.id).with_for_update(skip_locked=True)
    return list(session.scalars(query))
