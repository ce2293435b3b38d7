"""Many mails at once: read in batches from Dovecot, sent on one SMTP connection."""

from __future__ import annotations

from typing import Any

import pytest

import bot.mail.imap
from bot.mail.imap import FETCH_BATCH, MailPoller
from bot.mail.smtp import SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime
from tests.email.conftest import ANN, BOB, Clock, MailBot, Mailbox, Recorder, SmtpServer, outbox
from tests.email.mails import patron_mail


def asks(count: int) -> list[bytes]:
    """Return `count` mails from Ann and Bob asking where their requests are."""
    return [
        patron_mail(ANN if n % 2 else BOB, f"where are my requests? ({n})") for n in range(count)
    ]


def replies(runtime: Runtime) -> list[str]:
    """Return the Message-ID each email reply answers, one entry per reply."""
    rows = outbox(runtime, channel="email", kind="reply")
    return [str((row.meta.get("mail") or {}).get("in_reply_to")) for row in rows]


async def test_more_mails_than_a_batch_are_all_answered_once_in_one_pass(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime
) -> None:
    count = FETCH_BATCH + 7
    mailbox.deliver(*asks(count))
    assert mailbot.poller.poll() == count
    assert mailbox.unseen() == []
    answered = replies(runtime)
    assert len(answered) == count and len(set(answered)) == count
    assert mailbot.poller.poll() == 0  # nothing is read twice


async def test_a_huge_mail_between_small_ones_is_read_in_part_and_the_others_whole(
    runtime: Runtime, identity: MailIdentity, mailbox: Mailbox, clock: Clock
) -> None:
    huge = patron_mail(ANN, "where are my requests?\n\n" + "x" * 60 + "\n" * 4000)
    mailbox.deliver(*asks(3), huge, *asks(3))
    poller = MailPoller(runtime, identity, mailbox.config(max_fetch_bytes=3000), clock)
    assert poller.poll() == 7
    assert mailbox.unseen() == []
    assert len(set(replies(runtime))) == 7


async def test_mail_handled_but_not_yet_marked_is_only_marked_after_a_crash(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The poller dies after the commits, before the batch is flagged: nothing is answered
    twice, nothing is lost, and the next pass flags the batch seen."""
    mailbox.deliver(*asks(5))

    def dropped(*args: Any) -> None:
        raise OSError("connection reset while flagging")

    with monkeypatch.context() as patched:
        patched.setattr(bot.mail.imap, "mark_handled", dropped)
        with pytest.raises(OSError):
            mailbot.poller.poll()
    assert len(mailbox.unseen()) == 5 and len(replies(runtime)) == 5
    assert mailbot.poller.poll() == 0
    assert mailbox.unseen() == []
    assert len(replies(runtime)) == 5


class Connections(Recorder):
    """A recorder that also notes which connection each mail came on."""

    def __init__(self) -> None:
        super().__init__()
        self.peers: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Record the mail and the client's address and port."""
        self.peers.append(session.peer)
        return await super().handle_DATA(server, session, envelope)


async def test_a_drain_of_many_mails_sends_them_on_one_connection(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    count = mailbot.sender.batch * 2 + 5
    recorder = Connections()
    smtp_server.stop()
    smtp_server.recorder = recorder
    smtp_server.start()
    mailbox.deliver(*asks(count))
    mailbot.poller.poll()
    assert await mailbot.sender.drain() == count
    assert len(recorder.messages) == count and len(set(recorder.peers)) == 1
    assert {row.state for row in outbox(runtime, channel="email")} == {"sent"}


async def test_the_next_drain_reconnects_after_the_server_went_away(
    runtime: Runtime,
    identity: MailIdentity,
    mailbox: Mailbox,
    smtp_server: SmtpServer,
    clock: Clock,
) -> None:
    poller = MailPoller(runtime, identity, mailbox.config(), clock)
    sender = SmtpSender(runtime.sessions, identity, smtp_server.config(), clock)
    mailbox.deliver(*asks(3))
    poller.poll()
    smtp_server.stop()
    await sender.drain()
    assert smtp_server.recorder.messages == []
    smtp_server.start()
    clock.advance(hours=1)
    await sender.drain()
    assert len(smtp_server.recorder.messages) == 3
    assert {row.state for row in outbox(runtime, channel="email")} == {"sent"}


class ClosesAfter(Recorder):
    """A server that takes `count` mails, then answers 421 (closing) to every other."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Take the mail while the count lasts, then say the service is closing."""
        if len(self.envelopes) >= self.count:
            return "421 4.3.2 service shutting down"
        return await super().handle_DATA(server, session, envelope)


async def test_a_server_lost_mid_drain_leaves_every_mail_sent_once_or_waiting(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime, smtp_server: SmtpServer, clock: Clock
) -> None:
    # The sender leases and composes the next batch while one is sent: when the link goes in
    # the first batch, the batch leased ahead must come back untried, not be lost or doubled.
    count = mailbot.sender.batch * 3
    smtp_server.stop()
    smtp_server.recorder = ClosesAfter(mailbot.sender.batch // 2)
    smtp_server.start()
    mailbox.deliver(*asks(count))
    mailbot.poller.poll()
    await mailbot.sender.drain()
    taken = len(smtp_server.recorder.messages)
    states = [row.state for row in outbox(runtime, channel="email")]
    assert taken == mailbot.sender.batch // 2 and states.count("sent") == taken
    assert states.count("pending") == count - taken  # nothing lost, nothing given up
    smtp_server.recorder.count = count * 2
    clock.advance(minutes=1)  # past the retry wait, well inside the 5-minute lease
    await mailbot.sender.drain()
    ids = [str(m["Message-ID"]) for m in smtp_server.recorder.messages]
    assert len(ids) == count and len(set(ids)) == count  # each mail once
    assert {row.state for row in outbox(runtime, channel="email")} == {"sent"}
