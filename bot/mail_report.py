"""Tell staff about mail trouble (a bounced notice, a refused address, an unreadable mail).

Staff hear it the way they hear every escalation: an outbox row for the staff channel, written
in the same transaction as what it reports, rendered from `templates/mail/`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from store.models import IllRequest, OutboxMessage
from store.outbox import enqueue
from templates import render

STAFF = "staff"
STAFF_CHANNEL = "slack"

log = logging.getLogger("illbot.mail")


def report_to_staff(
    session: Session,
    at: datetime,
    template: str,
    *,
    about: OutboxMessage | None = None,
    **fields: Any,
) -> OutboxMessage:
    """Enqueue an escalation for staff from `templates/mail/<template>`."""
    request_id = about.request_id if about is not None else None
    ref = f"ILL-{request_id}" if request_id is not None else ""
    context: dict[str, Any] = {
        "ref": ref,
        "patron_ref": (about.patron_id if about is not None else None) or "unknown",
        "library_id": (about.context.get("library_id") if about is not None else None),
        **fields,
    }
    if request_id is not None and (request := session.get(IllRequest, request_id)) is not None:
        context.setdefault("title", request.title or "")
        context["library_id"] = context["library_id"] or request.library
    context.setdefault("title", "")
    name = f"mail/{template}"
    row = enqueue(
        session,
        at,
        kind="escalation",
        channel=STAFF_CHANNEL,
        patron_id=None,
        address=STAFF,
        thread="",
        request_id=request_id,
        template=name,
        context={
            k: (v if isinstance(v, str | int | float | bool) or v is None else str(v))
            for k, v in context.items()
        },
        meta={"to": STAFF, "request": ref or None, "intent": None, "outcome": None},
        text=render(name, STAFF_CHANNEL, context),
    )
    session.flush()
    log.info("mail: told staff (%s) about %s", template, ref or "a mail with no request")
    return row
