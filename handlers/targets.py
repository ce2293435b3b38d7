"""Work out which request a patron means; ask when it is not clear."""

from __future__ import annotations

from collections.abc import Sequence

from handlers import conversation
from handlers.turn import Turn
from policy.keys import normalise_title
from store.models import IllRequest
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
    """Return the requests whose title or author mentions every word of the hint."""
    words = normalise_title(hint).split()
    found = []
    for request in candidates:
        haystack = normalise_title(f"{request.title or ''} {request.author or ''}")
        if words and all(w in haystack.split() or w in haystack for w in words):
            found.append(request)
    return found


def resolve(turn: Turn, action: str, candidates: Sequence[IllRequest]) -> IllRequest | None:
    """Return the one request meant, or reply (no such request / which one?) and return None.

    `candidates` are the requests the action could apply to when no reference is given.
    """
    entities = turn.reading.entities
    number = entities.ref or turn.inbound.about_request
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
    if entities.ref_hint:
        pool = by_hint(open_requests(turn.session, turn.patron.id), entities.ref_hint)
        if not pool:
            unknown_ref(turn, action, entities.ref_hint)
            return None
    if len(pool) == 1:
        return pool[0]
    if not pool:
        turn.reply(f"{action}_nothing", intent=action, outcome="refused")
        return None
    ask_which(turn, action, pool)
    return None


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
    turn.reply(
        "no_such_request",
        intent=action,
        outcome="refused",
        asked=asked,
        open=mine,
        rules=(rule,),
    )
