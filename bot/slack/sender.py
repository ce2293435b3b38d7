"""Send the Slack outbox: patron rows as DMs, staff rows to the staff channel, with retries.

Rows are leased (store/outbox.claim) and committed before anything is sent, so a crash resends
rather than loses a message; each row's result is committed right after its own post, so a
crash between posts resends nothing already posted. A row that fails for good (Slack refuses
it, or it failed too often or for too long, see RetryLimits) is reported to staff once, in the
same transaction; it never holds the other rows back. A 429 pauses the whole sender for
Retry-After: Slack limits the workspace, not one message.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock
from bot.logs import log_failure
from bot.metrics import send_timer
from bot.slack.blocks import Block, escalation_blocks, question_blocks
from bot.slack.inbound import CHANNEL, is_user_id
from bot.slack.queue import queue_blocks
from handlers.faults import report_failure
from handlers.queue import KIND as QUEUE_POST
from handlers.queue import NOW as QUEUE_NOW
from handlers.staff_threads import ROOT as QUEUE_ROOT
from handlers.staff_threads import root_of
from store.db import transaction
from store.models import OutboxMessage, Patron
from store.outbox import (
    DEFAULT_LIMITS,
    RetryLimits,
    claim,
    mark_failed,
    mark_retry,
    mark_sent,
    postpone,
)

log = logging.getLogger(__name__)
STAFF = "staff"
LEASE = timedelta(minutes=2)
BATCH = 20
NOT_POSTED_YET = timedelta(seconds=2)
DEFAULT_RETRY_AFTER = timedelta(seconds=30)
# Worth another try later; every other Slack error is final for that message.
TRANSIENT = frozenset(
    {
        "ratelimited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "invalid_auth",  # a token being replaced: keep the messages until it works again
        "not_authed",
        "token_revoked",
        "account_inactive",
    }
)


@dataclass(frozen=True)
class Envelope:
    """One claimed outbox row, ready to send."""

    id: int
    ref: str | None
    channel: str | None
    text: str
    blocks: list[Block] | None = None
    thread: str = ""
    edit_ts: str | None = None  # update this earlier message instead of posting a new one
    wait: str | None = None  # cannot go yet: try again later
    wait_for: timedelta | None = None  # how much later (None: the store's backoff)
    fail: str | None = None  # can never go
    patient: bool = False  # waiting is no fault of the row's: not counted as a try


@dataclass(frozen=True)
class Result:
    """What happened to one envelope."""

    id: int
    posted: dict[str, str] | None = None
    error: str | None = None
    final: bool = False
    retry_in: timedelta | None = None
    limited: bool = False  # Slack said 429: pause the sender
    release: bool = False  # not tried: hand the row back untouched
    waiting: bool = False  # not tried, waiting for another row: postponed, not counted


class SlackSender:
    """Drains outbox rows of channel "slack" to the Web API."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        client: AsyncWebClient,
        staff_channel: str | None,
        clock: Clock,
        wake: asyncio.Event,
        poll_seconds: float = 1.0,
        limits: RetryLimits = DEFAULT_LIMITS,
    ) -> None:
        self.sessions, self.client, self.staff_channel = sessions, client, staff_channel
        self.clock, self.wake, self.poll_seconds = clock, wake, poll_seconds
        self.limits = limits
        self.paused_until: datetime | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Send until `stop` is set, waking early when listeners queue new rows."""
        while not stop.is_set():
            self.wake.clear()
            try:
                await self.drain()
            except Exception as exc:  # a store hiccup must not end the sender
                log_failure(log, "slack outbox pass failed; trying again", exc=exc)
            await _first(stop, self.wake, timeout=self._pause_left() or self.poll_seconds)

    async def drain(self) -> int:
        """Send every due row once; return how many rows were handled."""
        handled = 0
        while self._pause_left() is None:
            envelopes = await asyncio.to_thread(self._claim)
            if not envelopes:
                break
            for index, envelope in enumerate(envelopes):
                if self._pause_left() is not None:  # rate limited: hand the rest back untried
                    rest = [Result(e.id, release=True) for e in envelopes[index:]]
                    await asyncio.to_thread(self._record, rest)
                    break
                result = await self._send(envelope)
                if result.limited and result.retry_in is not None:
                    self.paused_until = self.clock.now() + result.retry_in
                await asyncio.to_thread(self._record, [result])  # committed before the next post
            handled += len(envelopes)
            if len(envelopes) < BATCH:
                break
        return handled

    def _pause_left(self) -> float | None:
        if self.paused_until is None:
            return None
        left = (self.paused_until - self.clock.now()).total_seconds()
        if left <= 0:
            self.paused_until = None
            return None
        return left

    def _claim(self) -> list[Envelope]:
        with transaction(self.sessions) as session:
            rows = claim(session, CHANNEL, self.clock.now(), LEASE, BATCH)
            return [self._envelope(session, row) for row in rows]

    def _envelope(self, session: Session, row: OutboxMessage) -> Envelope:
        ref = row.meta.get("request")
        if row.address != STAFF:
            target = row.address if is_user_id(row.address) else _slack_id(session, row)
            if target is None:
                return Envelope(row.id, ref, None, row.text, fail="the patron has no Slack id")
            blocks = question_blocks(row.text, row.template, row.context, row.meta)
            return Envelope(row.id, ref, target, row.text, blocks, thread=row.thread)
        if not self.staff_channel:
            return Envelope(
                row.id, ref, None, row.text, wait="ILLBOT_SLACK_STAFF_CHANNEL is not set"
            )
        if row.kind == QUEUE_POST:
            return self._queue_envelope(session, row, ref)
        if "settles" not in row.meta:
            return Envelope(row.id, ref, self.staff_channel, row.text, _escalation(row))
        original = session.get(OutboxMessage, int(row.meta["settles"]))
        posted = original.meta.get("slack") if original is not None else None
        if original is None or (not posted and original.state == "failed"):
            return Envelope(row.id, ref, None, row.text, fail="the escalation was never posted")
        if not posted:
            not_yet = "the escalation is not posted yet"
            return Envelope(row.id, ref, None, row.text, wait=not_yet, wait_for=NOT_POSTED_YET)
        blocks = _escalation(original)
        return Envelope(row.id, ref, posted["channel"], original.text, blocks, edit_ts=posted["ts"])

    def _queue_envelope(self, session: Session, row: OutboxMessage, ref: str | None) -> Envelope:
        """A request's queue post, or a reply in its thread once the post has a ts."""
        if row.template == QUEUE_ROOT:
            return Envelope(row.id, ref, self.staff_channel, row.text, queue_blocks(row))
        if row.request_id is None:  # about no one request (the daily digest): its own message
            return Envelope(row.id, ref, self.staff_channel, row.text)
        root = root_of(session, row.request_id) if row.request_id is not None else None
        posted = root.meta.get("slack") if root is not None else None
        if root is None or (not posted and root.state == "failed"):
            return Envelope(row.id, ref, None, row.text, fail="the request was never posted")
        if not posted:
            not_yet = "the request's queue post is not posted yet"
            # Try again just after the post's own next try.
            wait = max(NOT_POSTED_YET, root.next_attempt_at - self.clock.now() + NOT_POSTED_YET)
            return Envelope(row.id, ref, None, row.text, wait=not_yet, wait_for=wait, patient=True)
        if row.template == QUEUE_NOW:  # the post as it is now: edited in place
            blocks = queue_blocks(row)
            return Envelope(row.id, ref, posted["channel"], row.text, blocks, edit_ts=posted["ts"])
        return Envelope(row.id, ref, posted["channel"], row.text, thread=posted["ts"])

    async def _send(self, envelope: Envelope) -> Result:
        if envelope.fail:
            return Result(envelope.id, error=envelope.fail, final=True)
        if envelope.wait:
            return Result(
                envelope.id,
                error=envelope.wait,
                retry_in=envelope.wait_for,
                waiting=envelope.patient,
            )
        try:
            with send_timer(CHANNEL):
                response = await self._call(envelope)
        except SlackApiError as exc:
            return _failure(envelope, exc)
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return Result(envelope.id, error=f"Slack unreachable: {exc!r}")
        where = {"channel": str(response.get("channel") or envelope.channel)}
        where["ts"] = str(response.get("ts") or envelope.edit_ts)
        return Result(envelope.id, posted=where)

    async def _call(self, envelope: Envelope) -> Any:
        if envelope.edit_ts:
            return await self.client.chat_update(
                channel=str(envelope.channel),
                ts=envelope.edit_ts,
                text=envelope.text,
                blocks=envelope.blocks,
            )
        return await self.client.chat_postMessage(
            channel=str(envelope.channel),
            text=envelope.text,
            blocks=envelope.blocks,
            thread_ts=envelope.thread or None,
            unfurl_links=False,
            unfurl_media=False,
        )

    def _record(self, results: list[Result]) -> None:
        now = self.clock.now()
        with transaction(self.sessions) as session:
            for result in results:
                row = session.get(OutboxMessage, result.id)
                if row is None or row.state != "pending":
                    continue
                if not _settle_row(row, result, now, self.limits):
                    report_failure(session, row, now)  # staff hear of it once


def _settle_row(row: OutboxMessage, result: Result, now: datetime, limits: RetryLimits) -> bool:
    """Record what happened to a row; False when it has now failed for good."""
    ref = row.meta.get("request") or "-"
    if result.release:
        row.lease_until = None
    elif result.posted is not None:
        row.meta = {**row.meta, "slack": result.posted}
        mark_sent(row, now)
        log.info("slack outbox %d (%s) sent", row.id, ref)
    elif result.waiting:  # a thread reply waiting for its post: never given up for that alone
        postpone(row, now + (result.retry_in or NOT_POSTED_YET), result.error or "waiting")
    elif result.limited:  # Slack's rate limit is no fault of the row's: not counted as a try
        postpone(row, now + (result.retry_in or timedelta(seconds=30)), result.error or "429")
    elif result.final:
        mark_failed(row, now, result.error or "failed")
        log.error("slack outbox %d (%s) failed for good: %s", row.id, ref, result.error)
        return False
    elif mark_retry(row, now, result.error or "retry", result.retry_in, limits):
        log.warning("slack outbox %d (%s) will be retried: %s", row.id, ref, result.error)
    else:
        log.error("slack outbox %d (%s) given up: %s", row.id, ref, row.last_error)
        return False
    return True


def _escalation(row: OutboxMessage) -> list[Block]:
    return escalation_blocks(
        row.id,
        row.text,
        row.meta.get("request"),
        row.meta.get("settlements", []),
        awaiting_approval=row.meta.get("status") == "awaiting_approval",
        can_reply=row.request_id is not None or bool(row.context.get("patron_ref")),
    )


def _slack_id(session: Session, row: OutboxMessage) -> str | None:
    patron = session.get(Patron, row.patron_id) if row.patron_id else None
    return patron.slack if patron is not None and patron.slack else None


def _failure(envelope: Envelope, exc: SlackApiError) -> Result:
    response = exc.response
    error = str(response.get("error") or f"HTTP {response.status_code}")
    if response.status_code == 429 or error == "ratelimited":
        delay = _retry_after(response.headers) or DEFAULT_RETRY_AFTER
        return Result(envelope.id, error="rate limited (429)", retry_in=delay, limited=True)
    if response.status_code >= 500 or error in TRANSIENT:
        return Result(envelope.id, error=error)
    return Result(envelope.id, error=error, final=True)


def _retry_after(headers: Any) -> timedelta | None:
    for name, value in dict(headers or {}).items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return timedelta(seconds=min(max(float(raw), 1.0), 3600.0))
            except ValueError:
                return None
    return None


async def _first(stop: asyncio.Event, wake: asyncio.Event, timeout: float) -> None:
    """Wait until stop or wake is set, or the timeout passes."""
    waiters = {asyncio.create_task(stop.wait()), asyncio.create_task(wake.wait())}
    _, pending = await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
