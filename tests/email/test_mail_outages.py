"""Nothing is lost or sent twice when servers fail, and bad mail never stops the poller."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.mail.imap import MailPoller
from bot.mail.lock import PollerLock
from bot.mail.smtp import SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from tests.email.conftest import (
    ANN,
    BOB,
    Clock,
    MailBot,
    Mailbox,
    SmtpServer,
    add_patrons,
    outbox,
    statuses,
)
from tests.email.mails import patron_mail

REQUEST = "get me ISBN {isbn}, needed by Oct 30, 2030"
ISBNS = ("9780134477824", "9780262033848", "9781000001006", "9781000001013", "9781000001020")


async def eventually(check: Callable[[], bool], what: str, seconds: float = 20.0) -> None:
    """Wait until a background worker has done something (bounded, never a speed test)."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"gave up waiting: {what}")


async def test_smtp_down_then_up_delivers_the_answer_once(
    mailbot: MailBot, mailbox: Mailbox, smtp_server: SmtpServer, clock: Clock, runtime: Runtime
) -> None:
    """While the SMTP server is down the answer waits; it arrives once when it is back."""
    smtp_server.stop()
    mailbox.deliver(patron_mail(ANN, REQUEST.format(isbn=ISBNS[0])))
    await mailbot.step()
    [row] = outbox(runtime, channel="email")
    assert row.state == "pending" and row.attempts == 1 and row.last_error
    smtp_server.start()
    await mailbot.sender.drain()  # not yet: the retry waits for its backoff
    assert smtp_server.recorder.messages == []
    clock.advance(minutes=1)
    await mailbot.sender.drain()
    await mailbot.sender.drain()
    assert len(smtp_server.recorder.messages) == 1
    assert outbox(runtime, channel="email")[0].state == "sent"


async def test_a_4xx_is_retried_and_a_5xx_is_final_and_told_to_staff(
    mailbot: MailBot, mailbox: Mailbox, smtp_server: SmtpServer, clock: Clock, runtime: Runtime
) -> None:
    """ "451 try later" keeps the answer for later; "550 no such user" gives up and tells staff."""
    smtp_server.recorder.answer = "451 4.3.0 Try again later"
    mailbox.deliver(patron_mail(ANN, REQUEST.format(isbn=ISBNS[0])))
    await mailbot.step()
    assert outbox(runtime, channel="email")[0].state == "pending"
    smtp_server.recorder.answer = "550 5.1.1 No such user"
    clock.advance(minutes=1)
    await mailbot.sender.drain()
    [row] = outbox(runtime, channel="email")
    assert row.state == "failed" and "550" in (row.last_error or "")
    [report] = outbox(runtime, kind="escalation", template="faults/undelivered")
    assert "ILL-1" in report.text and report.address == "staff"
    smtp_server.recorder.answer = None
    clock.advance(hours=2)
    await mailbot.sender.drain()
    assert smtp_server.recorder.messages == []  # a final failure is never retried


async def test_imap_dropped_mid_batch_loses_and_doubles_nothing(
    mailbox: Mailbox,
    runtime: Runtime,
    identity: MailIdentity,
    clock: Clock,
    smtp_server: SmtpServer,
) -> None:
    """The server drops the connection after the first mail is handled but not yet flagged."""
    server = mailbox.server

    class DroppedOnce(MailPoller):
        """A poller whose server drops the connection once, right after a commit."""

        dropped = False

        def _handle(self, imap_id: str, uid: int, raw: bytes) -> None:
            super()._handle(imap_id, uid, raw)
            if not DroppedOnce.dropped:
                DroppedOnce.dropped = True
                server.kick("ill@lib.example")  # as a server restart would

    mailbox.deliver(*(patron_mail(ANN, REQUEST.format(isbn=isbn)) for isbn in ISBNS[:3]))
    poller = DroppedOnce(runtime, identity, mailbox.config(), clock)
    stop = asyncio.Event()
    task = asyncio.create_task(poller.run(stop))
    try:
        await eventually(lambda: len(statuses(runtime)) == 3 and not mailbox.unseen(), "3 mails")
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert DroppedOnce.dropped
    await SmtpSender(runtime.sessions, identity, smtp_server.config(), clock).drain()
    assert statuses(runtime) == {"ILL-1": "submitted", "ILL-2": "submitted", "ILL-3": "submitted"}
    assert len(smtp_server.recorder.messages) == 3
    assert len({m["In-Reply-To"] for m in smtp_server.recorder.messages}) == 3


async def test_bad_mail_gets_a_safe_outcome_and_the_next_mail_is_answered(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime
) -> None:
    """Broken MIME, no From, an unknown charset and a 20 MB body do not stop the poller."""
    broken = (
        b'From: ann@patron.example\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--y\r\n'
    )
    no_from = b"Subject: hello\r\nMessage-ID: <nofrom@p.example>\r\n\r\nrenew ILL-1\r\n"
    klingon = (
        b"From: bob@patron.example\r\nMessage-ID: <kl@p.example>\r\n"
        b"Content-Type: text/plain; charset=x-klingon\r\n\r\nstatus please \xff\xfe\r\n"
    )
    huge = patron_mail(BOB, "where is my book? " + "x" * 20_000_000)
    mailbox.deliver(broken, no_from, klingon, huge, patron_mail(ANN, REQUEST.format(isbn=ISBNS[0])))
    await mailbot.step()
    assert mailbox.unseen() == []
    assert statuses(runtime) == {"ILL-1": "submitted"}
    to = [m["To"] for m in mailbot.smtp.recorder.messages]
    assert to.count(ANN) >= 1 and "" not in to
    assert all(len(row.text) < 10_000 for row in outbox(runtime))


async def test_one_poller_at_a_time_and_another_takes_over(
    database_url: str, mailbox: Mailbox, identity: MailIdentity, clock: Clock
) -> None:
    """Two workers share one mailbox: one polls; when it stops, the other carries on."""
    first_runtime = open_runtime(load_settings(), database_url)
    second_runtime = open_runtime(load_settings(), database_url)
    add_patrons(first_runtime)
    name = "ill@lib.example@127.0.0.1/INBOX"
    lock_a, lock_b = PollerLock(first_runtime.engine, name), PollerLock(second_runtime.engine, name)
    assert lock_a.acquire() and lock_a.acquire()
    assert not lock_b.acquire()
    lock_a.release()
    assert lock_b.acquire()
    lock_b.release()

    config = mailbox.config(poll_seconds=0.1)
    first = MailPoller(first_runtime, identity, config, clock)
    second = MailPoller(second_runtime, identity, config, clock)
    stop_first, stop_second = asyncio.Event(), asyncio.Event()
    tasks = [
        asyncio.create_task(first.run(stop_first)),
        asyncio.create_task(second.run(stop_second)),
    ]
    try:
        mailbox.deliver(*(patron_mail(ANN, REQUEST.format(isbn=i)) for i in ISBNS[:2]))
        await eventually(lambda: len(statuses(first_runtime)) == 2, "the first two mails")
        stop_first.set()
        await asyncio.wait_for(tasks[0], 30)
        mailbox.deliver(*(patron_mail(ANN, REQUEST.format(isbn=i)) for i in ISBNS[2:]))
        await eventually(lambda: len(statuses(first_runtime)) == 5, "the other three")
    finally:
        stop_first.set()
        stop_second.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 30)
    assert len(outbox(first_runtime, channel="email", kind="reply")) == 5
    assert mailbox.unseen() == []


async def test_run_mail_serves_mail_until_stopped(
    mailbox: Mailbox, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    """`illbot serve`'s mail part answers a mail end to end and stops when asked."""
    from bot.mail.service import run_mail
    from bot.settings import Settings

    settings = Settings(
        database_url=f"sqlite:///{tmp_path}/serve.db",
        imap_host=mailbox.server.host,
        imap_port=mailbox.server.port,
        imap_user="ill@lib.example",
        imap_password=SecretStr("imap-secret"),
        imap_security="none",
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_security="none",
        mail_from="Interlibrary Loan <ill@lib.example>",
        mail_secret=SecretStr("serve secret 0123456789"),
    )
    runtime = open_runtime(settings)
    add_patrons(runtime)
    stop = asyncio.Event()
    task = asyncio.create_task(run_mail(runtime, settings, stop))
    try:
        mailbox.deliver(patron_mail(ANN, REQUEST.format(isbn=ISBNS[0])))
        await eventually(lambda: len(smtp_server.recorder.messages) == 1, "the answer")
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert smtp_server.recorder.messages[0]["To"] == ANN
    assert statuses(runtime) == {"ILL-1": "submitted"}


@pytest.mark.parametrize("missing", ["mail_from", "mail_secret"])
async def test_run_mail_refuses_to_start_without_its_identity(missing: str, tmp_path: Path) -> None:
    """Mail settings without ILLBOT_MAIL_FROM or ILLBOT_MAIL_SECRET stop startup, naming it."""
    from bot.mail.service import run_mail
    from bot.settings import Settings
    from policy.errors import ConfigError

    fields: dict[str, str | None] = {
        "mail_from": "ill@lib.example",
        "mail_secret": "serve secret 0123456789",
    }
    fields[missing] = None
    settings = Settings(
        smtp_host="127.0.0.1",
        mail_from=fields["mail_from"],
        mail_secret=SecretStr(fields["mail_secret"]) if fields["mail_secret"] else None,
    )
    runtime = open_runtime(settings, f"sqlite:///{tmp_path}/x.db")
    with pytest.raises(ConfigError, match=f"ILLBOT_{missing.upper()}"):
        await run_mail(runtime, settings, asyncio.Event())


def test_handled_mail_can_be_moved_to_a_processed_folder(
    mailbox: Mailbox, runtime: Runtime, identity: MailIdentity, clock: Clock
) -> None:
    """With a processed folder set, handled mail leaves the INBOX for it (created if missing)."""
    from imap_tools import MailBoxUnencrypted

    mailbox.deliver(patron_mail(ANN, REQUEST.format(isbn=ISBNS[0])))
    config = mailbox.config(processed_folder="Processed")
    assert MailPoller(runtime, identity, config, clock).poll() == 1
    assert statuses(runtime) == {"ILL-1": "submitted"}
    server = mailbox.server
    login = MailBoxUnencrypted(server.host, server.port).login
    with login("ill@lib.example", "imap-secret") as box:
        assert box.uids("ALL") == []
        box.folder.set("Processed")
        assert len(box.uids("ALL")) == 1
