"""`python -m bench.plans`: the hot queries at 1k and 1M past requests, and the retention purge.

Each hot query runs as the bot runs it (the real functions, one session each) on two SQLite
stores built by bench/history.py; its p50 at 1M is printed beside its p50 at 1k (goal: at most
1.3x). The purge is timed per purged request on the large store (2M outbox rows at scale 1)
beside a raw sqlite3 baseline doing the same writes by id list on a copy of the same file, and
the tick's unknown-library check beside the count it replaced. Figures are printed, never
asserted. `--scale 0.01` builds 10k past requests for a quick look.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.history import NOW, Past, build_past, email, item, journal, slack
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from handlers import conversation
from store.identities import link_slack_by_email, patron_by_slack
from store.ledger import FINISHED_STATUSES, StoreLedger
from store.models import IllRequest
from store.outbox import already_handled, claim, pending
from store.requests import find_patron, open_requests
from store.retention import PLACEHOLDER, _warn_unknown_libraries, purge_finished

SMALL = 1_000
LARGE = 1_000_000
OUTBOX_PER_REQUEST = 2  # 2M outbox rows beside 1M requests
PURGEABLE = 200
TODAY = NOW.date()
WEEK = (TODAY - timedelta(days=TODAY.weekday()), TODAY)


def hot_queries(past: Past, n: int = 0) -> dict[str, Callable[[Session], Any]]:
    """Each hot query by name, as the bot runs it, about patron and item `n`."""
    ledger, patron = StoreLedger, past.patron(7 + 13 * n)
    return {
        "patron by email": lambda s: find_patron(s, email(7 + n).lower()),
        "patron by email (Slack link)": lambda s: link_slack_by_email(s, slack(7), email(7 + n)),
        "patron by slack id": lambda s: find_patron(s, slack(8 + n)),
        "patron by slack id (identities)": lambda s: patron_by_slack(s, slack(9 + n)),
        "a patron's open requests": lambda s: open_requests(s, patron),
        "duplicate check": lambda s: ledger(s).open_duplicate(patron, item(3 + n)),
        "journal count (CONTU)": lambda s: ledger(s).articles_this_year(
            "johnjay", journal(5 + n), TODAY
        ),
        "weekly count": lambda s: ledger(s).requests_recorded(patron, *WEEK),
        "title count": lambda s: ledger(s).title_requests("johnjay", item(3 + n), *WEEK),
        "loans held": lambda s: ledger(s).loans_held(patron),
        "last of a material": lambda s: ledger(s).last_recorded(patron, "book"),
        "overdue loans": lambda s: ledger(s).overdue_since(patron, TODAY),
        "last return": lambda s: ledger(s).last_returned(patron, item(3 + n)),
        "returns since": lambda s: ledger(s).returns_since(patron, NOW),
        "conversation": lambda s: conversation.load(s, patron, "slack", "", NOW),
        "outbox pending": lambda s: pending(s, "email", NOW),
        "outbox claim": lambda s: claim(s, "email", NOW, timedelta(minutes=5)),
        "inbox dedupe": lambda s: already_handled(s, f"T{past.requests + n}", "slack", NOW),
    }


def open_store(folder: Path, requests: int, copy: Path | None = None) -> tuple[Runtime, Past]:
    """Build a store of `requests` past requests (and a copy), then open it as the bot would."""
    path = folder / f"plans-{requests}.db"
    runtime = open_runtime(load_settings(), f"sqlite:///{path}")
    past = build_past(runtime.engine, requests, OUTBOX_PER_REQUEST, PURGEABLE)
    runtime.engine.dispose()  # the last connection out checkpoints the WAL into the file
    if copy is not None:
        shutil.copy(path, copy)
    return open_runtime(load_settings(), f"sqlite:///{path}"), past


def time_purge(runtime: Runtime) -> tuple[float, int]:
    """Run one retention purge as a tick does; return seconds and requests purged."""
    with runtime.sessions() as session, session.begin():
        began = time.perf_counter()
        purged = purge_finished(session, NOW, runtime.library)
        elapsed = time.perf_counter() - began
    return elapsed, purged


def raw_purge(path: Path, ids: list[int]) -> float:
    """The same writes by id list in plain sqlite3 (requests, their messages, their history)."""
    connection = sqlite3.connect(path, isolation_level=None)
    marks = ", ".join("?" * len(ids))
    began = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        f"UPDATE requests SET patron_id = NULL, patron_words = NULL WHERE id IN ({marks})", ids
    )
    connection.execute(
        "UPDATE outbox SET patron_id = NULL, address = '', thread = '', text = ?, context = '{}',"
        f" meta = '{{}}', last_error = NULL WHERE request_id IN ({marks})",
        [PLACEHOLDER, *ids],
    )
    connection.execute(
        f"UPDATE request_events SET actor = 'patron', note = NULL WHERE request_id IN ({marks})",
        ids,
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - began
    connection.close()
    return elapsed


def p50_per_query(runtime: Runtime, past: Past, repeat: int) -> dict[str, float]:
    """Return each hot query's median seconds over `repeat` runs, each in its own session."""
    times: dict[str, list[float]] = {}
    for n in range(repeat):
        for name, work in hot_queries(past, n).items():
            with runtime.sessions() as session:
                began = time.perf_counter()
                work(session)
                times.setdefault(name, []).append(time.perf_counter() - began)
                session.rollback()
    return {name: statistics.median(values) for name, values in times.items()}


def unknown_library_check(runtime: Runtime) -> tuple[float, float]:
    """Return seconds for the tick's check now and for the count over every request it replaced."""
    known = set(runtime.library.profiles)
    with runtime.sessions() as session:
        _warn_unknown_libraries(session, known)  # statements compiled and cached, as in a tick
        began = time.perf_counter()
        _warn_unknown_libraries(session, known)
        now = time.perf_counter() - began
        count = select(func.count(IllRequest.id)).where(
            IllRequest.library.not_in(known),
            IllRequest.status.in_(FINISHED_STATUSES),
            IllRequest.patron_id.is_not(None),
        )
        began = time.perf_counter()
        session.scalar(count)
        before = time.perf_counter() - began
    return now, before


def main(argv: list[str] | None = None) -> None:
    """Build both stores, time everything, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 1M past requests")
    parser.add_argument("--repeat", type=int, default=200, help="runs of each hot query")
    args = parser.parse_args(argv)
    large = max(SMALL * 10, int(LARGE * args.scale))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        copy = folder / "baseline.db"
        small_rt, small = open_store(folder, SMALL)
        large_rt, big = open_store(folder, large, copy)
        print(f"built {SMALL:,} and {large:,} past requests in {time.perf_counter() - began:.0f} s")
        ids = list(range(large + 1, large + PURGEABLE + 1))
        purge_s, purged = time_purge(large_rt)
        raw_s = raw_purge(copy, ids)
        print(
            f"retention purge at {big.outbox:,} outbox rows: {purged} requests in {purge_s:.3f} s,"
            f" {1000 * purge_s / max(purged, 1):.2f} ms per purged request"
            f" (raw sqlite3 by id list: {1000 * raw_s / len(ids):.2f} ms; goal <= 10 ms)"
        )
        time_purge(small_rt)  # the same tick on the small store: both analysed alike
        with large_rt.engine.connect() as connection:
            stats = connection.exec_driver_sql("SELECT count(*) FROM sqlite_stat1").scalar()
        print(f"statistics after that tick's PRAGMA optimize: {stats} sqlite_stat1 rows")
        check_s, count_s = unknown_library_check(large_rt)
        print(
            f"unknown-library check at {large:,} requests: {1000 * check_s:.2f} ms"
            f" (the count it replaced: {1000 * count_s:.1f} ms)"
        )
        low = p50_per_query(small_rt, small, args.repeat)
        high = p50_per_query(large_rt, big, args.repeat)
        print(f"hot queries, p50 of {args.repeat} (goal: {large:,} within 1.3x of {SMALL:,}):")
        for name in low:
            ratio = high[name] / low[name]
            print(
                f"  {name:34} {1e6 * low[name]:8.0f} µs  {1e6 * high[name]:8.0f} µs  {ratio:5.2f}x"
            )
        for runtime in (small_rt, large_rt):
            runtime.engine.dispose()


if __name__ == "__main__":
    main()
