"""The retention job: cut the patron out of requests, messages and inbox rows once they age out.

Patron records are confidential library records. Once a finished request is older than its
library's retention period (`Profile.retention_days`, default 90), the request keeps only what
CONTU counting and statistics need (library, category, material, title, journal, year, dates,
status, lender, fee); everything that ties it to a person goes:

- the request's patron link and the patron's own words it was made from (`patron_words`), the
  patron id in its history (`patron:p-7` becomes `patron`) and its free-text notes;
- every outbox row about it (`request_id`): no patron link, no address (`staff` stays `staff`),
  no thread, no error text (a bounce names the address), its text replaced by `PLACEHOLDER`, and
  of `context` and `meta` only the keys statistics need (`KEEP_CONTEXT`, `KEEP_META`);
- any conversation of that patron still holding a question or refusal about it (deleted).

Rows tied to no request go by their own age, once older than the retention period: outbox rows
about no request (small talk, "how are my requests?", unknown senders, escalations with no
request) and rows about a request already unlinked are scrubbed the same way; conversations not
touched within the period are deleted (a question left unanswered that long is forgotten); inbox
rows are deleted whole, so **the inbox dedupe window is the retention period**: a transport
redelivering a message older than that would have it handled again (Slack retries for minutes,
the mail poller reads only unseen mail of the last days). A row whose library is known through
its patron uses that library's period; a row with no patron uses the shortest period of the
loaded libraries (the earliest any library has promised to forget).

The web chat's sessions, one-time codes and sign-in attempts go as soon as they end (a session
idle 30 minutes or 12 hours old, a code past its 10 minutes, an attempt no rate limit counts any
more), and the mail that carried a code goes with its code; the patron's last web visit goes
after the retention period like a conversation (store.web).

Never purged: an outbox row still `pending` (the sender needs the address; a request with one
waits for a later run, once it is sent or has failed) and an inbox row still `received` (its
turn has not run yet). Every statement is a set-based UPDATE or DELETE by id lists and dates,
taken with SKIP LOCKED on PostgreSQL so two workers never wait on each other; rows already
scrubbed are not written again. Logs carry request refs and counts, never names or addresses.

The period is counted in the library's own calendar: a request that ended on local date D is
purged by the first run whose local date is D + retention_days or later, whatever the hour.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, time, timedelta
from itertools import chain
from typing import Any, Protocol

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Select,
    String,
    case,
    delete,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from policy.profile import Profile
from store.db import optimize
from store.ledger import FINISHED_STATUSES
from store.models import (
    SCRUBBED_TEXT,
    UNSCRUBBED,
    Conversation,
    IllRequest,
    InboxMessage,
    OutboxMessage,
    Patron,
    RequestEvent,
)
from store.web import forget_visits, purge_web

log = logging.getLogger(__name__)

PLACEHOLDER = SCRUBBED_TEXT
STAFF_ADDRESS = "staff"  # handlers.outbox.STAFF: the staff channel, not a person
PATRON_ACTOR = "patron"
PENDING = "pending"  # an outbox row not yet sent or failed
RECEIVED = "received"  # an inbox row whose turn has not run
# What a purged message keeps: enough to count messages by library, kind, intent and rule.
KEEP_CONTEXT = ("library", "library_id", "ref", "rules")
KEEP_META = ("intent", "outcome", "rules", "notice", "status", "request", "fee")
# Conversation keys that hold bare request numbers rather than ILL-n refs.
NUMBER_KEYS = ("request", "candidates")
# The ways patrons and templates write a ref: ILL-7, ill 7, ILL#7, #7; not ILL-70.
REF = re.compile(r"(?<![\w-])(?:ILL\s*[-#:]?\s*|#)(\d+)(?!\d)", re.IGNORECASE)
CHUNK = 500  # ids per IN list: well under SQLite's and PostgreSQL's parameter limits
# The libraries requests name, one index probe each (a loose index scan on either backend):
# `SELECT DISTINCT library` would read the whole index.
LIBRARIES = text(
    "WITH RECURSIVE seen(library) AS ("
    " SELECT min(library) FROM requests"
    " UNION ALL"
    " SELECT (SELECT min(library) FROM requests WHERE library > seen.library)"
    " FROM seen WHERE seen.library IS NOT NULL)"
    " SELECT library FROM seen WHERE library IS NOT NULL"
).columns(library=String)


class Libraries(Protocol):
    """The installation's libraries (handlers.core.Library has this shape)."""

    @property
    def profiles(self) -> Mapping[str, Profile]:
        """Return the profiles by library id."""
        ...


def _mail_cursor() -> Any:
    """The newest IMAP inbox row: the poller's place in the mailbox (it holds no address)."""
    # A range on the unique index rather than LIKE, which SQLite would answer with a scan.
    # coalesce: `id NOT IN (NULL)` would keep every row when the store has no mail at all.
    return select(func.coalesce(func.max(InboxMessage.id), 0)).where(
        InboxMessage.transport_id >= "imap:", InboxMessage.transport_id < "imap;"
    )


def purge_finished(session: Session, now: datetime, library: Libraries) -> int:
    """Unlink patrons from requests, messages and inbox rows past retention; return requests."""
    session.flush()  # the bulk statements below must see this transaction's own changes
    purged = 0
    profiles = list(library.profiles.values())
    for profile in profiles:
        cutoff = retention_cutoff(profile, now)
        purged += _purge_requests(session, profile, cutoff)
        patrons = select(Patron.id).where(Patron.library == profile.id).scalar_subquery()
        aged = _scrub_aged_messages(session, cutoff, OutboxMessage.patron_id.in_(patrons))
        forgotten = _delete_ids(
            session,
            Conversation,
            select(Conversation.id).where(
                Conversation.updated_at < cutoff, Conversation.patron_id.in_(patrons)
            ),
        )
        forgotten += forget_visits(session, profile.id, cutoff)  # web chat: the last visit
        if aged or forgotten:
            log.info(
                "retention: %s: %d old message(s) scrubbed, %d idle conversation(s) forgotten",
                profile.id,
                aged,
                forgotten,
            )
    if profiles:
        # Rows with no patron name no library: the shortest period of them all.
        cutoff = max(retention_cutoff(profile, now) for profile in profiles)
        aged = _scrub_aged_messages(session, cutoff, OutboxMessage.patron_id.is_(None))
        dropped = _delete_ids(
            session,
            InboxMessage,
            select(InboxMessage.id).where(
                InboxMessage.received_at < cutoff,
                InboxMessage.state != RECEIVED,
                InboxMessage.id.not_in(_mail_cursor()),
            ),
        )
        if aged or dropped:
            log.info(
                "retention: %d old message(s) with no patron scrubbed, %d inbox row(s) dropped",
                aged,
                dropped,
            )
    ended, spent, counted = purge_web(session, now)
    if ended or spent or counted:
        log.info(
            "retention: web chat: %d session(s) ended, %d code(s) spent, %d attempt(s) forgotten",
            ended,
            spent,
            counted,
        )
    _warn_unknown_libraries(session, set(library.profiles))
    # The store's housekeeping each tick: SQLite's statistics kept fresh as the years pile up.
    optimize(session)
    log.log(
        logging.INFO if purged else logging.DEBUG,
        "retention: %d request(s) unlinked from their patrons",
        purged,
    )
    return purged


def retention_cutoff(profile: Profile, now: datetime) -> datetime:
    """Return the instant before which a request ended long enough ago to be purged."""
    today = now.astimezone(profile.timezone).date()
    first_kept = today - timedelta(days=profile.retention_days - 1)
    return datetime.combine(first_kept, time(), tzinfo=profile.timezone)


def _purge_requests(session: Session, profile: Profile, cutoff: datetime) -> int:
    query = (
        select(IllRequest.id, IllRequest.patron_id)
        .where(
            IllRequest.library == profile.id,
            IllRequest.status.in_(FINISHED_STATUSES),
            IllRequest.patron_id.is_not(None),
            IllRequest.ended_at < cutoff,
        )
        .order_by(IllRequest.id)
        # A second worker skips the requests this one holds instead of purging them twice.
        .with_for_update(skip_locked=True)
    )
    found = {number: patron_id for number, patron_id in session.execute(query)}
    if not found:
        return 0
    waiting: dict[int, int] = {}
    for ids in _chunks(sorted(found)):
        counts = session.execute(
            select(OutboxMessage.request_id, func.count(OutboxMessage.id))
            .where(OutboxMessage.request_id.in_(ids), OutboxMessage.state == PENDING)
            .group_by(OutboxMessage.request_id)
        )
        waiting.update({number: count for number, count in counts if number is not None})
    for number, count in sorted(waiting.items()):
        # The sender still needs the address: purge on a later run, once it has gone out.
        log.warning("retention: ILL-%d kept for now, %d message(s) not yet sent", number, count)
    purged = sorted(set(found) - set(waiting))
    patrons = {found[number] for number in purged}
    scrubbed = 0
    for ids in _chunks(purged):
        scrubbed += _scrub_messages(session, OutboxMessage.request_id.in_(ids))
        session.execute(
            update(RequestEvent)
            .where(RequestEvent.request_id.in_(ids), RequestEvent.actor.like(f"{PATRON_ACTOR}:%"))
            .values(actor=PATRON_ACTOR)
            .execution_options(synchronize_session=False)
        )
        # Notes are staff's free text ("Ann called, found it elsewhere"): no way to tell safe.
        session.execute(
            update(RequestEvent)
            .where(RequestEvent.request_id.in_(ids), RequestEvent.note.is_not(None))
            .values(note=None)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(IllRequest)
            .where(IllRequest.id.in_(ids))
            .values(patron_id=None, patron_words=None)  # their own words name them too
            .execution_options(synchronize_session=False)
        )
    forgotten = _forget_questions(session, sorted(p for p in patrons if p), set(purged))
    _expire(session, IllRequest, set(purged))
    _expire(session, RequestEvent, set(purged), key="request_id")
    for number in purged:
        log.info("retention: ILL-%d unlinked from its patron", number)
    log.info(
        "retention: %s: %d request(s), %d message(s) and %d conversation(s) purged",
        profile.id,
        len(purged),
        scrubbed,
        forgotten,
    )
    return len(purged)


def _scrub_aged_messages(session: Session, cutoff: datetime, whose: ColumnElement[bool]) -> int:
    """Scrub messages older than the cutoff about no request or about an unlinked one."""
    # One primary-key probe per message, never a list of every request ever unlinked: a scalar
    # subquery, which PostgreSQL cannot turn into a hash over the whole requests table.
    unlinked = (
        select(IllRequest.patron_id)
        .where(IllRequest.id == OutboxMessage.request_id)
        .scalar_subquery()
        .is_(None)
    )
    query = select(OutboxMessage.id).where(
        OutboxMessage.created_at < cutoff,
        OutboxMessage.state != PENDING,
        # Not scrubbed yet, spelt as the partial index's predicate (a literal, not a parameter)
        # so both planners read only the rows still to scrub, never the years already done.
        literal_column(UNSCRUBBED, Boolean),
        or_(OutboxMessage.request_id.is_(None), unlinked),
        whose,
    )
    ids = _locked_ids(session, query, OutboxMessage.id)
    return sum(_scrub_messages(session, OutboxMessage.id.in_(c)) for c in _chunks(ids))


def _scrub_messages(session: Session, which: ColumnElement[bool]) -> int:
    """Keep a message's kind, template, state and rules; drop who it went to and what it said."""
    dialect = session.get_bind().dialect.name
    result = session.execute(
        update(OutboxMessage)
        .where(which, OutboxMessage.state != PENDING)
        .values(
            patron_id=None,
            address=case(
                (OutboxMessage.address == STAFF_ADDRESS, literal(STAFF_ADDRESS)), else_=literal("")
            ),
            thread="",
            text=PLACEHOLDER,
            context=_kept(dialect, OutboxMessage.context, KEEP_CONTEXT),
            meta=_kept(dialect, OutboxMessage.meta, KEEP_META),
            # A bounce ("550 <ann@example.org>: no such user") names the address too.
            last_error=None,
        )
        .execution_options(synchronize_session=False)
        .returning(OutboxMessage.id)
    )
    ids = set(result.scalars())
    _expire(session, OutboxMessage, ids)
    return len(ids)


def _kept(dialect: str, column: InstrumentedAttribute[Any], keys: Sequence[str]) -> Any:
    """A SQL expression for the JSON object `column` reduced to `keys` (absent keys left out)."""
    if dialect == "postgresql":
        pairs = chain.from_iterable((literal(k), column.op("->")(literal(k))) for k in keys)
        return func.json_strip_nulls(func.json_build_object(*pairs))
    # SQLite: json_extract keeps arrays as JSON; a merge patch into {} drops the nulls.
    pairs = chain.from_iterable((literal(k), func.json_extract(column, f"$.{k}")) for k in keys)
    return func.json_patch("{}", func.json_object(*pairs))


def _forget_questions(session: Session, patrons: list[str], purged: set[int]) -> int:
    """Delete the patrons' conversations still holding a question or refusal about a request."""
    stale: list[int] = []
    for ids in _chunks(patrons):
        query = select(Conversation.id, Conversation.data).where(Conversation.patron_id.in_(ids))
        stale += [number for number, data in session.execute(query) if _mentions(purged, data)]
    # A question about a request that ended months ago is stale anyway.
    return _delete_ids(
        session, Conversation, select(Conversation.id).where(Conversation.id.in_(stale))
    )


def _mentions(requests: set[int], data: dict[str, Any] | None) -> bool:
    """Tell whether conversation data names one of the requests, by number or by ref."""
    data = data or {}
    numbers: set[Any] = set()
    for key in NUMBER_KEYS:
        value = data.get(key)
        numbers.update(value if isinstance(value, list) else [value])
    for value in _values(data):
        if isinstance(value, str):
            numbers.update(int(n) for n in _refs(value))
    return bool(numbers & requests)


def _values(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _values(item)
    else:
        yield value


def _refs(text: str) -> list[str]:
    return REF.findall(text)


def _locked_ids(session: Session, query: Select[Any], key: InstrumentedAttribute[int]) -> list[int]:
    """Return the ids a query finds, locking them and skipping rows another worker holds."""
    if session.get_bind().dialect.name == "postgresql":
        query = query.order_by(key)  # locks taken in one order: workers never deadlock
    # SQLite has one writer: no order, so its planner never scans in rowid order to skip a sort.
    return sorted(session.scalars(query.with_for_update(skip_locked=True)))


def _delete_ids(session: Session, model: type[Any], query: Select[Any]) -> int:
    """Delete the rows a query of ids finds (locked first, SKIP LOCKED); return how many."""
    ids = _locked_ids(session, query, model.id)
    for instance in list(session.identity_map.values()):
        if isinstance(instance, model) and instance.id in set(ids):
            session.expunge(instance)  # gone: never flushed again
    for chunk in _chunks(ids):
        session.execute(
            delete(model).where(model.id.in_(chunk)).execution_options(synchronize_session=False)
        )
    return len(ids)


def _expire(session: Session, model: type[Any], ids: set[int], key: str = "id") -> None:
    """Make the objects this session already holds of the rows written reload their values."""
    for instance in list(session.identity_map.values()):
        if isinstance(instance, model) and getattr(instance, key) in ids:
            session.expire(instance)


def _chunks(values: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


def _warn_unknown_libraries(session: Session, known: set[str]) -> None:
    """Say how many finished requests belong to no loaded profile, so nobody purges them."""
    unknown = sorted(set(session.scalars(LIBRARIES)) - known)
    if not unknown:
        return  # every tick: a few index probes, not a count over every request
    query = select(func.count(IllRequest.id)).where(
        IllRequest.library.in_(unknown),
        IllRequest.status.in_(FINISHED_STATUSES),
        IllRequest.patron_id.is_not(None),
    )
    stranded = int(session.scalar(query) or 0)
    if stranded:
        log.warning("retention: %d finished request(s) of unknown libraries kept", stranded)
