"""Change a request still waiting for staff: "make ILL-3 the audiobook", "by Jan 5 instead".

Only a request not yet sent to a lender may change (submitted, or waiting for an approval);
the changed request is checked again against the rules the change touches (handlers/recheck.py:
a different item meets the item rules, a new need-by date the need-by rules). The change is
kept in the request's history, the patron is told, and the staff thread gets the patron's words
(handlers/queue.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from handlers import conversation, recheck, revise, targets
from handlers.changes import Change, read_change
from handlers.drafts import Draft, identified, item_facts
from handlers.human import escalation_context
from handlers.item_names import title_of
from handlers.request import CAUTION
from handlers.turn import Turn, explain
from handlers.understand import Item
from policy.decision import Finding
from store.models import IllRequest
from store.requests import change_status, open_requests, patron_request
from templates.i18n import SOURCE, _, current, speaking

CHANGEABLE = frozenset({"submitted", "awaiting_approval"})
item_of = recheck.item_of  # a recorded request as the item it asks for
# Intents a correction may be read as; the reader has no intent of its own for "change".
CORRECTABLE = frozenset({"unknown", "smalltalk", "request", "no"})


def wanted(turn: Turn) -> Change | None:
    """Return the change a message asks of a request already made, or None if it asks none."""
    reading = turn.reading
    if reading.intent not in CORRECTABLE:
        return None
    if any(identified(i) for i in reading.entities.items):
        return None  # an identifier is a new item: a new request
    change = read_change(reading, in_draft=False)
    if change and not change.cued and _added_cost(turn, change):
        change = replace(change, cued=True)  # "I can pay up to $20", just after asking
    if not change or not change.cued:
        return None
    named = [i.title for i in reading.entities.items if i.title and i.title != change.title]
    if reading.intent == "request" and named:
        return None  # "actually, get me Deep Work instead" asks for another item
    numbered = reading.entities.ref is not None or bool(reading.entities.refs)
    mine = open_requests(turn.session, turn.patron.id)
    # "I meant X, not Y" about a request already with a lender: the patron hears it can't change.
    replaced = bool(change.replaces and targets.by_hint(mine, change.replaces))
    if numbered or replaced or any(r.status in CHANGEABLE for r in mine):
        return change
    return None


def _added_cost(turn: Turn, change: Change) -> bool:
    """Tell whether a message that only names the most the patron will pay is about the request
    this conversation recorded last, still waiting for staff ("up to 20 bucks is fine")."""
    only_cost = change.max_cost is not None and not any(
        value is not None for key, value in vars(change).items() if key not in ("max_cost", "cued")
    )
    if not only_cost or "?" in turn.reading.text:
        return False
    last = turn.conversation.data.get(conversation.LAST_REQUEST)
    request = patron_request(turn.session, turn.patron.id, last) if isinstance(last, int) else None
    return request is not None and request.status in CHANGEABLE


def handle(turn: Turn, change: Change) -> None:
    """Find the request meant and change it, or ask which one."""
    request = _target(turn, change)
    if request is not None:
        apply(turn, request, change)


def _target(turn: Turn, change: Change) -> IllRequest | None:
    entities = turn.reading.entities
    number = entities.ref if entities.ref is not None else next(iter(entities.refs), None)
    number = number if number is not None else turn.inbound.about_request
    if number is not None:
        request = patron_request(turn.session, turn.patron.id, number)
        if request is None:
            exists = turn.session.get(IllRequest, number) is not None
            rule = "common.request.not_own" if exists else "common.request.unknown_ref"
            targets.unknown_ref(turn, "change", f"ILL-{number}", rule)
        return request
    everything = open_requests(turn.session, turn.patron.id)
    mine = [r for r in everything if r.status in CHANGEABLE]
    for hint in (change.replaces, entities.ref_hint):
        found = targets.by_hint(everything, hint) if hint else []
        if len(found) == 1:
            return found[0]  # one already sent is refused with the reason
    last = turn.conversation.data.get(conversation.LAST_REQUEST)
    recent = [r for r in mine if r.id == last]
    # "not Y" naming none of them: the patron means something, but not clearly which.
    if not change.replaces and (recent or len(mine) == 1):
        return (recent or mine)[0]
    targets.ask_which(turn, "change", mine)
    conversation.remember(turn.conversation, change=change.to_data())
    return None


def apply(turn: Turn, request: IllRequest, change: Change) -> None:
    """Change one request if it may still change, and say what changed.

    The changed request meets again the rules the change touches (handlers/recheck.py): a
    refusal leaves it as it was and says why in the rule's words; a hold sends it to staff for
    an approval; a warning is a caution beside the change.
    """
    name = targets.describe(request)
    if request.status not in CHANGEABLE:
        _refuse(turn, request, name)
        return
    before = Draft((item_of(request),), recheck.answers_of(request), format=request.format)
    updated, said = revise.apply(before, change, turn.today)
    if not said:
        turn.reply(
            "change_nothing", intent="change", outcome="done", request_id=request.id,
            status=request.status, name=name, entities={"ref": request.ref},
        )  # fmt: skip
        return
    item = recheck.dated(before.items[0], updated.items[0])
    updated = replace(updated, items=(item,))
    findings = recheck.findings(turn, request, before, updated)
    refusal = next((f for f in findings if f.effect == "refuse"), None)
    if refusal is not None:
        reason = explain(refusal, request, profile=turn.profile, today=turn.today)
        _refuse(turn, request, name, reason, rules=(refusal.rule.id,))
        return
    _write(turn.session, request, item, updated)
    hold = next((f for f in findings if f.effect == "hold"), None)
    change_status(
        turn.session,
        request,
        "awaiting_approval" if hold else request.status,
        at=turn.inbound.at,
        actor=f"patron:{turn.patron.id}",
        action="changed",
        note="; ".join(_history(before, change, turn)),
    )
    _changed(turn, request, name, said, hold, [f for f in findings if f.effect == "warn"])


def _changed(
    turn: Turn,
    request: IllRequest,
    name: str,
    said: list[str],
    hold: Finding | None,
    warned: list[Finding],
) -> None:
    """Say what changed, with any caution; a held change also says it waits for an approval."""
    rules = tuple(dict.fromkeys(f.rule.id for f in ([hold] if hold else []) + warned))
    fields: dict[str, Any] = {
        "request_id": request.id,
        "status": request.status,
        "rules": rules,
        "entities": _entities(request),
        "name": name,  # as the patron knew it before the change
        "changed": said,
        "notes": [_caution(turn, f, request) for f in warned],
    }
    if hold is None:
        turn.reply("request_changed", intent="change", outcome="done", **fields)
        return
    held = explain(hold, request, profile=turn.profile, today=turn.today)
    turn.reply("change_held", intent="change", outcome="pending", held=held, **fields)
    _escalate(turn, request, hold, rules)


def _caution(turn: Turn, finding: Finding, request: IllRequest) -> dict[str, str]:
    """Word a warning as a caution: the change was made, so it must not read as a refusal."""
    reason = explain(finding, request, profile=turn.profile, today=turn.today)
    return {**reason, "explain": f"{_(CAUTION)} {reason['explain']}"}


def _history(before: Draft, change: Change, turn: Turn) -> list[str]:
    """What changed, in English for the request's history (staff read it), whatever was spoken."""
    if current() == SOURCE:
        return revise.apply(before, change, turn.today)[1]
    with speaking(SOURCE):
        return revise.apply(before, change, turn.today)[1]


def _escalate(turn: Turn, request: IllRequest, hold: Finding, rules: tuple[str, ...]) -> None:
    """Ask staff to approve a changed request a rule holds, as for a new one."""
    turn.escalate(
        "escalation_approval",
        request_id=request.id,
        rules=rules,
        status=request.status,
        ref=request.ref,
        title=title_of(item_of(request)),
        material=request.material,
        reason=hold.rule.summary,
        hold=str(hold.data.get("reason", "")),
        **escalation_context(turn),
    )


def _write(session: Session, request: IllRequest, item: Item, draft: Draft) -> None:
    facts = item_facts(item)
    for name in ("title", "author", "isbn", "issn", "doi", "pmid", "journal", "year"):
        setattr(request, name, getattr(item, name))
    # The publication date to the day, as the engine read it (a month only with a year).
    request.published_month = facts.month
    request.published_day = facts.day
    for name in ("authors", "pages", "edition", "chapter"):
        setattr(request, name, getattr(item, name))
    request.material = facts.material
    request.item_key = facts.item_key
    request.journal_key = facts.journal_key
    request.format = draft.format
    request.need_by = draft.answers.need_by
    request.max_cost_cents = draft.answers.max_cost_cents
    session.flush()


def _refuse(
    turn: Turn,
    request: IllRequest,
    name: str,
    reason: dict[str, str] | None = None,
    rules: tuple[str, ...] = (),
) -> None:
    if rules:
        conversation.remember_refusal(turn.conversation, list(rules), request.ref)
    turn.reply(
        "change_refused",
        intent="change",
        outcome="refused",
        request_id=request.id,
        status=request.status,
        rules=rules,
        entities={"ref": request.ref},
        name=name,
        now=request.status,  # `status` is the output's own field, not the template's
        reason=reason or {},
    )


def _entities(request: IllRequest) -> dict[str, object]:
    out: dict[str, object] = {"ref": request.ref, "material": request.material}
    for name in ("title", "author", "year", "edition", "chapter", "pages"):
        value = getattr(request, name)
        if value:
            out[name] = value
    if request.need_by:
        out["need_by"] = request.need_by.isoformat()
    if request.max_cost_cents is not None:
        out["max_cost"] = request.max_cost_cents / 100
    return out
