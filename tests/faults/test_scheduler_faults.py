"""The scheduler under faults: a pass that fails after claiming, and `kill -9` mid-pass.

Either way a request's claims in `notices_sent` go with its notices (a failed request's are
undone; a killed pass keeps the requests it committed, whole), so the next good pass sends every
owed notice, and each exactly once. Both on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select

import handlers.scheduler_request
from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers.scheduler import run_tick
from store.db import transaction
from store.models import NoticeSent, OutboxMessage
from tests.faults.loans import OVERDUE_AT, Notices, notices, put_loans
from tests.faults.support import ILLBOT, RUN_TIMEOUT_S, illbot_env

PROFILES = Path(__file__).resolve().parents[2] / "policy" / "profiles"
OVERDUE_EXPLAIN = 'explain = "{{ ref }} was due on {{ due }}.'


def _backend(url: str) -> str:
    return url.split(":", 1)[0].split("+", 1)[0]


def _tick(url: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ILLBOT, "tick", "--at", OVERDUE_AT],
        cwd=cwd,
        env=illbot_env(url, **env),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def _tick_in_process(url: str, profiles: Path | None = None) -> None:
    """One scheduler pass at OVERDUE_AT in this process, as `illbot tick --at` runs it."""
    settings = load_settings(profiles_dir=profiles) if profiles else load_settings()
    runtime = open_runtime(settings, url)
    try:
        zone = runtime.library.profile(None).timezone  # the default library's, as `illbot tick`
        moment = datetime.fromisoformat(OVERDUE_AT).replace(tzinfo=zone)
        with transaction(runtime.sessions) as session:
            run_tick(session, moment, runtime.library)
    finally:
        runtime.engine.dispose()


def _good_passes(
    url: str, cwd: Path, loans: int, profiles: Path | None = None
) -> tuple[Notices, Notices]:
    """Run a good `illbot tick` and then one more pass; return the notices after each."""
    env = {"ILLBOT_PROFILES_DIR": str(profiles)} if profiles else {}
    first = _tick(url, cwd, **env)
    assert first.returncode == 0, first.stderr[-2000:]
    after_first = notices(url, loans)
    _tick_in_process(url, profiles)
    return after_first, notices(url, loans)


def _check(label: str, after_fault: Notices, good: Notices, repeat: Notices) -> str:
    line = f"{label}: after the fault {sum(after_fault.written.values())} notices written; " + (
        good.line("overdue")
    )
    assert not after_fault.written, f"{line}: the failed pass still wrote notices"
    assert after_fault.claims == 0, (
        f"{line}: the failed pass left {after_fault.claims} notices_sent claims, so those "
        "notices would never be sent"
    )
    assert not good.missing("overdue"), f"{line}: no overdue notice for {good.missing('overdue')}"
    assert not good.doubled(), f"{line}: doubled {good.doubled()}"
    assert repeat.written == good.written, f"{line}: a repeated pass sent notices again"
    return line


def test_pass_that_raises_after_claiming_sends_later(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fault_report: Callable[[str], None],
) -> None:
    """A notice that fails to render mid-pass sets that one request aside, whole; the rest go.

    Its claim and any half-written notice are undone with it, staff hear of it, and the next
    pass sends its notice once.
    """
    loans = 6
    put_loans(database_url, loans)
    real_notify = handlers.scheduler_request.notify
    calls = 0

    def failing_notify(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 4:  # its notices_sent claim is already inserted, and three notices written
            raise RuntimeError("injected: a notice template that cannot render")
        return real_notify(*args, **kwargs)

    monkeypatch.setattr(handlers.scheduler_request, "notify", failing_notify)
    _tick_in_process(database_url)
    monkeypatch.setattr(handlers.scheduler_request, "notify", real_notify)
    after_fault = notices(database_url, loans)
    line = f"{_backend(database_url)} raise after claim: {after_fault.line('overdue')}"
    assert after_fault.missing("overdue") == [4], f"{line}: only the failing loan waits"
    assert after_fault.claims == loans - 1, f"{line}: the failed request's claim was kept"
    assert _staff_reports(database_url) == 1, f"{line}: staff were not told of the stuck loan"
    _tick_in_process(database_url)
    good = notices(database_url, loans)
    _tick_in_process(database_url)
    repeat = notices(database_url, loans)
    assert not good.missing("overdue") and not good.doubled(), good.line("overdue")
    assert repeat.written == good.written, f"{line}: a repeated pass sent notices again"
    fault_report(f"{line}; next pass: {good.line('overdue')}")


def _staff_reports(url: str) -> int:
    """Count the scheduler's reports to staff of requests it had to set aside."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = select(func.count()).select_from(OutboxMessage)
            query = query.where(OutboxMessage.template == "escalation_scheduler")
            return connection.scalar(query) or 0
    finally:
        engine.dispose()


def test_profile_mistake_then_fixed_profile_sends_once(
    database_url: str, tmp_path: Path, fault_report: Callable[[str], None]
) -> None:
    """`illbot tick` refuses a profile whose overdue text names an unknown value; once fixed,
    every loan gets its overdue notice once.

    The mistake is found as the profiles load, before the store is touched: nothing is written,
    nothing is claimed, so nothing is half-done for the fixed profile's passes to repair.
    """
    loans = 6
    put_loans(database_url, loans)
    folder = tmp_path / "profiles"  # overrides the shipped John Jay profile by its id
    folder.mkdir()
    johnjay = folder / "johnjay.toml"
    text = (PROFILES / "johnjay.toml").read_text(encoding="utf-8")
    assert OVERDUE_EXPLAIN in text, "the John Jay overdue notice text changed; update this test"
    mistake = OVERDUE_EXPLAIN.replace("{{ due }}", "{{ due_dat }}")  # a typo in the profile
    johnjay.write_text(text.replace(OVERDUE_EXPLAIN, mistake), encoding="utf-8")
    before = _rows(database_url)

    failed = _tick(database_url, tmp_path, ILLBOT_PROFILES_DIR=str(folder))
    assert failed.returncode == 2, f"tick started on the mistake: {failed.stdout}{failed.stderr}"
    named = "johnjay.toml: rule johnjay.overdue.notice: explain: unknown value 'due_dat'"
    assert named in failed.stderr, failed.stderr
    assert "did you mean 'due'?" in failed.stderr, failed.stderr
    assert _rows(database_url) == before, "the refused tick wrote to the store"
    after_fault = notices(database_url, loans)

    johnjay.write_text(text, encoding="utf-8")  # the librarian fixes the typo
    good, repeat = _good_passes(database_url, tmp_path, loans, folder)
    fault_report(_check(f"{_backend(database_url)} profile mistake", after_fault, good, repeat))


def _rows(url: str) -> tuple[int, int]:
    """Count every outbox row and every scheduler claim (stuck-request reports too)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            outbox = connection.scalar(select(func.count()).select_from(OutboxMessage)) or 0
            claims = connection.scalar(select(func.count()).select_from(NoticeSent)) or 0
            return outbox, claims
    finally:
        engine.dispose()


# `illbot tick`, with a probe that reports on standard error each time the pass has finished
# one request (inside the pass's transaction), so a kill can be aimed at the middle of it.
PROBE = """
import sys
import handlers.scheduler as scheduler
inner = scheduler._request
def probe(*args, **kwargs):
    out = inner(*args, **kwargs)
    sys.stderr.write("probe: request done\\n")
    sys.stderr.flush()
    return out
scheduler._request = probe
from bot.cli import main
sys.argv = ["illbot", "tick", "--at", sys.argv[1]]
main()
"""


def _kill_tick_mid_pass(url: str, cwd: Path, after: int, pause: float) -> bool:
    """Start a probed `illbot tick`, `kill -9` it after `after` requests; True if it was killed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", PROBE, OVERDUE_AT],
        cwd=cwd,
        env=illbot_env(url),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    done = 0
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while done < after and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        done += line.startswith("probe:")
    time.sleep(pause)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    rest = proc.stderr.read()
    proc.stderr.close()
    code = proc.wait(timeout=RUN_TIMEOUT_S)
    assert code in (0, -signal.SIGKILL), f"illbot tick exited {code}: {rest[-2000:]}"
    return killed


def test_kill_tick_mid_pass(
    database_url: str, tmp_path: Path, fault_report: Callable[[str], None]
) -> None:
    """Kill `illbot tick` over 200 loans mid-pass, several times; the rerun owes every notice.

    A pass commits every few requests: a kill keeps what was committed, each request whole
    (its claim with its notice), and the next pass does the rest.
    """
    loans = 200
    put_loans(database_url, loans)
    rng = random.Random(f"1102-{_backend(database_url)}")
    kills = 0
    mid_pass = 0
    for _ in range(4):
        after, pause = rng.randint(1, loans // 4), rng.uniform(0, 0.02)
        if not _kill_tick_mid_pass(database_url, tmp_path, after, pause):
            break  # the pass finished before the kill
        kills += 1
        killed = notices(database_url, loans)
        assert killed.claims == sum(killed.written.values()), (
            f"a kill left {killed.claims} claims for {sum(killed.written.values())} notices"
        )
        if len(killed.missing("overdue")) == 0:
            break  # killed after its last commit: there is no pass left to interrupt
        mid_pass += 1
    good, repeat = _good_passes(database_url, tmp_path, loans)
    line = f"{_backend(database_url)} kill tick: kills {kills} ({mid_pass} mid-pass); " + good.line(
        "overdue"
    )
    fault_report(line)
    assert mid_pass >= 2, f"too few kills landed mid-pass: {line}"
    assert not good.missing("overdue"), f"{line}: no overdue notice for {good.missing('overdue')}"
    assert not good.doubled(), f"{line}: doubled {good.doubled()}"
    assert repeat.written == good.written, f"{line}: a repeated pass sent notices again"
