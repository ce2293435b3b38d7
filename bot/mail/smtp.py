"""Drain the outbox's email rows over SMTP (aiosmtplib), with retries and staff reports.

A row is leased and committed before it is sent, and marked sent right after the server took
it. A 4xx answer or a lost connection puts it back with capped, jittered backoff until the
outbox's give-up rule (ILLBOT_OUTBOX_MAX_ATTEMPTS, _MAX_AGE_HOURS) says it has failed for good;
a 5xx is final at once. Either way staff are told once (`handlers.faults.report_failure`). A row
that fails in any other way is put back for later and the drain goes on with the others. A
crash between the server's "250" and the commit can send a row twice; it then carries the same
Message-ID, which mail systems use to drop the twin.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiohttp
import aiosmtplib
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock
from bot.mail.compose import compose
from bot.mail.oauth import OAuth2Error, TokenProvider
from bot.mail.report import describe
from bot.mail.tokens import MailIdentity
from bot.metrics import send_timer
from handlers.faults import report_failure
from store.db import transaction
from store.models import OutboxMessage
from store.outbox import (
    DEFAULT_LIMITS,
    RetryLimits,
    backoff,
    claim,
    mark_failed,
    mark_retry,
    mark_sent,
)

CHANNEL = "email"
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
        """Send every due row once; return how many left."""
        sent = 0
        while True:
            with transaction(self.sessions) as session:
                rows = claim(session, CHANNEL, self.clock.now(), self.lease, self.batch)
                ids = [row.id for row in rows]
            if not ids:
                return sent
            done = await self._send_batch(ids)
            sent += done
            if done < len(ids):
                return sent  # the server is away: the rest waits for its retry time

    async def _send_batch(self, ids: list[int]) -> int:
        client = self._client()
        try:
            await client.connect()
            if self.config.user and self.config.tokens is not None:
                await client.auth_xoauth2(self.config.user, await self.config.tokens.token())
            elif self.config.user:
                await client.login(self.config.user, self.config.password or "")
        except (aiosmtplib.SMTPException, OSError, OAuth2Error, aiohttp.ClientError) as exc:
            client.close()
            for row_id in ids:  # the server is away: every row waits for its next try
                self._record(row_id, None, str(exc) or type(exc).__name__)
            return 0
        sent = 0
        try:
            for index, row_id in enumerate(ids):
                try:
                    usable = await self._send_one(client, row_id)
                except Exception as exc:  # one row's trouble must not hold the others back
                    log.error("mail: outbox %s failed (%s)", row_id, describe(exc, detail=False))
                    with contextlib.suppress(Exception):  # counted, so the give-up rule holds
                        self._record(row_id, None, describe(exc, detail=False))
                    usable = True
                if not usable:
                    for rest in ids[index + 1 :]:
                        self._release(rest, self.clock.now() + backoff(1, self.limits))
                    break
                sent += 1
        finally:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError):
                client.close()
        return sent

    async def _send_one(self, client: aiosmtplib.SMTP, row_id: int) -> bool:
        """Send one row; return False when the connection is no longer usable."""
        now = self.clock.now()
        with transaction(self.sessions) as session:
            row = session.get(OutboxMessage, row_id)
            if row is None or row.state != "pending":
                return True
            if "@" not in row.address:
                mark_failed(row, now, "no mail address")
                report_failure(session, row, now)
                return True
            try:
                message = compose(session, row, self.identity, now)
            except Exception as exc:  # a row that cannot become a mail must not block the rest
                log.error("mail: outbox %s could not be composed (%s)", row_id, describe(exc))
                reason = f"could not compose the mail: {describe(exc, detail=False)}"
                mark_failed(row, now, reason)
                report_failure(session, row, now)
                return True
            envelope_from = self.identity.reply_address(row.id)  # bounces name the row (VERP)
            recipient = row.address
        try:
            with send_timer(CHANNEL):
                await client.send_message(message, sender=envelope_from, recipients=[recipient])
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refusal = exc.recipients[0] if exc.recipients else None
            code = refusal.code if refusal is not None else 550
            # The server's words without the address it quotes back (the row names it).
            words = refusal.message if refusal is not None else "recipient refused"
            self._record(row_id, code, words.replace(recipient, "<the patron>"))
            return True
        except aiosmtplib.SMTPResponseException as exc:
            self._record(row_id, exc.code, exc.message.replace(recipient, "<the patron>"))
            return exc.code < 500 and exc.code not in (421,)
        except (aiosmtplib.SMTPException, OSError) as exc:
            self._record(row_id, None, str(exc) or type(exc).__name__)
            return False
        with transaction(self.sessions) as session:
            row = session.get(OutboxMessage, row_id)
            if row is not None:
                mark_sent(row, self.clock.now())
        log.info("mail: sent outbox %s (%s)", row_id, row.meta.get("request") if row else "")
        return True

    def _record(self, row_id: int, code: int | None, error: str) -> None:
        """Record a failure: 5xx is final and reported to staff; anything else is retried."""
        now = self.clock.now()
        with transaction(self.sessions) as session:
            row = session.get(OutboxMessage, row_id)
            if row is None or row.state != "pending":
                return
            text = f"{code} {error}" if code else error
            if code is not None and 500 <= code < 600:
                mark_failed(row, now, text)
                report_failure(session, row, now)
                log.warning("mail: outbox %s refused for good (%s)", row_id, code)
            elif mark_retry(row, now, text, limits=self.limits):
                log.warning("mail: outbox %s will be retried (%s)", row_id, code or "no answer")
            else:
                report_failure(session, row, now)
                log.warning("mail: outbox %s given up after %d tries", row_id, row.attempts)

    def _release(self, row_id: int, until: datetime) -> None:
        """Give back a leased row that was never tried, to be tried at `until`."""
        with transaction(self.sessions) as session:
            row = session.get(OutboxMessage, row_id)
            if row is not None and row.state == "pending":
                row.lease_until = None
                row.next_attempt_at = until

    def _client(self) -> aiosmtplib.SMTP:
        security = self.config.security
        return aiosmtplib.SMTP(
            hostname=self.config.host,
            port=self.config.port,
            use_tls=security == "ssl",
            start_tls=security == "starttls",
            timeout=self.config.timeout,
        )
