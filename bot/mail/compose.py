"""Compose the mail for one outbox row: text + HTML, threading headers, reply token, .ics.

Headers that make replies work: a stable Message-ID per row, In-Reply-To/References to the
patron's mail (replies) or to the request's thread (notices), a Reply-To plus-address with the
row's secret token, and RFC 3834 `Auto-Submitted` so other robots never answer ours.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from email import policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.ics import due_date_event
from bot.mail.tokens import MailIdentity
from store.models import IllRequest, OutboxMessage
from templates import HERE as TEMPLATES
from templates import render, render_html
from templates.i18n import N_, language_of, translate
from templates.words import notice_headline


def template_name(row: OutboxMessage) -> str:
    """Return the row's full template name (replies are stored without their folder)."""
    return row.template if "/" in row.template else f"replies/{row.template}"


MAX_REFERENCES = 12
YOUR_LOAN = N_("Your interlibrary loan")  # the subject when nothing better is known
# Notices that set or move a loan's due date carry the calendar entry; each after the first
# raises its SEQUENCE so the patron's calendar moves the one event instead of adding another.
CALENDAR_NOTICES = ("notices/arrived", "notices/renewed", "notices/recalled")


class _Headers(HeaderRegistry):
    """The standard header classes, each made once rather than on every header set."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        made = self._made.get(key)
        if made is None:  # the standard registry builds a new class with type() every time
            made = self._made[key] = super().__getitem__(name)
        return made


# email.policy.default, with the header classes made once: composing spent a third of its
# time creating them.
POLICY = policy.default.clone(header_factory=_Headers())


def has_own_layout(row: OutboxMessage) -> bool:
    """Tell whether the row's template folder wraps its mail text in a signed layout."""
    return _has_layout(template_name(row).rsplit("/", 1)[0])


@cache
def _has_layout(folder: str) -> bool:
    return (TEMPLATES / folder / "_layout.email.j2").is_file()


@cache
def _fixed_headers(identity: MailIdentity) -> dict[str, BaseHeader]:
    """Return the headers every mail of this identity carries, parsed once."""
    values = {
        "From": identity.mail_from,
        "X-Auto-Response-Suppress": "OOF, AutoReply",
        "X-Loop": identity.address,
        "auto-replied": "auto-replied",
        "auto-generated": "auto-generated",
    }
    made = {}
    for name, value in values.items():
        header = name if name[0].isupper() else "Auto-Submitted"
        made[name] = POLICY.header_factory(header, value)
    return made


def compose(
    session: Session, row: OutboxMessage, identity: MailIdentity, now: datetime
) -> EmailMessage:
    """Build the mail for an outbox row on the email channel."""
    context: dict[str, Any] = dict(row.context)
    context.setdefault("library", "The library")
    mail_meta: dict[str, Any] = dict(row.meta.get("mail") or {})
    subject = _subject(session, row, context, mail_meta)
    fixed = _fixed_headers(identity)
    message = EmailMessage(policy=POLICY)
    message["From"] = fixed["From"]
    message["To"] = row.address
    message["Reply-To"] = identity.reply_address(row.id)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = identity.message_id(row.id)
    in_reply_to, references = _threading(session, row, identity, mail_meta)
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = " ".join(references)
    # RFC 3834: notices are generated, replies answer a message; neither is to be answered
    # by another robot, and Exchange is asked not to send out-of-office mail back.
    message["Auto-Submitted"] = fixed["auto-replied" if row.kind == "reply" else "auto-generated"]
    message["X-Auto-Response-Suppress"] = fixed["X-Auto-Response-Suppress"]
    message["X-Loop"] = fixed["X-Loop"]
    signed = has_own_layout(row)  # notices carry the library's signature already
    footer = "" if signed else "\n\n" + render("mail/footer", "email", context)
    message.set_content(f"{_headline(row)}{row.text}{footer}\n")
    message.add_alternative(_html(row, context, subject), subtype="html")
    if template_name(row) in CALENDAR_NOTICES:
        sequence = _calendar_sequence(session, row)
        _attach_due_date(message, context, identity, now, sequence)
    return message


def _headline(row: OutboxMessage) -> str:
    """Return the notice's headline for the top of the text part ("Ready for pickup: ILL-3").

    The subject names only the request, so that every mail about it threads; what happened
    is said first in the body instead.
    """
    notice = str(row.meta.get("notice") or "")
    if row.kind != "notice" or not notice:
        return ""
    ref = str(row.context.get("ref") or "")
    words = translate(_language(row.context), notice_headline(notice))
    headline = words + (f": {ref}" if ref else "")
    return "" if row.text.lstrip().startswith(headline) else f"{headline}\n\n"


def _calendar_sequence(session: Session, row: OutboxMessage) -> int:
    """Count the due-date notices before this one about the same request (SEQUENCE, §3.8.7.4).

    Counted from the outbox by id, so a retried mail keeps its number and each renewal or
    recall is one higher than the last.
    """
    if row.request_id is None:
        return 0
    earlier = session.scalars(
        select(OutboxMessage.template).where(
            OutboxMessage.request_id == row.request_id,
            OutboxMessage.channel == "email",
            OutboxMessage.id < row.id,
        )
    ).all()
    names = [t if "/" in t else f"replies/{t}" for t in earlier]
    return sum(1 for name in names if name in CALENDAR_NOTICES)


def _threading(
    session: Session, row: OutboxMessage, identity: MailIdentity, mail_meta: dict[str, Any]
) -> tuple[str | None, list[str]]:
    """Return In-Reply-To and References: the patron's mail, else the request's thread."""
    references = [str(r) for r in mail_meta.get("references") or []]
    in_reply_to = mail_meta.get("in_reply_to")
    if row.request_id is not None:
        started = _request_conversation(session, row.request_id)
        chain = [*started, identity.request_thread_id(row.request_id)]
        references = [*[r for r in chain if r not in references], *references]
        in_reply_to = in_reply_to or chain[-1]
    if len(references) > MAX_REFERENCES:  # keep the thread's root and the latest (RFC 5322)
        references = [references[0], *references[-(MAX_REFERENCES - 1) :]]
    return (str(in_reply_to) if in_reply_to else None), references


def _request_conversation(session: Session, request_id: int) -> list[str]:
    """Return the mail thread in which a request was made by mail (its References), if any."""
    rows = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.request_id == request_id, OutboxMessage.channel == "email")
        .order_by(OutboxMessage.id)
        .limit(5)
    ).all()
    for row in rows:
        mail = row.meta.get("mail") or {}
        if mail.get("references"):
            return [str(r) for r in mail["references"]][: MAX_REFERENCES - 1]
    return []


def _html(row: OutboxMessage, context: dict[str, Any], subject: str) -> str:
    body = render_html(template_name(row), context)
    if body is None:
        paragraphs = re.split(r"\n\s*\n", row.text.strip())
        body = "\n".join(
            "<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>" for p in paragraphs if p
        )
    if body.lstrip().lower().startswith(("<!doctype", "<html")):
        return body  # a whole page from the template folder's own layout
    headline = _headline(row).strip()
    page = {
        "body": body,
        "subject": subject,
        "library": context.get("library", ""),
        "headline": headline,
        "locale": context.get("locale"),
    }
    return render_html("mail/body", page) or body


def _attach_due_date(
    message: EmailMessage,
    context: dict[str, Any],
    identity: MailIdentity,
    now: datetime,
    sequence: int,
) -> None:
    due_text = str(context.get("due_date") or context.get("due") or "")
    try:
        due = date.fromisoformat(due_text[:10])
    except ValueError:
        return  # no due date known: no calendar entry
    ref = str(context.get("ref", "ILL"))
    calendar = due_date_event(
        ref=ref,
        title=str(context.get("title", "")),
        due=due,
        library=str(context.get("library", "the library")),
        domain=identity.domain,
        stamp=now,
        sequence=sequence,
        language=_language(context),
    )
    message.add_attachment(
        calendar,
        maintype="text",
        subtype="calendar",
        filename=f"{ref}-due.ics",
        params={"method": "PUBLISH"},
    )


def _subject(
    session: Session, row: OutboxMessage, context: dict[str, Any], mail_meta: dict[str, Any]
) -> str:
    """Return one subject for every mail about a request ("ILL-3: The Overstory").

    Gmail threads by subject as well as References, so the notice's headline stays out of it;
    a reply to the patron's own mail answers that mail's subject ("Re: …").
    """
    request = session.get(IllRequest, row.request_id) if row.request_id is not None else None
    ref = request.ref if request is not None else str(context.get("ref", ""))
    title = (request.title if request is not None else None) or context.get("title", "")
    language = _language(context)
    fields = {
        "original_subject": _original_subject(mail_meta, language),
        "notice": row.meta.get("notice") or "",
        "ref": ref,
        "title": title or "",
        "locale": context.get("locale"),
    }
    return _one_line(render("mail/subject", "email", fields), language)


def _original_subject(mail_meta: dict[str, Any], language: str) -> str:
    """Return the subject a reply answers ("Re: …"), or "" when the mail answers no mail."""
    if not mail_meta.get("in_reply_to"):
        return ""
    return str(mail_meta.get("subject") or "") or translate(language, YOUR_LOAN)


def _one_line(text: str, language: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:200] or translate(language, YOUR_LOAN)


def _language(context: dict[str, Any]) -> str:
    """The patron's language, from the row's context (English for staff and older rows)."""
    return language_of(context.get("locale"))
