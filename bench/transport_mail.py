"""The mail halves of `python -m bench.transports`: IMAP ingest and SMTP out, each beside a
plain loop doing the same work on the same server (Dovecot; aiosmtpd in its own process).
"""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import aiosmtplib
from imap_tools import AND, MailBoxUnencrypted, MailMessageFlags

from bench.__main__ import isbn13
from bot.mail.imap import ImapConfig, MailPoller
from bot.mail.inbound import handle_mail, transport_id
from bot.mail.parse import parse_mail
from bot.mail.smtp import SmtpConfig, SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from store.db import transaction
from store.directory import PatronRecord, upsert_patron
from store.outbox import already_handled, enqueue
from tests.services.dovecot import Dovecot, start_dovecot

BOT, PASSWORD = "ill@lib.example", "bench-secret"
PATRONS = 50
START = datetime(2026, 10, 6, 14, 0, tzinfo=UTC)
IDENTITY = MailIdentity.parse(f"Interlibrary Loan <{BOT}>", "bench secret 0123456789abcdef")


class FixedClock:
    """The bench's clock: a moment that moves only when told."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        """Return the set moment."""
        return self.at


def patron_mails(count: int) -> list[bytes]:
    """Return `count` patron mails: half ask for a book, the rest ask where theirs are."""
    mails = []
    for n in range(count):
        message = EmailMessage()
        message["From"] = f"p{n % PATRONS}@patron.example"
        message["To"] = BOT
        message["Subject"] = "Interlibrary loan"
        message["Date"] = format_datetime(START)
        message["Message-ID"] = f"<bench-{n}-{time.time_ns()}@patron.example>"
        ask = f"Please get me ISBN {isbn13(n)}" if n % 2 == 0 else "where are my requests?"
        message.set_content(f"Hello,\n\n{ask}\n\nThanks,\nPatron {n % PATRONS}\n")
        mails.append(message.as_bytes())
    return mails


def bench_runtime(folder: Path, name: str) -> Runtime:
    """Open a fresh SQLite store with the bench's patrons."""
    runtime = open_runtime(load_settings(), f"sqlite:///{folder}/{name}.db")
    with transaction(runtime.sessions) as session:
        for n in range(PATRONS):
            email = f"p{n}@patron.example"
            upsert_patron(session, PatronRecord(f"p{n}", "johnjay", "faculty", email=email))
    return runtime


def durable_sqlite(path: Path) -> sqlite3.Connection:
    """Open a baseline table on a WAL file with synchronous=FULL, as the store's own."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE inbox (id INTEGER PRIMARY KEY, transport_id TEXT UNIQUE,"
        " sender TEXT, subject TEXT, text TEXT)"
    )
    return connection


# -- IMAP -----------------------------------------------------------------------------------


def deliver(server: Dovecot, mails: list[bytes]) -> None:
    """Empty the bot's mailbox and put these mails in its INBOX, unseen."""
    server.empty(BOT)
    with MailBoxUnencrypted(server.host, server.port).login(BOT, PASSWORD) as box:
        for raw in mails:
            box.append(raw, "INBOX", flag_set=())


def plain_imap(server: Dovecot, store: Callable[[bytes], None], count: int) -> float:
    """The plain imap-tools loop: fetch unseen by UID with PEEK, parse, store, flag seen."""
    began = time.perf_counter()
    with MailBoxUnencrypted(server.host, server.port).login(BOT, PASSWORD) as box:
        uids = box.uids("UNSEEN")
        for message in box.fetch(AND(uid=uids), mark_seen=False, bulk=50):
            store(message.obj.as_bytes())
            box.flag(message.uid or "", MailMessageFlags.SEEN, True)
    elapsed = time.perf_counter() - began
    return count / elapsed


def poller_imap(server: Dovecot, runtime: Runtime, count: int, poller_kind: type) -> float:
    """The bot's poller, one pass over the same unseen mails."""
    config = ImapConfig(
        host=server.host, port=server.port, user=BOT, password=PASSWORD, security="none"
    )
    poller = poller_kind(runtime, IDENTITY, config, FixedClock(START))
    began = time.perf_counter()
    handled = poller.poll()
    elapsed = time.perf_counter() - began
    if handled != count:
        print(f"  (the poller handled {handled} of {count} mails)")
    return count / elapsed


class InboxOnlyPoller(MailPoller):
    """The poller with the turn replaced by the baseline's store: one inbox row per mail."""

    def turn(self, session: Any, raw: bytes, now: datetime) -> list[Any]:
        """Record the mail as received, as the baseline does, instead of running the turn."""
        already_handled(session, transport_id(parse_mail(raw), raw), "email", now)
        return []


def imap_figures(folder: Path, count: int, rounds: int) -> None:
    """Print IMAP ingest rates: the poller beside the plain loop, alone and with the turn."""
    server = start_dovecot({BOT: PASSWORD})
    connection = durable_sqlite(folder / "imap-plain.db")

    def store_row(raw: bytes) -> None:
        mail = parse_mail(raw)
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO inbox (transport_id, sender, subject, text) VALUES (?, ?, ?, ?)",
            (mail.message_id, mail.sender, mail.subject, mail.text),
        )
        connection.execute("COMMIT")

    plain, alone, plain_turn, whole = [], [], [], []
    turns = max(20, count // 4)  # the turn costs far more than the transport: fewer mails
    try:
        for n in range(rounds):
            deliver(server, patron_mails(count))
            plain.append(plain_imap(server, store_row, count))
            deliver(server, patron_mails(count))
            runtime = bench_runtime(folder, f"imap-alone-{n}")
            alone.append(poller_imap(server, runtime, count, InboxOnlyPoller))
        turn_runtime = bench_runtime(folder, "imap-plain-turn")

        def store_turn(raw: bytes) -> None:
            with transaction(turn_runtime.sessions) as session:
                handle_mail(session, raw, at=START, identity=IDENTITY, library=turn_runtime.library)

        deliver(server, patron_mails(turns))
        plain_turn.append(plain_imap(server, store_turn, turns))
        deliver(server, patron_mails(turns))
        whole.append(poller_imap(server, bench_runtime(folder, "imap-turn"), turns, MailPoller))
    finally:
        server.stop()
    print(f"IMAP ingest: unseen patron mails in Dovecot on loopback; median of {rounds}")
    row(f"plain imap-tools loop, one inbox row ({count})", plain)
    row(f"illbot poller, one inbox row ({count})", alone)
    ratio("  poller / plain (the transport alone)", alone, plain)
    row(f"plain loop, the bot's turn per mail ({turns})", plain_turn)
    row(f"illbot poller, the bot's turn ({turns})", whole)
    ratio("  poller / plain (with the turn)", whole, plain_turn)


# -- SMTP -----------------------------------------------------------------------------------


def free_port() -> int:
    """Return a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_smtp_server(port: int) -> subprocess.Popen[bytes]:
    """Start aiosmtpd in a process of its own (as a real server is), discarding what it gets."""
    command = [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*command, "-c", "aiosmtpd.handlers.Sink"])
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError(f"aiosmtpd did not listen on port {port}")


def queue_mails(runtime: Runtime, count: int) -> None:
    """Queue `count` email replies in the outbox, as patrons' turns would."""
    with transaction(runtime.sessions) as session:
        for n in range(count):
            enqueue(
                session,
                START,
                kind="reply",
                channel="email",
                patron_id=f"p{n % PATRONS}",
                address=f"p{n % PATRONS}@patron.example",
                thread="",
                request_id=None,
                template="plain",
                context={"library": "John Jay College Library"},
                meta={"intent": "status", "outcome": "answered"},
                text=f"You have no open requests right now (reply {n}).",
            )


async def plain_smtp(port: int, count: int) -> float:
    """The plain aiosmtplib loop: the same kind of mail, composed and sent on one connection."""
    began = time.perf_counter()
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False) as client:
        for n in range(count):
            message = EmailMessage()
            message["From"] = IDENTITY.mail_from
            message["To"] = f"p{n % PATRONS}@patron.example"
            message["Subject"] = "Your interlibrary loan"
            message["Message-ID"] = IDENTITY.message_id(n + 1)
            message.set_content(f"You have no open requests right now (reply {n}).\n")
            message.add_alternative("<p>You have no open requests right now.</p>", "html")
            await client.send_message(message)
    return count / (time.perf_counter() - began)


async def sender_smtp(runtime: Runtime, port: int, count: int) -> float:
    """The outbox sender draining `count` queued rows."""
    config = SmtpConfig(host="127.0.0.1", port=port, security="none")
    sender = SmtpSender(runtime.sessions, IDENTITY, config, FixedClock(START))
    began = time.perf_counter()
    sent = await sender.drain()
    elapsed = time.perf_counter() - began
    if sent != count:
        print(f"  (the sender sent {sent} of {count} mails)")
    return count / elapsed


def smtp_figures(folder: Path, count: int, rounds: int) -> None:
    """Print SMTP send rates: the outbox sender beside the plain loop, alternating rounds."""
    port = free_port()
    server = start_smtp_server(port)
    plain, sender = [], []
    try:
        for n in range(rounds):
            runtime = bench_runtime(folder, f"smtp-{n}")
            queue_mails(runtime, count)
            plain.append(asyncio.run(plain_smtp(port, count)))
            sender.append(asyncio.run(sender_smtp(runtime, port, count)))
            runtime.engine.dispose()
    finally:
        server.terminate()
        server.wait()
    print(f"SMTP out: {count} mails to aiosmtpd (its own process) on loopback; median of {rounds}")
    row("plain aiosmtplib loop, one connection", plain)
    row("illbot outbox sender", sender)
    ratio("  sender / plain", sender, plain)


def row(label: str, rates: list[float]) -> None:
    """Print one line: the median rate and the spread of the rounds."""
    spread = f"({min(rates):.0f}-{max(rates):.0f})" if len(rates) > 1 else ""
    print(f"{label:46}{statistics.median(rates):>8.0f} mails/s {spread}")


def ratio(label: str, rates: list[float], baseline: list[float]) -> None:
    """Print the ratio of two medians."""
    print(f"{label:46}{statistics.median(rates) / statistics.median(baseline):>8.2f}")
