"""Drain the outbox's email rows over SMTP (aiosmtplib), with retries and staff reports.

A row is leased and committed before it is sent, and marked sent right after the server took
it. A 4xx answer or a lost connection puts it back with backoff; a 5xx is final and staff are
told. A crash between the server's "250" and the commit can send a row twice; it then carries
the same Message-ID, which mail systems use to drop the twin.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosmtplib
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock
from bot.mail_out import compose
from bot.mail_report import report_to_staff
from bot.mail_tokens import MailIdentity
from store.db import transaction
from store.models import OutboxMessage
from store.outbox import backoff, claim, mark_failed, mark_retry, mark_sent

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
    ) -> None:
        self.sessions = sessions
        self.identity = identity
        self.config = config
        self.clock = clock
        self.lease = lease
        self.batch = batch

    async def run(self, stop: asyncio.Event, interval: float = 2.0) -> None:
        """Drain the outbox every `interval` seconds until `stop` is set."""
        while not stop.is_set():
            try:
                await self.drain()
            except Exception:  # a store outage: log it and try again on the next pass
                log.exception("mail: outbox pass failed")
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
            if self.config.user:
                await client.login(self.config.user, self.config.password or "")
        except (aiosmtplib.SMTPException, OSError) as exc:
            for row_id in ids:  # the server is away: every row waits for its next try
                self._record(row_id, None, str(exc) or type(exc).__name__)
            return 0
        sent = 0
        try:
            for index, row_id in enumerate(ids):
                if not await self._send_one(client, row_id):
                    for rest in ids[index + 1 :]:
                        self._release(rest, self.clock.now() + backoff(1))
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
                report_to_staff(session, now, "undeliverable", about=row, reason="no mail address")
                return True
            try:
                message = compose(session, row, self.identity, now)
            except Exception as exc:  # a row that cannot become a mail must not block the rest
                log.exception("mail: outbox %s could not be composed", row_id)
                reason = f"could not compose the mail: {type(exc).__name__}"
                mark_failed(row, now, reason)
                report_to_staff(session, now, "undeliverable", about=row, reason=reason)
                return True
            envelope_from = self.identity.reply_address(row.id)  # bounces name the row (VERP)
            recipient = row.address
        try:
            await client.send_message(message, sender=envelope_from, recipients=[recipient])
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refusal = exc.recipients[0] if exc.recipients else None
            code = refusal.code if refusal is not None else 550
            self._record(row_id, code, str(refusal or exc))
            return True
        except aiosmtplib.SMTPResponseException as exc:
            self._record(row_id, exc.code, exc.message)
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
            if row is None:
                return
            text = f"{code} {error}" if code else error
            if code is not None and 500 <= code < 600:
                mark_failed(row, now, text)
                report_to_staff(session, now, "undeliverable", about=row, reason=text[:300])
                log.warning("mail: outbox %s refused for good: %s", row_id, code)
            else:
                mark_retry(row, now, text)
                log.warning("mail: outbox %s will be retried: %s", row_id, text[:200])

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
