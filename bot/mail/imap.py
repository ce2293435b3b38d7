"""Read the bot's mailbox over IMAP (imap-tools): IDLE where offered, polling otherwise.

Each mail is fetched by UID without marking it seen, handled in one transaction, and only then
flagged seen (or moved to the processed folder). The same transaction records the mail's IMAP
identity (mailbox, UIDVALIDITY, UID): that is the cursor polling resumes from, and with the
core's Message-ID dedupe it makes a crash or a dropped connection at any point harmless.

A mail whose turn fails for any other reason than a store that cannot be reached (a value the
store refuses, a bug) is set aside: its transaction is rolled back, and a fresh one records it as
unreadable, under its IMAP identity and under its Message-ID, and tells staff (once per mail,
ever: a redelivered copy is not reported again). It is then marked like handled mail (seen, or
moved to the processed folder), where staff can read it; the poller never tries it again and
goes on to the next mail. When the store cannot be reached the mail stays unread and the poller
backs off and tries again later; a mail that fails that way TRANSIENT_TRIES times while the
store answers is set aside too, so no single mail can hold the mailbox up.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted
from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.mail.imap_fetch import capabilities, fetch_mails, imap_date, mark_handled
from bot.mail.inbound import handle_mail, transport_id
from bot.mail.lock import PollerLock
from bot.mail.oauth import TokenProvider
from bot.mail.parse import parse_mail
from bot.mail.report import describe
from bot.mail.tokens import MailIdentity
from bot.metrics import count_message, imap_failed, imap_polled, turn_intent
from bot.runtime import Runtime
from handlers.faults import report_unreadable
from store.db import transaction
from store.models import InboxMessage, OutboxMessage
from store.outbox import already_handled, set_aside

TRANSIENT_TRIES = 3  # a mail failing this often on a store that answers is set aside
FETCH_BATCH = 50  # mails looked up, fetched and marked per command

log = logging.getLogger("illbot.mail")


@dataclass(frozen=True)
class ImapConfig:
    """Where the bot's mailbox is (ILLBOT_IMAP_*) and how often to look."""

    host: str
    user: str
    password: str
    port: int = 993
    security: str = "ssl"  # ssl, starttls or none
    folder: str = "INBOX"
    processed_folder: str | None = None  # move handled mail here instead of flagging it seen
    idle_seconds: float = 300.0  # re-issue IDLE this often (RFC 2177 allows up to 29 min)
    poll_seconds: float = 60.0  # without IDLE, look this often
    retry_max_seconds: float = 300.0  # longest wait between reconnection attempts
    max_fetch_bytes: int = 5_000_000  # of a bigger mail only the start of its body is read
    unseen_days: int = 7  # unread mail older than this, from before the bot, is left to staff
    timeout: float = 60.0
    tokens: TokenProvider | None = None  # log in with OAuth2 (XOAUTH2) instead of the password


class MailPoller:
    """Fetch new mail and hand each to the core; runs in a thread of its own."""

    def __init__(
        self, runtime: Runtime, identity: MailIdentity, config: ImapConfig, clock: Clock
    ) -> None:
        self.runtime = runtime
        self.identity = identity
        self.config = config
        self.clock = clock
        name = f"{config.user}@{config.host}:{config.port}/{config.folder}"
        self.lock = PollerLock(runtime.engine, name)
        self.key = "imap:" + hashlib.blake2b(name.encode(), digest_size=6).hexdigest()
        self.mailbox: BaseMailBox | None = None
        self.stopping = threading.Event()
        self._idling = False
        self._failures: dict[str, int] = {}  # IMAP id → failures while the store answered
        self._cursors: dict[str, int | None] = {}  # prefix → newest UID handled (_cursor)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; an IDLE wait is cut short when it is."""

        async def watch() -> None:
            """Wake the poller thread when the service stops."""
            await stop.wait()
            self.interrupt()

        watcher = asyncio.create_task(watch())
        try:
            await asyncio.to_thread(self.run_blocking)
        finally:
            watcher.cancel()

    def interrupt(self) -> None:
        """Ask the poller to stop after the mail in hand, waking it from IDLE."""
        self.stopping.set()
        mailbox = self.mailbox
        if self._idling and mailbox is not None:
            with contextlib.suppress(OSError):
                mailbox.client.sock.shutdown(socket.SHUT_RDWR)

    def run_blocking(self) -> None:
        """Hold the poller lock, connect, and poll; reconnect with backoff after failures."""
        first_delay = min(1.0, self.config.retry_max_seconds)
        delay = first_delay
        try:
            while not self.stopping.is_set():
                if not self.lock.acquire():
                    imap_polled(standby=True)
                    self.stopping.wait(self.config.poll_seconds)  # another worker polls
                    continue
                try:
                    self._connected()
                    delay = first_delay
                except Exception as exc:  # any failure: back off, reconnect, never stop
                    if self.stopping.is_set():
                        break
                    imap_failed()
                    log.warning("mail: IMAP failed (%s); retrying in %.0f s", describe(exc), delay)
                    self.stopping.wait(delay)
                    delay = min(delay * 2, self.config.retry_max_seconds)
        finally:
            self.lock.release()

    def poll(self) -> int:
        """Connect, handle what is new, and disconnect: one pass (for cron and tests)."""
        mailbox = self._connect()
        try:
            return self.poll_once(mailbox)
        finally:
            with contextlib.suppress(Exception):
                mailbox.logout()

    def _connected(self) -> None:
        mailbox = self._connect()
        self.mailbox = mailbox
        try:
            idle = "IDLE" in mailbox.client.capabilities
            while not self.stopping.is_set() and self.lock.acquire():
                self.poll_once(mailbox)
                self._wait(mailbox, idle)
        finally:
            self.mailbox = None
            with contextlib.suppress(Exception):  # the connection may be gone already
                mailbox.logout()

    def _connect(self) -> BaseMailBox:
        c = self.config
        mailbox: BaseMailBox
        if c.security == "ssl":
            mailbox = MailBox(c.host, c.port, timeout=c.timeout)
        elif c.security == "starttls":
            mailbox = MailBoxStartTls(c.host, c.port, timeout=c.timeout)
        else:
            mailbox = MailBoxUnencrypted(c.host, c.port, timeout=c.timeout)
        if c.tokens is not None:  # XOAUTH2, with the token IMAP and SMTP share while valid
            mailbox.xoauth2(c.user, c.tokens.token_blocking(), initial_folder=c.folder)
        else:
            mailbox.login(c.user, c.password, initial_folder=c.folder)
        capabilities(mailbox)
        if c.processed_folder and not mailbox.folder.exists(c.processed_folder):
            mailbox.folder.create(c.processed_folder)
        return mailbox

    def _wait(self, mailbox: BaseMailBox, idle: bool) -> None:
        if not idle:
            self.stopping.wait(self.config.poll_seconds)
            return
        self._idling = True
        try:
            if not self.stopping.is_set():
                mailbox.idle.wait(timeout=self.config.idle_seconds)
        finally:
            self._idling = False

    def poll_once(self, mailbox: BaseMailBox) -> int:
        """Handle every new mail in the folder; return how many were handled."""
        status = mailbox.folder.status(self.config.folder, ["UIDVALIDITY"])
        prefix = f"{self.key}:{status['UIDVALIDITY']}:"
        cursor = self._cursor(prefix)
        since = (self.clock.now() - timedelta(days=self.config.unseen_days)).date()
        uids = {int(uid) for uid in mailbox.uids(f"UNSEEN SINCE {imap_date(since)}")}
        if cursor is not None:  # also mail someone opened before the bot read it
            uids |= {int(u) for u in mailbox.uids(f"UID {cursor + 1}:*") if int(u) > cursor}
        ordered = sorted(uids)  # UIDs first: flagging inside a fetch loop confuses servers
        handled = 0
        for at in range(0, len(ordered), FETCH_BATCH):
            if self.stopping.is_set():
                break
            handled += self._take(mailbox, prefix, ordered[at : at + FETCH_BATCH])
        imap_polled()
        return handled

    def _cursor(self, prefix: str) -> int | None:
        """Return the newest UID handled under this UIDVALIDITY, read from the store once.

        Kept in memory after that (`_take` moves it on). Another worker's mail since then
        only makes the UID search return mail the batch's inbox lookup finds handled.
        """
        if prefix in self._cursors:
            return self._cursors[prefix]
        key = InboxMessage.transport_id
        if self.runtime.engine.dialect.name == "sqlite":
            # A range on the unique index: LIKE is a scan on SQLite. ";" follows ":" in its
            # byte order; PostgreSQL's collation may ignore punctuation, so it keeps LIKE.
            within: ColumnElement[bool] = (key >= prefix) & (key < prefix[:-1] + ";")
        else:
            within = key.like(f"{prefix}%")
        with transaction(self.runtime.sessions) as session:
            last = session.scalar(select(func.max(key)).where(within))
        cursor = self._cursors[prefix] = int(last[len(prefix) :]) if last else None
        return cursor

    def _take(self, mailbox: BaseMailBox, prefix: str, uids: list[int]) -> int:
        """Handle a batch of mails, each in its own transaction, then mark them in one command.

        Marking after the commits keeps the order that makes a crash harmless: a mail handled
        but not yet marked is found in the inbox on the next pass and only marked then.
        """
        ids = {uid: f"{prefix}{uid:010d}" for uid in uids}
        with transaction(self.runtime.sessions) as session:
            done = set(
                session.scalars(
                    select(InboxMessage.transport_id).where(
                        InboxMessage.transport_id.in_(ids.values())
                    )
                )
            )
        finished = [uid for uid in uids if ids[uid] in done]  # handled before: only marked
        handled = 0
        try:
            todo = [uid for uid in uids if ids[uid] not in done]
            for uid, raw in fetch_mails(mailbox, todo, self.config.max_fetch_bytes):
                if self.stopping.is_set():
                    break
                self._handle(ids[uid], uid, raw)
                finished.append(uid)
                handled += 1
        finally:
            self._finish(mailbox, finished)
            if finished:  # each is in the inbox, handled or set aside
                newest = max(finished)
                self._cursors[prefix] = max(self._cursors.get(prefix) or 0, newest)
        return handled

    def _handle(self, imap_id: str, uid: int, raw: bytes) -> None:
        """Handle one mail in one transaction with its IMAP identity; never let it stop us."""
        now = self.clock.now()
        try:
            with transaction(self.runtime.sessions) as session:
                if already_handled(session, imap_id, "email", now):
                    return
                rows = self.turn(session, raw, now)
                refs = sorted({str(r.meta.get("request")) for r in rows if r.meta.get("request")})
                intent = turn_intent(rows)
        except Exception as exc:  # rolled back; a mail we cannot handle must not block the rest
            if self._store_away(exc, imap_id):
                raise  # the mail stays unread and is tried again once the store is back
            self._set_aside(imap_id, uid, raw, now, exc)
            return
        self._failures.pop(imap_id, None)
        count_message("email", intent)
        log.info("mail: UID %s handled, %d to send %s", uid, len(rows), " ".join(refs))

    def turn(self, session: Session, raw: bytes, now: datetime) -> list[OutboxMessage]:
        """Run what one mail causes, in the caller's transaction; return the outbox rows."""
        return handle_mail(
            session, raw, at=now, identity=self.identity, library=self.runtime.library
        )

    def _store_away(self, exc: Exception, imap_id: str) -> bool:
        """Tell a store that cannot be reached (try the mail later) from a mail it refuses."""
        lost = isinstance(exc, OperationalError | InterfaceError) or (
            isinstance(exc, DBAPIError) and exc.connection_invalidated
        )
        if not lost:
            return False
        try:
            with self.runtime.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:
            return True  # the store is away indeed
        tries = self._failures[imap_id] = self._failures.get(imap_id, 0) + 1
        return tries < TRANSIENT_TRIES  # a lock, a timeout: maybe; this often: the mail

    def _set_aside(self, imap_id: str, uid: int, raw: bytes, now: datetime, exc: Exception) -> None:
        """Record a mail as unreadable and tell staff, in a transaction of its own."""
        reason = f"IMAP UID {uid}: {describe(exc)}"
        log.warning("mail: UID %s set aside (%s)", uid, describe(exc, detail=False))
        try:
            with transaction(self.runtime.sessions) as session:
                set_aside(session, imap_id, "email", now, reason)
                tid = transport_id(parse_mail(raw), raw)
                report_unreadable(session, now, channel="email", transport_id=tid, reason=reason)
        except Exception as again:  # the report itself fails: at least never read it again
            if self._store_away(again, imap_id):
                raise
            log.error("mail: UID %s could not be reported (%s)", uid, describe(again, detail=False))
            with transaction(self.runtime.sessions) as session:
                set_aside(session, imap_id, "email", now, reason)
        self._failures.pop(imap_id, None)

    def _finish(self, mailbox: BaseMailBox, uids: list[int]) -> None:
        """Mark handled mail in one command: move it to the processed folder, or flag it seen."""
        mark_handled(mailbox, uids, self.config.processed_folder)
