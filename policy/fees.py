"""What a patron pays: service charges at request time or on a later event, lender charges.

`fee.on_event` charges a fee when a request reaches a step (recorded, sent, shipped, arrived,
checked out) and gives it back when the request ends in a `refund_if` status; the handler keeps
the account (handlers/fees.py). `fee.lender_policy` says whether a lender's charge is accepted,
asked of the patron, or sends staff to find a free lender; the other fee rules say who pays it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, model_validator

from policy.checks import RequestCase, applies_to, registrar, request_check
from policy.decision import Decision, Finding
from policy.kinds import NOTICE_WORDS, Params, define, describer
from policy.params import Categories, Cents, Materials
from policy.periods import term_name, term_of
from policy.profile import Profile, Rule

ON_EVENT = "fee.on_event"
AHEAD = "ahead"  # a finding's data: told before it happens, in the rule's `answer` words
LENDER_POLICY = "fee.lender_policy"
OVER_STATED_MAXIMUM = "fee.over_stated_maximum"
EndStatus = Literal[
    "returned", "completed", "cancelled", "unfilled", "unclaimed", "expired", "lost"
]  # fmt: skip
REFUNDED: tuple[EndStatus, ...] = ("unfilled", "cancelled")  # refund_if when the rule says none
# How far along its way a request is: an event is reached once any later step was (staff may
# record `arrived` straight after `sent`: the item was shipped all the same).
STAGES = {
    "submitted": 0, "awaiting_approval": 0, "sent": 1, "shipped": 2, "ready": 3,
    "delivered": 3, "checked_out": 4, "renewal_requested": 4,
}  # fmt: skip
EVENT_STAGES = {"recorded": 0, "sent": 1, "shipped": 2, "arrived": 3, "checked_out": 4}
EVENT_WORDS = {
    "recorded": "when a request is recorded",
    "sent": "when a request is sent to a lender",
    "shipped": "when the lender ships the item",
    "arrived": "when the item arrives",
    "checked_out": "when the patron checks the item out",
}


class EventFee(Params):
    """fee.on_event: `fee_cents` charged when a request reaches `event`, refunded if unfilled."""

    event: Annotated[
        Literal["recorded", "sent", "shipped", "arrived", "checked_out"],
        Field(description="the step that charges the fee"),
    ]
    fee_cents: Cents
    refund_if: Annotated[
        list[EndStatus],
        Field(description='end statuses that give the fee back, like ["unfilled"]'),
    ] = Field(default_factory=lambda: list(REFUNDED))
    exempt: Categories = Field(default_factory=list)
    materials: Materials = Field(default_factory=list)


class LenderPolicy(Params):
    """fee.lender_policy: which lender charges the library accepts on the patron's behalf."""

    accept: Annotated[
        Literal["free_only", "ask", "up_to"],
        Field(description="free_only, ask (the patron approves any charge) or up_to (max_cents)"),
    ]
    max_cents: Cents | None = None

    @model_validator(mode="after")
    def _ceiling_with_up_to(self) -> LenderPolicy:
        if self.accept == "up_to" and self.max_cents is None:
            raise ValueError('accept = "up_to" needs max_cents (the most accepted without asking)')
        if self.accept != "up_to" and self.max_cents is not None:
            raise ValueError('max_cents is only for accept = "up_to"')
        return self


# A fee on `recorded` is told in the request's reply; every other, and refunds, in notices.
define(
    ON_EVENT, EventFee, ("fee",), notices=("fee_charged", "fee_refunded"), sometimes=NOTICE_WORDS
)
# Governs lender charges; shown in the fee_ask notice (a refused charge is staff's to tell).
define(LENDER_POLICY, LenderPolicy, ("fee",), notices=("fee_ask",), words=NOTICE_WORDS)


def event_fee(rule: Rule) -> EventFee:
    """Return a fee.on_event rule's parameters, defaults filled in."""
    fields = {k: v for k, v in rule.params.items() if k in EventFee.model_fields}
    return EventFee.model_validate(fields)


def event_fee_applies(rule: Rule, category: str, material: str) -> bool:
    """Tell whether a fee.on_event rule charges this patron category for this material."""
    params = event_fee(rule)
    if category in params.exempt or not applies_to(rule, category):
        return False
    return not params.materials or material in params.materials


def event_reached(rule: Rule, statuses: Iterable[str]) -> bool:
    """Tell whether a request whose history went through `statuses` reached the rule's event."""
    stage = EVENT_STAGES[event_fee(rule).event]
    return stage == 0 or max((STAGES.get(s, -1) for s in statuses), default=-1) >= stage


def refunds_on(rule: Rule, status: str) -> bool:
    """Tell whether ending in `status` gives the rule's fee back."""
    return status in event_fee(rule).refund_if


@request_check(ON_EVENT, stage=97)
def recorded_fee(rule: Rule, case: RequestCase) -> Finding | None:
    """Charge a fee.on_event fee whose event is `recorded` with the request (in its reply);
    a fee charged at a later step is told ahead, as a note in the same reply."""
    if not event_fee_applies(rule, case.patron.category, case.item.material):
        return None
    fee_cents = event_fee(rule).fee_cents
    if event_fee(rule).event != "recorded":
        # Charged when staff record the step (handlers/fees.py); the patron hears of it now,
        # in the rule's answer words ("… pay $3.00 a request when it is sent to a lender").
        return Finding(rule, "note", {"fee_cents": fee_cents, AHEAD: True})
    return Finding(rule, "fee", {"fee_cents": fee_cents})


@request_check("fee.per_term", stage=95)
def per_term_fee(rule: Rule, case: RequestCase) -> Finding | None:
    """Charge `fee_cents` from the patron's request after the `free` ones of the term."""
    params = rule.params
    if case.patron.category in params["exempt"] or case.item.material in params["excluded"]:
        return None
    start, end = term_of(case.today, params["terms"])
    count = case.ledger.requests_recorded(
        case.patron.id, start, end, exclude_materials=tuple(params["excluded"])
    )
    if count < int(params["free"]):
        return None
    term = term_name(case.today, params["terms"])
    return Finding(
        rule, "fee", {"fee_cents": int(params["fee_cents"]), "count": str(count), "term": term}
    )


@request_check("fee.pass_through", stage=96)
def pass_through_notice(rule: Rule, case: RequestCase) -> Finding | None:
    """Tell the patron up front that they will pay the lender's whole charge for this item."""
    exempt = case.patron.category in rule.params["exempt"]
    if case.item.material in rule.params["materials"] and not exempt:
        return Finding(rule, "note", {"material": case.item.material})
    return None


@dataclass(frozen=True)
class FeeCase:
    """A lender's charge staff recorded, and what the patron agreed to pay."""

    profile: Profile
    category: str
    material: str
    amount_cents: int
    max_cost_cents: int | None


FeeCheck = Callable[[Rule, FeeCase], Finding | None]
FEE_CHECKS: dict[str, FeeCheck] = {}


fee_check = registrar(FEE_CHECKS)  # lender-charge checks


@fee_check("fee.pass_through")
def pass_through(rule: Rule, case: FeeCase) -> Finding | None:
    """The patron owes the whole charge for these materials (unless exempt)."""
    if case.material not in rule.params["materials"]:
        return None
    owed = 0 if case.category in rule.params["exempt"] else case.amount_cents
    return Finding(rule, "fee", {"fee_cents": owed})


@fee_check("fee.lender_cap")
def lender_cap(rule: Rule, case: FeeCase) -> Finding | None:
    """The library absorbs up to `cap_cents`; the patron owes the rest (unless exempt)."""
    if case.material in rule.params["excluded"]:
        return None
    if case.category in rule.params["exempt"]:
        owed = 0
    else:
        owed = max(0, case.amount_cents - int(rule.params["cap_cents"]))
    return Finding(rule, "fee", {"fee_cents": owed, "cap_cents": int(rule.params["cap_cents"])})


@fee_check("fee.authorized")
def authorized(rule: Rule, case: FeeCase) -> Finding | None:
    """The charge is passed on; above the patron's stated maximum it waits for their yes."""
    if case.max_cost_cents is not None and case.amount_cents <= case.max_cost_cents:
        return Finding(rule, "fee", {"fee_cents": case.amount_cents, "within": True})
    return Finding(rule, "hold", {"fee_cents": case.amount_cents, "reason": "fee_approval"})


def evaluate_fee(case: FeeCase) -> Decision:
    """Decide what the patron owes of a lender's charge, or that they must approve it first.

    The library's share rules say who pays; a fee.lender_policy rule then says whether the
    charge is accepted as it is, asked of the patron, or refused (staff find a free lender).
    """
    share = _share(case)
    policy = next(
        (r for r in case.profile.rules_checking(LENDER_POLICY) if applies_to(r, case.category)),
        None,
    )
    if policy is None or share.outcome == "pending" or case.amount_cents == 0:
        return _within_stated_maximum(case, share)
    return _within_stated_maximum(case, _accept(policy, case, share))


def _within_stated_maximum(case: FeeCase, decided: Decision) -> Decision:
    """Hold a charge the patron would owe above the most they said they would pay.

    A library's own rule may already ask (fee.authorized, a lender policy); where none does,
    the patron's stated maximum still stands: "up to $10" is not consent to $15.
    """
    owed, most = decided.fee_cents, case.max_cost_cents
    if decided.outcome != "accepted" or most is None or owed <= most:
        return decided
    rule = next(iter(case.profile.rules_checking(OVER_STATED_MAXIMUM)), None)
    if rule is None:
        return decided
    finding = Finding(rule, "hold", {"fee_cents": owed, "reason": "fee_approval"})
    return Decision("pending", (*decided.findings, finding), fee_cents=owed)


def _share(case: FeeCase) -> Decision:
    for rule in case.profile.rules:
        check = FEE_CHECKS.get(rule.check)
        finding = check(rule, case) if check and applies_to(rule, case.category) else None
        if finding is None:
            continue
        owed = int(finding.data["fee_cents"])
        outcome = "pending" if finding.effect == "hold" else "accepted"
        return Decision(outcome, (finding,), fee_cents=owed)
    # No rule of the library's own: the charge is passed on as it is.
    return Decision("accepted", (), fee_cents=case.amount_cents)


def _accept(policy: Rule, case: FeeCase, share: Decision) -> Decision:
    """Apply the lender-charge policy to a charge whose share is decided."""
    params = LenderPolicy.model_validate(
        {k: v for k, v in policy.params.items() if k in LenderPolicy.model_fields}
    )
    owed = share.fee_cents
    if params.accept == "free_only":
        # The patron is never charged: staff look for a lender that lends free.
        return Decision("refused", (Finding(policy, "refuse", {"fee_cents": 0}),), fee_cents=0)
    agreed = case.max_cost_cents is not None and owed <= case.max_cost_cents
    above = params.accept == "ask" or case.amount_cents > (params.max_cents or 0)
    if owed > 0 and above and not agreed:
        finding = Finding(policy, "hold", {"fee_cents": owed, "reason": "fee_ask"})
        return Decision("pending", (*share.findings, finding), fee_cents=owed)
    return share


@describer(ON_EVENT)
def _describe_event_fee(rule: Rule, profile: Profile) -> str:
    from policy import describe as say  # it imports the engine, which imports this module

    params = event_fee(rule)
    which = f" for {say.materials(params.materials, 'or')}" if params.materials else ""
    refund = say.listed(params.refund_if, "or")
    return say.sentence(
        f"Charges {say.dollars(params.fee_cents)}{which} {EVENT_WORDS[params.event]}, and tells"
        " the patron" + say.exempt(profile, {"exempt": params.exempt}, "pay nothing"),
        f"gives it back, and says so, if the request ends {refund}" if refund else "never refunded",
    )


@describer(LENDER_POLICY)
def _describe_lender_policy(rule: Rule, profile: Profile) -> str:
    from policy import describe as say  # it imports the engine, which imports this module

    params = LenderPolicy.model_validate(
        {k: v for k, v in rule.params.items() if k in LenderPolicy.model_fields}
    )
    if params.accept == "free_only":
        return say.sentence(
            "Borrows only from lenders that lend free: a lender's charge staff record is refused"
            " with a note to find a free lender, and the patron is never charged"
        )
    if params.accept == "ask":
        return say.sentence(
            "Asks the patron to approve their share of any lender's charge before the request"
            " goes on (a maximum they gave when asking counts as approval up to that amount);"
            " a no cancels the request"
        )
    return say.sentence(
        f"Accepts a lender's charge up to {say.dollars(params.max_cents)} without asking; above"
        " that the patron approves their share first (a maximum they gave counts), a no cancels"
    )
