"""Answers to a question the bot asked: a need-by date, a cost, which request, yes or no."""

from __future__ import annotations

from dataclasses import replace

from handlers import cancel, conversation, fees, registration, renew, status
from handlers.drafts import Draft
from handlers.request import proceed, title_of
from handlers.turn import Turn
from handlers.understand import Reading
from store.requests import patron_request

OTHER_TOPICS = frozenset({"status", "renew", "cancel", "help", "why", "human"})


def answer(turn: Turn) -> bool:
    """Treat the message as the answer to the pending question; False if it is not one."""
    state = turn.conversation.state
    handler = {
        "draft": _draft,
        "which": _which,
        "confirm_cancel": _confirm,
        fees.FEE_STATE: _fee,
    }.get(state)
    return handler(turn) if handler else False


def _draft(turn: Turn) -> bool:
    reading, data = turn.reading, turn.conversation.data
    asking = str(data.get("asking"))
    if asking == "registration":
        return _registration(turn, Draft.from_data(data))
    if reading.intent in OTHER_TOPICS:
        return False  # "can I keep ILL-3 until the end of the month?" answers nothing asked
    if reading.entities.items and asking != "item":
        return False  # a new item is a new request
    draft = _with_answer(asking, reading, Draft.from_data(data))
    if draft is not None:
        proceed(turn, draft)
        return True
    if reading.intent == "no":  # "no, never mind"
        conversation.settle(turn.conversation, turn.inbound.at)
        turn.reply("draft_dropped", intent="request", outcome="done")
        return True
    return False


def _registration(turn: Turn, draft: Draft) -> bool:
    form = registration.read_form(turn.inbound.text)
    if not form:
        return False  # not an attempt at the form: the question is asked again
    lacking = registration.missing(form)
    if lacking:
        rule = turn.profile.rules_checking("eligibility.registration")[0]
        turn.reply(
            "ask_registration",
            intent="register",
            outcome="needs_info",
            rules=(rule.id,),
            title=title_of(draft.items[0]) if draft.items else "your item",
            refused=[],
            fields=rule.params.get("fields", []),
            missing=lacking,
        )
        return True
    registration.register(turn, form)
    proceed(turn, draft, noted=tuple(r.id for r in turn.profile.rules_checking("eligibility.reg")))
    return True


def _with_answer(asking: str, reading: Reading, draft: Draft) -> Draft | None:
    """Return the draft completed by this answer, or None if the message does not answer."""
    entities = reading.entities
    if asking == "item":
        return Draft(entities.items, draft.answers) if entities.items else None
    if asking == "print_copy":
        if reading.intent not in ("yes", "no"):
            return None
        return replace(draft, answers=replace(draft.answers, print_copy=reading.intent == "yes"))
    updated = draft.with_entities(entities).with_text(reading.text)
    return updated if updated.answers != draft.answers else None


def _which(turn: Turn) -> bool:
    data, entities = turn.conversation.data, turn.reading.entities
    candidates: list[int] = data.get("candidates", [])
    number = None
    if entities.choice is not None and 1 <= entities.choice <= len(candidates):
        number = candidates[entities.choice - 1]
    elif entities.ref is not None and entities.ref in candidates:
        number = entities.ref
    if number is None:
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
    else:
        status.answer_one(turn, request)
    return True


def _fee(turn: Turn) -> bool:
    if turn.reading.intent not in ("yes", "no"):
        return False
    request = patron_request(turn.session, turn.patron.id, int(turn.conversation.data["request"]))
    if request is None or request not in fees.waiting_for_fee(turn.session, turn.patron.id):
        conversation.settle(turn.conversation, turn.inbound.at)
        return False
    fees.answer(turn, request, turn.reading.intent == "yes")
    return True


def _confirm(turn: Turn) -> bool:
    if turn.reading.intent not in ("yes", "no"):
        return False
    cancel.confirm(turn, int(turn.conversation.data["request"]), turn.reading.intent == "yes")
    return True
