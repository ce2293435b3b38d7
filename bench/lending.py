"""What staff do to some requests in every bench mix: send, receive and check out the newest."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from handlers.library import Library
from handlers.staff import StaffAction, record_staff_action
from store.db import transaction
from store.models import IllRequest

STEPS = ("sent", "arrived", "checked_out")


def lend_newest(
    sessions: sessionmaker[Session], library: Library, at: datetime, patron: str | None = None
) -> None:
    """Lend the store's (or patron's) newest request if still submitted, due in 30 days."""
    due = (at + timedelta(days=30)).date()
    with transaction(sessions) as session:
        newest = select(func.max(IllRequest.id))
        if patron is not None:
            newest = newest.where(IllRequest.patron_id == patron)
        number = session.scalar(newest)
        request = session.get(IllRequest, number) if number else None
        if request is None or request.status != "submitted":
            return
        for step in STEPS:
            action = StaffAction(step, due=due) if step == "arrived" else StaffAction(step)
            record_staff_action(session, request.id, action, at, library)
