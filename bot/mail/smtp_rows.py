"""What the SMTP sender records in the outbox: a batch of rows leased and composed in one
transaction, then each marked sent, failed or given back in a short transaction. The sender
runs these in worker threads, so the event loop never waits on the store.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock
from bot.mail.compose import compose
from bot.mail.report import describe
from bot.mail.tokens import MailIdentity
from handlers.faults import report_failure
from store.db import transaction
from store.models import OutboxMessage
from store.outbox import RetryLimits, claim, mark_failed, mark_retry

CHANNEL = "email"
log = logging.getLogger("illbot.mail")


@dataclass(frozen=True)
class Prepared:
    """A leased row's mail, composed and addressed, ready for the server."""

    row_id: int
    message: EmailMessage
    envelope_from: str
    recipient: str
    request: str  # the request's reference, for the log line


class OutboxRows:
    """The email rows of the outbox, as one sender leases and settles them."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        identity: MailIdentity,
        clock: Clock,
        limits: RetryLimits,
    ) -> None:
        self.sessions = sessions
        self.identity = identity
        self.clock = clock
        self.limits = limits

    def claim_prepared(
        self, lease: timedelta, batch: int
    ) -> tuple[list[int], list[Prepared | None]]:
        """Lease due email rows and compose them, committed together before any is sent.

        One transaction for the lease and the composing: a transaction per row cost a third
        of the sender's time. When the store fails in it, the rows are leased alone and each
        is composed in its own transaction, so one unreadable row holds no other back.
        """
        try:
            with transaction(self.sessions) as session:
                rows = claim(session, CHANNEL, self.clock.now(), lease, batch)
                return [row.id for row in rows], [self._prepared(session, row) for row in rows]
        except Exception as exc:
            log.warning(
                "mail: a batch could not be composed at once (%s)", describe(exc, detail=False)
            )
        with transaction(self.sessions) as session:
            ids = [row.id for row in claim(session, CHANNEL, self.clock.now(), lease, batch)]
        return ids, self.prepare_all(ids)

    def prepare_all(self, ids: list[int]) -> list[Prepared | None]:
        """Compose each leased row, each in its own short transaction; None: nothing to send."""
        mails: list[Prepared | None] = []
        for row_id in ids:
            try:
                mails.append(self.prepare(row_id))
            except Exception as exc:  # the store failed reading it: tried again later
                log.error("mail: outbox %s failed (%s)", row_id, describe(exc, detail=False))
                with contextlib.suppress(Exception):  # counted, so the give-up rule holds
                    self.record(row_id, None, describe(exc, detail=False))
                mails.append(None)
        return mails

    def prepare(self, row_id: int) -> Prepared | None:
        """Compose a leased row's mail; None when there is nothing to send (settled here)."""
        with transaction(self.sessions) as session:
            return self._prepared(session, session.get(OutboxMessage, row_id))

    def _prepared(self, session: Session, row: OutboxMessage | None) -> Prepared | None:
        """Compose one row in the caller's transaction; a row that cannot be is settled."""
        if row is None or row.state != "pending":
            return None
        now = self.clock.now()
        if "@" not in row.address:
            mark_failed(row, now, "no mail address")
            report_failure(session, row, now)
            return None
        try:
            message = compose(session, row, self.identity, now)
        except Exception as exc:  # a row that cannot become a mail must not block the rest
            log.error("mail: outbox %s could not be composed (%s)", row.id, describe(exc))
            reason = f"could not compose the mail: {describe(exc, detail=False)}"
            mark_failed(row, now, reason)
            report_failure(session, row, now)
            return None
        request = str(row.meta.get("request") or "")
        # The envelope sender is the row's reply address, so bounces name the row (VERP).
        envelope_from = self.identity.reply_address(row.id)
        return Prepared(row.id, message, envelope_from, row.address, request)

    def mark_sent(self, mails: list[Prepared]) -> None:
        """Record that the server took these rows, in one transaction, at once."""
        ids = [mail.row_id for mail in mails]
        try:
            with transaction(self.sessions) as session:
                # store.outbox.mark_sent, in one statement for the rows.
                session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(ids))
                    .values(
                        state="sent",
                        sent_at=self.clock.now(),
                        attempts=OutboxMessage.attempts + 1,
                        lease_until=None,
                    )
                )
        except Exception as exc:
            if len(mails) > 1:  # a row the store refuses: each on its own, the rest marked
                for mail in mails:
                    self.mark_sent([mail])
                return
            log.error("mail: outbox %s failed (%s)", ids[0], describe(exc, detail=False))
            with contextlib.suppress(Exception):  # counted as a failed try: the give-up rule
                self.record(ids[0], None, describe(exc, detail=False))
            return
        for mail in mails:
            log.info("mail: sent outbox %s (%s)", mail.row_id, mail.request)

    def record_all(self, ids: list[int], error: str) -> None:
        for row_id in ids:
            self.record(row_id, None, error)

    def release_all(self, ids: list[int], until: datetime) -> None:
        for row_id in ids:
            self.release(row_id, until)

    def record(self, row_id: int, code: int | None, error: str) -> None:
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

    def release(self, row_id: int, until: datetime) -> None:
        """Give back a leased row that was never tried, to be tried at `until`."""
        with transaction(self.sessions) as session:
            row = session.get(OutboxMessage, row_id)
            if row is not None and row.state == "pending":
                row.lease_until = None
                row.next_attempt_at = until
