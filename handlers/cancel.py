"""`cancel`: always asks yes or no first, because a cancel cannot be undone."""

from __future__ import annotations

from collections.abc import Sequence

from handlers import conversation, targets
from handlers.renew import loan_facts
from handlers.turn import Turn, explain
from policy.checks import LoanCase
from policy.engine import evaluate_cancel
from store.models import IllRequest
from store.requests import change_status, open_requests, patron_request
from templates.i18n import _


def handle(turn: Turn) -> None:
    """Find the request meant, check it may be cancelled, and ask for confirmation."""
    entities = turn.reading.entities
    if len(entities.refs) > 1:
        _several(turn)
        return
    mine = open_requests(turn.session, turn.patron.id)
    if entities.every and len(mine) > 1 and not targets.names_one(turn):
        _every(turn, mine)  # "cancel both", "cancel all my requests": asked once, all named
        return
    request = targets.resolve(turn, "cancel", mine)
    if request is not None:
        offer(turn, request)


def _several(turn: Turn) -> None:
    """Refuse the unknown and the kept of several named requests; ask once about the rest."""
    allowed: list[IllRequest] = []

    def collect(turn: Turn, request: IllRequest) -> None:
        if not _refused(turn, request, intent="cancel"):
            allowed.append(request)

    targets.each_named(turn, "cancel", collect)
    _ask_all(turn, allowed)


def _every(turn: Turn, mine: Sequence[IllRequest]) -> None:
    """Refuse those policy keeps of every open request; ask once about the rest."""
    allowed = [r for r in mine if not _refused(turn, r, intent="cancel")]
    _ask_all(turn, allowed)


def _ask_all(turn: Turn, allowed: list[IllRequest]) -> None:
    """Ask "cancel these? yes/no" once about the requests that may be cancelled."""
    if len(allowed) == 1:
        offer(turn, allowed[0])
    elif allowed:
        first, ids = allowed[0], [r.id for r in allowed]
        conversation.ask(
            turn.conversation, "confirm_cancel", turn.inbound.at, request=first.id, requests=ids
        )
        turn.reply(
            "cancel_confirm",
            intent="cancel",
            outcome="needs_info",
            request_id=first.id,
            request_ids=tuple(ids),
            status=first.status,
            name=_listed([targets.describe(r) for r in allowed]),
        )


def _listed(names: list[str]) -> str:
    """Name several requests in the patron's language: "ILL-1, ILL-2 and ILL-3"."""
    return _("%(some)s and %(last)s", some=", ".join(names[:-1]), last=names[-1])


def offer(turn: Turn, request: IllRequest) -> None:
    """Refuse with the rule, or ask "cancel ILL-n? yes/no" and remember the question."""
    if _refused(turn, request, intent="cancel"):
        return
    conversation.ask(turn.conversation, "confirm_cancel", turn.inbound.at, request=request.id)
    _reply(turn, "cancel_confirm", request, intent="cancel", outcome="needs_info")


def confirm(turn: Turn, request_id: int, yes: bool) -> None:
    """Carry out or drop a cancel the patron was asked to confirm."""
    conversation.settle(turn.conversation, turn.inbound.at)
    request = patron_request(turn.session, turn.patron.id, request_id)
    if request is None:
        return
    if not yes:
        _reply(turn, "cancel_kept", request, intent="confirm", outcome="done")
        return
    # The request may have moved on since the question was asked: check again.
    if _refused(turn, request, intent="confirm"):
        return
    actor = f"patron:{turn.patron.id}"
    change_status(
        turn.session, request, "cancelled", at=turn.inbound.at, actor=actor, action="cancel"
    )
    _reply(turn, "cancel_done", request, intent="confirm", outcome="done")


def _refused(turn: Turn, request: IllRequest, *, intent: str) -> bool:
    """Answer with the rule and return True when policy does not allow the cancel."""
    case = LoanCase(turn.profile, turn.patron_facts, loan_facts(request), turn.today)
    decision = evaluate_cancel(case)
    if decision.outcome != "refused":
        return False
    conversation.settle(turn.conversation, turn.inbound.at)
    conversation.remember_refusal(turn.conversation, list(decision.rules), request.ref)
    turn.reply(
        "cancel_refused",
        intent=intent,
        outcome="refused",
        request_id=request.id,
        status=request.status,
        rules=decision.rules,
        reason=explain(decision.findings[0], request, profile=turn.profile, today=turn.today),
    )
    return True


def _reply(turn: Turn, template: str, request: IllRequest, *, intent: str, outcome: str) -> None:
    turn.reply(
        template,
        intent=intent,
        outcome=outcome,
        request_id=request.id,
        status=request.status,
        name=targets.describe(request),
    )
