"""`make bench-pg`: patron messages per second on PostgreSQL with 1, 2 and 4 worker processes.

Every worker count handles the same messages (bench/__main__.py's mix) on a fresh store, each
worker its own engine and its own patrons' messages, one transaction per message. Beside each
figure, a raw psycopg loop committing one INSERT per message with as many workers (what the
machine and server allow), and the same mix on a SQLite file in one process. Afterwards each
store is checked (every message handled once, no duplicate open request, the same store for
every worker count) and two `illbot tick` passes race over one: no notice may be doubled.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text

from bench.pg_checks import StoreCheck, TickRace, check_store, race_ticks
from bench.pg_cluster import URL_ENV, BenchServer, bench_server
from bench.pg_workers import (
    RAW_REPEAT,
    RAW_TABLE,
    START,
    Message,
    WorkerRun,
    handle_share,
    message_mix,
    raw_share,
    run_together,
)
from bot.runtime import open_runtime
from bot.settings import load_settings
from store.db import transaction
from store.directory import PatronRecord, upsert_patron
from tests.services.postgres import ServiceUnavailable

MESSAGES = 1500
PATRONS = 150
WORKERS = (1, 2, 4)
# Loans are due 30 days after the bench's day; three days before is John Jay's due-soon notice.
TICK_AT = (START + timedelta(days=27)).isoformat()


@dataclass(frozen=True)
class Phase:
    """One worker count: illbot's rate beside the raw loop's, CPU, and the store's check."""

    workers: int
    rate: float
    raw_rate: float | None  # None on SQLite, where the reference is the row itself
    cpu_ms: float  # the workers' own CPU per message
    server_cpu_ms: float | None  # their PostgreSQL backends' CPU per message, when local
    check: StoreCheck


@dataclass(frozen=True)
class BenchResult:
    """A whole run: the SQLite reference, one phase per worker count, the scheduler race."""

    sqlite: Phase
    phases: list[Phase]
    tick: TickRace


def run_bench(
    server: BenchServer, worker_counts: Sequence[int], messages: int, patrons: int
) -> BenchResult:
    """Run the mix on SQLite, then once per worker count on PostgreSQL; race two ticks."""
    mix = message_mix(messages, patrons)
    with tempfile.TemporaryDirectory() as folder:
        sqlite = measure(f"sqlite:///{folder}/bench.db", 1, mix, patrons)
    phases: list[Phase] = []
    for workers in worker_counts[:-1]:
        with server.fresh_database() as url:
            phases.append(measure(url, workers, mix, patrons))
    with server.fresh_database() as url:  # the last store stays for the scheduler race
        phases.append(measure(url, worker_counts[-1], mix, patrons))
        tick = race_ticks(url, TICK_AT)
    return BenchResult(sqlite, phases, tick)


def measure(url: str, workers: int, mix: Sequence[Message], patrons: int) -> Phase:
    """Load patrons into the empty store at `url`, run the mix (and the raw loop), check it."""
    postgres = load_patrons(url, patrons)
    shares = [[m for m in mix if m.patron % workers == w] for w in range(workers)]
    runs: list[WorkerRun] = run_together(handle_share, [(url, share) for share in shares])
    raw_rate = None
    if postgres:
        jobs = [(url, len(share) * RAW_REPEAT) for share in shares]
        raw_rate = len(mix) * RAW_REPEAT / _wall(run_together(raw_share, jobs))
    server_cpu = [r.server_cpu_s for r in runs if r.server_cpu_s is not None]
    return Phase(
        workers=workers,
        rate=len(mix) / _wall(runs),
        raw_rate=raw_rate,
        cpu_ms=sum(r.cpu_s for r in runs) / len(mix) * 1000,
        server_cpu_ms=sum(server_cpu) / len(mix) * 1000 if len(server_cpu) == len(runs) else None,
        check=check_store(url),
    )


def _wall(runs: Sequence[WorkerRun]) -> float:
    return max(r.ended for r in runs) - min(r.began for r in runs)


def load_patrons(url: str, patrons: int) -> bool:
    """Migrate the store and add the bench's patrons; True (and a raw table) on PostgreSQL."""
    runtime = open_runtime(load_settings(), url)
    postgres = runtime.engine.dialect.name == "postgresql"
    try:
        with transaction(runtime.sessions) as session:
            for n in range(patrons):
                upsert_patron(session, PatronRecord(f"p{n}", "johnjay", "faculty"))
            if postgres:
                session.execute(text(f"CREATE TABLE {RAW_TABLE} (id serial PRIMARY KEY, t text)"))
    finally:
        runtime.engine.dispose()
    return postgres


def report(
    server: BenchServer, result: BenchResult, messages: int, patrons: int, load: float = 0.0
) -> tuple[list[str], list[str]]:
    """Return the lines to print and the checks that failed (none, when all is well)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    lines = [
        f"illbot bench-pg: {messages} messages (50% request, 35% status, 15% renew), "
        f"{patrons} patrons, each worker its own patrons, one transaction per message",
        f"server: {server.where}; this machine: {cores} cores, load average {load:.1f} before"
        " the bench (other work on the machine slows every figure)",
        f"{'workers':>12}{'illbot msg/s':>14}{'raw msg/s':>11}{'illbot/raw':>12}"
        f"{'worker CPU/msg':>16}{'server CPU/msg':>16}{'inbox':>7}{'dup open':>10}{'same':>6}",
    ]
    first = result.phases[0].check.fingerprint()
    lines.append(_row("sqlite 1", result.sqlite, first))
    lines += [_row(f"pg {p.workers}", p, first) for p in result.phases]
    lines.append(
        "raw: one committed psycopg INSERT per message, as many processes; sqlite: the same mix"
        " on a SQLite file (WAL, synchronous=FULL), one process"
    )
    lines += _ratios(result)
    most = max(p.workers for p in result.phases)
    if cores is not None and most > cores:
        lines.append(
            f"note: this machine has {cores} cores, so {most} workers cannot beat {cores}: the"
            " workers, their PostgreSQL backends and the server share those cores (and the raw"
            " loop hits the same ceiling). Point ILLBOT_BENCH_PG_URL at a server on its own"
            " machine and run on more cores to see scale-out."
        )
    tick = result.tick
    lines.append(
        f"scheduler: {len(tick.notices_each)} `illbot tick` passes at once at {TICK_AT}: queued "
        + " + ".join(str(n) for n in tick.notices_each)
        + f" notices; notices_sent {tick.claims} rows, {tick.distinct_claims} distinct;"
        f" outbox notices {tick.notices}, doubled {tick.doubled}"
    )
    lines += [f"scheduler pass failed: {error}" for error in tick.errors]
    return lines, _failures(result, messages)


def _row(label: str, p: Phase, first: tuple[int, int, int]) -> str:
    raw = (
        f"{p.raw_rate:>11.0f}{p.rate / p.raw_rate:>12.3f}" if p.raw_rate else f"{'-':>11}{'-':>12}"
    )
    server_cpu = f"{p.server_cpu_ms:.2f} ms" if p.server_cpu_ms is not None else "-"
    same = "yes" if p.check.fingerprint() == first else "NO"
    return (
        f"{label:>12}{p.rate:>14.0f}{raw}{p.cpu_ms:>13.2f} ms{server_cpu:>16}"
        f"{p.check.inbox:>7}{p.check.duplicate_open:>10}{same:>6}"
    )


def _ratios(result: BenchResult) -> list[str]:
    base = result.phases[0]
    parts = [f"pg 1w / sqlite {base.rate / result.sqlite.rate:.2f}x"]
    for p in result.phases[1:]:
        raw = f" (raw {p.raw_rate / base.raw_rate:.2f}x)" if p.raw_rate and base.raw_rate else ""
        parts.append(f"{p.workers}w/{base.workers}w {p.rate / base.rate:.2f}x{raw}")
    return ["ratios: " + ", ".join(parts)]


def _failures(result: BenchResult, messages: int) -> list[str]:
    found = []
    first = result.phases[0]
    for name, p in [("sqlite", result.sqlite)] + [
        (f"{p.workers} workers", p) for p in result.phases
    ]:
        if p.check.inbox != messages:
            found.append(f"{name}: {p.check.inbox} inbox rows for {messages} messages")
        if p.check.duplicate_open:
            found.append(f"{name}: {p.check.duplicate_open} duplicate open requests")
        if p.check.fingerprint() != first.check.fingerprint():
            found.append(f"{name}: a different store than {first.workers} worker(s) made")
    tick = result.tick
    if tick.doubled or tick.claims != tick.distinct_claims:
        found.append(f"scheduler: {tick.doubled} notices doubled")
    found += [f"scheduler: {error}" for error in tick.errors]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench and print its figures; exit 1 if a message was lost or doubled."""
    parser = argparse.ArgumentParser(prog="python -m bench.pg_scale", description=__doc__)
    parser.add_argument("--workers", default=",".join(map(str, WORKERS)), help="e.g. 1,2,4,8")
    parser.add_argument("--messages", type=int, default=MESSAGES)
    parser.add_argument("--patrons", type=int, default=PATRONS)
    args = parser.parse_args(argv)
    counts = [int(part) for part in args.workers.split(",") if part.strip()]
    load = os.getloadavg()[0]  # 1-minute average: how busy the machine was before we began
    try:
        with bench_server() as server:
            result = run_bench(server, counts, args.messages, args.patrons)
            lines, failures = report(server, result, args.messages, args.patrons, load)
    except ServiceUnavailable as exc:
        print(f"bench-pg: no PostgreSQL to bench on: {exc.reason}; or set {URL_ENV}")
        return 2
    print("\n".join(lines))
    for failure in failures:
        print(f"CHECK FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
