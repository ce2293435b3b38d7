"""Answers to a question the bot asked: a need-by date, a cost, which request, yes or no.

An answer may carry more than was asked ("Oct 15, and make it the audiobook"): every detail
is kept. "Never mind" drops what is being asked; "actually make that the audiobook" and "I
meant X, not Y" change the draft in hand. A message that answers nothing returns False, and
the core treats it as a new topic or asks again.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from handlers import (
    cancel,
    confirm,
    conversation,
    fee_answer,
    fees,
    registration,
    renew,
    status,
)
from handlers.changes import Change, drops, keeps, read_change
from handlers.drafts import Draft
from handlers.request import proceed, start
from handlers.revise import apply
from handlers.targets import by_hint, holds_hint
from handlers.turn import Turn
from handlers.understand import Reading
from store.models import IllRequest
from store.requests import patron_request

OTHER_TOPICS = frozenset(
    {"status", "renew", "cancel", "help", "why", "human", "policy", "offtopic"}
)
YES_NO = frozenset({"yes", "no"})


def answer(turn: Turn) -> bool:
    """Treat the message as the answer to the current question; False if it is not one."""
    state = turn.conversation.state
    handler = {
        "draft": _draft,
        "which": _which,
        "confirm_cancel": _confirm,
        fees.FEE_STATE: _fee,
    }.get(state)
    return handler(turn) if handler else False


def reads_whole(turn: Turn) -> bool:
    """Tell whether the current question takes the whole message as its answer (a form).

    "Name: Ana Ruiz, Status: graduate student" is one answer, not a second action ("status").
    """
    data = turn.conversation.data
    if turn.conversation.state != "draft" or data.get("asking") != "registration":
        return False
    known = {str(k): str(v) for k, v in dict(data.get("form") or {}).items()}
    return bool(registration.read_answer(turn.inbound.text, known))


def answer_earlier(turn: Turn) -> bool:
    """Take a message as the answer to a question set aside, when the current one can't be.

    A bare yes or no only ever answers the current question: it names nothing else.
    """
    if turn.reading.intent in YES_NO:
        return False
    state = turn.conversation
    entries = conversation.waiting(state)
    for index in reversed(range(len(entries))):
        if not _could_answer(turn, entries[index]):
            continue
        before = (state.state, copy.deepcopy(state.data))
        conversation.resume(state, turn.inbound.at, index)
        if answer(turn):
            return True
        state.state, state.data = before
    return False


def _could_answer(turn: Turn, entry: dict[str, object]) -> bool:
    data = entry.get("data")
    if not isinstance(data, dict):
        return False
    entities = turn.reading.entities
    if entry.get("state") == "which":
        return entities.choice is not None or entities.ref is not None
    if entry.get("state") != "draft" or _names_a_request(turn.reading):
        return False
    asking = data.get("asking")
    if asking == "need_by" and (entities.need_by or entities.date):
        return True
    if asking == "max_cost" and entities.max_cost is not None:
        return True
    change = read_change(turn.reading, in_draft=True)
    return change.cued and change.item_level


def _draft(turn: Turn) -> bool:
    reading, data = turn.reading, turn.conversation.data
    asking = str(data.get("asking"))
    draft = Draft.from_data(data)
    if _drops(reading, draft):
        confirm.drop(turn, draft)
        return True
    if asking == "registration":
        return _registration(turn, draft)
    if _names_a_request(reading):
        return False  # "make ILL-1 the audiobook" is about ILL-1, not the draft in hand
    change = read_change(reading, in_draft=True)
    if reading.intent in OTHER_TOPICS and not change.cued:
        return False  # "can I keep ILL-3 until the end of the month?" answers nothing asked
    if reading.entities.items and asking != "item" and not (change.cued and change.item_level):
        return False  # a new item is a new request ("make that the audiobook" is a change)
    if asking == confirm.ASKING:
        return confirm.answer(turn, draft, change)
    if asking == "item":
        return _item(turn, draft)
    return _details(turn, draft, asking, change)


def _names_a_request(reading: Reading) -> bool:
    entities = reading.entities
    return entities.ref is not None or bool(entities.refs) or entities.ordinal is not None


def _drops(reading: Reading, draft: Draft) -> bool:
    """Tell whether the message drops the draft: "never mind", or "cancel" naming nothing else."""
    if drops(reading.text):
        return True
    if reading.intent != "cancel":
        return False
    entities = reading.entities
    if entities.ref is not None or entities.refs or entities.every or entities.ordinal:
        return False
    if not entities.ref_hint:
        return True
    # "cancel the Ostrom one": the draft's title or author holds every word of the hint
    hint = entities.ref_hint
    return any(holds_hint(hint, item.title, item.author) for item in draft.items)


def _item(turn: Turn, draft: Draft) -> bool:
    entities = turn.reading.entities
    if not entities.items:
        return False
    new = Draft(entities.items, draft.answers, draft.words, draft.format, draft.copies)
    start(turn, new.with_entities(entities).with_text(turn.reading.text))
    return True


def _details(turn: Turn, draft: Draft, asking: str, change: Change) -> bool:
    """Apply the answer to what was asked, and every other detail the message gives."""
    reading = turn.reading
    answered = _with_answer(asking, reading, draft)
    # The asked field is the answer, not a change to announce.
    besides = replace(
        change,
        need_by=None if asking == "need_by" else change.need_by,
        max_cost=None if asking == "max_cost" else change.max_cost,
    )
    updated, said = apply(answered or draft, besides, turn.today)
    if answered is None and not said:
        if reading.intent == "no":  # "no, never mind"
            confirm.drop(turn, draft)
            return True
        return False
    proceed(turn, updated.with_text(reading.text), changed=said)
    if reading.entities.every and asking in ("need_by", "max_cost"):
        _answer_the_others(turn, asking, besides)
    return True


def _answer_the_others(turn: Turn, asking: str, change: Change) -> None:
    """Give the same answer to every other draft waiting on the same question ("both by Jan 10")."""
    state = turn.conversation
    for _ in range(len(conversation.waiting(state))):
        entries = conversation.waiting(state)
        same = [i for i, e in enumerate(entries) if e["state"] == "draft"
                and e["data"].get("asking") == asking]  # fmt: skip
        if not same:
            return
        conversation.resume(state, turn.inbound.at, same[-1])
        draft = Draft.from_data(state.data)
        answered = _with_answer(asking, turn.reading, draft)
        if answered is None:
            return
        updated, said = apply(answered, change, turn.today)
        proceed(turn, updated.with_text(turn.reading.text), changed=said)


def _with_answer(asking: str, reading: Reading, draft: Draft) -> Draft | None:
    """Return the draft completed by this answer, or None if the message does not answer."""
    if asking == "print_copy":
        if reading.intent not in YES_NO:
            return None
        return replace(draft, answers=replace(draft.answers, print_copy=reading.intent == "yes"))
    updated = draft.with_entities(reading.entities)
    return updated if updated.answers != draft.answers else None


def _registration(turn: Turn, draft: Draft) -> bool:
    """Take the form's fields, all at once or one at a time; say only what is still missing."""
    data = turn.conversation.data
    known = {str(k): str(v) for k, v in dict(data.get("form") or {}).items()}
    given = registration.read_answer(turn.inbound.text, known)
    if not given:
        return False  # not an attempt at the form: the question is asked again
    form = {**known, **given}
    rule = turn.profile.rules_checking("eligibility.registration")[0]
    lacking = registration.missing(form)
    if lacking:
        conversation.remember(turn.conversation, form=form)
        asked = rule.params.get("fields", [])
        turn.reply(
            "registration_progress",
            intent="register",
            outcome="needs_info",
            rules=(rule.id,),
            title=draft.title,
            got=registration.labels([f for f in registration.FIELDS if f in given], asked),
            missing=registration.labels(lacking, asked),
        )
        return True
    registration.register(turn, form)
    proceed(turn, draft, noted=tuple(r.id for r in turn.profile.rules_checking("eligibility.reg")))
    return True


def _which(turn: Turn) -> bool:
    data, entities = turn.conversation.data, turn.reading.entities
    candidates: list[int] = data.get("candidates", [])
    number = None
    if entities.choice is not None and 1 <= entities.choice <= len(candidates):
        number = candidates[entities.choice - 1]
    elif entities.ref is not None and entities.ref in candidates:
        number = entities.ref
    elif entities.ref_hint and turn.reading.intent not in OTHER_TOPICS:
        pool = by_hint(_candidates(turn, candidates), entities.ref_hint)  # "the Garland one"
        number = pool[0].id if len(pool) == 1 else None
    if number is None:
        if turn.reading.intent == "no" or drops(turn.reading.text):
            conversation.settle(turn.conversation, turn.inbound.at)
            turn.reply("which_dropped", intent=str(data.get("action") or "status"), outcome="done")
            return True
        return False
    request = patron_request(turn.session, turn.patron.id, number)
    conversation.settle(turn.conversation, turn.inbound.at)
    if request is None:
        return False
    action = data.get("action")
    if action == "renew":
        renew.renew(turn, request)
    elif action == "cancel":
        cancel.offer(turn, request)
    elif action == "change":
        from handlers import amend  # amend asks "which?" through here

        amend.apply(turn, request, Change.from_data(dict(data.get("change") or {})))
    else:
        status.answer_one(turn, request)
    return True


def _candidates(turn: Turn, numbers: list[int]) -> list[IllRequest]:
    found = (patron_request(turn.session, turn.patron.id, n) for n in numbers)
    return [r for r in found if r is not None]


def _fee(turn: Turn) -> bool:
    choice = fee_answer.fee_choice(turn.reading)
    if choice is None:
        return False
    request = patron_request(turn.session, turn.patron.id, int(turn.conversation.data["request"]))
    if request is None or request not in fees.waiting_for_fee(turn.session, turn.patron.id):
        conversation.settle(turn.conversation, turn.inbound.at)
        return False
    fee_answer.answer(turn, request, choice)
    return True


def _confirm(turn: Turn) -> bool:
    """Cancel ILL-n? "yes" cancels; "no", "keep it" or "never mind" keeps it."""
    reading = turn.reading
    data = turn.conversation.data
    number = int(data["request"])
    numbers = [int(n) for n in data.get("requests") or [number]]  # "cancel ILL-5 and ILL-6"
    keep = reading.intent == "no" or keeps(reading.text) or drops(reading.text)
    go = reading.intent == "yes" or (
        reading.intent == "cancel" and reading.entities.ref in (None, *numbers)
    )
    if keep == go:
        return False  # neither, or both at once ("yes keep it"): ask again
    for each in numbers:
        cancel.confirm(turn, each, go)
    return True
