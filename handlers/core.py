"""The one channel-neutral path from a patron's message to the outbox.

Inbound → dedupe → patron → conversation state → intent → handler (policy + store) →
Outgoing → outbox rows, all inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.orm import Session

from handlers import (
    amend,
    cancel,
    confirm,
    conversation,
    fee_answer,
    fees,
    help,
    human,
    language,
    offtopic,
    pending,
    policy_answer,
    problem,
    proxy,
    queue,
    renew,
    request,
    retry,
    returned,
    senders,
    status,
    waiting,
    why,
)
from handlers.changes import drops
from handlers.library import Library
from handlers.library_words import with_library_words
from handlers.messages import Inbound
from handlers.outbox import write
from handlers.smalltalk import forget_unknown, handle_smalltalk, handle_unknown
from handlers.turn import Turn, holding_rows
from handlers.understand import Reading, understand
from store.models import IllRequest, OutboxMessage
from store.outbox import already_handled
from store.requests import find_patron, lock_patron
from templates.i18n import speaking

HANDLERS: dict[str, Callable[[Turn], None]] = {
    "request": request.handle,
    "status": status.handle,
    "renew": renew.handle,
    "cancel": cancel.handle,
    "help": help.handle,
    "why": why.handle,
    "human": human.handle,
    "policy": policy_answer.handle,
    "offtopic": offtopic.handle,
    "smalltalk": handle_smalltalk,
    "language": language.handle,
}
NEW_TOPIC = frozenset(HANDLERS) - {"smalltalk"}
# How "I returned it yesterday" may be read ("Ya lo devolví": yes); handlers/returned.py answers.
RETURN_READINGS = frozenset({"status", "unknown", "yes", "no", "smalltalk"})
ACTIONS = frozenset({"request", "status", "renew", "cancel"})


def handle_message(session: Session, inbound: Inbound, library: Library) -> list[OutboxMessage]:
    """Handle one patron message; return the outbox rows written (nothing if a redelivery).

    In the order written: the patron's answers, escalations, then the staff queue's posts.
    """
    with holding_rows(session):
        return _handle_message(session, inbound, library)


def _handle_message(session: Session, inbound: Inbound, library: Library) -> list[OutboxMessage]:
    if inbound.transport_id and already_handled(
        session, inbound.transport_id, inbound.channel, inbound.at
    ):
        return []
    patron = find_patron(session, inbound.sender)
    if patron is None:
        # No backscatter: a forged or unknown address hears from us at most once a day.
        if "@" in inbound.sender:  # one address however it is capitalised (never a Slack id)
            inbound = replace(inbound, sender=inbound.sender.strip().lower())
        if not inbound.verified or senders.answered_today(session, inbound, "unknown_sender"):
            return []
        unknown = senders.unknown_sender(inbound.text)
        default = library.profile(None)
        with speaking(language.for_sender(default, inbound.text)):  # in the words they wrote
            return write(session, inbound, None, default, [unknown])
    if not inbound.verified:
        return senders.unverified(session, inbound, patron, library)
    lock_patron(session, patron)  # before the conversation and requests are read
    profile = library.profile(patron.library)
    today = inbound.at.astimezone(profile.timezone).date()
    state = conversation.load(session, patron.id, inbound.channel, inbound.thread, inbound.at)
    reading = understand(inbound.text, today=today, region=profile.region)
    reading = with_library_words(reading, profile.material_words)  # its own material types
    chosen = language.choose(patron, profile, state, reading).language
    with speaking(chosen):  # every reply, reason and word of this turn in the patron's language
        turn = Turn(session, inbound, patron, profile, state, reading, language=chosen)
        _converse(turn)
        return _finish(turn)


def handle_form(
    session: Session, inbound: Inbound, library: Library, form: dict[str, str]
) -> list[OutboxMessage]:
    """Record a request from the patron's Edit form (Slack); `inbound.text` shows the form.

    Like a message: once per form (its transport id), in the caller's transaction.
    """
    with holding_rows(session):
        return _handle_form(session, inbound, library, form)


def _handle_form(
    session: Session, inbound: Inbound, library: Library, form: dict[str, str]
) -> list[OutboxMessage]:
    if inbound.transport_id and already_handled(
        session, inbound.transport_id, inbound.channel, inbound.at
    ):
        return []
    patron = find_patron(session, inbound.sender)
    if patron is None:
        return []  # only a patron the bot asked is shown the form
    lock_patron(session, patron)
    profile = library.profile(patron.library)
    state = conversation.load(session, patron.id, inbound.channel, inbound.thread, inbound.at)
    # The patron wrote every field in the form: a sure reading, nothing left to guess.
    reading = Reading("request", text=inbound.text)
    chosen = language.choose(patron, profile, state, reading).language
    with speaking(chosen):
        turn = Turn(session, inbound, patron, profile, state, reading, language=chosen)
        start = len(turn.out)
        confirm.submit_form(turn, form)
        waiting.keep_asked(turn, start)
        _come_back(turn, suspended=False)
        return _finish(turn)


def _finish(turn: Turn) -> list[OutboxMessage]:
    # The patron hears the answer first; staff escalations follow it.
    ordered = sorted(turn.out, key=lambda message: message.kind == "escalation")
    rows = write(turn.session, turn.inbound, turn.patron, turn.profile, ordered, turn.conversation)
    # Then the staff queue (new requests, words about old ones), in the order written.
    return rows + queue.post(turn)


def _converse(turn: Turn) -> None:
    """Do every action the message asks for, in order, then come back to a waiting question.

    "cancel ILL-5 and renew ILL-2": one answer per action. A question asked while answering
    one action waits while the next is done.
    """
    first = turn.reading
    waiting.forget_stale(turn)  # a "cancel it?" of days ago is not answered by today's "yes"
    suspended = False
    actions = (first,) if pending.reads_whole(turn) else (first, *first.also)
    previous: Reading | None = None
    for reading in actions:
        reading = reading if reading.text else replace(reading, text=first.text)
        turn.reading = previous = _carried(previous, reading)
        start = len(turn.out)
        suspended = _dispatch(turn) or suspended
        waiting.keep_asked(turn, start)
    turn.reading = first
    _come_back(turn, suspended)


def _carried(previous: Reading | None, reading: Reading) -> Reading:
    """Let "it" in a later action mean the request named before ("… ILL-2 and cancel it")."""
    entities = reading.entities
    if previous is None or reading.intent not in ("status", "renew", "cancel"):
        return reading
    if entities.ref is not None or entities.refs or entities.ref_hint or entities.ordinal:
        return reading
    if entities.every or previous.entities.ref is None:
        return reading
    ref = previous.entities.ref
    return replace(reading, entities=replace(entities, ref=ref, refs=(ref,)))


# A question set aside for another topic (a status or rule question) is asked again after each
# of the next two, then waits quietly for its answer: a librarian reminds, but does not repeat
# it under every reply. Set aside for another question, it comes back once that is answered.
MOST_COME_BACKS = 2
CAME_BACK = "came_back"


def _come_back(turn: Turn, suspended: bool) -> None:
    """Ask again a question set aside, once nothing else is being asked."""
    state = turn.conversation
    if state.state == conversation.IDLE:
        waiting.forget_moot(turn)  # a charge since turned down, a request since cancelled
        entry = conversation.resume(state, turn.inbound.at)
        if entry is not None and not waiting.was_asked_now(turn, entry):
            times = int(state.data.get(CAME_BACK) or 0)
            if suspended and (times >= MOST_COME_BACKS or waiting.asked_quietly(turn, entry)):
                return  # reminded enough, or a day old: it waits quietly for its answer
            waiting.ask_again(turn)
            if suspended:  # (not suspended: its turn again, another question answered)
                conversation.remember(state, **{CAME_BACK: times + 1})
    elif suspended:
        waiting.mention_others(turn, waiting.asked_at(turn))


def _dispatch(turn: Turn) -> bool:
    """Handle one action; return True when a pending question was set aside for it."""
    if turn.reading.intent != "unknown":
        forget_unknown(turn)
    state = turn.conversation
    asking = state.state != conversation.IDLE
    if asking and pending.answer(turn):
        return False
    if pending.answer_earlier(turn):
        return False
    topic = _new_topic(turn)
    if topic is None and asking and not waiting.thanked_meanwhile(turn):
        # Not an answer and not something new: ask the same question again.
        waiting.ask_again(turn)
        return False
    if asking:
        waiting.set_aside(turn)
    (topic or _idle_answer(turn))(turn)
    return asking


def _new_topic(turn: Turn) -> Callable[[Turn], None] | None:
    """Return the handler of a message that starts something (not an answer), or None."""
    reading = turn.reading
    intent = reading.intent
    change = amend.wanted(turn)
    if change is not None:
        return lambda t: amend.handle(t, change)
    if intent not in ACTIONS and proxy.mentions(turn.inbound.text):
        return proxy.handle
    if intent in RETURN_READINGS and returned.mentions(turn.inbound.text):
        return returned.handle  # "I dropped ILL-3 off yesterday": staff check it in
    if intent in RETURN_READINGS and returned.promises(turn.inbound.text):
        return returned.handle_promise  # "I'll bring it back tomorrow": where, and its fine
    again = retry.wanted(turn)
    if again is not None:
        return lambda t: retry.handle(t, again)  # "please try again" after no lender was found
    wrong = problem.wanted(turn)
    if wrong is not None:
        return lambda t: problem.handle(t, wrong)  # "the link doesn't work": staff put it right
    ready = problem.where_is(turn)
    if ready is not None:
        return lambda t: status.answer_one(t, ready)  # "where can I find it?" after "it's ready"
    return HANDLERS[intent] if intent in NEW_TOPIC else None


def _idle_answer(turn: Turn) -> Callable[[Turn], None]:
    """Handle a message that answers no question: a lender's charge, small talk, "never mind"."""
    intent = turn.reading.intent
    if fee_answer.fee_choice(turn.reading) is not None and _fee_waiting(turn) is not None:
        return _fee_answer
    if intent in ("yes", "no") or (drops(turn.reading.text) and intent in ("unknown", "smalltalk")):
        return _nothing_waiting  # a late "yes" (a second click on Submit), "never mind"
    return HANDLERS.get(intent, handle_unknown)


def _fee_waiting(turn: Turn) -> IllRequest | None:
    """Return the one lender charge a bare yes or no may answer, if exactly one waits."""
    waiting_fees = fees.waiting_for_fee(turn.session, turn.patron.id)
    about = turn.inbound.about_request
    chosen = [r for r in waiting_fees if about is None or r.id == about]
    return chosen[0] if len(chosen) == 1 else None


def _fee_answer(turn: Turn) -> None:
    request, choice = _fee_waiting(turn), fee_answer.fee_choice(turn.reading)
    if request is not None and choice is not None:
        fee_answer.answer(turn, request, choice)


def _nothing_waiting(turn: Turn) -> None:
    intent = turn.reading.intent if turn.reading.intent in ("yes", "no") else "no"
    turn.reply("nothing_waiting", intent=intent, outcome="done")
