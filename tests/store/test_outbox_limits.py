"""A message that keeps failing never stalls the outbox: capped waits, a give-up rule, a report."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.runtime import load_library
from bot.settings import load_settings
from handlers.scheduler import run_tick
from store.db import transaction
from store.models import OutboxMessage
from store.outbox import DEFAULT_LIMITS, RetryLimits, backoff, claim, enqueue, mark_retry

START = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)
ROOT = Path(__file__).parents[2]


def _mail(session: Session, address: str, at: datetime = START) -> OutboxMessage:
    row = enqueue(
        session, at, kind="notice", channel="email", patron_id=None, address=address,
        thread="", request_id=None, template="notices/arrived", context={}, meta={},
        text="Your book has arrived.",
    )  # fmt: skip
    session.flush()
    return row


def test_the_wait_between_tries_is_capped_and_jittered_for_any_attempt_count() -> None:
    rng = random.Random(7)
    waits = [backoff(n, DEFAULT_LIMITS, rng) for n in (1, 2, 43, 1000, 10**9)]
    assert timedelta(seconds=15) <= waits[0] <= timedelta(seconds=30)
    assert all(w <= DEFAULT_LIMITS.longest_wait for w in waits)
    assert all(w >= DEFAULT_LIMITS.longest_wait / 2 for w in waits[2:])
    assert len({backoff(20, DEFAULT_LIMITS, rng) for _ in range(5)}) > 1  # not in lock step


def test_a_mailbox_refusing_for_days_fails_once_and_staff_hear_once(
    sessions: sessionmaker[Session],
) -> None:
    """An SMTP 4xx forever: the row ends failed by the limits; other mail keeps going."""
    library = load_library(load_settings())
    limits = RetryLimits(max_attempts=1000, max_age=timedelta(hours=72))
    with transaction(sessions) as session:
        stuck = _mail(session, "full@example.org").id
    now, tries, others_sent = START, 0, 0
    while now < START + timedelta(days=5):
        with transaction(sessions) as session:
            _mail(session, "fine@example.org", now)
            for row in claim(session, "email", now, timedelta(minutes=5), limit=50):
                if row.address == "full@example.org":
                    tries += 1
                    mark_retry(row, now, "452 mailbox full", limits=limits)
                else:
                    row.state, others_sent = "sent", others_sent + 1
            run_tick(session, now, library)
        now += timedelta(minutes=30)
    with transaction(sessions) as session:
        given_up = session.get(OutboxMessage, stuck)
        assert given_up is not None and given_up.state == "failed"
        assert given_up.last_error is not None and "too old" in given_up.last_error
        assert given_up.failed_at is not None
        assert timedelta(hours=72) <= given_up.failed_at - START < timedelta(hours=74)
        reports = session.scalars(
            select(OutboxMessage).where(OutboxMessage.template == "faults/undelivered")
        ).all()
    assert 40 < tries < 100  # about one an hour once the wait is capped, not every half hour
    assert others_sent == 240  # every other mail of the five days left on time
    assert len(reports) == 1
    assert f"outbox row {stuck}" in reports[0].text and "illbot outbox retry" in reports[0].text


def test_the_attempt_limit_gives_up_too(sessions: sessionmaker[Session]) -> None:
    limits = RetryLimits(max_attempts=3, max_age=timedelta(days=30))
    with transaction(sessions) as session:
        row = _mail(session, "x@example.org")
        results = [mark_retry(row, START, "421 try later", limits=limits) for _ in range(3)]
        assert results == [True, True, False]
        assert row.state == "failed" and row.last_error is not None
        assert "3 tries" in row.last_error


def _illbot(*args: str, url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
    env |= {"PYTHONPATH": str(ROOT), "ILLBOT_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=cwd, env=env,
        timeout=60, check=False,
    )  # fmt: skip


def test_an_operator_lists_failed_mail_and_sends_it_again(
    sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    with transaction(sessions) as session:
        failed = _mail(session, "gone@example.org")
        mark_retry(failed, START, "550 no such user", limits=RetryLimits(max_attempts=1))
        waiting = _mail(session, "later@example.org")
    listed = _illbot("outbox", "list", "--failed", url=database_url, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert f"#{failed.id} failed email notice" in listed.stdout
    assert "550 no such user" in listed.stdout
    assert f"#{waiting.id}" not in listed.stdout and "gone@example.org" not in listed.stdout
    everything = _illbot("outbox", "list", url=database_url, cwd=tmp_path)
    assert f"#{waiting.id} pending" in everything.stdout
    again = _illbot("outbox", "retry", str(failed.id), url=database_url, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    with transaction(sessions) as session:
        row = session.get(OutboxMessage, failed.id)
        assert row is not None and row.state == "pending" and row.attempts == 0
        assert [r.id for r in claim(session, "email", datetime.now(UTC), timedelta(minutes=1))] == [
            failed.id,
            waiting.id,
        ]
    twice = _illbot("outbox", "retry", str(failed.id), url=database_url, cwd=tmp_path)
    assert twice.returncode == 2 and "is pending, not failed" in twice.stderr
    missing = _illbot("outbox", "retry", "99999", url=database_url, cwd=tmp_path)
    assert missing.returncode == 2 and "no outbox row 99999" in missing.stderr
