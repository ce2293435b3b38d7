"""Notices: messages the library sends a patron about a request, by staff action or schedule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from handlers.delivery import address_on, usual_channel
from handlers.language import for_notice
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
from policy.text_values import NOTICE_VARIABLES as NOTICE_VARIABLES
from policy.text_values import SOME_NOTICES as SOME_NOTICES
from store.models import IllRequest, OutboxMessage
from templates.i18n import N_, _, current, speaking

INVOICE = N_("by an invoice from the library")  # a bill whose category names no account
THE_LIBRARY = N_("the library")  # where to collect it, when a profile names no desk


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
    """Send one notice about a request to its patron, on the channel they asked on (web: email).

    Return its row, then the row of the update in the request's staff thread, if any.
    """
    patron = request.patron
    if patron is None:
        return []  # the patron link was removed after the retention period
    profile = library.profile(request.library)
    # The patron's language: the directory's, else their last conversation's (handlers/language).
    with speaking(for_notice(session, patron, profile)):
        rows = _notice(session, request, notice, at, profile, rules, fee_cents, extra)
    # Staff see it in the request's thread at once (quiet hours are the patron's), after it.
    reason = str(extra.get("reason") or "")
    return rows + after_notice(session, request, notice, at, profile, reason)


def _notice(
    session: Session,
    request: IllRequest,
    notice: str,
    at: datetime,
    profile: Profile,
    rules: tuple[Rule, ...],
    fee_cents: int | None,
    extra: dict[str, Any],
) -> list[OutboxMessage]:
    """Write the notice to the patron, in the language being spoken; return its rows."""
    patron = request.patron
    assert patron is not None
    shown = (*rules, *_info_rules(profile, notice))
    today = at.astimezone(profile.timezone).date()
    context = {**facts(request, profile), **standing(request, profile, today), "notice": notice}
    context.update(extra)
    if "billed_through" in extra and not extra["billed_through"]:
        context["billed_through"] = _(INVOICE)  # a bill whose category names no account
    context["reasons"] = [
        explain(Finding(r, "note"), request, profile=profile, today=today, **_strings(context))
        for r in shown
    ]
    channel = usual_channel(patron, request.channel)
    inbound = Inbound(channel=channel, sender=address_on(patron, channel), text="", at=at)
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
    # Quiet hours: a notice written at night waits in the outbox for the morning.
    held = next_sending_time(at, profile.timezone, profile.sending_hours)
    return write(session, inbound, patron, profile, [outgoing], send_at=held)


# What a notice's text may use, NOTICE_VARIABLES and SOME_NOTICES (imported above, re-exported),
# lives in policy/text_values.py, so that `illbot policy check` holds a library's [texts] to it.


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
        "desk": profile.words(current()).contact.get("desk") or _(THE_LIBRARY),
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
