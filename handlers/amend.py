"""Change a request still waiting for staff: "make ILL-3 the audiobook", "by Jan 5 instead".

Only a request not yet sent to a lender may change (submitted, or waiting for an approval);
the changed item is checked again against the rules that depend on what it is (the material,
local holdings, a duplicate of another request). The change is kept in the request's
history, the patron is told, and the staff thread gets the patron's words (handlers/queue.py).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers import conversation, revise, targets
from handlers.changes import Change, read_change
from handlers.drafts import Draft, identified, item_facts
from handlers.turn import Turn, explain
from handlers.understand import Item
from policy.checks import REQUEST_CHECKS, RequestCase
from policy.decision import Answers, Finding
from store.ledger import StoreLedger
from store.models import IllRequest
from store.requests import change_status, open_requests, patron_request

CHANGEABLE = frozenset({"submitted", "awaiting_approval"})
# The checks a different item or date may fail or warn about; limits and counts already hold
# this request, and a duplicate of itself is no duplicate.
RECHECKED = frozenset(
    {
        "eligibility.materials",
        "material.refuse",
        "holdings.local",
        "holdings.status",
        "request.duplicate",
        "warn.need_by_short",
    }
)
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
    """Change one request if it may still change, and say what changed."""
    name = targets.describe(request)
    if request.status not in CHANGEABLE:
        _refuse(turn, request, name)
        return
    draft = Draft((item_of(request),), _answers(request), format=request.format)
    updated, said = revise.apply(draft, change)
    if not said:
        turn.reply(
            "change_nothing", intent="change", outcome="done", request_id=request.id,
            status=request.status, name=name, entities={"ref": request.ref},
        )  # fmt: skip
        return
    item = updated.items[0]
    findings = _findings(turn, request, item, updated.answers)
    refusal = next((f for f in findings if f.effect == "refuse"), None)
    if refusal is not None:
        _refuse(
            turn,
            request,
            name,
            explain(refusal, request, profile=turn.profile),
            rules=(refusal.rule.id,),
        )
        return
    _write(turn.session, request, item, updated)
    change_status(
        turn.session,
        request,
        request.status,
        at=turn.inbound.at,
        actor=f"patron:{turn.patron.id}",
        action="changed",
        note="; ".join(said),
    )
    warned = [f for f in findings if f.effect == "warn" and _new_date(f, draft)]
    turn.reply(
        "request_changed",
        intent="change",
        outcome="done",
        request_id=request.id,
        status=request.status,
        rules=tuple(f.rule.id for f in warned),
        entities=_entities(request),
        name=name,  # as the patron knew it before the change
        changed=said,
        notes=[explain(f, request, profile=turn.profile) for f in warned],
    )


def item_of(request: IllRequest) -> Item:
    """Describe a recorded request as the item it asks for."""
    return Item(
        isbn=request.isbn,
        issn=request.issn,
        doi=request.doi,
        pmid=request.pmid,
        title=request.title,
        author=request.author,
        journal=request.journal,
        year=request.year,
        material=request.material,
        authors=request.authors,
        volume=request.volume,
        issue=request.issue,
        pages=request.pages,
        edition=request.edition,
        chapter=request.chapter,
    )


def _answers(request: IllRequest) -> Answers:
    return Answers(need_by=request.need_by, max_cost_cents=request.max_cost_cents)


def _findings(turn: Turn, request: IllRequest, item: Item, answers: Answers) -> list[Finding]:
    """Run the checks a changed item may fail, in the engine's order."""
    case = RequestCase(
        profile=turn.profile,
        patron=turn.patron_facts,
        item=item_facts(item),
        answers=answers,
        today=turn.today,
        ledger=StoreLedger(turn.session),
    )
    rules = [r for r in turn.profile.rules if r.check in RECHECKED and r.check in REQUEST_CHECKS]
    rules.sort(key=lambda r: REQUEST_CHECKS[r.check][0])
    found = [finding for r in rules if (finding := REQUEST_CHECKS[r.check][1](r, case))]
    return [f for f in found if not _itself(f, request)]


def _itself(finding: Finding, request: IllRequest) -> bool:
    """Tell whether a duplicate finding only found the request being changed."""
    return finding.rule.check == "request.duplicate" and finding.data.get("ref") == request.ref


def _new_date(finding: Finding, before: Draft) -> bool:
    """Tell whether a warning is about a need-by date this change set (an old one was told)."""
    said = finding.data.get("need_by")
    old = before.answers.need_by
    return not said or old is None or said != old.isoformat()


def _write(session: Session, request: IllRequest, item: Item, draft: Draft) -> None:
    facts = item_facts(item)
    for name in ("title", "author", "isbn", "issn", "doi", "pmid", "journal", "year"):
        setattr(request, name, getattr(item, name))
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
    for name in ("title", "author", "edition", "chapter", "pages"):
        value = getattr(request, name)
        if value:
            out[name] = value
    if request.need_by:
        out["need_by"] = request.need_by.isoformat()
    if request.max_cost_cents is not None:
        out["max_cost"] = request.max_cost_cents / 100
    return out
