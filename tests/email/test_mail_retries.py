"""A mailbox that answers 4xx for days gives up cleanly, tells staff once, holds no one else up.

aiosmtpd refuses Ann's address with 451 for ever (greylisting gone wrong); the test moves a clock
of its own across days, on SQLite and PostgreSQL. The store once overflowed `timedelta` near
attempt 43 and stopped all mail from then on.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from bot.mail.imap import MailPoller
from bot.mail.smtp import SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime
from bot.settings import load_settings, retry_limits
from tests.email.conftest import ANN, BOB, Clock, Mailbox, Recorder, SmtpServer, outbox
from tests.email.mails import patron_mail

REQUEST = "get me ISBN 9780134477824, needed by Oct 30, 2030"


class Greylist(Recorder):
    """Records mail like any server, but answers 451 to every RCPT TO: Ann."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        """Refuse Ann for now (and for ever); take anyone else."""
        if address.lower() == ANN:
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def greylisting() -> Iterator[SmtpServer]:
    """Start an SMTP server that keeps Ann at 4xx."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = SmtpServer(port, recorder=Greylist())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def to(server: SmtpServer, address: str) -> int:
    """Count the mails the server took for an address."""
    return sum(1 for _, rcpts, _ in server.recorder.envelopes if address in rcpts)


@pytest.mark.parametrize(
    ("settings", "gives_up"),
    [
        ({}, "30 tries"),  # the defaults: ILLBOT_OUTBOX_MAX_ATTEMPTS=30, _MAX_AGE_HOURS=72
        ({"outbox_max_attempts": 500, "outbox_max_age_hours": 100}, "too old"),
    ],
    ids=["attempts", "age"],
)
async def test_4xx_for_days_ends_failed_staff_hear_once_and_others_still_get_mail(
    settings: dict[str, Any],
    gives_up: str,
    backend_runtime: Runtime,
    identity: MailIdentity,
    mailbox: Mailbox,
    greylisting: SmtpServer,
    clock: Clock,
) -> None:
    """Hourly drains for five days: Ann's answer fails for good; Bob is answered every day."""
    runtime = backend_runtime
    poller = MailPoller(runtime, identity, mailbox.config(), clock)
    limits = retry_limits(load_settings(**settings))
    sender = SmtpSender(runtime.sessions, identity, greylisting.config(), clock, limits=limits)
    mailbox.deliver(patron_mail(ANN, REQUEST))
    poller.poll()
    for hour in range(1, 24 * 5 + 1):
        if hour % 24 == 0:  # Bob writes once a day and hears back in the same pass
            mailbox.deliver(patron_mail(BOB, f"get me ISBN 978026203384{hour // 24}, by Dec 30"))
            poller.poll()
        await sender.drain()
        assert to(greylisting, BOB) == hour // 24
        clock.advance(hours=1)

    [ann] = [row for row in outbox(runtime, channel="email") if row.address == ANN]
    assert ann.state == "failed" and ann.failed_at is not None and ann.reported_at is not None
    assert f"gave up after {gives_up}" in (ann.last_error or "")
    if gives_up == "too old":
        assert ann.attempts > 43  # beyond where the backoff used to overflow
    [report] = outbox(runtime, kind="escalation", template="faults/undelivered")
    assert report.address == "staff" and f"outbox row {ann.id}" in report.text
    assert ANN not in report.text
    assert to(greylisting, ANN) == 0 and to(greylisting, BOB) == 5

    clock.advance(days=3)  # nothing more: never tried again, never reported again
    await sender.drain()
    assert len(outbox(runtime, kind="escalation", template="faults/undelivered")) == 1
    assert [r.state for r in outbox(runtime, channel="email") if r.address == ANN] == ["failed"]


def refuse_marking_sent(runtime: Runtime, address: str) -> None:
    """Make the store refuse to record a mail to `address` as sent (a fault in one row only)."""
    with runtime.engine.begin() as connection:
        if runtime.engine.dialect.name == "postgresql":
            connection.execute(
                text(
                    f"ALTER TABLE outbox ADD CONSTRAINT stuck "
                    f"CHECK (state <> 'sent' OR address <> '{address}')"
                )
            )
        else:
            connection.execute(
                text(
                    f"CREATE TRIGGER stuck BEFORE UPDATE ON outbox WHEN NEW.state = 'sent' "
                    f"AND NEW.address = '{address}' BEGIN SELECT RAISE(ABORT, 'stuck'); END"
                )
            )


async def test_a_row_that_raises_does_not_hold_back_the_rows_after_it(
    backend_runtime: Runtime,
    identity: MailIdentity,
    mailbox: Mailbox,
    smtp_server: SmtpServer,
    clock: Clock,
) -> None:
    """Ann's row fails in the store after sending; Bob's, queued after it, still goes out."""
    runtime = backend_runtime
    refuse_marking_sent(runtime, ANN)
    poller = MailPoller(runtime, identity, mailbox.config(), clock)
    limits = retry_limits(load_settings(outbox_max_attempts=3))
    sender = SmtpSender(runtime.sessions, identity, smtp_server.config(), clock, limits=limits)
    mailbox.deliver(patron_mail(ANN, REQUEST), patron_mail(BOB, "get me ISBN 9780262033848"))
    poller.poll()
    await sender.drain()
    assert to(smtp_server, BOB) == 1
    for _ in range(5):
        clock.advance(hours=1)
        await sender.drain()
    [ann] = [row for row in outbox(runtime, channel="email") if row.address == ANN]
    assert ann.state == "failed" and ann.attempts == 3
    assert len(outbox(runtime, kind="escalation", template="faults/undelivered")) == 1
    assert to(smtp_server, BOB) == 1
