"""Turn the core's Outgoing messages into outbox rows, rendered for their channel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from handlers.messages import Inbound, Outgoing
from policy.profile import Profile
from store.models import Conversation, IllRequest, OutboxMessage, Patron
from store.outbox import enqueue
from templates import LIBRARY_TEXT, render
from templates.dates import LOCALE, TODAY
from templates.i18n import SOURCE, current
from templates.words import dollars

STAFF = "staff"
STAFF_CHANNEL = "slack"  # escalations go to the staff channel in Slack
_DEFERRED = "handlers.outbox.deferred"  # Session.info key: defer_writes


def write(
    session: Session,
    inbound: Inbound,
    patron: Patron | None,
    profile: Profile,
    outgoing: list[Outgoing],
    state: Conversation | None = None,
    send_at: datetime | None = None,
) -> list[OutboxMessage]:
    """Render and enqueue every outgoing message in the caller's transaction.

    `send_at` holds them until then (a notice written in quiet hours waits for the morning).
    """
    rows = []
    for message in outgoing:
        channel = STAFF_CHANNEL if message.to_staff else inbound.channel
        context = _context(session, message, profile, inbound.at)
        name = message.template if "/" in message.template else f"replies/{message.template}"
        texts = profile.words(current()).texts
        if texts.get(name) and not message.to_staff:
            context[LIBRARY_TEXT] = texts[name]  # the library's own words for it
        text = render(name, channel, context)
        if state is not None and message.outcome == "needs_info" and message.kind == "reply":
            state.data = {**state.data, "question": text}  # for "still waiting" re-asks
        rows.append(
            enqueue(
                session,
                inbound.at,
                send_at=send_at,
                kind=message.kind,
                channel=channel,
                patron_id=patron.id if patron and not message.to_staff else None,
                address=STAFF if message.to_staff else inbound.sender,
                thread="" if message.to_staff else inbound.thread,
                request_id=message.request_id,
                template=message.template,
                context=_jsonable(context),
                meta=_meta(message, patron),
                text=text,
            )
        )
    if not session.info.get(_DEFERRED):
        session.flush()  # the caller may show the rows at once (the web chat needs their ids)
    return rows


def defer_writes(session: Session) -> None:
    """Let `write` leave its rows to the session's next flush (a scheduler chunk's commit).

    One flush for a whole chunk lets the ORM batch its rows; a turn's caller, which shows the
    rows it gets back at once, needs them flushed (ids) and never calls this.
    """
    session.info[_DEFERRED] = True


def _context(session: Session, message: Outgoing, profile: Profile, at: datetime) -> dict[str, Any]:
    context = dict(message.context)
    # A patron reads the language of the turn or notice being written (templates.i18n.speaking),
    # and dates in its words against the library's today; staff read English and ISO dates.
    language = SOURCE if message.to_staff else current()
    if not message.to_staff:
        context.setdefault(TODAY, at.astimezone(profile.timezone).date().isoformat())
        context.setdefault(LOCALE, language)
    context.setdefault("library", profile.name)
    context.setdefault("library_id", profile.id)
    context.setdefault("contact", profile.words(language).contact)
    context.setdefault("fee", message.fee_cents)
    context.setdefault("rules", list(message.rules))
    if message.request_id is not None and "ref" not in context:
        request = session.get(IllRequest, message.request_id)
        if request is not None:
            context.setdefault("ref", request.ref)
    return context


def _meta(message: Outgoing, patron: Patron | None) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "to": STAFF if message.to_staff else (patron.id if patron else None),
        "intent": message.intent,
        "outcome": message.outcome,
        "rules": list(message.rules),
        "notice": message.notice,
        "status": message.status,
        "entities": message.entities or None,
    }
    if message.request_id is not None:
        meta["request"] = f"ILL-{message.request_id}"
    if message.request_ids:
        meta["requests"] = [f"ILL-{n}" for n in message.request_ids]
    if message.fee_cents is not None:
        meta["fee"] = dollars(message.fee_cents)
    return meta


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
