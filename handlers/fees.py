"""Lender charges: what the patron owes, and the patron's yes or no when it needs approval."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import conversation
from handlers.library import Library
from handlers.notices import notify
from handlers.turn import Turn
from policy.decision import Decision
from policy.fees import FeeCase, evaluate_fee
from policy.profile import Profile
from store.models import IllRequest, OutboxMessage
from store.requests import change_status
from templates.words import money

FEE_STATE = "fee_approval"


def _fee_decision(profile: Profile, request: IllRequest, amount: int) -> Decision:
    case = FeeCase(profile, request.category, request.material, amount, request.max_cost_cents)
    return evaluate_fee(case)


def record_lender_fee(
    session: Session, request: IllRequest, amount: int, at: datetime, library: Library
) -> list[OutboxMessage]:
    """Record what the lender charges; tell the patron what they owe, or ask them first."""
    profile = library.profile(request.library)
    decision = _fee_decision(profile, request, amount)
    earlier = request.lender_fee_cents  # a corrected charge replaces the earlier share
    service = request.fee_cents - (
        _fee_decision(profile, request, earlier).fee_cents if earlier else 0
    )
    request.lender_fee_cents = amount
    rules = tuple(f.rule for f in decision.findings)
    if decision.outcome == "pending":
        request.held_from = request.status
        change_status(session, request, "awaiting_approval", at=at, actor="staff", action="fee")
        if request.patron_id is not None:
            state = conversation.load(session, request.patron_id, request.channel, "", at)
            conversation.ask(state, FEE_STATE, at, request=request.id)
        return notify(session, request, "fee_approval", at, library, rules=rules, fee_cents=amount)
    request.fee_cents = service + decision.fee_cents
    session.flush()
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


def waiting_for_fee(session: Session, patron_id: str) -> list[IllRequest]:
    """Return the patron's requests held until they approve a lender's charge."""
    query = select(IllRequest).where(
        IllRequest.patron_id == patron_id,
        IllRequest.status == "awaiting_approval",
        IllRequest.held_from.is_not(None),
    )
    return list(session.scalars(query.order_by(IllRequest.id)))


def answer(turn: Turn, request: IllRequest, approved: bool) -> None:
    """Apply the patron's yes (raise their maximum, go on) or no (cancel the request)."""
    conversation.settle(turn.conversation, turn.inbound.at)
    rule = next(iter(turn.profile.rules_checking("fee.authorized")), None)
    rules = (rule.id,) if rule else ()
    amount = request.lender_fee_cents or 0
    actor = f"patron:{turn.patron.id}"
    if approved:
        request.max_cost_cents = amount
        request.fee_cents += amount
        resume, request.held_from = request.held_from or "submitted", None
        change_status(turn.session, request, resume, at=turn.inbound.at, actor=actor, action="fee")
    else:
        request.held_from = None
        change_status(
            turn.session, request, "cancelled", at=turn.inbound.at, actor=actor, action="fee"
        )
    turn.reply(
        "fee_answered",
        intent="fee_answer",
        outcome="done",
        request_id=request.id,
        status=request.status,
        rules=rules,
        fee_cents=amount if approved else 0,
        approved=approved,
        amount=money(amount),
    )
