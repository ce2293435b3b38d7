"""What a patron pays: service charges at request time, lender charges when staff record them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policy.checks import RequestCase, registrar, request_check
from policy.decision import Decision, Finding
from policy.periods import term_name, term_of
from policy.profile import Profile, Rule


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
    """Decide what the patron owes of a lender's charge, or that they must approve it first."""
    for rule in case.profile.rules:
        check = FEE_CHECKS.get(rule.check)
        finding = check(rule, case) if check else None
        if finding is None:
            continue
        owed = int(finding.data["fee_cents"])
        outcome = "pending" if finding.effect == "hold" else "accepted"
        return Decision(outcome, (finding,), fee_cents=owed)
    # No rule of the library's own: the charge is passed on as it is.
    return Decision("accepted", (), fee_cents=case.amount_cents)
