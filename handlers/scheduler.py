"""One scheduler pass: every notice, status move and penalty owed today, each exactly once.

Rows are taken with SKIP LOCKED (two workers never handle the same request at once) and every
(request, notice, level) is claimed in `notices_sent` under a unique index before it is sent,
so a repeated or concurrent pass sends nothing twice. A missed pass catches up with the current
step of an overdue ladder only.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from handlers import overdue, queue
from handlers.faults import report_failures
from handlers.library import Library
from handlers.notices import notify
from handlers.renew import loan_facts
from policy.profile import Profile
from policy.schedule import Due, ScheduleCase, due_actions
from store.db import insert_new
from store.models import IllRequest, NoticeSent, OutboxMessage
from store.requests import change_patron, change_status
from store.retention import purge_finished

log = logging.getLogger(__name__)
SCHEDULED_STATUSES = ("ready", "checked_out", "renewal_requested", "delivered")
ACTOR = "scheduler"


def run_tick(session: Session, at: datetime, library: Library) -> list[OutboxMessage]:
    """Do everything owed at `at` (notices, failure reports, the staff digest), then purge."""
    query = (
        select(IllRequest)
        .where(IllRequest.status.in_(SCHEDULED_STATUSES), IllRequest.patron_id.is_not(None))
        .order_by(IllRequest.id)
        .with_for_update(skip_locked=True)
        .options(selectinload(IllRequest.history))  # one query for every request's history
    )
    out: list[OutboxMessage] = []
    for request in session.scalars(query).all():
        out += _request(session, request, at, library)
    out += report_failures(session, at)  # staff hear of any message given up but not reported
    out += queue.digest(session, at, library)  # once a day per library, at its digest_at
    purged = purge_finished(session, at, library)  # privacy: after the retention period
    if purged:
        log.info("scheduler: removed patron links from %d finished requests", purged)
    return out


def _case(request: IllRequest, profile: Profile, today: date) -> ScheduleCase:
    asked = any(e.to_status == "renewal_requested" for e in request.history)
    return ScheduleCase(profile, loan_facts(request), today, renewal_asked=asked)


def _request(
    session: Session, request: IllRequest, at: datetime, library: Library
) -> list[OutboxMessage]:
    profile = library.profile(request.library)
    today = at.astimezone(profile.timezone).date()
    dues = due_actions(_case(request, profile, today))
    out: list[OutboxMessage] = []
    move = next((d for d in dues if d.move and _claim(session, request, d, at)), None)
    if move is not None:  # a status move changes what else is owed
        out += _move(session, request, move, at, library, profile, today)
        dues = due_actions(_case(request, profile, today))
    for due in dues:
        if due.move is None and due.ladder < 0 and _claim(session, request, due, at):
            out += notify(session, request, due.notice, at, library, rules=(due.rule,))
    out += _ladder(session, request, [d for d in dues if d.ladder >= 0], at, library, today)
    return out


def _claim(session: Session, request: IllRequest, due: Due, at: datetime) -> bool:
    """Record that this notice is being sent; False when it was sent already (or is now)."""
    return insert_new(
        session, NoticeSent, request_id=request.id, notice=due.notice, level=due.level, at=at
    )


def _suspended_already(session: Session, request: IllRequest) -> bool:
    """Tell whether the patron already heard their privileges are lost over another loan."""
    query = (
        select(NoticeSent.id)
        .join(IllRequest, IllRequest.id == NoticeSent.request_id)
        .where(
            NoticeSent.notice == "privileges_suspended",
            IllRequest.patron_id == request.patron_id,
            IllRequest.id != request.id,
            IllRequest.status.in_(("checked_out", "renewal_requested")),
        )
    )
    return session.scalars(query.limit(1)).first() is not None


def _move(
    session: Session,
    request: IllRequest,
    due: Due,
    at: datetime,
    library: Library,
    profile: Profile,
    today: date,
) -> list[OutboxMessage]:
    assert due.move is not None
    change_status(session, request, due.move, at=at, actor=ACTOR, action=due.notice)
    log.info("scheduler: %s is now %s (%s)", request.ref, due.move, due.rule.id)
    out = notify(session, request, due.notice, at, library, rules=(due.rule,))
    if due.move == "unclaimed":
        out += overdue.after_unclaimed(session, request, at, library, profile, today)
    return out


def _ladder(
    session: Session,
    request: IllRequest,
    steps: list[Due],
    at: datetime,
    library: Library,
    today: date,
) -> list[OutboxMessage]:
    """Apply every overdue step reached; send only the highest one not sent before."""
    if not steps:
        return []
    top = max(steps, key=lambda d: d.ladder)
    fresh = [d for d in steps if _claim(session, request, d, at)]
    profile = library.profile(request.library)
    out: list[OutboxMessage] = []
    told = top.effect == "suspend" and _suspended_already(session, request)
    if top in fresh and not told:
        out += notify(
            session,
            request,
            top.notice,
            at,
            library,
            rules=(top.rule,),
            billed_through=overdue.billed_through(request.category),
            overdue=request.ref,
        )
    for step in fresh:
        if step.effect == "academic_hold" and request.patron is not None:
            change_patron(session, request.patron, academic_hold=True)
        elif step.effect == "bill":
            out += overdue.mark_billed(session, request, at, profile, today)
    if fresh:
        log.info("scheduler: %s overdue step %s", request.ref, top.rule.id)
    return out
