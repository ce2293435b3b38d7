"""Patrons request and answer by mail, over a real Dovecot (IMAP) and aiosmtpd (SMTP)."""

from __future__ import annotations

from email.message import EmailMessage

from bot.runtime import Runtime
from tests.email.conftest import (
    ANN,
    BOB,
    Clock,
    MailBot,
    Mailbox,
    outbox,
    staff,
    statuses,
)
from tests.email.mails import client_reply, patron_mail

REQUEST = "get me ISBN 9780134477824, needed by Oct 30, 2030"


def plain(message: EmailMessage) -> str:
    """Return the text part of a mail."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


async def request_by_mail(
    mailbot: MailBot,
    mailbox: Mailbox,
    sender: str,
    text: str,
    *,
    subject: str = "Interlibrary loan",
    message_id: str | None = None,
) -> EmailMessage:
    """Mail the bot and return its answer."""
    before = len(mailbot.smtp.recorder.messages)
    mailbox.deliver(patron_mail(sender, text, subject=subject, message_id=message_id))
    await mailbot.step()
    sent = mailbot.smtp.recorder.messages[before:]
    assert len(sent) == 1, f"expected one answer, got {len(sent)}"
    return sent[0]


async def test_an_emailed_request_is_answered_by_mail_in_its_thread(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime
) -> None:
    """The answer goes to the patron, threads under their mail and carries a reply token."""
    answer = await request_by_mail(
        mailbot,
        mailbox,
        f"Ann Lee <{ANN}>",
        f"Hello,\n\nPlease {REQUEST}.\n\nAnn\n\nSent from my iPhone",
        subject="Book for my class",
        message_id="<req-1@patron.example>",
    )
    assert statuses(runtime) == {"ILL-1": "submitted"}
    assert answer["To"] == ANN
    assert answer["Subject"] == "Re: Book for my class"
    assert answer["In-Reply-To"] == "<req-1@patron.example>"
    assert "<req-1@patron.example>" in answer["References"]
    assert answer["Auto-Submitted"] == "auto-replied"
    assert answer["Reply-To"].startswith("ill+") and answer["Reply-To"].endswith("@lib.example")
    assert "ILL-1" in plain(answer)
    html = answer.get_body(preferencelist=("html",))
    assert html is not None and "ILL-1" in html.get_content()
    envelope_from = mailbot.smtp.recorder.envelopes[0][0]
    assert envelope_from == answer["Reply-To"]  # bounces come back naming this mail
    assert mailbox.unseen() == []


async def test_a_reply_to_a_notice_acts_on_that_notice_request(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime, clock: Clock
) -> None:
    """ "Can I keep it longer?" answering ILL-2's notice renews ILL-2, not ILL-1."""
    for isbn in ("9780134477824", "9780262033848"):
        await request_by_mail(mailbot, mailbox, ANN, f"get me ISBN {isbn}, needed by Oct 30, 2030")
    for number in (1, 2):
        staff(runtime, clock, "sent", number)
        staff(runtime, clock, "arrived", number, due="2026-10-10")
        staff(runtime, clock, "checked_out", number)
    await mailbot.sender.drain()
    notices = [m for m in mailbot.smtp.recorder.messages if m["Auto-Submitted"] == "auto-generated"]
    arrived = [m for m in notices if "arrived" in plain(m).lower()]
    assert len(arrived) == 2
    notice = next(m for m in arrived if "ILL-2" in plain(m))
    calendar = next(p for p in notice.iter_attachments() if p.get_content_type() == "text/calendar")
    assert "DTSTART;VALUE=DATE:20261010" in calendar.get_content()
    clock.advance(days=5)
    before = len(mailbot.smtp.recorder.messages)
    mailbox.deliver(client_reply(notice, ANN, "Can I keep it longer?"))
    await mailbot.step()
    assert statuses(runtime) == {"ILL-1": "checked_out", "ILL-2": "renewal_requested"}
    [answer] = mailbot.smtp.recorder.messages[before:]
    assert "ILL-2" in plain(answer)
    assert answer["Subject"].startswith("Re: ")


async def test_quoted_text_is_never_acted_on(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime
) -> None:
    """A "thank you" above a quoted "cancel ILL-1" cancels nothing."""
    answer = await request_by_mail(mailbot, mailbox, ANN, REQUEST)
    quote = f"To cancel, reply: cancel ILL-1\n{plain(answer)}"
    mailbox.deliver(client_reply(answer, ANN, "Thank you so much!", quote=quote))
    await mailbot.step()
    assert statuses(runtime) == {"ILL-1": "submitted"}
    heard = [row.context.get("heard") for row in outbox(runtime, channel="email", kind="reply")]
    assert heard[-1] == "Thank you so much!"
    assert all(row.meta.get("intent") != "cancel" for row in outbox(runtime, kind="reply"))


async def test_a_spoofed_reply_has_no_power_over_the_request(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime
) -> None:
    """Bob answering Ann's mail with "cancel it" is a message from Bob about Bob's requests."""
    answer = await request_by_mail(mailbot, mailbox, ANN, REQUEST)
    before = len(mailbot.smtp.recorder.messages)
    mailbox.deliver(client_reply(answer, BOB, "cancel it"))
    await mailbot.step()
    assert statuses(runtime) == {"ILL-1": "submitted"}
    [to_bob] = mailbot.smtp.recorder.messages[before:]
    assert to_bob["To"] == BOB
    assert "ILL-1" not in plain(to_bob)


async def test_the_same_mail_delivered_twice_is_answered_once(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime
) -> None:
    """A redelivery (same Message-ID, new UID) changes nothing and sends nothing."""
    raw = patron_mail(ANN, REQUEST, message_id="<twice@p.example>")
    mailbox.deliver(raw, raw)
    await mailbot.step()
    mailbox.deliver(raw)
    await mailbot.step()
    assert len(mailbot.smtp.recorder.messages) == 1
    assert statuses(runtime) == {"ILL-1": "submitted"}
    assert mailbox.unseen() == []


async def test_an_auto_reply_is_not_answered_and_a_bounce_goes_to_staff(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime, clock: Clock
) -> None:
    """Ann's out-of-office gets no answer; the bounce of her notice is reported to staff."""
    from tests.email.mails import bounce_of

    await request_by_mail(mailbot, mailbox, ANN, REQUEST)
    staff(runtime, clock, "sent", 1)
    await mailbot.sender.drain()
    notice = mailbot.smtp.recorder.messages[-1]
    envelope_from = mailbot.smtp.recorder.envelopes[-1][0]
    sent_count = len(mailbot.smtp.recorder.messages)
    away = {"Auto-Submitted": "auto-replied"}
    out_of_office = client_reply(notice, ANN, "I am away until Monday.", headers=away)
    mailbox.deliver(out_of_office, bounce_of(notice, envelope_from))
    await mailbot.step()
    assert len(mailbot.smtp.recorder.messages) == sent_count
    [report] = outbox(runtime, kind="escalation", template="mail/bounce")
    assert report.address == "staff" and report.channel == "slack"
    assert "ILL-1" in report.text and "user unknown" in report.text.lower()
    assert mailbox.unseen() == []


async def test_latin1_and_html_only_mails_are_heard_as_written(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime
) -> None:
    """A quoted-printable Latin-1 mail and an HTML-only one each become a request."""
    latin1 = (
        b"From: =?iso-8859-1?q?Ren=E9e?= <ann@patron.example>\r\n"
        b"To: ill@lib.example\r\nSubject: =?iso-8859-1?q?Fernleihe_f=FCr_Ren=E9e?=\r\n"
        b"Message-ID: <latin1@patron.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Bitte ISBN 9780134477824 bis Oct 30, danke! Ren=E9e\r\n"
    )
    html = (
        "<html><body><div>Please get me <b>ISBN&nbsp;9780262033848</b>, needed by Oct 30, 2030."
        "</div><div class='gmail_signature'>-- <br>Bob</div></body></html>"
    )
    mailbox.deliver(latin1, patron_mail(BOB, "", html=html))
    await mailbot.step()
    assert statuses(runtime) == {"ILL-1": "submitted", "ILL-2": "submitted"}
    heard = {row.address: row.context.get("heard") for row in outbox(runtime, kind="reply")}
    assert heard[ANN] == "Bitte ISBN 9780134477824 bis Oct 30, danke! Renée"
    assert heard[BOB] == "Please get me ISBN 9780262033848, needed by Oct 30, 2030."
    answers = {m["To"]: m for m in mailbot.smtp.recorder.messages}
    assert answers[ANN]["Subject"] == "Re: Fernleihe für Renée"
