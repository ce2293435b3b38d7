"""`python -m bench.hot_path`: CPU and SQL statements per patron message, beside raw sqlite3.

Figures are printed, never asserted. CPU is `time.process_time` per message (the turn and its
commit: user and system time, so the fsync's kernel work counts on both sides). The baseline is
raw sqlite3 doing the durable work every message needs anyway, on a store with the same schema:
one transaction inserting the inbox row, reading the patron and the patron's requests, and
inserting a request row and an outbox row. Each message path's median is measured again on a
store holding `--past` past requests (built with Core bulk inserts over many patrons and both
libraries' item keys), to show whether the hot path stays flat as the tables grow.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert

from bench.lending import lend_newest
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from handlers.core import handle_message
from handlers.messages import Inbound
from store.db import analyze, transaction
from store.models import IllRequest, Patron

PATRONS = 150  # the patrons who write during the run
THEIR_PAST = 5  # finished requests each of them already has
START = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)
PATHS = ("request", "status", "renew")
CHUNK = 20_000


def isbn13(n: int) -> str:
    """Return a valid ISBN-13 built from a serial number."""
    body = f"978{n:09d}"
    total = sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


@dataclass
class Figures:
    """CPU seconds and SQL statements of each message, by path."""

    cpu: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    by_path: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PATHS})

    def record(self, path: str, cpu: float, statements: int) -> None:
        """Add one message's CPU seconds and statement count."""
        self.cpu.append(cpu)
        self.by_path[path].append(cpu)
        self.statements.append(statements)

    def p(self, share: float, values: list[float] | None = None) -> float:
        """Return a percentile of CPU per message, in milliseconds."""
        ordered = sorted(self.cpu if values is None else values)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000 if ordered else 0.0


def build_store(folder: Path, name: str, past: int) -> Runtime:
    """Open a fresh store with the writing patrons and `past` past requests, then ANALYZE it."""
    runtime = open_runtime(load_settings(), f"sqlite:///{folder}/{name}.db")
    others = max(10, (past - PATRONS * THEIR_PAST) // 100)
    patrons = [{"id": f"p{n}", "library": "johnjay", "category": "faculty"} for n in range(PATRONS)]
    patrons += [
        {"id": f"b{n}", **(_JOHNJAY if n % 2 else _SJPL)} for n in range(others)
    ]  # half of the other patrons are SJPL's
    with transaction(runtime.sessions) as session:
        session.execute(insert(Patron), patrons)
        for chunk in _chunks(_past_requests(past, others), CHUNK):
            session.execute(insert(IllRequest), chunk)
        analyze(session)
    return runtime


_JOHNJAY = {"library": "johnjay", "category": "faculty"}
_SJPL = {"library": "sjpl", "category": "cardholder"}
_FINISHED = ("returned", "completed", "cancelled", "returned", "completed")


def _past_requests(past: int, others: int) -> Iterator[dict[str, Any]]:
    """Yield past requests: a few for each writing patron, the rest over everyone else."""
    mine = min(past, PATRONS * THEIR_PAST)
    for n in range(past):
        patron = f"p{n % PATRONS}" if n < mine else f"b{n % others}"
        sjpl = n >= mine and (n % others) % 2 == 0
        day = START.date() - timedelta(days=n % 1500)
        article = n % 5 == 0
        yield {
            "patron_id": patron,
            "library": "sjpl" if sjpl else "johnjay",
            "category": "cardholder" if sjpl else "faculty",
            "material": "article" if article else "book",
            "title": f"Past title {n % 50_000}",
            "journal": f"Journal {n % 2000}" if article else None,
            "year": 2000 + n % 26,
            # The same ISBNs the run asks for: library-wide counts meet real rows.
            "isbn": None if article else isbn13(1 + n % 20_000),
            "item_key": f"doi:10.1/{n}" if article else f"isbn:{isbn13(1 + n % 20_000)}",
            "journal_key": f"journal {n % 2000}" if article else None,
            "status": "submitted" if n % 50 == 0 else _FINISHED[n % len(_FINISHED)],
            "channel": "email",
            "created_at": datetime.combine(day, START.timetz()),
            "recorded_on": day,
        }


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class Message:
    """One message of the mix: its number, patron, path and words."""

    n: int
    patron: str
    path: str
    text: str

    @property
    def at(self) -> datetime:
        """Return when it arrives: one a second."""
        return START + timedelta(seconds=self.n)


def the_mix(messages: int, first: int = 0) -> Iterator[Message]:
    """Yield the bench mix: 50% request, 35% status, 15% renew, from random patrons.

    `first` numbers the messages of a second run on the same store (new ids, ISBNs and times).
    """
    rng = random.Random(7 + first)
    serial = first
    words = {"status": "where are my requests?", "renew": "can I renew my book?"}
    for n in range(first, first + messages):
        patron = f"p{rng.randrange(PATRONS)}"
        roll = rng.random()
        path = "request" if roll < 0.5 else "status" if roll < 0.85 else "renew"
        if path == "request":
            serial += 1
        text = words.get(path, f"Please get me ISBN {isbn13(serial)}")
        yield Message(n, patron, path, text)


class Core:
    """The whole core on one store: each message is one turn in one transaction."""

    def __init__(self, runtime: Runtime, profile: cProfile.Profile | None = None) -> None:
        self.runtime, self.profile, self.figures = runtime, profile, Figures()
        self.counted = 0
        self.lent = 0
        event.listen(runtime.engine, "before_cursor_execute", self._count)

    def _count(self, *_args: Any) -> None:
        self.counted += 1

    def send(self, message: Message) -> None:
        """Handle one message, recording its CPU time and statements."""
        inbound = Inbound(
            "slack", message.patron, message.text, message.at, transport_id=f"bench-{message.n}"
        )
        before = self.counted
        if self.profile is not None:
            self.profile.enable()
        began = time.process_time()
        with transaction(self.runtime.sessions) as session:
            handle_message(session, inbound, self.runtime.library)
        spent = time.process_time() - began
        if self.profile is not None:
            self.profile.disable()
        self.figures.record(message.path, spent, self.counted - before)
        if message.path == "request":
            self.lent += 1
            if self.lent % 3 == 0:  # staff lend some, so renewals have loans
                lend_newest(self.runtime.sessions, self.runtime.library, message.at)


BASELINE_STEPS = (
    "INSERT INTO inbox (transport_id, channel, received_at, state)"
    " VALUES (?, 'slack', ?, 'handled') ON CONFLICT DO NOTHING RETURNING id",
    "SELECT * FROM patrons WHERE id = ?",
    "SELECT id, item_key, status, material, recorded_on, due_date, ended_at, source"
    " FROM requests WHERE patron_id = ?",
    "INSERT INTO requests (patron_id, library, category, material, title, isbn, item_key,"
    " fee_cents, status, channel, created_at, recorded_on, renewable, renewals)"
    " VALUES (?, 'johnjay', 'faculty', 'book', 'A title', ?, ?, 0, 'submitted', 'slack', ?, ?,"
    " 1, 0)",
    "INSERT INTO outbox (created_at, kind, channel, patron_id, address, thread, request_id,"
    " template, context, meta, text, state, attempts, next_attempt_at)"
    " VALUES (?, 'reply', 'slack', ?, ?, '', ?, 'request_result', '{}', '{}', ?, 'pending', 0, ?)",
)


class Baseline:
    """The same durable work per message in raw sqlite3, on a store of the same schema."""

    def __init__(self, folder: Path) -> None:
        build_store(folder, "baseline", PATRONS * THEIR_PAST).engine.dispose()
        self.connection = sqlite3.connect(folder / "baseline.db", isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            self.connection.execute(f"PRAGMA {pragma}")
        self.figures = Figures()

    def send(self, message: Message) -> None:
        """Do one message's durable work in one transaction, recording its CPU time."""
        inbox, patron, theirs, request, outbox = BASELINE_STEPS
        who, at = message.patron, message.at.isoformat()
        began = time.process_time()
        run = self.connection.execute
        run("BEGIN IMMEDIATE")
        run(inbox, (f"bench-{message.n}", at)).fetchall()
        run(patron, (who,)).fetchall()
        run(theirs, (who,)).fetchall()
        key = f"isbn:{isbn13(message.n + 1)}"
        number = run(request, (who, key[5:], key, at, at[:10])).lastrowid
        run(outbox, (at, who, who, number, "Done: I've requested it.", at))
        run("COMMIT")
        self.figures.record(message.path, time.process_time() - began, 6)


def where_time_goes(profile: cProfile.Profile) -> str:
    """Sum each function's own time by the part of the code it belongs to."""
    parts = {
        "SQLAlchemy": "sqlalchemy",
        "sqlite3 (C)": "sqlite3",
        "understanding": "handlers/understand",
        "templates (Jinja)": "jinja2",
        "policy": "/policy/",
        "store": "/store/",
        "handlers": "/handlers/",
        "templates": "/templates/",
    }
    spent = dict.fromkeys([*parts, "other"], 0.0)
    stats: dict[Any, Any] = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    for (filename, _line, name), (_cc, _nc, own, _cum, _callers) in stats.items():
        where = filename + name
        part = next((p for p, marker in parts.items() if marker in where), "other")
        spent[part] += own
    total = sum(spent.values()) or 1.0
    shares = sorted(spent.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{part} {seconds / total:.0%}" for part, seconds in shares if seconds)


def report(past: int, messages: int) -> None:
    """Build the stores, send each message to every one in turn, and print the figures.

    One message goes to the baseline, the small store and the large store before the next, so
    whatever else the machine is doing weighs on the three alike.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        large_store = build_store(folder, "large", past)
        built = time.perf_counter() - began
        small_store = build_store(folder, "small", 1000)
        base, small, large = Baseline(folder), Core(small_store), Core(large_store)
        for message in the_mix(messages):
            for runner in (base, small, large):
                runner.send(message)
        profile = cProfile.Profile()
        profiled = Core(small_store, profile)
        for message in the_mix(min(messages, 300), first=messages):
            profiled.send(message)  # profiled: slower, not timed
        base.connection.close()
        small_store.engine.dispose()
        large_store.engine.dispose()
    _print(past, messages, built, base.figures, small.figures, large.figures)
    print(f"where the core's CPU goes (cProfile, own time): {where_time_goes(profile)}")


def _print(
    past: int, messages: int, built: float, base: Figures, few: Figures, many: Figures
) -> None:
    print(f"hot path: {messages} messages (50% request, 35% status, 15% renew), {PATRONS} patrons")
    print(f"{'CPU per message (process_time)':44}{'p50':>9}{'p99':>9}{'statements':>12}")
    rows = (
        ("raw sqlite3, the same durable work", base),
        ("illbot core, 1k past requests", few),
        (f"illbot core, {past:,} past requests", many),
    )
    for label, figures in rows:
        stmts = statistics.mean(figures.statements)
        print(f"{label:44}{figures.p(0.5):>7.2f}ms{figures.p(0.99):>7.2f}ms{stmts:>12.1f}")
    print(f"core p50 / raw sqlite3 p50: {few.p(0.5) / base.p(0.5):.1f}x")
    print(f"{'p50 of each path':28}{'1k past':>10}{f'{past:,} past':>16}{'ratio':>8}")
    for path in PATHS:
        low, high = few.p(0.5, few.by_path[path]), many.p(0.5, many.by_path[path])
        print(f"{path:28}{low:>8.2f}ms{high:>14.2f}ms{high / low:>8.2f}")
    print(f"({past:,} past requests built and analysed in {built:.0f} s)")


def main() -> None:
    """Parse the scale and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--past", type=int, default=1_000_000, help="past requests in the big store"
    )
    parser.add_argument("--messages", type=int, default=1500, help="messages per run")
    arguments = parser.parse_args()
    report(arguments.past, arguments.messages)


if __name__ == "__main__":
    main()
