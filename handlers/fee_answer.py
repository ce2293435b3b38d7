"""The patron's answer to a lender's charge: pay it, cancel, or ask staff to try another lender.

"yes" raises the patron's maximum and the request goes on; "no" cancels it. "that's too much,
can you try another library?" turns down this lender, not the book: the request goes back to
staff to be sent elsewhere, and their thread says so (handlers.queue).
"""

from __future__ import annotations

from handlers import conversation
from handlers.fees import fee_decision, lender_charge
from handlers.turn import Turn
from handlers.understand import Reading
from handlers.understand.other_lender import asks_other_lender
from policy.decision import Decision
from store.models import IllRequest
from store.requests import change_status
from templates.words import money

YES, NO, ELSEWHERE = "yes", "no", "elsewhere"
ELSEWHERE_ACTION = "fee_declined"  # the history's action: staff look for another lender
# Readings an "another library, please" may come as; an action on a request is that action.
_MAY_ASK_ELSEWHERE = frozenset({"yes", "no", "unknown", "smalltalk", "offtopic", "request"})


def fee_choice(reading: Reading) -> str | None:
    """Return what a message answers to a lender's charge (yes, no, elsewhere), or None."""
    if reading.intent in _MAY_ASK_ELSEWHERE and asks_other_lender(reading.text):
        return ELSEWHERE
    return reading.intent if reading.intent in (YES, NO) else None


def answer(turn: Turn, request: IllRequest, choice: str) -> None:
    """Apply the patron's answer to the charge a request waits on, and tell them."""
    conversation.settle(turn.conversation, turn.inbound.at)
    charged = request.lender_fee_cents or 0
    decision = fee_decision(turn.profile, request, charged)
    rules = tuple(dict.fromkeys(f.rule.id for f in decision.findings))
    owed = decision.fee_cents  # the patron's share: the whole charge unless a rule says less
    actor, at = f"patron:{turn.patron.id}", turn.inbound.at
    if choice == YES:
        request.max_cost_cents = max(owed, request.max_cost_cents or 0)
        accepted = Decision("accepted", decision.findings, fee_cents=owed)
        lender_charge(turn.session, request, accepted, at, turn.profile)
        resume, request.held_from = request.held_from or "submitted", None
        change_status(turn.session, request, resume, at=at, actor=actor, action="fee")
    elif choice == ELSEWHERE:
        lender = request.lender or "the lender"
        note = f"patron declined {money(charged)} from {lender}; wants another lender"
        # The request waits for staff again, as new: this lender and its charge are out.
        request.held_from, request.lender_fee_cents, request.lender = None, None, None
        change_status(
            turn.session,
            request,
            "submitted",
            at=at,
            actor=actor,
            action=ELSEWHERE_ACTION,
            note=note,
        )
    else:
        request.held_from = None
        change_status(turn.session, request, "cancelled", at=at, actor=actor, action="fee")
    turn.reply(
        "fee_answered",
        intent="fee_answer",
        outcome="done",
        request_id=request.id,
        status=request.status,
        rules=rules,
        fee_cents=owed if choice == YES else 0,
        approved=choice == YES,
        elsewhere=choice == ELSEWHERE,
        amount=money(owed),
        lender_fee=money(charged),
        max_cost=money(request.max_cost_cents) if request.max_cost_cents else "",
    )
