"""Real mail servers for the email tests: Dovecot (IMAP) and aiosmtpd (SMTP) on loopback."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from imap_tools import MailBoxUnencrypted

from bot.mail.imap import ImapConfig, MailPoller
from bot.mail.smtp import SmtpConfig, SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from store.db import transaction
from store.directory import PatronRecord, upsert_patron
from tests.conftest import _service_missing
from tests.email.mails import BOT
from tests.services.dovecot import Dovecot, ServiceUnavailable, start_dovecot

PASSWORD = "imap-secret"
ANN = "ann@patron.example"
BOB = "bob@patron.example"
LOCAL = ZoneInfo("America/Chicago")


@pytest.fixture(scope="session")
def dovecot(request: pytest.FixtureRequest) -> Iterator[Dovecot]:
    """Start one Dovecot for the session, with the bot's mailbox."""
    try:
        server = start_dovecot({BOT: PASSWORD})
    except ServiceUnavailable as exc:
        _service_missing(request.config, f"Dovecot IMAP: {exc.reason}")
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Mailbox:
    """The bot's mailbox on the test Dovecot, as the outside world fills it."""

    server: Dovecot

    def config(self, **overrides: Any) -> ImapConfig:
        """Return the poller settings for this mailbox."""
        fields: dict[str, Any] = {
            "host": self.server.host,
            "port": self.server.port,
            "user": BOT,
            "password": PASSWORD,
            "security": "none",
            "idle_seconds": 5.0,
            "poll_seconds": 0.2,
            "retry_max_seconds": 0.5,
        }
        return ImapConfig(**{**fields, **overrides})

    def deliver(self, *raws: bytes) -> None:
        """Put mails in the INBOX, as the library's mail server delivers them."""
        with MailBoxUnencrypted(self.server.host, self.server.port).login(BOT, PASSWORD) as box:
            for raw in raws:
                box.append(raw, "INBOX", flag_set=())

    def unseen(self) -> list[str]:
        """Return the UIDs not yet marked seen."""
        with MailBoxUnencrypted(self.server.host, self.server.port).login(BOT, PASSWORD) as box:
            return box.uids("UNSEEN")


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Mailbox:
    """Return the bot's mailbox, emptied."""
    dovecot.empty(BOT)
    return Mailbox(dovecot)


class Recorder:
    """An SMTP server's DATA handler that records mail, or answers with a set failure."""

    def __init__(self) -> None:
        self.envelopes: list[tuple[str, list[str], EmailMessage]] = []
        self.answer: str | None = None  # e.g. "451 4.3.0 try later"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Record one mail (or refuse it with the set answer)."""
        if self.answer:
            return self.answer
        message = message_from_bytes(envelope.content, policy=default_policy)
        assert isinstance(message, EmailMessage)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        """Return the mails received, oldest first."""
        return [message for _, _, message in self.envelopes]


@dataclass
class SmtpServer:
    """An aiosmtpd server on loopback that can go down and come back on the same port."""

    port: int
    recorder: Recorder = field(default_factory=Recorder)
    controller: Controller | None = None

    def start(self) -> None:
        """Start listening."""
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop listening (connections are refused until start)."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def config(self) -> SmtpConfig:
        """Return the sender settings for this server."""
        return SmtpConfig(host="127.0.0.1", port=self.port, security="none", timeout=5.0)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """Start an SMTP server for one test."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = SmtpServer(port)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Clock:
    """A clock the test moves forward by hand."""

    at: datetime

    def now(self) -> datetime:
        """Return the time the test set."""
        return self.at

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.at += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    """Return a clock at 10:00 on a September Tuesday, the library's local time."""
    return Clock(datetime(2026, 9, 1, 10, 0, tzinfo=LOCAL))


@pytest.fixture
def identity() -> MailIdentity:
    """Return the bot's mail identity."""
    return MailIdentity.parse(f"Interlibrary Loan <{BOT}>", "test secret: 0123456789abcdef")


def add_patrons(runtime: Runtime) -> None:
    """Put Ann and Bob in the directory (Bellevue undergraduates)."""
    with transaction(runtime.sessions) as session:
        for patron_id, address in (("ann", ANN), ("bob", BOB)):
            record = PatronRecord(patron_id, "bellevue", "undergraduate", email=address)
            upsert_patron(session, record)


@pytest.fixture
def runtime(tmp_path: Path) -> Runtime:
    """Open a store on a fresh SQLite file, with two patrons."""
    opened = open_runtime(load_settings(), f"sqlite:///{tmp_path}/illbot.db")
    add_patrons(opened)
    return opened


@dataclass
class MailBot:
    """The bot's two mail halves wired to the test servers."""

    poller: MailPoller
    sender: SmtpSender
    smtp: SmtpServer

    async def step(self) -> None:
        """Read the mailbox once, then send everything due."""
        self.poller.poll()
        await self.sender.drain()


@pytest.fixture
def mailbot(
    runtime: Runtime,
    identity: MailIdentity,
    mailbox: Mailbox,
    smtp_server: SmtpServer,
    clock: Clock,
) -> MailBot:
    """Return the poller and sender for the test mailbox and SMTP server."""
    poller = MailPoller(runtime, identity, mailbox.config(), clock)
    sender = SmtpSender(runtime.sessions, identity, smtp_server.config(), clock)
    return MailBot(poller, sender, smtp_server)


def staff(runtime: Runtime, clock: Clock, action: str, number: int, **fields: Any) -> None:
    """Record what staff did to ILL-number, as `illbot staff` would."""
    from handlers.staff import StaffAction, record_staff_action

    with transaction(runtime.sessions) as session:
        record_staff_action(
            session, number, StaffAction.from_fields(action, fields), clock.now(), runtime.library
        )


def statuses(runtime: Runtime) -> dict[str, str]:
    """Return every request's status by its ILL-n reference."""
    from sqlalchemy import select

    from store.models import IllRequest

    with transaction(runtime.sessions) as session:
        return {r.ref: r.status for r in session.scalars(select(IllRequest)).all()}


def outbox(runtime: Runtime, **where: Any) -> list[Any]:
    """Return outbox rows matching column values, oldest first."""
    from sqlalchemy import select

    from store.models import OutboxMessage

    with transaction(runtime.sessions) as session:
        query = select(OutboxMessage).filter_by(**where).order_by(OutboxMessage.id)
        return list(session.scalars(query).all())


@pytest.fixture
def backend_runtime(database_url: str) -> Runtime:
    """Open a store with Ann and Bob, once on SQLite and once on PostgreSQL."""
    opened = open_runtime(load_settings(), database_url)
    add_patrons(opened)
    return opened


@pytest.fixture
def backend_mailbot(
    backend_runtime: Runtime,
    identity: MailIdentity,
    mailbox: Mailbox,
    smtp_server: SmtpServer,
    clock: Clock,
) -> MailBot:
    """Return the poller and sender on both backends."""
    poller = MailPoller(backend_runtime, identity, mailbox.config(), clock)
    sender = SmtpSender(backend_runtime.sessions, identity, smtp_server.config(), clock)
    return MailBot(poller, sender, smtp_server)


def refuse_titles(runtime: Runtime, word: str) -> None:
    """Make the store itself refuse any request whose title holds `word`, as a value it cannot
    keep would be refused: a CHECK constraint on PostgreSQL, a trigger on SQLite."""
    from sqlalchemy import text

    with runtime.engine.begin() as connection:
        if runtime.engine.dialect.name == "postgresql":
            connection.execute(
                text(
                    f"ALTER TABLE requests ADD CONSTRAINT refused CHECK (title NOT LIKE '%{word}%')"
                )
            )
        else:
            connection.execute(
                text(
                    f"CREATE TRIGGER refused BEFORE INSERT ON requests WHEN NEW.title LIKE "
                    f"'%{word}%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
