"""Tell staff about a bounced notice; name failures without the data they were about.

Staff hear it the way they hear every escalation: an outbox row for the staff channel, written
in the same transaction as what it reports, rendered from `templates/mail/`.
"""

from __future__ import annotations

import imaplib
import logging
import re
from datetime import datetime
from typing import Any

from imap_tools.errors import ImapToolsError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from bot.mail.parse import where
from handlers.faults import escalate
from store.models import IllRequest, OutboxMessage

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
    row = escalate(session, at, f"mail/{template}", context, request_id)
    log.info("mail: told staff (%s) about %s", template, ref or "a mail with no request")
    return row


QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|\([^()]*@[^()]*\)|\S+@\S+")


def describe(exc: BaseException, *, detail: bool = True) -> str:
    """Name a failure for a log line or a staff report, without the data it was about.

    Its type and the source line that raised it; with `detail`, for store, network and IMAP
    errors, the first line of their message with quoted values removed (a store error's
    parameters, an address, are never in it).
    """
    name = where(exc)
    if not detail:
        return name
    cause: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
    if not isinstance(exc, DBAPIError | OSError | imaplib.IMAP4.error | ImapToolsError):
        return name
    first = (str(cause).strip().splitlines() or [""])[0]
    first = QUOTED.sub("…", first)[:200]
    return f"{name}: {first}" if first else name
