"""One inbound mail through the core: decode, drop machines' mail, resolve reply tokens, and
mark a From the library's own mail server could not vouch for (`Inbound.verified`, bot.mail.auth).

`handle_mail` is all a mail causes, inside the caller's transaction; the IMAP poller and
`illbot sim` both use it, so a replayed mail is read exactly like one from the mailbox.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.mail.auth import is_verified
from bot.mail.machine import MachineMail, bounce_reason, machine_mail
from bot.mail.parse import ParsedMail, parse_mail
from bot.mail.report import report_to_staff
from bot.mail.tokens import MailIdentity
from bot.mail.trim import trim_reply
from handlers.core import Library, handle_message
from handlers.faults import report_unreadable
from handlers.messages import Inbound
from store.models import OutboxMessage, Patron
from store.outbox import already_handled

REPLY_PREFIX = re.compile(
    r"^\s*((re|aw|sv|vs|antw|réf|rif|r|ynt|odp|отв)\s*(\[\d+\])?\s*:\s*)+", re.I
)
MAX_REFERENCES = 10
OUR_IDS = re.compile(r"<illbot\.[^<>\s]+>")

# `illbot sim` replays mail without a mailbox: a fixed identity, its tokens good for the replay.
SIM_IDENTITY = MailIdentity(
    name="Interlibrary Loan", local="ill", domain="illbot.invalid", secret=b"illbot sim replay"
)

log = logging.getLogger("illbot.mail")


@dataclass(frozen=True)
class MailReading:
    """What one mail amounts to: a patron's message, or a machine's mail (maybe a bounce)."""

    mail: ParsedMail
    transport_id: str
    inbound: Inbound | None
    machine: MachineMail | None = None
    replied_to: OutboxMessage | None = None  # the mail of ours this one answers or bounces


def transport_id(mail: ParsedMail, raw: bytes | str) -> str:
    """Return the id that makes a redelivered mail harmless: its Message-ID, else its digest."""
    if mail.message_id:
        return mail.message_id[:250]
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    return "sha256:" + hashlib.sha256(data).hexdigest()[:48]


def read_mail(
    session: Session, raw: bytes | str, *, at: datetime, identity: MailIdentity
) -> MailReading:
    """Decode a mail and say who wrote it and what request, if any, a reply is about."""
    mail = parse_mail(raw)
    tid = transport_id(mail, raw)
    machine = machine_mail(mail, identity)
    replied_to = _replied_to(session, mail, identity, bounce=bool(machine and machine.bounce))
    if machine is not None:
        return MailReading(mail, tid, None, machine, replied_to)
    about = None
    if replied_to is not None:
        if _written_by_its_patron(session, replied_to, mail.sender):
            about = replied_to.request_id
        else:  # someone else's token: a new message from its sender, with no power over it
            log.info("mail: reply token of outbox %s used by another sender", replied_to.id)
            replied_to = None
    inbound = Inbound(
        channel="email",
        sender=mail.sender,
        text=heard(mail),
        at=at,
        thread="",  # one conversation per patron by mail; a reply's token names its request
        transport_id=tid,
        subject=mail.subject,
        about_request=about,
        verified=is_verified(mail, identity.authserv_id),
    )
    return MailReading(mail, tid, inbound, None, replied_to)


def heard(mail: ParsedMail) -> str:
    """Return the patron's own words: the trimmed body, or a fresh mail's subject alone."""
    text = trim_reply(mail.text).strip()
    is_reply = bool(mail.in_reply_to or REPLY_PREFIX.match(mail.subject))
    return text if text or is_reply else mail.subject


def handle_mail(
    session: Session, raw: bytes | str, *, at: datetime, identity: MailIdentity, library: Library
) -> list[OutboxMessage]:
    """Handle one inbound mail in the caller's transaction; return the outbox rows written."""
    reading = read_mail(session, raw, at=at, identity=identity)
    if reading.inbound is None:
        return _machine(session, reading, at)
    rows = handle_message(session, reading.inbound, library)
    _thread(rows, reading.mail)
    return rows


def _machine(session: Session, reading: MailReading, at: datetime) -> list[OutboxMessage]:
    assert reading.machine is not None
    if reading.machine.reason == "no sender":
        # Nobody can be answered (From missing, over-long or unreadable): staff see it once.
        why = "it has no sender address that can be read or answered"
        return report_unreadable(
            session, at, channel="email", transport_id=reading.transport_id, reason=why
        )
    bounced = reading.replied_to
    if not reading.machine.bounce or bounced is None or bounced.kind == "escalation":
        log.info("mail: not answered (%s)", reading.machine.reason.split(":", 1)[0])
        return []
    if already_handled(session, reading.transport_id, "email", at):
        return []
    reason = bounce_reason(reading.mail)
    bounced.meta = {**bounced.meta, "bounced": reason}
    return [report_to_staff(session, at, "bounce", about=bounced, reason=reason)]


def _replied_to(
    session: Session, mail: ParsedMail, identity: MailIdentity, *, bounce: bool
) -> OutboxMessage | None:
    """Find the mail of ours this one answers: by reply token first, then by Message-ID."""
    candidates = [identity.outbox_id_from_address(r) for r in mail.recipients]
    ids = [*mail.in_reply_to, *reversed(mail.references)]
    if bounce:  # a bounce quotes the headers (or all) of the mail that failed
        ids += OUR_IDS.findall(mail.report) + OUR_IDS.findall(mail.text[:50_000])
    candidates += [identity.outbox_id_from_message_id(i) for i in ids]
    for number in candidates:
        if number is not None and (row := session.get(OutboxMessage, number)) is not None:
            return row
    return None


def _written_by_its_patron(session: Session, row: OutboxMessage, sender: str) -> bool:
    patron = session.get(Patron, row.patron_id) if row.patron_id else None
    return patron is not None and (patron.email or "").strip().lower() == sender != ""


def _thread(rows: list[OutboxMessage], mail: ParsedMail) -> None:
    """Make each mail reply thread under the patron's mail in their client."""
    if not mail.message_id:
        return
    references = [*mail.references[-(MAX_REFERENCES - 1) :], mail.message_id]
    subject = REPLY_PREFIX.sub("", mail.subject).strip()
    for row in rows:
        if row.channel == "email" and row.kind == "reply":
            threading = {"in_reply_to": mail.message_id, "references": references}
            row.meta = {**row.meta, "mail": {**threading, "subject": subject}}


def latest_mail_about(
    session: Session, request_id: int, notice: str | None
) -> OutboxMessage | None:
    """Return the latest notice (of one kind, if named) about a request, for `reply_to`."""
    query = select(OutboxMessage).where(
        OutboxMessage.request_id == request_id, OutboxMessage.kind != "escalation"
    )
    if notice:
        query = query.where(OutboxMessage.template == f"notices/{notice}")
    return session.scalars(query.order_by(OutboxMessage.id.desc()).limit(1)).first()


def address_reply(raw: str, identity: MailIdentity, outbox_id: int) -> str:
    """Address a raw mail as a mail client answering outbox row `outbox_id` would."""
    head, sep, body = raw.replace("\r\n", "\n").partition("\n\n")
    drop = ("to:", "in-reply-to:", "references:")
    kept = [line for line in _unfold(head) if not line.lower().startswith(drop)]
    message_id = identity.message_id(outbox_id)
    kept += [
        f"To: {identity.reply_address(outbox_id)}",
        f"In-Reply-To: {message_id}",
        f"References: {message_id}",
    ]
    return "\n".join(kept) + "\n\n" + (body if sep else "")


def _unfold(head: str) -> list[str]:
    lines: list[str] = []
    for line in head.split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += "\n" + line
        elif line:
            lines.append(line)
    return lines
