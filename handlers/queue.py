"""The staff queue: every accepted request is posted to the staff channel; its thread follows it.

The post (kind `staff_post`, template `staff/request`) is written in the same transaction as
the request, through the outbox like every other message, to channel `slack`, address `staff`.
Later rows of the same kind (`staff/update`: a notice was written; `staff/patron`: the patron
wrote about the request) are replies in that post's thread; the Slack sender finds the root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from handlers.messages import Inbound, Outgoing
from handlers.outbox import STAFF_CHANNEL, write
from handlers.staff_threads import KIND as KIND  # re-exported: the staff queue's rows
from handlers.staff_threads import ROOT, has_root
from handlers.turn import Turn
from policy.profile import Profile
from store.models import IllRequest, OutboxMessage, Patron

UPDATE = "staff/update"
PATRON = "staff/patron"
ANOTHER_LENDER = "staff/another_lender"  # the patron turned down a lender's charge
ELSEWHERE = "elsewhere"  # handlers.fee_answer: the reply's flag for it
TRY_AGAIN = "staff/try_again"  # the patron asks staff to try again for an unfilled request
AGAIN = "again"  # handlers.retry: the reply's flag for it
PROBLEM_TEMPLATE = "staff/problem"  # the patron reports a problem with what they were sent
PROBLEM = "problem"  # handlers.problem: the reply's flag for it
# The request's post again, as it is now: the sender edits the original post (its buttons
# follow the status), so staff never see "Sent to lender" on a request already on loan.
NOW = "staff/request_now"
DIGEST = "staff/digest"
DIGEST_CHANNEL = "staff"  # the inbox key's channel: one digest per library and day
DUE_SOON_DAYS = 3
WAITING = ("submitted", "awaiting_approval")
ON_LOAN = ("checked_out", "renewal_requested")
NOT_YET_ACCEPTED = frozenset({"awaiting_approval"})  # escalated instead; posted once approved
# Citation fields shown when the request has them, with their labels (getattr: some columns
# are new in the store).
CITATION = {
    "title": "Title",
    "book_title": "In",
    "container": "In",
    "author": "Author",
    "authors": "Authors",
    "journal": "Journal",
    "volume": "Volume",
    "issue": "Issue",
    "edition": "Edition",
    "copies": "Copies",
    "year": "Year",
    "chapter": "Chapter",
    "pages": "Pages",
    "isbn": "ISBN",
    "issn": "ISSN",
    "doi": "DOI",
    "pmid": "PMID",
}


def post(turn: Turn) -> list[OutboxMessage]:
    """Write the staff posts a patron's turn calls for, after the turn's own answers.

    In the turn's transaction, like everything else; the turn returns them after its answers.
    """
    posts = follow(turn)
    if not posts:
        return []
    return write(turn.session, turn.inbound, turn.patron, turn.profile, posts)


def follow(turn: Turn) -> list[Outgoing]:
    """Return the staff posts a patron's turn calls for: new requests, and words about old ones."""
    posts: list[Outgoing] = []
    for message in list(turn.out):
        if message.kind != "reply":
            continue
        if message.intent == "request" and message.outcome == "accepted":
            for number in message.request_ids or (message.request_id,):
                request = turn.session.get(IllRequest, number) if number else None
                if request is not None and request.status not in NOT_YET_ACCEPTED:
                    posts.append(root_post(turn.session, request, message.rules, turn.reading.text))
        elif message.request_id is not None and has_root(turn.session, message.request_id):
            posts.append(_patron_words(turn, message))
            if message.context.get(ELSEWHERE):  # back to staff: say what to do, fresh buttons
                request = turn.session.get(IllRequest, message.request_id)
                if request is not None:
                    posts.append(replace(root_post(turn.session, request, ()), template=NOW))
    return posts


def root_post(
    session: Session, request: IllRequest, rules: Sequence[str], heard: str = ""
) -> Outgoing:
    """Return the staff channel post for one accepted request, with everything staff need."""
    patron = request.patron
    words = getattr(request, "patron_words", None) or heard
    context: dict[str, Any] = {
        "ref": request.ref,
        "patron": _patron(patron),
        "category": request.category,
        "material": request.material,
        "format": getattr(request, "format", None) or "",
        "citation": citation(request),
        "need_by": request.need_by.isoformat() if request.need_by else "",
        "max_cost": request.max_cost_cents,
        "status": request.status,
        "words": words,
        "heard": words,
    }
    return Outgoing(
        kind=KIND,
        template=ROOT,
        to_staff=True,
        request_id=request.id,
        status=request.status,
        rules=tuple(rules),
        fee_cents=request.fee_cents,
        context=context,
    )


def citation(request: IllRequest) -> list[dict[str, str]]:
    """Return the request's citation as (label, value) pairs, only those it has."""
    shown = []
    for name, label in CITATION.items():
        value = getattr(request, name, None)
        if value not in (None, "") and not (name == "authors" and value == request.author):
            shown.append({"label": label, "value": str(value)})
    return shown


def after_notice(
    session: Session,
    request: IllRequest,
    notice: str,
    at: datetime,
    profile: Profile,
    reason: str = "",
) -> list[OutboxMessage]:
    """Follow a notice in the request's staff thread (an approved request gets its first post)."""
    if has_root(session, request.id):
        message = Outgoing(
            kind=KIND,
            template=UPDATE,
            to_staff=True,
            request_id=request.id,
            status=request.status,
            notice=notice,
            context={
                "ref": request.ref,
                "notice": notice,
                "status": request.status,
                "due": request.due_date.isoformat() if request.due_date else "",
                "lender": request.lender or "",
                "reason": reason,
                "heard": "",
            },
        )
    elif notice == "approved" and request.status not in NOT_YET_ACCEPTED:
        message = root_post(session, request, ())
    else:
        return []
    return _write(session, request, at, profile, message)


def after_change(
    session: Session,
    request: IllRequest,
    action: str,
    at: datetime,
    profile: Profile,
    written: Sequence[OutboxMessage],
    shown: str,
    note: str = "",
) -> list[OutboxMessage]:
    """Follow a staff step in the request's thread, and refresh its post's buttons.

    A step that sent the patron a notice is already in the thread (after_notice); one that
    did not (shipped, lost, a lender fee) gets its own line. `shown` is the status before.
    """
    if not has_root(session, request.id):
        return []
    messages: list[Outgoing] = []
    followed = any(r.kind == KIND and r.request_id == request.id for r in written)
    if not followed:
        messages.append(
            Outgoing(
                kind=KIND,
                template=UPDATE,
                to_staff=True,
                request_id=request.id,
                status=request.status,
                context={
                    "ref": request.ref,
                    "notice": "",
                    "action": action,
                    "status": request.status,
                    "due": request.due_date.isoformat() if request.due_date else "",
                    "lender": request.lender or "",
                    "reason": note,
                    "heard": "",
                },
            )
        )
    if request.status != shown:
        now = root_post(session, request, ())
        messages.append(replace(now, template=NOW))
    if not messages:
        return []
    inbound = Inbound(channel=STAFF_CHANNEL, sender="staff", text="", at=at)
    return write(session, inbound, request.patron, profile, messages)


def _patron_words(turn: Turn, message: Outgoing) -> Outgoing:
    request = turn.session.get(IllRequest, message.request_id)
    return Outgoing(
        kind=KIND,
        template=_words_template(message.context),
        to_staff=True,
        request_id=message.request_id,
        status=request.status if request else None,
        context={
            "ref": f"ILL-{message.request_id}",
            "heard": turn.reading.text,
            "intent": message.intent or "",
            "outcome": message.outcome or "",
            "status": request.status if request else "",
            "lender_fee": message.context.get("lender_fee", ""),
            "max_cost": message.context.get("max_cost", ""),
        },
    )


def _words_template(context: dict[str, Any]) -> str:
    """The staff template for a patron's words: one that says what is asked of staff, if any."""
    for flag, template in (
        (ELSEWHERE, ANOTHER_LENDER),
        (AGAIN, TRY_AGAIN),
        (PROBLEM, PROBLEM_TEMPLATE),
    ):
        if context.get(flag):
            return template
    return PATRON


def _write(
    session: Session, request: IllRequest, at: datetime, profile: Profile, message: Outgoing
) -> list[OutboxMessage]:
    inbound = Inbound(channel=STAFF_CHANNEL, sender="staff", text="", at=at)
    return write(session, inbound, request.patron, profile, [message])


def _patron(patron: Patron | None) -> dict[str, str]:
    if patron is None:
        return {"id": "", "name": "", "email": ""}
    return {"id": patron.id, "name": patron.name or "", "email": patron.email or ""}
