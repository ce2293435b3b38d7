"""Notices: messages the library sends a patron about a request, by staff action or schedule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from handlers.library import Library
from handlers.loan_state import standing
from handlers.messages import Inbound, Outgoing
from handlers.outbox import write
from handlers.queue import after_notice
from handlers.targets import describe
from handlers.turn import explain
from policy.decision import Finding
from policy.hours import next_sending_time
from policy.profile import Profile, Rule
from policy.schedule import last_access_day
from store.models import IllRequest, OutboxMessage


def notify(
    session: Session,
    request: IllRequest,
    notice: str,
    at: datetime,
    library: Library,
    *,
    rules: tuple[Rule, ...] = (),
    fee_cents: int | None = None,
    **extra: Any,
) -> list[OutboxMessage]:
    """Send one notice about a request to its patron, on the channel they asked on.

    Return its row, then the row of the update in the request's staff thread, if any.
    """
    patron = request.patron
    if patron is None:
        return []  # the patron link was removed after the retention period
    profile = library.profile(request.library)
    shown = (*rules, *_info_rules(profile, notice))
    today = at.astimezone(profile.timezone).date()
    context = {**facts(request, profile), **standing(request, profile, today), "notice": notice}
    context.update(extra)
    context["reasons"] = [
        explain(Finding(r, "note"), request, profile=profile, **_strings(context)) for r in shown
    ]
    address = {"email": patron.email, "slack": patron.slack}.get(request.channel) or patron.id
    inbound = Inbound(channel=request.channel, sender=address, text="", at=at)
    outgoing = Outgoing(
        kind="notice",
        template=f"notices/{notice}",
        notice=notice,
        request_id=request.id,
        status=request.status,
        rules=tuple(r.id for r in rules),
        fee_cents=fee_cents,
        context=context,
    )
    rows = write(session, inbound, patron, profile, [outgoing])
    # Quiet hours: a notice written at night waits in the outbox for the morning.
    held = next_sending_time(at, profile.timezone, profile.sending_hours)
    for row in rows:
        row.next_attempt_at = held
    # Staff see it in the request's thread at once (quiet hours are the patron's), after it.
    reason = str(extra.get("reason") or "")
    return rows + after_notice(session, request, notice, at, profile, reason)


# What a notice's text may use, a library's own ([texts]."notices/NAME") as much as the shipped
# one; tests/templates/test_library_texts.py holds it to the real context of every notice sent.
NOTICE_VARIABLES = {
    "ref": "the request's number: ILL-12",
    "title": "the item's title (its number when it has none)",
    "name": "the request as the patron knows it: ILL-12 “The Loud Year”",
    "material": "book, chapter, article, audiobook, media, thesis, textbook, …",
    "status": "the request's status now: ready, checked_out, …",
    "due": "the due date (2026-10-20), or empty",
    "asked_on": "the day the request was recorded",
    "need_by": "the need-by date, or empty",
    "desk": "where items are picked up and returned (the profile's contact.desk)",
    "fee": "the patron's fees on this request so far, in cents: {{ fee | money }} says $1.00",
    "lender_fee": "what the lender charges, in cents (0 when nothing)",
    "max_cost": "what the patron said they would pay, in cents, or none",
    "proxy": "the patron's proxy, or empty",
    "pickup_by": "the last day to pick the item up, or empty",
    "last_day": "the last day a delivered copy can be read, or empty",
    "days_overdue": "how many days the loan is overdue today (0 when it is not)",
    "academic_hold": "true when the patron's academic records are held because of this loan",
    "billed_on": "the day the replacement cost was billed, or empty",
    "billed_through": "how the patron's category is billed (its billed_through), or empty",
    "fine": "the overdue fine run up so far, in cents (fine.daily)",
    "can_renew": "true when the renewal rules would allow a renewal today",
    "no_renewal": "why not, in a few words, when a checked-out loan can't be renewed",
    "pays_fees": "false when every fee rule exempts the patron's category (no fee words)",
    "notice": "the notice type: overdue, final_warning, …",
    "reasons": "the rules behind it: each has explain, instead, says and id",
    "library": "the library's name",
    "library_id": "the profile's id",
    "contact": "the profile's [contact] table: contact.office, contact.desk, …",
    "rules": "the ids of the rules behind the notice",
}
# Variables only some notices have, and which.
SOME_NOTICES = {
    "owed": "fee, fee_ask, fine_charged, lender_fine: what the patron owes, in cents",
    "covered": "fee: what the library pays of the lender's charge, in cents",
    "reason": "unfilled, lender_fine: why, as staff recorded it (too_new, …), or empty",
    "count": "privileges_suspended: how many items were left unclaimed",
    "overdue": "overdue ladder steps: the overdue request's number",
    "minimum": "overdue ladder steps, billed: the bill's minimum, in cents (0 when none)",
    "days_late": "fine_charged: the days the fine counts",
    "capped": "fine_charged: true when the fine reached its most",
}


def facts(request: IllRequest, profile: Profile) -> dict[str, Any]:
    """Return what every notice may mention about a request, dates as ISO strings."""
    patron = request.patron
    return {
        "ref": request.ref,
        "title": request.title or request.ref,
        "name": describe(request),
        "material": request.material,
        "status": request.status,
        "due": request.due_date.isoformat() if request.due_date else "",
        "asked_on": request.recorded_on.isoformat(),
        "need_by": request.need_by.isoformat() if request.need_by else "",
        "desk": profile.contact.get("desk", "the library"),
        "fee": request.fee_cents,
        "lender_fee": request.lender_fee_cents or 0,
        "max_cost": request.max_cost_cents,
        "proxy": (patron.proxy if patron else None) or "",
        "pickup_by": _pickup_by(request, profile),
        "last_day": _last_day(request, profile),
    }


def _last_day(request: IllRequest, profile: Profile) -> str:
    """Return the last day a delivered copy can be read, when the library limits it."""
    rules = profile.rules_checking("copy.access")
    if not rules or request.delivered_on is None:
        return ""
    return last_access_day(rules[0], request.delivered_on).isoformat()


def _pickup_by(request: IllRequest, profile: Profile) -> str:
    """Return the last day to pick a loan up, when the library sends unclaimed items back."""
    rules = profile.rules_checking("schedule.pickup_deadline")
    if not rules or request.due_date is None:
        return ""
    return (request.due_date - timedelta(days=int(rules[0].params["days"]) + 1)).isoformat()


def _info_rules(profile: Profile, notice: str) -> tuple[Rule, ...]:
    """Return the library's informational rules that belong in this notice (desk, delivery)."""
    return tuple(r for r in profile.rules if notice in r.params.get("notices", ()))


def _strings(context: dict[str, Any]) -> dict[str, str]:
    return {k: v for k, v in context.items() if isinstance(v, str) and k != "ref"}
