"""Drain the outbox's email rows over SMTP (aiosmtplib), with retries and staff reports.

A row is leased and committed before it is sent, and marked sent right after the server took
it (rows it took while such a commit ran share the next one). A 4xx answer or a lost
connection puts it back with capped, jittered backoff until the outbox's give-up rule
(ILLBOT_OUTBOX_MAX_ATTEMPTS, _MAX_AGE_HOURS) says it has failed for good; a 5xx is final at
once. Either way staff are told once (`handlers.faults.report_failure`). A row that fails in
any other way is put back for later and the drain goes on with the others. A crash between
the server's "250" and the commit can send a row twice; it then carries the same Message-ID,
which mail systems use to drop the twin. One connection serves a whole drain.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import aiohttp
import aiosmtplib
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock
from bot.mail.oauth import OAuth2Error, TokenProvider
from bot.mail.report import describe
from bot.mail.smtp_rows import OutboxRows, Prepared
from bot.mail.tokens import MailIdentity
from bot.metrics import send_timer
from store.outbox import DEFAULT_LIMITS, RetryLimits, backoff

_T = TypeVar("_T")
Batch = tuple[list[int], list[Prepared | None]]
_R = TypeVar("_R")
CHANNEL = "email"
MAILS_PER_CONNECTION = 100  # then a new connection: some servers cap mails per session
log = logging.getLogger("illbot.mail")


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to reach the SMTP server (ILLBOT_SMTP_*)."""

    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    security: str = "starttls"  # ssl, starttls or none
    timeout: float = 30.0
    tokens: TokenProvider | None = None  # log in with OAuth2 (XOAUTH2) instead of the password


class Refused(Exception):
    """The server refused a mail for good (5xx)."""


class SmtpSender:
    """Send due email rows of the outbox; one `drain` is one pass over what is due."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        identity: MailIdentity,
        config: SmtpConfig,
        clock: Clock,
        *,
        lease: timedelta = timedelta(minutes=5),
        batch: int = 20,
        limits: RetryLimits = DEFAULT_LIMITS,
    ) -> None:
        self.sessions = sessions
        self.identity = identity
        self.config = config
        self.clock = clock
        self.lease = lease
        self.batch = batch
        self.limits = limits
        self._used = 0  # mails sent on the current connection
        self.rows = OutboxRows(sessions, identity, clock, limits)

    async def run(self, stop: asyncio.Event, interval: float = 2.0) -> None:
        """Drain the outbox every `interval` seconds until `stop` is set."""
        while not stop.is_set():
            try:
                await self.drain()
            except Exception as exc:  # a store outage: log it and try again on the next pass
                log.error("mail: outbox pass failed (%s)", describe(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)

    async def drain(self) -> int:
        """Send every due row once, on one connection; return how many left.

        The store's work runs in worker threads, so the event loop (Slack's acks) never waits
        on it; the next batch is leased and composed while one is sent. After a failure the
        next drain connects afresh.
        """
        sent = 0
        client: aiosmtplib.SMTP | None = None
        ahead: asyncio.Future[Batch] | None = None  # the next batch, composed while one is sent
        try:
            while True:
                ids, mails = await (ahead or asyncio.to_thread(self._lease))
                ahead = None
                if not ids:
                    return sent
                if client is None or self._used >= MAILS_PER_CONNECTION:
                    await _quit(client)
                    client = await self._connect(ids)
                    if client is None:
                        return sent  # the server is away: every row waits for its next try
                ahead = _in_thread(lambda _: self._lease(), None)
                done, usable = await self._send_batch(client, ids, mails)
                sent += done
                if not usable:
                    return sent  # the server is away: the rest waits for its retry time
        finally:
            await self._give_back(ahead)
            await _quit(client)

    def _lease(self) -> Batch:
        return self.rows.claim_prepared(self.lease, self.batch)

    async def _give_back(self, ahead: asyncio.Future[Batch] | None) -> None:
        """Release the rows of a batch leased ahead but never tried (the link failed first).

        They wait as the untried rest of a batch does after a lost link: one backoff step.
        """
        if ahead is None:
            return
        try:
            ids, _ = await ahead
        except Exception:  # its lease runs out: the rows come back then
            return
        if ids:
            retry_at = self.clock.now() + backoff(1, self.limits)
            await asyncio.to_thread(self.rows.release_all, ids, retry_at)

    async def _connect(self, ids: list[int]) -> aiosmtplib.SMTP | None:
        """Open and log in a connection; on failure record a try for each row and return None."""
        client = self._client()
        try:
            await client.connect()
            if self.config.user and self.config.tokens is not None:
                await client.auth_xoauth2(self.config.user, await self.config.tokens.token())
            elif self.config.user:
                await client.login(self.config.user, self.config.password or "")
        except (aiosmtplib.SMTPException, OSError, OAuth2Error, aiohttp.ClientError) as exc:
            client.close()
            error = str(exc) or type(exc).__name__
            await asyncio.to_thread(self.rows.record_all, ids, error)
            return None
        self._used = 0
        return client

    async def _send_batch(
        self, client: aiosmtplib.SMTP, ids: list[int], mails: list[Prepared | None]
    ) -> tuple[int, bool]:
        """Send leased rows in order; return how many were tried and whether the link works.

        The batch was composed as it was leased, in one worker-thread call: composing beside
        the sends made the event loop wait for the interpreter lock at every socket call. Each row's
        sent mark starts committing the moment the server took it, while the next is sent.
        """
        tried = 0
        marking: asyncio.Future[None] | None = None
        taken: list[Prepared] = []  # taken by the server, their sent marks not yet started
        try:
            for index, (row_id, mail) in enumerate(zip(ids, mails, strict=True)):
                try:
                    outcome = "kept" if mail is None else await self._send_one(client, mail)
                except Exception as exc:  # one row's trouble must not hold the others back
                    await self._failed(row_id, exc)
                    outcome = "kept"
                if mail is not None and outcome == "sent":
                    taken.append(mail)
                if taken and (marking is None or marking.done()):
                    # One commit for every row the server took while the last one ran.
                    await _settled(marking)
                    marking, taken = _in_thread(self.rows.mark_sent, taken), []
                if outcome == "lost":
                    retry_at = self.clock.now() + backoff(1, self.limits)
                    await asyncio.to_thread(self.rows.release_all, ids[index + 1 :], retry_at)
                    return tried, False
                tried += 1
        finally:
            await _settled(marking)
            if taken:
                await asyncio.to_thread(self.rows.mark_sent, taken)
        return tried, True

    async def _failed(self, row_id: int, exc: Exception) -> None:
        log.error("mail: outbox %s failed (%s)", row_id, describe(exc, detail=False))
        with contextlib.suppress(Exception):  # counted, so the give-up rule holds
            await asyncio.to_thread(self.rows.record, row_id, None, describe(exc, detail=False))

    async def _send_one(self, client: aiosmtplib.SMTP, mail: Prepared) -> str:
        """Send one composed row: "sent", "kept" (refused, recorded) or "lost" (the link is)."""
        recipient = mail.recipient
        self._used += 1
        try:
            with send_timer(CHANNEL):
                await client.send_message(
                    mail.message, sender=mail.envelope_from, recipients=[recipient]
                )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refusal = exc.recipients[0] if exc.recipients else None
            code = refusal.code if refusal is not None else 550
            # The server's words without the address it quotes back (the row names it).
            words = refusal.message if refusal is not None else "recipient refused"
            await self._record_async(mail.row_id, code, words.replace(recipient, "<the patron>"))
            return "kept"
        except aiosmtplib.SMTPResponseException as exc:
            words = exc.message.replace(recipient, "<the patron>")
            await self._record_async(mail.row_id, exc.code, words)
            return "kept" if exc.code < 500 and exc.code not in (421,) else "lost"
        except (aiosmtplib.SMTPException, OSError) as exc:
            await self._record_async(mail.row_id, None, str(exc) or type(exc).__name__)
            return "lost"
        return "sent"

    async def _record_async(self, row_id: int, code: int | None, error: str) -> None:
        await asyncio.to_thread(self.rows.record, row_id, code, error)

    def _client(self) -> aiosmtplib.SMTP:
        security = self.config.security
        return aiosmtplib.SMTP(
            hostname=self.config.host,
            port=self.config.port,
            use_tls=security == "ssl",
            start_tls=security == "starttls",
            timeout=self.config.timeout,
        )


async def _quit(client: aiosmtplib.SMTP | None) -> None:
    """Say goodbye to the server, or just close a connection that is gone."""
    if client is None:
        return
    try:
        await client.quit()
    except (aiosmtplib.SMTPException, OSError):
        client.close()


def _in_thread(work: Callable[[_T], _R], arg: _T) -> asyncio.Future[_R]:
    """Start store work in a worker thread, to be awaited later."""
    return asyncio.ensure_future(asyncio.to_thread(work, arg))


async def _settled(marking: asyncio.Future[None] | None) -> None:
    """Wait for a row's sent mark to commit (its failures are recorded in its thread)."""
    if marking is not None:
        with contextlib.suppress(Exception):
            await marking
