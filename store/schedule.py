"""Which requests a scheduler pass must look at today, found through one index.

Each request carries `next_check_on`, the library-local day it next needs a look (worked out by
the pass that last looked at it, from policy.schedule_dates). A change to anything the schedule
depends on clears it (store.models RESCHEDULING); a pass first gives every cleared request a
safe early day straight from its due date in SQL, so a pass over a million loans reads only the
few owed something today, and a repeat pass reads none.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Date, case, cast, func, literal, select, update
from sqlalchemy.orm import Session

from store.db import insert_new
from store.models import IllRequest, ScheduleMark

SCHEDULED_STATUSES = ("ready", "checked_out", "renewal_requested", "delivered")
NEVER = date(9999, 12, 31)  # nothing scheduled can happen to the request as it stands


def mark_windows(session: Session, library: str, digest: str) -> bool:
    """Record the library's schedule windows; clear every day worked out from other ones.

    Returns True when the days were cleared (a new or changed schedule, or a new store).
    Two workers starting together both see the change; clearing twice is harmless.
    """
    mark = session.get(ScheduleMark, library)
    if mark is not None and mark.windows == digest:
        return False
    if mark is None and not insert_new(session, ScheduleMark, library=library, windows=digest):
        session.expire_all()  # a twin worker recorded it a moment ago: read what it wrote
        return mark_windows(session, library, digest)
    session.execute(
        update(ScheduleMark).where(ScheduleMark.library == library).values(windows=digest)
    )
    session.execute(
        update(IllRequest)
        .where(IllRequest.library == library, IllRequest.next_check_on.is_not(None))
        .values(next_check_on=None)
        .execution_options(synchronize_session=False)
    )
    return True


def _shifted(session: Session, column: Any, days: int) -> Any:
    """`column` plus `days` days, in the store's own SQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column, f"{days:+d} days")
    return cast(column + literal(days), Date)


def fill_unknown(
    session: Session,
    library: str,
    earliest: Mapping[tuple[str, str], int],
    limit: int | None = None,
) -> int:
    """Give cleared requests of the library an early-enough day; return how many were given one.

    `earliest` is policy.schedule_dates.earliest(profile): per (status, anchor column), the
    fewest days from the anchor at which any rule fires. Requests in other statuses, or with
    no anchor, get NEVER (until they change again). With `limit`, at most that many are done,
    so a caller can commit between rounds (a store just upgraded has a million to do).
    """
    day = case(
        *(
            (IllRequest.status == s, _earliest_day(session, earliest, s))
            for s in SCHEDULED_STATUSES
        ),
        else_=literal(NEVER, Date),
    )
    # Found through ix_requests_next_check alone: cleared rows are few once a store is running,
    # and an index on status would walk every loan to find them.
    cleared = (
        select(IllRequest.id)
        .where(IllRequest.library == library, IllRequest.next_check_on.is_(None))
        .with_hint(IllRequest, "INDEXED BY ix_requests_next_check", "sqlite")
    )
    if limit is not None:
        cleared = cleared.limit(limit)
    return _update(session, (IllRequest.id.in_(cleared.scalar_subquery()),), day)


def _earliest_day(session: Session, earliest: Mapping[tuple[str, str], int], status: str) -> Any:
    """The SQL for a request's earliest day in `status`: its anchor plus the fewest days."""
    days = [
        func.coalesce(_shifted(session, getattr(IllRequest, anchor), d), NEVER)
        for (s, anchor), d in earliest.items()
        if s == status
    ]
    if not days:
        return literal(NEVER, Date)
    if len(days) == 1:
        return days[0]
    smallest = func.min if session.get_bind().dialect.name == "sqlite" else func.least
    return smallest(*days)


def _update(session: Session, where: tuple[Any, ...], value: Any) -> int:
    result = session.execute(
        update(IllRequest)
        .where(*where)
        .values(next_check_on=value)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def owed_ids(session: Session, library: str, today: date) -> list[int]:
    """Return the ids of the library's scheduled requests whose day has come, oldest first."""
    query = (
        select(IllRequest.id)
        .where(
            IllRequest.library == library,
            IllRequest.next_check_on <= today,
            IllRequest.status.in_(SCHEDULED_STATUSES),
            IllRequest.patron_id.is_not(None),
        )
        .order_by(IllRequest.id)
    )
    return list(session.scalars(query))
