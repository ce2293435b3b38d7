"""Work out which request a patron means; ask when it is not clear."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from sqlalchemy import select

from handlers import conversation
from handlers.turn import Turn
from handlers.understand.hints import read_named_request
from policy.keys import normalise_title
from store.models import IllRequest, RequestEvent
from store.requests import open_requests, patron_request


def describe(request: IllRequest) -> str:
    """Name a request the way a patron recognises it."""
    if request.title:
        return f"{request.ref} “{request.title}”"
    for label, value in (("ISBN", request.isbn), ("DOI", request.doi), ("PMID", request.pmid)):
        if value:
            return f"{request.ref} ({label} {value})"
    return request.ref


def by_hint(candidates: Sequence[IllRequest], hint: str) -> list[IllRequest]:
    """Return the requests whose title, author, edition or form mentions every word of the hint
    ("the Garland book", "my large print book", "the audiobook")."""
    return [
        request
        for request in candidates
        if holds_hint(hint, request.title, request.author, request.edition, request.material)
    ]


def holds_hint(hint: str, *named: str | None) -> bool:
    """Tell whether the words naming something (title, author, …) hold every word of a hint."""
    words = normalise_title(hint).split()
    haystack = normalise_title(" ".join(part for part in named if part))
    return bool(words) and all(w in haystack.split() or w in haystack for w in words)


def names_a_request(text: str, hint: str) -> bool:
    """Tell whether the hint's words are written as a name: a capitalised or quoted word, or
    "the X book/one/request". Plain lower-case words that match no request ("I'm only
    halfway through") are ordinary words, never a request's name."""
    if read_named_request(text):
        return True
    for word in normalise_title(hint).split():
        for found in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
            before = text[: found.start()].rstrip()
            opens_sentence = not before or before[-1] in ".!?"  # "Halfway through, can I…"
            if found.group(0)[:1].isupper() and not opens_sentence:
                return True
            if before[-1:] in ('"', "“", "‘", "'") and before == text[: found.start()]:
                return True  # quoted: "renew “lanny”"
    return False


def names_one(turn: Turn) -> bool:
    """Tell whether the message (or the thread it answers) names one request."""
    entities = turn.reading.entities
    named = entities.ref is not None or entities.ref_hint or entities.ordinal is not None
    return bool(named or turn.inbound.about_request)


def each_named(turn: Turn, action: str, act: Callable[[Turn, IllRequest], None]) -> None:
    """Act on every request named by number ("renew #14 and #15"), in order; refuse unknowns."""
    for number in dict.fromkeys(turn.reading.entities.refs):
        request = patron_request(turn.session, turn.patron.id, number)
        if request is not None:
            act(turn, request)
            continue
        exists = turn.session.get(IllRequest, number) is not None
        rule = "common.request.not_own" if exists else "common.request.unknown_ref"
        unknown_ref(turn, action, f"ILL-{number}", rule)


def resolve(turn: Turn, action: str, candidates: Sequence[IllRequest]) -> IllRequest | None:
    """Return the one request meant, or reply (no such request / which one?) and return None.

    `candidates` are the requests the action could apply to when no reference is given.
    """
    entities = turn.reading.entities
    # ILL-0 is a reference too: refused as unknown, never replaced by another request.
    number = entities.ref if entities.ref is not None else turn.inbound.about_request
    if number is not None:
        request = patron_request(turn.session, turn.patron.id, number)
        if request is None:
            # Someone else's request gets the same words as a missing one; only the rule id
            # (seen by staff in the simulator, never by the patron) tells them apart.
            exists = turn.session.get(IllRequest, number) is not None
            rule = "common.request.not_own" if exists else "common.request.unknown_ref"
            unknown_ref(turn, action, f"ILL-{number}", rule)
        return request
    pool = list(candidates)
    if entities.ordinal is not None:
        return by_ordinal(turn, action, entities.ordinal)
    if entities.ref_hint:
        named = by_hint(open_requests(turn.session, turn.patron.id), entities.ref_hint)
        if named:
            pool = named
        elif names_a_request(turn.reading.text, entities.ref_hint):
            unknown_ref(turn, action, entities.ref_hint)
            return None
    asked = question_about(turn)  # "cancel it" just after "pay $15.00 for ILL-4?": ILL-4
    if len(pool) > 1 and asked in {r.id for r in pool}:
        return next(r for r in pool if r.id == asked)
    if len(pool) == 1:
        return pool[0]
    if not pool:
        turn.reply(f"{action}_nothing", intent=action, outcome="refused")
        return None
    ask_which(turn, action, pool)
    return None


def question_about(turn: Turn) -> int | None:
    """Return the request the bot's latest question is about, if it is about one."""
    state = turn.conversation
    latest = conversation.current(state) if state.state != conversation.IDLE else None
    if latest is None:
        set_aside = conversation.waiting(state)
        latest = set_aside[-1] if set_aside else None
    value = (latest or {}).get("data", {}).get("request")
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None


def by_ordinal(turn: Turn, action: str, ordinal: int) -> IllRequest | None:
    """Return "the second one I asked for" (the n-th open request, in the order asked), or
    "that last one" (ordinal -1: the latest)."""
    mine = open_requests(turn.session, turn.patron.id)
    if ordinal == -1 and mine:
        return mine[-1]
    if 1 <= ordinal <= len(mine):
        return mine[ordinal - 1]
    unknown_ref(turn, action, f"the {_ORDINAL_WORDS.get(ordinal, f'#{ordinal}')} one")
    return None


_ORDINAL_WORDS = {
    -1: "last",
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
}


def ask_which(turn: Turn, action: str, pool: Sequence[IllRequest]) -> None:
    """Ask which of several requests the patron means, and remember the choices."""
    choices = [describe(r) for r in pool]
    conversation.ask(
        turn.conversation, "which", turn.inbound.at, action=action, candidates=[r.id for r in pool]
    )
    turn.reply(
        "which",
        intent=action,
        outcome="needs_info",
        choices=choices,
        action=action,
        request_ids=tuple(r.id for r in pool),
    )


def unknown_ref(
    turn: Turn, action: str, asked: str, rule: str = "common.request.unknown_ref"
) -> None:
    """Say there is no such request and list the patron's open ones."""
    mine = [describe(r) for r in open_requests(turn.session, turn.patron.id)]
    numbered = asked.startswith("ILL-")
    turn.reply(
        "no_such_request",
        entities={"ref": asked} if numbered else {},
        numbered=numbered,
        intent=action,
        outcome="refused",
        asked=asked,
        open=mine,
        rules=(rule,),
    )


def latest_changed(turn: Turn) -> IllRequest | None:
    """Return the patron's request whose status changed last (what "it" means after a notice).

    "Try again" right after "no library could lend ILL-1", "the link doesn't work" right after
    "ILL-2 is ready to download": the latest change names the request the patron answers.
    """
    query = (
        select(RequestEvent.request_id)
        .join(IllRequest, IllRequest.id == RequestEvent.request_id)
        .where(IllRequest.patron_id == turn.patron.id)
        .order_by(RequestEvent.at.desc(), RequestEvent.id.desc())
        .limit(1)
    )
    number = turn.session.scalars(query).first()
    return turn.session.get(IllRequest, number) if number is not None else None


def meant_in(turn: Turn, statuses: Collection[str], *, new_item: bool = False) -> IllRequest | None:
    """Return the request a message about "it" means, if it is in one of `statuses`.

    The one named (its number, or the notice answered), else the one whose status changed last.
    `new_item`: an item in the message ("try again with ISBN …") means something new, not "it".
    """
    entities = turn.reading.entities
    number = entities.ref if entities.ref is not None else turn.inbound.about_request
    if number is not None:
        named = patron_request(turn.session, turn.patron.id, number)
        return named if named is not None and named.status in statuses else None
    if new_item and entities.items:
        return None
    latest = latest_changed(turn)
    return latest if latest is not None and latest.status in statuses else None


def hand_over(turn: Turn, request: IllRequest, template: str, flag: str) -> None:
    """Pass the patron's words about a request to staff, in its thread, and say staff have them.

    `flag` tells the staff queue which post says what is asked of staff (handlers.queue).
    """
    turn.reply(
        template,
        intent="human",
        outcome="escalated",
        request_id=request.id,
        status=request.status,
        name=describe(request),
        **{flag: True},
    )
