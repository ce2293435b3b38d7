"""What one scheduled request owes today: status moves, notices, overdue steps, its next day.

The scheduler (handlers.scheduler) calls `owed_work` for each request whose day has come, in
the pass's transaction; every notice is claimed in `notices_sent` before it is written.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import overdue
from handlers.library import Library
from handlers.notices import notify
from handlers.renew import loan_facts
from policy.profile import Profile
from policy.schedule import Due, ScheduleCase, current_steps, due_actions, to_tell
from policy.schedule_dates import next_check, windows
from store.db import insert_new
from store.models import IllRequest, NoticeSent, OutboxMessage
from store.requests import change_patron, change_status

log = logging.getLogger("handlers.scheduler")
ACTOR = "scheduler"


def _case(request: IllRequest, profile: Profile, today: date) -> ScheduleCase:
    return ScheduleCase(profile, loan_facts(request), today, renewal_asked=request.renewal_asked)


def owed_work(
    session: Session, request: IllRequest, at: datetime, library: Library
) -> list[OutboxMessage]:
    """Do everything the request owes today, then work out the next day it needs a look."""
    profile = library.profile(request.library)
    today = at.astimezone(profile.timezone).date()
    if request.next_check_on is not None and request.next_check_on > today:
        return []  # another worker's pass got to it first
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
    # Last: anything above that changed the request has cleared the day (store.models).
    request.next_check_on = next_check(windows(profile), loan_facts(request), today)
    return out


def _claim(session: Session, request: IllRequest, due: Due, at: datetime) -> bool:
    """Record that this notice is being sent; False when it was sent already (or is now)."""
    return insert_new(
        session,
        NoticeSent,
        request_id=request.id,
        notice=due.notice,
        level=due.level,
        step=due.step,
        at=at,
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
    """Apply every overdue step reached and not applied before; tell the patron today's news.

    The steps of the latest day reached are told, one notice per notice type in the words of
    the later step (policy.schedule.to_tell); earlier ones a missed pass catches up with are
    applied without a notice.
    """
    if not steps:
        return []
    fresh = [d for d in steps if _claim(session, request, d, at)]
    if not fresh:
        return []
    profile = library.profile(request.library)
    out: list[OutboxMessage] = []
    for due in to_tell([d for d in current_steps(steps) if d in fresh]):
        if due.effect == "suspend" and _suspended_already(session, request):
            continue  # the patron heard their privileges are lost over another loan
        out += notify(
            session,
            request,
            due.notice,
            at,
            library,
            rules=(due.rule,),
            billed_through=overdue.billed_through(profile, request.category),
            overdue=request.ref,
            minimum=int(due.data.get("min_cents") or 0),
        )
    for step in fresh:
        out += _apply(session, request, step, at, profile, today)
    log.info("scheduler: %s overdue steps %s", request.ref, ", ".join(d.rule.id for d in fresh))
    return out


def _apply(
    session: Session, request: IllRequest, step: Due, at: datetime, profile: Profile, today: date
) -> list[OutboxMessage]:
    """Do what an overdue step does besides its notice."""
    if step.effect == "academic_hold" and request.patron is not None:
        change_patron(session, request.patron, academic_hold=True)
    elif step.effect == "bill":
        return overdue.mark_billed(session, request, at, profile, today, step.rule)
    elif step.effect == "staff_task":
        return overdue.staff_task(session, request, step.rule, at, profile, today)
    return []
