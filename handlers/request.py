"""`request`: get an item from another library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from handlers import conversation
from handlers.drafts import (
    Draft,
    entities_out,
    identified,
    item_facts,
    material_of,
    record_fields,
)
from handlers.human import escalation_context
from handlers.item_names import details, title_of
from handlers.turn import Turn, explain
from handlers.understand import Item
from policy.checks import RequestCase
from policy.decision import Decision, Finding
from policy.engine import evaluate_request
from store.ledger import StoreLedger
from store.models import IllRequest
from store.requests import record_request
from templates.i18n import N_, _

CAUTION = N_("Please note:")


@dataclass(frozen=True)
class Result:
    """One item's decision, and the request recorded for it if any."""

    item: Item
    decision: Decision
    request: IllRequest | None = None


def handle(turn: Turn) -> None:
    """Start a request from what the message names."""
    entities = turn.reading.entities
    if entities.bad_isbn and not entities.items:
        turn.reply(
            "check_isbn",
            intent="request",
            outcome="needs_info",
            isbn=entities.bad_isbn,
            entities={"isbn": entities.bad_isbn},
        )
        return
    # An item is something named: a title, an identifier or a journal ("make it the audiobook"
    # with nothing to change names none).
    named = tuple(i for i in entities.items if i.title or i.journal or identified(i))
    draft = Draft(named).with_entities(entities).with_text(turn.reading.text)
    if not draft.items:
        conversation.ask(
            turn.conversation, "draft", turn.inbound.at, asking="item", **draft.to_data()
        )
        turn.reply(
            "ask_item", intent="request", outcome="needs_info", entities=entities_out(entities)
        )
        return
    start(turn, draft)


def start(turn: Turn, draft: Draft) -> None:
    """Go on with a new draft: show it first when the reading is unsure, else decide it."""
    from handlers import confirm  # confirm goes on through proceed, below

    if _past_need_by(turn, draft):
        return
    if confirm.needs_confirm(turn.reading, draft):
        confirm.show(turn, draft)
    else:
        proceed(turn, draft)


def _past_need_by(turn: Turn, draft: Draft) -> bool:
    """Ask again when the need-by date given has already passed ("by Aug 3" on Sept 1).

    It is never moved to next year silently: the patron says which date they mean.
    """
    past = turn.reading.entities.past_date
    if past is None or draft.answers.need_by is not None:
        return False
    data = draft.to_data()
    conversation.ask(turn.conversation, "draft", turn.inbound.at, asking="need_by", **data)
    turn.reply(
        "ask_past_need_by",
        intent="request",
        outcome="needs_info",
        entities=entities_out(turn.reading.entities, draft),
        title=title_of(draft.items[0]),
        past=past.isoformat(),
    )
    return True


def proceed(
    turn: Turn, draft: Draft, noted: tuple[str, ...] = (), changed: Sequence[str] = ()
) -> None:
    """Decide every item of a draft: ask what is missing, else record and confirm.

    `noted` names rules the conversation already satisfied (a registration form just filled in);
    `changed` says what the patron's last message changed, to say so first.
    """
    decisions = [_decide(turn, draft, item) for item in draft.items]
    asking = next((d for d in decisions if d.outcome == "needs_info"), None)
    if asking is not None:
        _ask(turn, draft, decisions, asking, changed)
        return
    results: list[Result] = []
    for item, decision in zip(draft.items, decisions, strict=True):
        if any(r.request is not None for r in results):
            # Each recorded item counts for the next: decided again once one is recorded.
            decision = _decide(turn, draft, item)
        request = (
            _record(turn, draft, item, decision)
            if decision.outcome in ("accepted", "pending")
            else None
        )
        results.append(Result(item, decision, request))
        if request is not None:
            conversation.remember_request(turn.conversation, request.id)
    # Settled after recording: the conversation's row is then written once, with the reply.
    conversation.settle(turn.conversation, turn.inbound.at)
    _confirm(turn, draft, results, noted, changed)


def _decide(turn: Turn, draft: Draft, item: Item) -> Decision:
    case = RequestCase(
        profile=turn.profile,
        patron=turn.patron_facts,
        item=item_facts(item),
        answers=draft.answers,
        today=turn.today,
        ledger=StoreLedger(turn.session),
    )
    return evaluate_request(case)


def _ask(
    turn: Turn,
    draft: Draft,
    decisions: list[Decision],
    asking: Decision,
    changed: Sequence[str] = (),
) -> None:
    finding = asking.findings[0]
    question = str(finding.data["ask"])
    keep = tuple(i for i, d in zip(draft.items, decisions, strict=True) if d.outcome != "refused")
    refused = [
        {"item": title_of(i), **explain(d.findings[0], today=turn.today)}
        for i, d in zip(draft.items, decisions, strict=True)
        if d.outcome == "refused"
    ]
    kept = replace(draft, items=keep)
    conversation.ask(turn.conversation, "draft", turn.inbound.at, asking=question, **kept.to_data())
    turn.reply(
        f"ask_{question}",
        intent="request",
        outcome="needs_info",
        rules=asking.rules,
        entities=entities_out(turn.reading.entities, draft),
        title=title_of(keep[0]),
        refused=refused,
        says=finding.rule.says,
        fields=finding.rule.params.get("fields", []),
        missing=[],
        changed=list(changed),
    )


def _record(turn: Turn, draft: Draft, item: Item, decision: Decision) -> IllRequest:
    facts = item_facts(item)
    request = IllRequest(
        patron_id=turn.patron.id,
        library=turn.profile.id,
        category=turn.patron.category,
        material=facts.material,
        title=item.title,
        author=item.author,
        journal=item.journal,
        year=item.year,
        published_month=facts.month,
        published_day=facts.day,
        isbn=item.isbn,
        issn=item.issn,
        doi=item.doi,
        pmid=item.pmid,
        item_key=facts.item_key,
        journal_key=facts.journal_key,
        need_by=draft.answers.need_by,
        max_cost_cents=draft.answers.max_cost_cents,
        fee_cents=decision.fee_cents,
        status=decision.status,
        channel=turn.inbound.channel,
        created_at=turn.inbound.at,
        recorded_on=turn.today,
        **record_fields(item, draft, turn.reading.text),
    )
    record_request(turn.session, request, actor=f"patron:{turn.patron.id}")
    if decision.outcome == "pending":
        hold = decision.first("hold")
        turn.escalate(
            "escalation_approval",
            request_id=request.id,
            rules=decision.rules,
            status=request.status,
            ref=request.ref,
            title=title_of(item),
            material=facts.material,
            reason=hold.rule.summary if hold else "",
            hold=str(hold.data.get("reason", "")) if hold else "",
            **escalation_context(turn),
        )
    return request


def _confirm(
    turn: Turn,
    draft: Draft,
    results: list[Result],
    noted: tuple[str, ...],
    changed: Sequence[str] = (),
) -> None:
    recorded = [r.request for r in results if r.request is not None]
    split = turn.profile.rules_checking("request.one_item") if len(results) > 1 else ()
    decided = (rule for r in results for rule in r.decision.rules)
    rules = tuple(dict.fromkeys((*noted, *decided, *(r.id for r in split))))
    single = recorded[0] if len(results) == 1 and recorded else None
    if len(results) == 1:
        outcome = results[0].decision.outcome
    else:
        outcome = "accepted" if recorded else "refused"
    if outcome == "refused":
        conversation.remember_refusal(turn.conversation, list(rules), None)
    turn.reply(
        "request_result",
        intent="request",
        outcome=outcome,
        rules=rules,
        request_id=single.id if single else None,
        request_ids=tuple(r.id for r in recorded) if len(results) > 1 else (),
        status=single.status if single else None,
        fee_cents=sum(r.fee_cents for r in recorded) if recorded else None,
        entities=entities_out(turn.reading.entities, draft),
        lines=[_line(turn, r) for r in results],
        need_by=draft.answers.need_by.isoformat() if draft.answers.need_by else "",
        registered=bool(noted),
        split=[explain(Finding(r, "note"), today=turn.today) for r in split],
        changed=list(changed),
    )


def _line(turn: Turn, result: Result) -> dict[str, object]:
    request, decision = result.request, result.decision
    material = material_of(result.item)
    estimate_key = "article" if material in ("article", "chapter") else "book"
    # "Done: I've requested Lessons in Chemistry (large print)": what was recorded; a refusal
    # names the material in its own words.
    told = details(result.item, material) if decision.outcome != "refused" else ""
    return {
        "title": f"{title_of(result.item)} ({told})" if told else title_of(result.item),
        "ref": request.ref if request else "",
        "outcome": decision.outcome,
        "fee": decision.fee_cents,
        "copies": request.copies if request else None,
        "estimate": turn.profile.words(turn.language).delivery.get(estimate_key, ""),
        "reasons": [_reason(f, request, decision, turn) for f in _worded(decision)],
    }


def _reason(
    finding: Finding, request: IllRequest | None, decision: Decision, turn: Turn
) -> dict[str, str]:
    """Explain one finding; on a request that goes ahead a warning reads as a caution.

    A rule that only warns must never sound like a refusal beside "Done: I've requested …".
    """
    reason = explain(finding, request, profile=turn.profile, today=turn.today)
    if finding.effect == "warn" and decision.outcome in ("accepted", "pending"):
        reason = {**reason, "explain": f"{_(CAUTION)} {reason['explain']}"}
    return reason


def _worded(decision: Decision) -> list[Finding]:
    """Return the findings to explain; a library's own rule speaks for the common one."""
    replaced = {f.data.get("with") for f in decision.findings}
    return [f for f in decision.findings if f.rule.id not in replaced]
