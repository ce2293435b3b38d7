"""Staff answer an escalation: approve or deny what it asks, or write to the patron themselves.

Every answer is noted on the escalation (who settled it, how), and a refresh row is queued so
the staff surface can show it; the patron hears through the outbox like any other message.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.core import Library
from handlers.delivery import address_on, usual_channel
from handlers.language import for_notice
from handlers.staff import StaffAction, record_staff_action
from policy.errors import StaffError
from store.models import IllRequest, OutboxMessage, Patron
from store.outbox import enqueue
from store.requests import change_status
from templates import slack_escape
from templates.dates import LOCALE
from templates.i18n import N_, SOURCE, translate

STAFF = "staff"
VERBS = {"approve": "approved", "deny": "denied"}
FINAL = frozenset(VERBS.values())
MAX_REPLY = 3000
# The frame around staff's own words: the words themselves are sent as staff wrote them.
FROM_ABOUT = N_("A message from %(office)s about %(ref)s:")
FROM = N_("A message from %(office)s:")
ILL_STAFF = N_("ILL staff")  # who is writing, when a profile names no office


def escalation_row(session: Session, escalation_id: int) -> OutboxMessage:
    """Return the escalation staff are answering; raise StaffError for anything else."""
    row = session.get(OutboxMessage, escalation_id, with_for_update=True)  # one settler at a time
    if row is None or row.kind != "escalation" or row.address != STAFF or "settles" in row.meta:
        raise StaffError(f"no escalation {escalation_id}")
    return row


def settle(
    session: Session, escalation_id: int, action: str, actor: str, at: datetime, library: Library
) -> list[OutboxMessage]:
    """Approve or deny the request an escalation is about; return the rows queued."""
    if action not in VERBS:
        raise StaffError(f"an escalation is approved or denied, not {action!r}")
    row = escalation_row(session, escalation_id)
    if row.request_id is None:
        raise StaffError("this escalation is not about a request: reply to the patron instead")
    settled = [n for n in row.meta.get("settlements", []) if n.get("verb") in FINAL]
    if settled:
        raise StaffError(f"ILL-{row.request_id} was already {settled[0]['verb']}")
    staff_action = StaffAction.from_fields(action, {"by": actor})
    notices = record_staff_action(session, row.request_id, staff_action, at, library)
    return [*notices, _note(session, row, VERBS[action], actor, at)]


def note_settled(
    session: Session, request_id: int, action: str, actor: str, at: datetime
) -> list[OutboxMessage]:
    """Mark open escalations about a request settled when staff approved or denied it elsewhere."""
    if action not in VERBS:
        return []
    query = select(OutboxMessage).where(
        OutboxMessage.kind == "escalation",
        OutboxMessage.address == STAFF,
        OutboxMessage.request_id == request_id,
    )
    rows = [
        row
        for row in session.scalars(query)
        if "settles" not in row.meta
        and not any(n.get("verb") in FINAL for n in row.meta.get("settlements", []))
    ]
    return [_note(session, row, VERBS[action], actor, at) for row in rows]


def reply(
    session: Session,
    escalation_id: int,
    text: str,
    actor: str,
    at: datetime,
    library: Library,
) -> list[OutboxMessage]:
    """Send staff's own words to the patron an escalation is about; return the rows queued."""
    words = text.strip()[:MAX_REPLY]
    if not words:
        raise StaffError("the reply is empty")
    row = escalation_row(session, escalation_id)
    request = session.get(IllRequest, row.request_id) if row.request_id is not None else None
    patron = _patron(session, row, request)
    if patron is None:
        raise StaffError("the patron of this escalation is no longer in the directory")
    asked_on = request.channel if request else str(row.context.get("channel_name") or "slack")
    channel = usual_channel(patron, asked_on)
    address = address_on(patron, channel)
    profile = library.profile(patron.library)
    language = for_notice(session, patron, profile)  # as a notice: the patron's language
    office = profile.words(language).contact.get("office") or translate(language, ILL_STAFF)
    frame = translate(language, FROM_ABOUT if request else FROM)
    heading = frame % {"office": office, "ref": request.ref if request else ""}
    shown = slack_escape(words) if channel == "slack" else words
    context = {"office": office, "ref": request.ref if request else "", "said": words}
    if language != SOURCE:
        context[LOCALE] = language
    message = enqueue(
        session,
        at,
        kind="notice",
        channel=channel,
        patron_id=patron.id,
        address=address,
        thread="",
        request_id=request.id if request else None,
        template="staff_message",
        context=context,
        meta={"to": patron.id, "notice": "staff_message", "request": _ref(row), "by": actor},
        text=f"{heading}\n{shown}",
    )
    if request is not None:
        change_status(
            session, request, request.status, at=at, actor=actor, action="staff_reply", note=words
        )
    return [message, _note(session, row, "replied", actor, at)]


def _patron(session: Session, row: OutboxMessage, request: IllRequest | None) -> Patron | None:
    if request is not None:
        return request.patron
    patron_id = row.context.get("patron_ref")
    return session.get(Patron, str(patron_id)) if patron_id else None


def _note(
    session: Session, row: OutboxMessage, verb: str, actor: str, at: datetime
) -> OutboxMessage:
    """Remember who settled the escalation and queue a refresh of the staff's copy."""
    settlements = [
        *row.meta.get("settlements", []),
        {"verb": verb, "by": actor, "at": at.isoformat()},
    ]
    row.meta = {**row.meta, "settlements": settlements}  # reassign: JSON columns need a new object
    refresh = enqueue(
        session,
        at,
        kind="escalation",
        channel=row.channel,
        patron_id=None,
        address=STAFF,
        thread="",
        request_id=row.request_id,
        template="settled",
        context={"verb": verb, "by": actor},
        meta={"to": STAFF, "settles": row.id, "verb": verb, "by": actor, "request": _ref(row)},
        text=f"{_ref(row) or 'escalation'} {verb} by {actor}",
    )
    session.flush()
    return refresh


def _ref(row: OutboxMessage) -> str | None:
    return f"ILL-{row.request_id}" if row.request_id is not None else None
