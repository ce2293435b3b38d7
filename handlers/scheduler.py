"""One scheduler pass: every notice, status move and penalty owed today, each exactly once.

Only requests whose `next_check_on` day has come are read (store.schedule), in chunks, each
chunk its own transaction in `run_pass` so the write lock is let go between them and memory
stays flat; after a request is handled its next day is worked out (policy.schedule_dates).
Rows are taken with SKIP LOCKED (two workers never handle the same request at once) and every
(request, notice, level, step) is claimed in `notices_sent` under a unique index before it is
sent, so a repeated or concurrent pass sends nothing twice. Every overdue step reached is
applied; the patron hears the steps of the latest day reached, one notice per notice type (a
missed pass catches up without a flood of old reminders). One request that cannot be handled
(a profile's notice type with no text, a bug) is set aside for that pass and reported to staff
once; the pass goes on with the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from handlers import fees
from handlers.digest import staff_digest
from handlers.faults import report_failures
from handlers.library import Library
from handlers.messages import Inbound, Outgoing
from handlers.outbox import STAFF_CHANNEL, defer_writes, write
from handlers.scheduler_request import owed_work
from handlers.staff_threads import know_roots
from policy.profile import Profile
from policy.schedule_dates import digest, earliest
from store.db import insert_new, transaction
from store.models import IllRequest, NoticeSent, OutboxMessage
from store.retention import purge_finished
from store.schedule import SCHEDULED_STATUSES, fill_unknown, mark_windows, owed_ids

log = logging.getLogger(__name__)
STUCK = "scheduler_stuck"  # notices_sent: staff were told the scheduler cannot handle it
# Requests per transaction in run_pass: a few milliseconds each, so the write lock is let go
# often enough that a patron's message never waits long behind a pass.
CHUNK = 10
LOAD = 500  # requests per query in run_tick's one transaction
FILL = 5000  # requests given their first day per transaction, per status

__all__ = ["SCHEDULED_STATUSES", "Told", "run_pass", "run_tick"]


@dataclass(frozen=True)
class Told:
    """One message a pass queued, as `illbot tick` lists it."""

    kind: str
    notice: str | None
    request: str | None


def run_tick(
    session: Session, at: datetime, library: Library, set_aside: list[str] | None = None
) -> list[OutboxMessage]:
    """Do everything owed at `at` in one transaction (the simulator's and tests' pass).

    The refs of requests that could not be handled this pass are added to `set_aside`.
    """
    aside = set_aside if set_aside is not None else []
    out: list[OutboxMessage] = []
    for part in _chunks(owed_requests(session, at, library), LOAD):
        out += _work_on(session, part, at, library, aside)
    return out + _after(session, at, library, aside)


def run_pass(
    sessions: sessionmaker[Session],
    at: datetime,
    library: Library,
    set_aside: list[str] | None = None,
    chunk: int = CHUNK,
    pause: Callable[[], None] | None = None,
) -> list[Told]:
    """Do everything owed at `at`, committing every `chunk` requests (`serve`, `illbot tick`).

    `pause` runs after each commit: the caller's chance to let a patron's turn take the store
    (SQLite has one writer at a time). A failure ends the pass with what was committed kept;
    the next pass goes on from there.
    """
    aside = set_aside if set_aside is not None else []
    for profile in library.profiles.values():  # a just-upgraded store: in rounds, committed
        with transaction(sessions) as session:
            _mark(session, profile)
        while True:
            with transaction(sessions) as session:
                if not fill_unknown(session, profile.id, earliest(profile), limit=FILL):
                    break
    with transaction(sessions) as session:
        ids = owed_requests(session, at, library, prepared=True)
    told: list[Told] = []
    for part in _chunks(ids, chunk):
        try:  # the common case: the whole chunk in one go, no savepoint per request
            with transaction(sessions) as session:
                told += [_told(row) for row in _work_on(session, part, at, library, None)]
            if pause is not None:
                pause()
            continue
        except Exception:  # undone; the chunk is done again one request at a time
            log.warning("scheduler: a request among %d from ILL-%d failed", len(part), part[0])
        with transaction(sessions) as session:
            told += [_told(row) for row in _work_on(session, part, at, library, aside)]
    for step in AFTER:  # each its own transaction: none holds the store for the others
        with transaction(sessions) as session:
            told += [_told(row) for row in step(session, at, library, aside)]
        if pause is not None:
            pause()
    return told


def owed_requests(
    session: Session, at: datetime, library: Library, *, prepared: bool = False
) -> list[int]:
    """Return the ids of requests whose day to be looked at has come, in every library.

    `prepared`: the caller has already marked the windows and given cleared requests a day.
    """
    ids: list[int] = []
    for profile in library.profiles.values():
        if not prepared:
            _mark(session, profile)
            fill_unknown(session, profile.id, earliest(profile))
        ids += owed_ids(session, profile.id, at.astimezone(profile.timezone).date())
    return sorted(ids)


def _mark(session: Session, profile: Profile) -> None:
    if mark_windows(session, profile.id, digest(profile)):
        log.info("scheduler: %s: working out every request's next day afresh", profile.id)


def _chunks(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    it = iter(ids)
    while part := list(islice(it, size)):
        yield part


def _told(row: OutboxMessage) -> Told:
    return Told(row.kind, row.meta.get("notice"), row.meta.get("request"))


def _work_on(
    session: Session, ids: list[int], at: datetime, library: Library, aside: list[str] | None
) -> list[OutboxMessage]:
    """Handle the requests of one chunk that are still scheduled and not locked elsewhere.

    With `aside` each request runs in a savepoint and one that fails is set aside (its ref
    added); without it a failure ends the chunk, for the caller to undo and do again.
    """
    query = (
        select(IllRequest)
        .where(
            IllRequest.id.in_(ids),
            IllRequest.status.in_(SCHEDULED_STATUSES),
            IllRequest.patron_id.is_not(None),
        )
        .order_by(IllRequest.id)
        .with_for_update(skip_locked=True, of=IllRequest)
        .options(selectinload(IllRequest.patron))  # notices go to the patron: one query
        .execution_options(populate_existing=True)  # as committed, not as first read
    )
    out: list[OutboxMessage] = []
    requests = session.scalars(query).all()
    if aside is None:  # the common case; one at a time, each request's own queries (savepoints)
        know_roots(session, [r.id for r in requests])  # every notice follows in its staff thread
        defer_writes(session)  # the chunk's outbox rows in one flush, at its commit
    for request in requests:
        if aside is None:
            out += _request(session, request, at, library)
        else:
            out += _safely(session, request, at, library, _request, aside)
    return out


def _after(
    session: Session, at: datetime, library: Library, aside: list[str]
) -> list[OutboxMessage]:
    """What a pass does once per pass: refunds, failure reports, the digest, the purge."""
    return [row for step in AFTER for row in step(session, at, library, aside)]


def _refunds(
    session: Session, at: datetime, library: Library, aside: list[str]
) -> list[OutboxMessage]:
    out: list[OutboxMessage] = []
    for ended in fees.awaiting_refund(session, at, library):  # fees back after a patron's cancel
        out += _safely(session, ended, at, library, fees.settle_event_fees, aside)
    return out


def _failures(
    session: Session, at: datetime, library: Library, aside: list[str]
) -> list[OutboxMessage]:
    return report_failures(session, at)  # staff hear of any message given up but not reported


def _digest(
    session: Session, at: datetime, library: Library, aside: list[str]
) -> list[OutboxMessage]:
    return staff_digest(session, at, library)  # once a day per library, at its digest_at


def _purge(
    session: Session, at: datetime, library: Library, aside: list[str]
) -> list[OutboxMessage]:
    purged = purge_finished(session, at, library)  # privacy: after the retention period
    if purged:
        log.info("scheduler: removed patron links from %d finished requests", purged)
    return []


AfterStep = Callable[[Session, datetime, Library, list[str]], list[OutboxMessage]]
AFTER: tuple[AfterStep, ...] = (_refunds, _failures, _digest, _purge)


def _safely(
    session: Session,
    request: IllRequest,
    at: datetime,
    library: Library,
    work: Callable[[Session, IllRequest, datetime, Library], list[OutboxMessage]],
    set_aside: list[str],
) -> list[OutboxMessage]:
    """Do one request's work in a savepoint; if it fails, undo it, tell staff and go on."""
    try:
        with session.begin_nested():
            return work(session, request, at, library)
    except Exception as exc:  # one request must never stop the pass
        problem = f"{type(exc).__name__}: {exc}"
        log.error("scheduler: %s set aside for this pass: %s", request.ref, problem)
        set_aside.append(request.ref)
        return _report_stuck(session, request, problem, at, library)


def _report_stuck(
    session: Session, request: IllRequest, problem: str, at: datetime, library: Library
) -> list[OutboxMessage]:
    """Tell staff once that the scheduler cannot handle a request, and why."""
    first = insert_new(
        session,
        NoticeSent,
        request_id=request.id,
        notice=STUCK,
        level=0,
        step=problem[:100],
        at=at,
    )
    if not first:
        return []  # staff were told of this problem already; it is tried again every pass
    inbound = Inbound(channel=STAFF_CHANNEL, sender="staff", text="", at=at)
    report = Outgoing(
        kind="escalation",
        template="escalation_scheduler",
        to_staff=True,
        request_id=request.id,
        status=request.status,
        context={"ref": request.ref, "problem": problem[:500], "heard": ""},
    )
    return write(session, inbound, None, library.profile(request.library), [report])


_request = owed_work  # by name: the fault tests replace it to stop a pass mid-way
