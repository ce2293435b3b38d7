"""`kill -9` the bot mid-burst, again and again, redelivering everything: no reply lost or doubled.

The bot is the real `illbot sim --db URL` in a subprocess, on a SQLite file and on PostgreSQL.
Its input is a burst of patron mails, each with its own Message-ID (its transport id). After every
kill the whole burst is delivered again, as a mail server redelivers what was never acknowledged;
at the end one run goes to completion. Then the store is read directly: every mail must have
exactly one reply, and staff exactly as many escalations as when nothing fails.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.runtime import open_runtime
from bot.settings import load_settings
from bot.sim import Simulator
from tests.faults.support import Burst, Census, census, kill_mid_burst, make_burst, run_sim

KILLS = 10
SEED = 1101


@pytest.fixture(scope="module")
def burst() -> Burst:
    return make_burst(patrons=5, per_patron=12)


@pytest.fixture(scope="module")
def undisturbed(burst: Burst, tmp_path_factory: pytest.TempPathFactory) -> Census:
    """What the burst gives when nothing fails: one reply per mail (checked), and escalations."""
    where = tmp_path_factory.mktemp("undisturbed")
    url = f"sqlite:///{where}/illbot.db"
    runtime = open_runtime(load_settings(), url)  # the same Simulator, in this process
    try:
        Simulator(runtime).run(burst.lines, io.StringIO())
    finally:
        runtime.engine.dispose()
    seen = census(url, burst)
    assert len(seen.answered_once()) == seen.tried, "without faults, every mail gets one reply"
    assert seen.escalations > 0, "the burst should also reach staff"
    return seen


def _line(backend: str, seen: Census, extra: str) -> str:
    return (
        f"{backend:8} tried {seen.tried}  answered once {len(seen.answered_once())}  "
        f"lost {len(seen.lost())}  doubled {len(seen.doubled())}  {extra}"
    )


def test_kill_mid_burst(
    database_url: str,
    burst: Burst,
    undisturbed: Census,
    tmp_path: Path,
    fault_report: Callable[[str], None],
) -> None:
    backend = database_url.split(":", 1)[0].split("+", 1)[0]
    burst_file = burst.write(tmp_path / "burst.jsonl")
    rng = random.Random(f"{SEED}-{backend}")

    log = kill_mid_burst(
        database_url, burst_file, tmp_path, rng, kills=KILLS, expected=undisturbed.tried
    )
    final = run_sim(database_url, burst_file, tmp_path)
    assert final.returncode == 0, f"the run after the kills failed: {final.stderr[-2000:]}"

    seen = census(database_url, burst)
    differs = [
        m
        for m, replies in seen.replies.items()
        if len(replies) == 1 and replies != undisturbed.replies[m]
    ]
    line = _line(
        backend,
        seen,
        f"(kills {log.kills} in {log.runs} runs; escalations {seen.escalations}"
        f"/{undisturbed.escalations}; answered differently {len(differs)})",
    )
    fault_report(line)
    assert log.kills >= KILLS // 2, f"too few kills landed mid-burst: {line}"
    assert not seen.lost(), (
        f"{line}\nlost (no reply): {seen.lost()}\n"
        f"of which the inbox marks handled: {seen.lost_handled()}"
    )
    assert not seen.doubled(), f"{line}\ndoubled: {seen.doubled()}"
    assert seen.escalations == undisturbed.escalations, f"staff escalations lost or doubled: {line}"
    assert not differs, f"{line}\nanswered differently from an undisturbed run: {differs}"
