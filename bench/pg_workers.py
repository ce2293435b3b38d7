"""The worker processes of `make bench-pg`: the message mix, a raw psycopg loop, `illbot tick`.

Each worker is a fresh interpreter (spawn) with its own engine. Workers wait at a barrier once
ready, so start-up (imports, profiles, the first connection) stays out of the figures.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Barrier
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bench.lending import lend_newest
from bench.pg_cluster import backend_cpu_seconds
from bot.runtime import load_library
from bot.settings import load_settings
from handlers.core import handle_message
from handlers.library import Library
from handlers.messages import Inbound
from store.db import make_engine, session_factory, transaction

START = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)  # bench/__main__.py's first message
RAW_TABLE = "raw_bench_inbox"
RAW_REPEAT = 10  # the raw loop is so quick that a longer run is needed for a steady figure
WAIT_S = 900  # a worker that has not reported by then is stuck, not slow


@dataclass(frozen=True)
class Message:
    """One patron message of the mix; `lend` has staff lend the patron's newest request."""

    number: int
    patron: int
    text: str
    lend: bool


@dataclass(frozen=True)
class WorkerRun:
    """What one worker process measured over its share of the messages."""

    handled: int
    began: float  # time.monotonic(): one clock for every process on the machine
    ended: float
    cpu_s: float
    server_cpu_s: float | None  # its PostgreSQL backend's CPU; None on another machine
    error: str | None = None


def isbn13(n: int) -> str:
    """Return a valid ISBN-13 built from a serial number."""
    body = f"978{n:09d}"
    total = sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def message_mix(messages: int, patrons: int, seed: int = 7) -> list[Message]:
    """Return bench/__main__.py's mix: 50% requests (a third lent), 35% status, 15% renewals."""
    rng = random.Random(seed)
    mix: list[Message] = []
    serial = 0
    for n in range(messages):
        patron = rng.randrange(patrons)
        roll = rng.random()
        if roll < 0.5:
            serial += 1
            mix.append(Message(n, patron, f"Please get me ISBN {isbn13(serial)}", serial % 3 == 0))
        else:
            text = "where are my requests?" if roll < 0.85 else "can I renew my book?"
            mix.append(Message(n, patron, text, False))
    return mix


def run_together(
    target: Callable[..., None], jobs: Sequence[tuple[Any, ...]], *, strict: bool = True
) -> list[Any]:
    """Run `target(*job, barrier, results)` in one process per job, started together.

    `strict`: a worker's failure raises here; otherwise the caller reads each run's `error`.
    """
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited engine
    barrier = context.Barrier(len(jobs))
    results = context.Queue()
    processes = [context.Process(target=target, args=(*job, barrier, results)) for job in jobs]
    for process in processes:
        process.start()
    try:
        runs = _reports(results, processes)
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():  # stuck, or the bench was interrupted: ours to end
                process.terminate()
    failed = [run.error for run in runs if getattr(run, "error", None)]
    if failed and strict:
        raise RuntimeError("a bench worker failed:\n" + "\n".join(failed))
    return runs


def _reports(results: Any, processes: Sequence[BaseProcess]) -> list[Any]:
    """Collect one report per process; fail at once if one died without reporting."""
    runs: list[Any] = []
    deadline = time.monotonic() + WAIT_S
    while len(runs) < len(processes):
        try:
            runs.append(results.get(timeout=1))
        except queue.Empty:
            # A report is flushed before its process exits, so all gone and none left: a crash.
            if not any(process.is_alive() for process in processes) and results.empty():
                codes = [process.exitcode for process in processes]
                message = f"a bench worker died without a report (exit codes {codes})"
                raise RuntimeError(message) from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"bench workers still busy after {WAIT_S} s") from None
    return runs


def failed(exc: BaseException) -> WorkerRun:
    """The report of a worker that could not finish."""
    return WorkerRun(0, 0.0, 0.0, 0.0, None, f"{type(exc).__name__}: {exc}")


def handle_share(url: str, share: list[Message], barrier: Barrier, results: Any) -> None:
    """Worker: handle this share of the messages through the core, one transaction each."""
    try:
        library = load_library(load_settings())
        engine = make_engine(url)
        sessions = session_factory(engine)
        _warm_up(sessions, library, share)
        pid = _backend_pid(engine) if engine.dialect.name == "postgresql" else None
        barrier.wait()
    except BaseException as exc:
        barrier.abort()  # the others must not wait for a worker that will never come
        results.put(failed(exc))
        return
    server_before = backend_cpu_seconds(pid) if pid is not None else None
    cpu_before, began = time.process_time(), time.monotonic()
    try:
        for message in share:
            at = START + timedelta(seconds=message.number)
            patron = f"p{message.patron}"
            inbound = Inbound(
                "slack", patron, message.text, at, transport_id=f"pg-{message.number}"
            )
            with transaction(sessions) as session:
                handle_message(session, inbound, library)
            if message.lend:
                lend_newest(sessions, library, at, patron)
    except Exception as exc:
        results.put(failed(exc))
        return
    ended, cpu = time.monotonic(), time.process_time() - cpu_before
    # The pool kept one connection, so one backend did all the work; if not, say nothing.
    server_after = None
    if pid is not None and _backend_pid(engine) == pid:
        server_after = backend_cpu_seconds(pid)
    engine.dispose()
    server = None if server_before is None or server_after is None else server_after - server_before
    results.put(WorkerRun(len(share), began, ended, cpu, server))


def _warm_up(sessions: sessionmaker[Session], library: Library, share: list[Message]) -> None:
    """One turn rolled back: lazy loads (the intent model, compiled SQL) stay out of the timing."""
    if not share:
        return
    inbound = Inbound("slack", f"p{share[0].patron}", "where are my requests?", START)
    with sessions() as session:
        handle_message(session, inbound, library)
        session.rollback()


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def raw_conninfo(url: str) -> str:
    """The libpq form of a SQLAlchemy URL, for psycopg itself."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def raw_share(url: str, count: int, barrier: Barrier, results: Any) -> None:
    """Baseline worker: one committed psycopg transaction (an INSERT) per message, nothing else."""
    import psycopg

    try:
        connection = psycopg.connect(raw_conninfo(url), autocommit=True)
        barrier.wait()
    except BaseException as exc:
        barrier.abort()
        results.put(failed(exc))
        return
    cpu_before, began = time.process_time(), time.monotonic()
    for n in range(count):
        with connection.transaction():
            connection.execute(f"INSERT INTO {RAW_TABLE} (t) VALUES (%s)", (f"m{n}",))
    ended, cpu = time.monotonic(), time.process_time() - cpu_before
    connection.close()
    results.put(WorkerRun(count, began, ended, cpu, None))


@dataclass(frozen=True)
class TickRun:
    """What one `illbot tick` process said: its lines, or why it failed."""

    lines: list[str]
    error: str | None = None


def tick_once(url: str, at: str, barrier: Barrier, results: Any) -> None:
    """Worker: run `illbot tick --at AT` on the store at `url`, as cron on one machine would."""
    from bot.tick_command import run_tick_command

    # The command reads its store from the environment; the bench already migrated it.
    os.environ["ILLBOT_DATABASE_URL"] = url
    os.environ["ILLBOT_AUTO_MIGRATE"] = "false"
    try:
        barrier.wait()
        results.put(TickRun(list(run_tick_command(at))))
    except BaseException as exc:
        barrier.abort()
        results.put(TickRun([], f"{type(exc).__name__}: {exc}"))
