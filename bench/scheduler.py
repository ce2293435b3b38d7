"""`python -m bench.scheduler [LOANS [BUSY]]`: scheduler passes over many loans, beside a floor.

Two SQLite files: BUSY open loans (default 100k) whose due dates spread over SPREAD days around
the first pass, so every pass owes notices; and LOANS (default a million) due 10 to 100 days
ahead, so a pass owes almost nothing and shows what the size of the store costs. Each pass runs
in a child process through the same code as `illbot tick` (handlers.scheduler.run_pass), which
reports its wall time and peak memory. The floor beside each pass is raw sqlite3 doing the
durable writes that pass had to do (a claim and a message per notice, committed in the same
chunks), so the ratio says what the scheduler costs above the disk work. A patron's message
sent while a pass runs is timed beside the same message with no pass running. Figures are
printed, never asserted.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers.scheduler import CHUNK
from store.models import IllRequest, Patron

LOANS = 1_000_000  # the store whose loans owe nothing yet: what a pass costs at that size
BUSY = 100_000  # the store whose loans owe notices: what each notice costs
SPREAD = 90  # due dates fall on DAY - 10 … DAY + 79
DAY = date(2026, 11, 2)
LIBRARIES = (("johnjay", "faculty"), ("sjpl", "cardholder"), ("bellevue", "graduate"),
             ("riverbend", "resident"))  # fmt: skip
BATCH = 50_000


def build(path: Path, loans: int, first_due: int = -10) -> str:
    """Create the store and bulk-load `loans` open loans (one patron per four loans).

    Due dates fall on SPREAD days from DAY + `first_due` on.
    """
    url = f"sqlite:///{path}"
    runtime = open_runtime(load_settings(), url)
    created = datetime.combine(DAY - timedelta(days=40), datetime.min.time(), UTC)
    with runtime.engine.begin() as connection:
        patrons = [
            {"id": f"p{n}", "library": LIBRARIES[n % 4][0], "category": LIBRARIES[n % 4][1],
             "email": f"p{n}@bench.example"}
            for n in range(loans // 4 + 1)
        ]  # fmt: skip
        for start in range(0, len(patrons), BATCH):
            connection.execute(insert(Patron), patrons[start : start + BATCH])
    for start in range(0, loans, BATCH):
        rows = [_loan(n, created, first_due) for n in range(start, min(loans, start + BATCH))]
        with runtime.engine.begin() as connection:
            connection.execute(insert(IllRequest), rows)
    with runtime.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    runtime.engine.dispose()
    return url


def _loan(n: int, created: datetime, first_due: int) -> dict[str, Any]:
    patron = n // 4
    library, category = LIBRARIES[patron % 4]
    roll = n % 25
    status = "ready" if roll < 2 else "renewal_requested" if roll == 2 else "checked_out"
    return {
        "patron_id": f"p{patron}",
        "library": library,
        "category": category,
        "material": "book",
        "title": f"Bench loan {n}",
        "item_key": f"title:bench loan {n}",
        "status": status,
        "channel": "email",
        "created_at": created,
        "recorded_on": created.date(),
        "due_date": DAY + timedelta(days=(n * 7919) % SPREAD + first_due),
        "renewal_asked": status == "renewal_requested",
    }


def child(url: str, at: str) -> None:
    """Run one pass as `illbot tick` does and print its figures as JSON (the child process)."""
    os.environ["ILLBOT_DATABASE_URL"] = url
    from bot.tick_command import PassIncomplete, run_tick_command

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    notices = 0
    try:
        for line in run_tick_command(at):
            notices += line.startswith("queued") and " notice about " in line
    except PassIncomplete:
        pass
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": wall, "notices": notices, "before_mb": before / 1024,
                      "peak_mb": peak / 1024}))  # fmt: skip


def run_child(url: str, at: datetime) -> dict[str, Any]:
    """Run one pass in a child process and return its figures."""
    command = [sys.executable, "-m", "bench.scheduler", "--child", url, at.isoformat()]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def floor(folder: Path, notices: int) -> float:
    """Raw sqlite3: a claim and a message row per notice, committed every CHUNK notices."""
    path = folder / f"floor-{notices}.db"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE claims (id INTEGER PRIMARY KEY, request INT, notice TEXT,"
                       " UNIQUE (request, notice))")  # fmt: skip
    connection.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, request INT, text TEXT)")
    started = time.perf_counter()
    for start in range(0, notices, CHUNK):
        connection.execute("BEGIN IMMEDIATE")
        for n in range(start, min(notices, start + CHUNK)):
            connection.execute("INSERT INTO claims (request, notice) VALUES (?, 'due_soon')", (n,))
            connection.execute(
                "INSERT INTO messages (request, text) VALUES (?, ?)", (n, "Due soon: " * 40)
            )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    path.unlink()
    return elapsed


def patron_waits(url: str, at: datetime, during: subprocess.Popen[str] | None) -> list[float]:
    """Time a patron's status message every 50 ms while `during` runs (or 40 times)."""
    from handlers.core import handle_message
    from handlers.messages import Inbound
    from store.db import transaction

    runtime = open_runtime(load_settings(), url)
    waits: list[float] = []
    n = -1  # the first message loads the reader's model and templates: not counted
    while (during is None and n < 40) or (during is not None and during.poll() is None):
        inbound = Inbound("email", "p0@bench.example", "where are my requests?", at,
                          transport_id=f"bench-wait-{at.isoformat()}-{n}")  # fmt: skip
        started = time.perf_counter()
        with transaction(runtime.sessions) as session:
            handle_message(session, inbound, runtime.library)
        if n >= 0:
            waits.append(time.perf_counter() - started)
        n += 1
        time.sleep(0.05)
    runtime.engine.dispose()
    return waits


def main(loans: int, busy: int) -> None:
    """Build the stores, run the passes, print the figures."""
    print(f"scheduler bench: 4 libraries, one patron per four loans; {CHUNK} requests per "
          "transaction; each pass a child process running `illbot tick`'s code")  # fmt: skip
    print(f"{'':44}{'notices':>9}{'wall s':>9}{'peak MB':>9}{'floor s':>9}{'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = _built(folder, "owing.db", busy, -10, "due dates from 10 days ago to 80 ahead")
        for name, day in (
            ("first pass (no notice ever sent before)", DAY),
            ("daily pass, the next morning", DAY + timedelta(days=1)),
            ("repeat pass, nothing owed", DAY + timedelta(days=1)),
        ):
            _pass(folder, url, name, day)
        _waits(url)
        url = _built(folder, "million.db", loans, 10, "due dates 10 to 100 days ahead")
        for name in ("first pass: every loan's first day", "repeat pass, nothing owed"):
            _pass(folder, url, name, DAY)


def _built(folder: Path, name: str, loans: int, first_due: int, spread: str) -> str:
    began = time.perf_counter()
    url = build(folder / name, loans, first_due)
    print(f"{loans:,} open loans, {spread} (built in {time.perf_counter() - began:.0f} s):")
    return url


def _pass(folder: Path, url: str, name: str, day: date) -> None:
    at = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=15, minutes=len(name))
    figures = run_child(url, at)
    base = floor(folder, figures["notices"])
    ratio = figures["wall"] / base if base > 0.001 else float("nan")
    print(f"  {name:42}{figures['notices']:>9,}{figures['wall']:>9.2f}"
          f"{figures['peak_mb']:>9.0f}{base:>9.2f}{ratio:>7.1f}")  # fmt: skip


def _waits(url: str) -> None:
    at = datetime.combine(DAY + timedelta(days=2), datetime.min.time(), UTC) + timedelta(hours=15)
    quiet = patron_waits(url, at, None)
    command = [sys.executable, "-m", "bench.scheduler", "--child", url, at.isoformat()]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as running:
        time.sleep(1.0)  # the child imports and starts its pass
        busy = patron_waits(url, at + timedelta(minutes=1), running)
        running.communicate()
    for label, waits in (("no pass running", quiet), ("during a daily pass", busy)):
        ms = sorted(w * 1000 for w in waits)
        print(f"  patron message, {label:20}: p50 {statistics.median(ms):6.1f} ms, "
              f"max {ms[-1]:6.1f} ms ({len(ms)} messages)")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        args = [int(a) for a in sys.argv[1:3]]
        main(*(args + [LOANS, BUSY][len(args) :]))
