"""Mails as patrons' clients and other people's servers write them, for the email tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

_counter = itertools.count(1)
BOT = "ill@lib.example"


def patron_mail(
    sender: str,
    text: str,
    *,
    subject: str = "Interlibrary loan",
    message_id: str | None = None,
    to: str = BOT,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    """Return a new mail from a patron, plain text (and HTML when given)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 9, 1, 10, 0, tzinfo=UTC))
    message["Message-ID"] = message_id or make_msgid(f"m{next(_counter)}", "patron.example")
    for name, value in (headers or {}).items():
        message[name] = value
    if text:
        message.set_content(text)
        if html:
            message.add_alternative(html, subtype="html")
    elif html:
        message.set_content(html, subtype="html")
    return message.as_bytes()


def client_reply(
    sent: EmailMessage,
    sender: str,
    text: str,
    *,
    quote: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    """Answer a mail the bot sent as Gmail would: the new words on top, the mail quoted below."""
    original = sent.get_body(preferencelist=("plain",))
    assert original is not None
    quote = original.get_content() if quote is None else quote
    quoted = "\n".join(f"> {line}".rstrip() for line in quote.splitlines())
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = str(sent["Reply-To"])
    reply["Subject"] = "Re: " + str(sent["Subject"])
    reply["Message-ID"] = make_msgid(f"r{next(_counter)}", "patron.example")
    reply["In-Reply-To"] = str(sent["Message-ID"])
    for name, value in (headers or {}).items():
        reply[name] = value
    reply["References"] = " ".join(
        filter(None, [str(sent.get("References", "")), str(sent["Message-ID"])])
    )
    reply.set_content(
        f"{text}\n\nOn Tue, Sep 1, 2026 at 10:00 AM Interlibrary Loan <{BOT}> wrote:\n\n{quoted}\n"
    )
    return reply.as_bytes()


def bounce_of(sent: EmailMessage, envelope_from: str) -> bytes:
    """Return the delivery report (RFC 3464) Postfix sends back when a mail bounces."""
    headers = "".join(f"{name}: {value}\n" for name, value in sent.items())
    return f"""Return-Path: <>
From: MAILER-DAEMON@mx.patron.example (Mail Delivery System)
To: {envelope_from}
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce.{next(_counter)}@mx.patron.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"

--B0UND
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--B0UND
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.patron.example

Final-Recipient: rfc822; {sent["To"]}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <{sent["To"]}>: Recipient address rejected: User unknown

--B0UND
Content-Type: text/rfc822-headers

{headers}
--B0UND--
""".replace("\n", "\r\n").encode()
