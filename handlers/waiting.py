"""Questions left waiting while the patron talked about something else, and asking them again.

After a message that was not the answer (a status question, a second request), the pending
question is asked again, named by what it is about: "Still waiting on: the need-by date for
“Sapiens”". A question is asked again with its own template (kept when it was first asked,
under `ask`), so it reads as it did, buttons and all.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any

from handlers import conversation, registration
from handlers.drafts import Draft
from handlers.messages import Outgoing
from handlers.smalltalk import THANKS
from handlers.targets import describe
from handlers.turn import Turn
from store.ledger import FINISHED_STATUSES
from store.requests import patron_request
from templates.i18n import N_, _

REASK = "still_waiting"
ALSO = "still_waiting_also"
FEE_STATE = "fee_approval"  # handlers.fees.FEE_STATE (fees imports the conversation, not this)
AWAITING_APPROVAL = "awaiting_approval"  # a request held for the patron's answer to a charge
# Context a question had only the first time it was asked: refusals, what had just changed.
ONCE = frozenset({"heard", "refused", "changed", "registered", "split"})
OWN = frozenset({"asked", "question", "waiting_on", "later"})  # what asking again adds
TEMPLATE_NAME = re.compile(r"^[a-z_]{1,60}$")
DRAFT_QUESTIONS = {
    "need_by": N_("the need-by date for %(title)s"),
    "max_cost": N_("the most you'll pay for %(title)s"),
    "print_copy": N_("whether you need a print copy of %(title)s"),
    "registration": N_("your registration details, before I request %(title)s"),
    "confirm": N_("your go-ahead to request %(title)s"),
    "item": N_("what you'd like me to request"),
}
DRAFT_ANSWER = N_("your answer about %(title)s")
# One whole phrase per action, so each language words it its own way.
WHICH_QUESTIONS = {
    "renew": N_("which request you'd like me to renew"),
    "cancel": N_("which request you'd like me to cancel"),
    "status": N_("which request you'd like me to tell you about"),
    "change": N_("which request you'd like me to change"),
}
WHICH = N_("which request")
YOUR_REQUEST = N_("your request")
CANCEL_WHICH = N_("whether to cancel %(name)s")
FEE_ANSWER = N_("your answer about the lender's charge for %(name)s")
ANY_ANSWER = N_("your answer to my question")
AND = N_("%(first)s and %(second)s")
INTENTS = {"draft": "request", "confirm_cancel": "cancel", FEE_STATE: "fee_answer"}
# A day after it was asked, a question is no longer asked again: the patron has moved on. A
# "cancel it?" or "which one?" is forgotten then, so that a "yes" or "the second one" days later
# never cancels or picks something on a question the patron has long stopped thinking about; a
# draft still takes its answer when it comes, and a lender's charge (the request is held for it)
# is still asked about.
STALE = timedelta(hours=24)
FORGOTTEN_WHEN_STALE = frozenset({"confirm_cancel", "which"})


def what(turn: Turn, entry: dict[str, Any]) -> str:
    """Say what a waiting question is about, as the patron knows it, in their language."""
    state, data = str(entry.get("state")), dict(entry.get("data") or {})
    if state == "draft":
        title = f"“{Draft.from_data(data).title}”"
        return _(DRAFT_QUESTIONS.get(str(data.get("asking")), DRAFT_ANSWER), title=title)
    if state == "which":
        return _(WHICH_QUESTIONS.get(str(data.get("action")), WHICH))
    request = _request(turn, data)
    name = describe(request) if request is not None else _(YOUR_REQUEST)
    if state == "confirm_cancel":
        return _(CANCEL_WHICH, name=_all_named(turn, data) or name)
    if state == FEE_STATE:
        return _(FEE_ANSWER, name=name)
    return _(ANY_ANSWER)


def keep_asked(turn: Turn, start: int) -> None:
    """Remember how the current question was asked, from the replies written since `start`."""
    state = turn.conversation
    if state.state == conversation.IDLE or "ask" in state.data:
        return
    for message in reversed(turn.out[start:]):
        if message.kind == "reply" and message.outcome == "needs_info":
            if message.template not in (REASK, ALSO):
                conversation.remember(state, ask=_asked(message))
            return


def ask_again(turn: Turn) -> None:
    """Ask the current question again, saying what it is about and what else waits."""
    entry = conversation.current(turn.conversation)
    later = [what(turn, e) for e in reversed(conversation.waiting(turn.conversation))]
    data = entry["data"]
    asked: dict[str, Any] = dict(data.get("ask") or {})
    template = str(asked.get("template") or "")
    context = {k: v for k, v in dict(asked.get("context") or {}).items() if k not in ONCE | OWN}
    form = dict(data.get("form") or {})
    if entry["state"] == "draft" and data.get("asking") == "registration" and form:
        # Part of the form is in: ask only for the rest.
        template = "registration_progress"
        context["missing"] = registration.labels(registration.missing(form), context.get("fields"))
        context["got"] = []
    if entry["state"] == FEE_STATE and not template:
        # A lender's charge is asked by a notice, not a reply: ask it again from the request.
        request = _request(turn, data)
        if request is not None:
            template = "fee_question"
            lender_fee = request.lender_fee_cents or 0
            context.update(
                lender_fee=lender_fee,
                owed=int(data.get("owed", lender_fee)),  # their share, when the library pays part
                max_cost=request.max_cost_cents or 0,
                name=describe(request),
            )
    fields: dict[str, Any] = {
        "rules": tuple(asked.get("rules") or ()),
        "request_id": asked.get("request_id") or _request_id(data),  # for the sim and Slack
        "request_ids": tuple(asked.get("request_ids") or data.get("candidates") or ()),
        "entities": dict(asked.get("entities") or {}),
    }
    turn.reply(
        REASK,
        intent=str(asked.get("intent") or _intent(entry)),
        outcome="needs_info",
        **fields,
        **context,
        refused=[],
        changed=[],
        asked=template if TEMPLATE_NAME.match(template) else "",
        question=str(data.get("question") or ""),
        waiting_on=what(turn, entry),
        later=later,
    )


def set_aside(turn: Turn) -> None:
    """Set the current question aside for another topic; an open "what would you like?" is
    forgotten instead (an offer, not a question the patron owes an answer to)."""
    state = turn.conversation
    if state.state == "draft" and state.data.get("asking") == "item":
        conversation.settle(state, turn.inbound.at)
    else:
        conversation.suspend(state, turn.inbound.at)


def thanked_meanwhile(turn: Turn) -> bool:
    """Tell whether the patron thanks the bot while a question waits ("thank you so much!").

    Thanks are answered as thanks; the question waits, and comes back as any set aside does.
    """
    return turn.reading.intent == "smalltalk" and bool(THANKS.search(turn.reading.text))


def forget_stale(turn: Turn) -> None:
    """Forget the yes/no and "which one?" questions asked a day or more ago (see STALE)."""
    state = turn.conversation
    if state.state in FORGOTTEN_WHEN_STALE and stale(turn, conversation.current(state)):
        conversation.settle(state, turn.inbound.at)
    entries = conversation.waiting(state)
    for index in reversed(range(len(entries))):
        if entries[index].get("state") in FORGOTTEN_WHEN_STALE and stale(turn, entries[index]):
            conversation.drop_waiting(state, index)


def stale(turn: Turn, entry: dict[str, Any]) -> bool:
    """Tell whether a question was asked a day or more before this message."""
    try:
        asked = datetime.fromisoformat(_asked_at(entry))
    except ValueError:
        return False  # asked before questions carried a time: as it always was
    return turn.inbound.at - asked >= STALE


def asked_quietly(turn: Turn, entry: dict[str, Any]) -> bool:
    """Tell whether a question set aside waits without being asked again (stale, not a charge)."""
    return entry.get("state") != FEE_STATE and stale(turn, entry)


def forget_moot(turn: Turn) -> None:
    """Forget questions set aside that nothing waits on any more.

    A lender's charge for a request since cancelled, or a "cancel it?" for one since ended:
    asking them again would ask about something already settled.
    """
    entries = conversation.waiting(turn.conversation)
    for index in reversed(range(len(entries))):
        if _moot(turn, entries[index]):
            conversation.drop_waiting(turn.conversation, index)


def _moot(turn: Turn, entry: dict[str, Any]) -> bool:
    state, data = str(entry.get("state")), dict(entry.get("data") or {})
    if state == FEE_STATE:
        request = _request(turn, data)
        return request is None or request.status != AWAITING_APPROVAL
    if state == "confirm_cancel":
        numbers = [int(n) for n in data.get("requests") or [data.get("request")] if n]
        found = [patron_request(turn.session, turn.patron.id, n) for n in numbers]
        return all(r is None or r.status in FINISHED_STATUSES for r in found)
    return False


def mention_others(turn: Turn, asked_now: str) -> None:
    """After a new question, name the older ones still waiting (they come back after it)."""
    forget_moot(turn)
    # A question about the request the new one is about is not named: "Cancel ILL-1?" answers
    # the lender's charge for ILL-1 too, or brings it back.
    about = _request_id(conversation.current(turn.conversation)["data"])
    older = [
        e
        for e in conversation.waiting(turn.conversation)
        if _asked_at(e) != asked_now
        and (about is None or _request_id(e.get("data") or {}) != about)
    ]
    if older:
        turn.reply(
            ALSO,
            intent=_intent(older[-1]),
            outcome="needs_info",
            waiting_on=[what(turn, e) for e in reversed(older)],
        )


def asked_at(turn: Turn) -> str:
    """Return the stamp questions asked during this message carry."""
    return turn.inbound.at.isoformat()


def _asked_at(entry: dict[str, Any]) -> str:
    return str((entry.get("data") or {}).get("asked_at") or "")


def was_asked_now(turn: Turn, entry: dict[str, Any]) -> bool:
    """Tell whether a question was asked while handling this very message."""
    return _asked_at(entry) == asked_at(turn)


def _asked(message: Outgoing) -> dict[str, Any]:
    context = {k: v for k, v in message.context.items() if k not in ONCE}
    return {
        "template": message.template,
        "intent": message.intent,
        "rules": list(message.rules),
        "request_id": message.request_id,
        "request_ids": list(message.request_ids),
        "entities": dict(message.entities),
        "context": json.loads(json.dumps(context, default=str)),
    }


def _intent(entry: dict[str, Any]) -> str:
    state = str(entry.get("state"))
    if state == "which":
        return str((entry.get("data") or {}).get("action") or "status")
    return INTENTS.get(state, "unknown")


def _request_id(data: dict[str, Any]) -> int | None:
    value = data.get("request")
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None


def _all_named(turn: Turn, data: dict[str, Any]) -> str:
    """Name every request of a question about several ("cancel ILL-5 and ILL-6?")."""
    numbers = [int(n) for n in data.get("requests") or [] if str(n).isdigit()]
    found = [patron_request(turn.session, turn.patron.id, n) for n in numbers]
    names = [describe(r) for r in found if r is not None]
    if len(numbers) < 2 or not names:
        return ""
    return joined(names)


def joined(names: list[str]) -> str:
    """Join names as the patron's language does ("ILL-5 and ILL-6"); "" for none."""
    if not names:
        return ""
    result = names[0]
    for name in names[1:]:
        result = _(AND, first=result, second=name)
    return result


def _request(turn: Turn, data: dict[str, Any]) -> Any:
    number = _request_id(data)
    return patron_request(turn.session, turn.patron.id, number) if number else None
