"""Mail from machines is recognised and never answered (bot.mail.machine)."""

from __future__ import annotations

import pytest

from bot.mail.machine import bounce_reason, machine_mail
from bot.mail.parse import parse_mail
from bot.mail.tokens import MailIdentity
from tests.email.mails import BOT, patron_mail

ANN = "ann@patron.example"
IDENTITY = MailIdentity.parse(f"ILL <{BOT}>", "test secret: 0123456789abcdef")


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Auto-Submitted": "auto-generated"},
        {"Precedence": "bulk"},
        {"Precedence": "auto_reply"},
        {"X-Autoreply": "yes"},
        {"X-Autorespond": "Out of office"},
        {"List-Id": "<readers.lists.example>"},
        {"Return-Path": "<>"},
    ],
    ids=lambda headers: next(iter(headers)),
)
def test_machine_headers_mark_a_mail_as_not_to_answer(headers: dict[str, str]) -> None:
    """RFC 3834 and vendor headers say a machine wrote the mail."""
    assert machine_mail(parse_mail(patron_mail(ANN, "I am away", headers=headers)), IDENTITY)


def test_out_of_office_without_headers_is_known_by_its_subject() -> None:
    """An auto-reply whose software sets no header still says so in its subject."""
    raw = patron_mail(ANN, "Back on Monday", subject="Automatic reply: ILL-3: Dune")
    assert machine_mail(parse_mail(raw), IDENTITY)


def test_mailer_daemon_and_our_own_mail_are_machines() -> None:
    """A daemon's mail, our own address, and our own Message-ID coming back are loops."""
    assert machine_mail(parse_mail(patron_mail("MAILER-DAEMON@mx.example", "x")), IDENTITY)
    assert machine_mail(parse_mail(patron_mail(BOT, "x")), IDENTITY)
    ours = patron_mail(ANN, "x", message_id=IDENTITY.message_id(12))
    assert machine_mail(parse_mail(ours), IDENTITY)


def test_auto_submitted_no_and_a_plain_mail_are_a_person() -> None:
    """`Auto-Submitted: no` is how a person's client says it is a person."""
    raw = patron_mail(ANN, "renew ILL-3", headers={"Auto-Submitted": "no"})
    assert machine_mail(parse_mail(raw), IDENTITY) is None


def test_a_delivery_report_is_a_bounce_with_its_reason() -> None:
    """A multipart/report delivery-status mail is a bounce; its diagnostic is the reason."""
    raw = (
        b"From: MAILER-DAEMON@mx.example\r\nTo: ill+3.abc@lib.example\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nsorry\r\n"
        b"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        b"Final-Recipient: rfc822; ann@patron.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n--B--\r\n"
    )
    mail = parse_mail(raw)
    verdict = machine_mail(mail, IDENTITY)
    assert verdict is not None and verdict.bounce
    assert bounce_reason(mail) == "smtp; 550 5.1.1 user unknown"
