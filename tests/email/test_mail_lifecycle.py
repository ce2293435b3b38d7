"""A patron does everything by mail: request, follow, approve a fee, renew and cancel."""

from __future__ import annotations

from email.message import EmailMessage

from bot.runtime import Runtime
from store.db import transaction
from store.directory import PatronRecord, upsert_patron
from tests.email.conftest import Clock, MailBot, Mailbox, staff, statuses
from tests.email.mails import client_reply, patron_mail

CAROL = "carol@sjpl.example"


def plain(message: EmailMessage) -> str:
    """Return the text part of a mail."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


class Inbox:
    """Carol's own inbox: what the bot mailed her, in order."""

    def __init__(self, mailbot: MailBot) -> None:
        self.mailbot = mailbot
        self.read = 0

    def new(self) -> list[EmailMessage]:
        """Return the mails that arrived since she last looked."""
        messages = [m for m in self.mailbot.smtp.recorder.messages if m["To"] == CAROL]
        fresh, self.read = messages[self.read :], len(messages)
        return fresh

    def one(self) -> EmailMessage:
        """Return the single new mail."""
        fresh = self.new()
        assert len(fresh) == 1, [plain(m) for m in fresh]
        return fresh[0]


async def test_request_follow_approve_renew_and_cancel_entirely_by_mail(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime, clock: Clock
) -> None:
    """Every step is a mail or a reply to one, and each reply thread stays together."""
    with transaction(runtime.sessions) as session:
        upsert_patron(session, PatronRecord("carol", "sjpl", "cardholder", email=CAROL))
    inbox = Inbox(mailbot)

    async def mail(raw: bytes) -> EmailMessage:
        """Carol sends a mail; return the bot's one answer."""
        clock.advance(minutes=5)
        mailbox.deliver(raw)
        await mailbot.step()
        return inbox.one()

    first = "<carol-1@sjpl.example>"
    asked = await mail(
        patron_mail(CAROL, "Please get me ISBN 9780134477824", subject="A book", message_id=first)
    )
    assert "how much" in plain(asked).lower() and statuses(runtime) == {}
    accepted = await mail(client_reply(asked, CAROL, "I can pay up to $5"))
    assert "ILL-1" in plain(accepted) and statuses(runtime) == {"ILL-1": "submitted"}

    where = await mail(client_reply(accepted, CAROL, "Where is my request?"))
    assert "ILL-1" in plain(where)

    staff(runtime, clock, "sent", 1)
    staff(runtime, clock, "fee", 1, amount=5.01)
    await mailbot.sender.drain()
    _sent, fee_notice = inbox.new()
    assert statuses(runtime) == {"ILL-1": "awaiting_approval"}
    assert first in fee_notice["References"]  # notices thread under Carol's first mail
    assert fee_notice["Auto-Submitted"] == "auto-generated"

    approved = await mail(client_reply(fee_notice, CAROL, "Yes, that's fine."))
    assert statuses(runtime) == {"ILL-1": "sent"}
    assert approved["In-Reply-To"] != fee_notice["Message-ID"]  # it answers Carol's reply

    staff(runtime, clock, "arrived", 1, due="2026-10-10")
    staff(runtime, clock, "checked_out", 1)
    await mailbot.sender.drain()
    arrived = inbox.one()
    assert any(p.get_content_type() == "text/calendar" for p in arrived.iter_attachments())
    await mail(client_reply(arrived, CAROL, "Could I keep it a bit longer?"))
    assert statuses(runtime)["ILL-1"] == "renewal_requested"

    second = await mail(patron_mail(CAROL, "Please get me ISBN 9780262033848, up to $5"))
    assert "ILL-2" in plain(second)
    confirm = await mail(client_reply(second, CAROL, "Actually, please cancel it."))
    assert "ILL-2" in plain(confirm) and statuses(runtime)["ILL-2"] == "submitted"
    await mail(client_reply(confirm, CAROL, "yes"))
    assert statuses(runtime) == {"ILL-1": "renewal_requested", "ILL-2": "cancelled"}
