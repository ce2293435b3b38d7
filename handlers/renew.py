"""`renew`: keep a loan longer; the lender decides, staff record the answer."""

from __future__ import annotations

from handlers import conversation, targets
from handlers.turn import Turn, explain
from policy.checks import LoanCase
from policy.decision import LoanFacts
from policy.engine import evaluate_renewal
from store.models import IllRequest
from store.requests import change_status, open_requests

ON_LOAN = ("checked_out", "renewal_requested")


def recalled(request: IllRequest) -> bool:
    """Tell whether the lender recalled the loan (staff recorded a recall)."""
    return bool(request.recalled)


def loan_facts(request: IllRequest) -> LoanFacts:
    """Describe an existing request for the policy engine."""
    return LoanFacts(
        ref=request.ref,
        status=request.status,
        material=request.material,
        due_date=request.due_date,
        renewable=request.renewable and not recalled(request),  # a recall ends renewals
        renewals=request.renewals,
        category=request.category,
        delivered_on=request.delivered_on,
        recorded_on=request.recorded_on,
        recalled=recalled(request),
    )


def handle(turn: Turn) -> None:
    """Find the loan meant and renew it."""
    mine = open_requests(turn.session, turn.patron.id)
    entities = turn.reading.entities
    if len(entities.refs) > 1:
        targets.each_named(turn, "renew", renew)
        return
    if entities.every and not targets.names_one(turn):
        _renew_every(turn, [r for r in mine if r.status in ON_LOAN])
        return
    # Without loans, the open requests stay candidates so the refusal can say why (not on loan).
    loans = [r for r in mine if r.status in ON_LOAN] or list(mine)
    request = targets.resolve(turn, "renew", loans)
    if request is not None:
        renew(turn, request)


def _renew_every(turn: Turn, loans: list[IllRequest]) -> None:
    """ "Renew them all": ask for every loan that may be renewed; say why for the others."""
    if not loans:
        turn.reply("renew_nothing", intent="renew", outcome="refused")
        return
    for loan in loans:
        renew(turn, loan)


def renew(turn: Turn, request: IllRequest) -> None:
    """Ask the lender for a renewal of one loan, if policy allows it."""
    case = LoanCase(turn.profile, turn.patron_facts, loan_facts(request), turn.today)
    decision = evaluate_renewal(case)
    conversation.settle(turn.conversation, turn.inbound.at)
    if decision.outcome == "refused":
        finding = decision.findings[0]
        conversation.remember_refusal(turn.conversation, list(decision.rules), request.ref)
        outcome = "pending" if finding.data.get("pending") else "refused"
        turn.reply(
            "renew_refused",
            intent="renew",
            outcome=outcome,
            request_id=request.id,
            status=request.status,
            rules=decision.rules,
            reason=explain(finding, request, today=turn.today, due=_due(request)),
            # Past its due date, "return it by its due date" no longer helps: say it is overdue.
            overdue=request.due_date is not None and request.due_date < turn.today,
        )
        return
    change_status(
        turn.session,
        request,
        "renewal_requested",
        at=turn.inbound.at,
        actor=f"patron:{turn.patron.id}",
        action="renewal",
    )
    turn.reply(
        "renew_requested",
        intent="renew",
        outcome="pending",
        request_id=request.id,
        status=request.status,
        rules=decision.rules,
        ref=request.ref,
        name=targets.describe(request),
        due=request.due_date.isoformat() if request.due_date else "",
        notes=[explain(f, request, today=turn.today, due=_due(request)) for f in decision.findings],
    )


def _due(request: IllRequest) -> str:
    return request.due_date.isoformat() if request.due_date else ""
