"""`make bench`: patron messages per second through the whole core, beside a raw baseline.

Figures are printed, never asserted. The baseline is one durable SQLite transaction per message
on the same kind of file (WAL, synchronous=FULL), so the ratio says what the core costs on top
of the disk work every message needs anyway.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import hot_path
from bench.hot_path import isbn13
from bench.lending import lend_newest
from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers.core import handle_message
from handlers.messages import Inbound
from store.db import transaction
from store.directory import PatronRecord, upsert_patron

MESSAGES = 1500
PATRONS = 150
START = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)


def core_rate(folder: Path) -> tuple[float, list[float]]:
    """Run a realistic mix of messages through the core; return msgs/s and latencies (s)."""
    runtime = open_runtime(load_settings(), f"sqlite:///{folder}/bench.db")
    with transaction(runtime.sessions) as session:
        for n in range(PATRONS):
            upsert_patron(session, PatronRecord(f"p{n}", "johnjay", "faculty"))
    rng = random.Random(7)
    latencies: list[float] = []
    serial = 0
    began = time.perf_counter()
    for n in range(MESSAGES):
        patron = f"p{rng.randrange(PATRONS)}"
        roll = rng.random()
        if roll < 0.5:
            serial += 1
            text = f"Please get me ISBN {isbn13(serial)}"
        elif roll < 0.85:
            text = "where are my requests?"
        else:
            text = "can I renew my book?"
        at = START + timedelta(seconds=n)
        inbound = Inbound("slack", patron, text, at, transport_id=f"bench-{n}")
        t0 = time.perf_counter()
        with transaction(runtime.sessions) as session:
            handle_message(session, inbound, runtime.library)
        latencies.append(time.perf_counter() - t0)
        if roll < 0.5 and serial % 3 == 0:  # staff move some requests on, so renewals have loans
            lend_newest(runtime.sessions, runtime.library, at)
    elapsed = time.perf_counter() - began
    runtime.engine.dispose()
    return MESSAGES / elapsed, latencies


def baseline_rate(folder: Path) -> float:
    """One durable SQLite transaction per message: the floor any design pays."""
    connection = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE inbox (id INTEGER PRIMARY KEY, transport_id TEXT UNIQUE, text TEXT)"
    )
    began = time.perf_counter()
    for n in range(MESSAGES):
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO inbox (transport_id, text) VALUES (?, ?)", (f"m{n}", "status")
        )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - began
    connection.close()
    return MESSAGES / elapsed


def help_start_time() -> float:
    """Median wall time of `illbot --help` over five runs, in seconds."""
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    """Print the figures side by side; `--past N` sizes the hot path's large store."""
    parser = argparse.ArgumentParser(description="illbot benchmarks")
    parser.add_argument(
        "--past", type=int, default=1_000_000, help="past requests in the hot path's large store"
    )
    parser.add_argument("--messages", type=int, default=MESSAGES, help="messages per hot-path run")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = baseline_rate(folder)
        rate, latencies = core_rate(folder)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[int(len(latencies) * 0.99)] * 1000
    start = help_start_time()
    print(
        f"illbot bench: {MESSAGES} messages (50% request, 35% status, 15% renew), {PATRONS} patrons"
    )
    print(f"{'':34}{'rate (msg/s)':>14}")
    print(f"{'baseline: 1 durable SQLite txn/msg':34}{base:>14.0f}")
    print(f"{'illbot core on a SQLite file':34}{rate:>14.0f}")
    print(f"{'core / baseline':34}{rate / base:>14.2f}")
    print(f"latency per message: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    print(f"`illbot --help` start time: {start * 1000:.0f} ms (median of 5)")
    print()
    hot_path.report(arguments.past, arguments.messages)


if __name__ == "__main__":
    main()
