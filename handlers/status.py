"""`status`: where are my requests?"""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers import targets
from handlers.loan_state import standing
from handlers.notices import facts
from handlers.turn import Turn
from policy.profile import Profile
from store.models import IllRequest
from store.requests import open_requests


def summary(
    request: IllRequest, profile: Profile | None = None, today: date | None = None
) -> dict[str, Any]:
    """Describe one request with the dates a patron cares about, and overdue, holds and bills."""
    dates = facts(request, profile) if profile is not None else {}
    now = standing(request, profile, today) if profile is not None and today else {}
    return {
        "days_overdue": now.get("days_overdue", 0),
        "academic_hold": now.get("academic_hold", False),
        "billed_on": now.get("billed_on", ""),
        "billed_through": now.get("billed_through", ""),
        "fine": now.get("fine", 0),
        "pickup_by": dates.get("pickup_by", "") if request.status == "ready" else "",
        "last_day": dates.get("last_day", "") if request.status == "delivered" else "",
        "name": targets.describe(request),
        "ref": request.ref,
        "status": request.status,
        "asked_on": request.recorded_on.isoformat(),
        "need_by": request.need_by.isoformat() if request.need_by else "",
        "due": request.due_date.isoformat() if request.due_date else "",
        "fee": request.fee_cents,
    }


def answer_one(turn: Turn, request: IllRequest) -> None:
    """Tell the patron where one request stands."""
    turn.reply(
        "status_one",
        intent="status",
        outcome="done",
        request_id=request.id,
        status=request.status,
        item=summary(request, turn.profile, turn.today),
    )


def handle(turn: Turn) -> None:
    """Answer about one request when one is named, else about every open one."""
    entities = turn.reading.entities
    if len(entities.refs) > 1:
        targets.each_named(turn, "status", answer_one)
        return
    if targets.names_one(turn):
        pool = open_requests(turn.session, turn.patron.id)
        request = targets.resolve(turn, "status", pool)
        if request is not None:
            answer_one(turn, request)
        return
    mine = open_requests(turn.session, turn.patron.id)
    turn.reply(
        "status_all",
        intent="status",
        outcome="done",
        request_ids=tuple(r.id for r in mine),
        items=[summary(r, turn.profile, turn.today) for r in mine],
    )
