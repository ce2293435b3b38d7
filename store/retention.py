"""The retention job: cut the patron out of requests that ended long enough ago.

Patron records are confidential library records. Once a finished request is older than its
library's retention period (`Profile.retention_days`, default 90), the request keeps only what
CONTU counting and statistics need (library, category, material, title, journal, year, dates,
status, lender, fee); everything that ties it to a person goes: the request's patron link, the
patron id in its history, its free-text notes, the messages about it and any waiting question
that names it. Logs carry request refs and counts, never names or addresses.

The period is counted in the library's own calendar: a request that ended on local date D is
purged by the first run whose local date is D + retention_days or later, whatever the hour.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import Text, cast, func, or_, select
from sqlalchemy.orm import Session

from policy.profile import Profile
from store.ledger import FINISHED_STATUSES
from store.models import Conversation, IllRequest, OutboxMessage, RequestEvent

log = logging.getLogger(__name__)

PLACEHOLDER = "[removed after retention period]"
STAFF_ADDRESS = "staff"  # handlers.outbox.STAFF: the staff channel, not a person
PATRON_ACTOR = "patron"
# What a purged message keeps: enough to count messages by library, kind, intent and rule.
KEEP_CONTEXT = frozenset({"library", "library_id", "ref", "rules"})
KEEP_META = frozenset({"intent", "outcome", "rules", "notice", "status", "request", "fee"})
# Conversation keys that hold bare request numbers rather than ILL-n refs.
NUMBER_KEYS = ("request", "candidates")


class Libraries(Protocol):
    """The installation's libraries (handlers.core.Library has this shape)."""

    @property
    def profiles(self) -> Mapping[str, Profile]:
        """Return the profiles by library id."""
        ...


def purge_finished(session: Session, now: datetime, library: Libraries) -> int:
    """Unlink patrons from requests that ended a retention period ago; return how many."""
    purged = 0
    # Read everything before writing, then flush once: updates then go out in primary-key
    # order, so two workers that touch the same message rows cannot deadlock each other.
    with session.no_autoflush:
        for profile in library.profiles.values():
            purged += _purge_library(session, profile, now)
    session.flush()
    _warn_unknown_libraries(session, set(library.profiles))
    log.info("retention: %d request(s) unlinked from their patrons", purged)
    return purged


def retention_cutoff(profile: Profile, now: datetime) -> datetime:
    """Return the instant before which a request ended long enough ago to be purged."""
    today = now.astimezone(profile.timezone).date()
    first_kept = today - timedelta(days=profile.retention_days - 1)
    return datetime.combine(first_kept, time(), tzinfo=profile.timezone)


def _purge_library(session: Session, profile: Profile, now: datetime) -> int:
    query = (
        select(IllRequest)
        .where(
            IllRequest.library == profile.id,
            IllRequest.status.in_(FINISHED_STATUSES),
            IllRequest.patron_id.is_not(None),
            IllRequest.ended_at < retention_cutoff(profile, now),
        )
        .order_by(IllRequest.id)
        # A second worker skips the requests this one holds instead of purging them twice.
        .with_for_update(skip_locked=True)
    )
    return sum(_purge_request(session, request, now) for request in session.scalars(query).all())


def _purge_request(session: Session, request: IllRequest, now: datetime) -> bool:
    patron_id = request.patron_id
    assert patron_id is not None  # the query asked for linked requests only
    messages = _messages_about(session, request, patron_id)
    waiting = sum(1 for message in messages if message.state == "pending")
    if waiting:
        # The sender still needs the address: purge on a later run, once it has gone out.
        log.warning("retention: %s kept for now, %d message(s) not yet sent", request.ref, waiting)
        return False
    for message in messages:
        _scrub_message(message)
    _scrub_history(session, request)
    _forget_questions(session, request, patron_id, now)
    request.patron_id = None
    log.info("retention: %s unlinked from its patron (%d message(s))", request.ref, len(messages))
    return True


def _ref_pattern(request_id: int) -> re.Pattern[str]:
    # The ways patrons and templates write a ref: ILL-7, ill 7, ILL#7, #7; not ILL-70.
    return re.compile(rf"(?<![\w-])(?:ILL\s*[-#:]?\s*|#){request_id}(?!\d)", re.IGNORECASE)


def _messages_about(
    session: Session, request: IllRequest, patron_id: str
) -> Sequence[OutboxMessage]:
    """Return the outbox rows that are about the request or name it."""
    like = f"%ILL-{request.id}%"
    query = (
        select(OutboxMessage)
        .where(
            or_(
                OutboxMessage.request_id == request.id,
                OutboxMessage.patron_id == patron_id,
                # Staff escalations and replies to unknown addresses carry no patron link
                # but may quote the patron asking about the request.
                OutboxMessage.text.ilike(like),
                cast(OutboxMessage.context, Text).ilike(like),
            )
        )
        .order_by(OutboxMessage.id)
    )
    pattern = _ref_pattern(request.id)
    return [
        message
        for message in session.scalars(query)
        if message.request_id == request.id or _names(pattern, message)
    ]


def _names(pattern: re.Pattern[str], message: OutboxMessage) -> bool:
    words = " ".join((message.text, _dump(message.context), _dump(message.meta)))
    return pattern.search(words) is not None


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _scrub_message(message: OutboxMessage) -> None:
    """Keep a sent message's kind, template and rules; drop who it went to and what it said."""
    message.patron_id = None
    message.address = STAFF_ADDRESS if message.address == STAFF_ADDRESS else ""
    message.thread = ""
    message.text = PLACEHOLDER
    message.context = {k: v for k, v in message.context.items() if k in KEEP_CONTEXT}
    message.meta = {k: v for k, v in message.meta.items() if k in KEEP_META}
    # A bounce ("550 <ann@example.org>: no such user") names the address too.
    message.last_error = None


def _scrub_history(session: Session, request: IllRequest) -> None:
    """Keep who-did-what as roles; drop patron ids and free-text notes."""
    query = select(RequestEvent).where(RequestEvent.request_id == request.id)
    for event in session.scalars(query):
        if event.actor.startswith(f"{PATRON_ACTOR}:"):
            event.actor = PATRON_ACTOR
        # Notes are staff's free text ("Ann called, found it elsewhere"): no way to tell safe.
        event.note = None


def _forget_questions(session: Session, request: IllRequest, patron_id: str, now: datetime) -> None:
    """Reset any conversation still holding a question or refusal about the request."""
    pattern = _ref_pattern(request.id)
    query = select(Conversation).where(Conversation.patron_id == patron_id)
    for conversation in session.scalars(query):
        if _mentions(pattern, request.id, conversation.data):
            # A question about a request that ended months ago is stale anyway.
            conversation.state = "idle"
            conversation.data = {}
            conversation.updated_at = now


def _mentions(pattern: re.Pattern[str], request_id: int, data: dict[str, Any]) -> bool:
    numbers: list[Any] = []
    for key in NUMBER_KEYS:
        value = data.get(key)
        numbers.extend(value if isinstance(value, list) else [value])
    return request_id in numbers or pattern.search(_dump(data)) is not None


def _warn_unknown_libraries(session: Session, known: set[str]) -> None:
    """Say how many finished requests belong to no loaded profile, so nobody purges them."""
    query = select(func.count(IllRequest.id)).where(
        IllRequest.library.not_in(known),
        IllRequest.status.in_(FINISHED_STATUSES),
        IllRequest.patron_id.is_not(None),
    )
    stranded = int(session.scalar(query) or 0)
    if stranded:
        log.warning("retention: %d finished request(s) of unknown libraries kept", stranded)
