"""Several `illbot` commands started together on a new, empty database all succeed.

The first start of each migrates the store; the migration lock must make the others wait and
then find the schema in place. Patron-visible: each sim's mail is answered once, nobody's
command fails.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.faults.support import (
    ILLBOT,
    RUN_TIMEOUT_S,
    Burst,
    census,
    illbot_env,
)

SIMS = 3
TICKS = 2


def _burst(n: int) -> Burst:
    message_id = f"<race-{n}@jjay.example>"
    raw = (
        f"From: r{n}@jjay.example\nTo: ill@illbot.invalid\nSubject: ill\n"
        f"Message-ID: {message_id}\n\nwhere is my request?\n"
    )
    events = [
        {"type": "patron", "id": f"r{n}", "library": "johnjay", "category": "faculty",
         "email": f"r{n}@jjay.example"},
        {"type": "message", "at": "2026-10-05T10:00", "raw": raw},
    ]  # fmt: skip
    return Burst([json.dumps(e) for e in events], [message_id])


def test_commands_started_together_on_a_new_store(
    database_url: str, tmp_path: Path, fault_report: Callable[[str], None]
) -> None:
    bursts = [_burst(n) for n in range(SIMS)]
    commands = [
        [*ILLBOT, "sim", str(b.write(tmp_path / f"race{n}.jsonl")), "--db", database_url]
        for n, b in enumerate(bursts)
    ] + [[*ILLBOT, "tick", "--at", "2026-10-06T10:00"]] * TICKS
    procs = [
        subprocess.Popen(
            command,
            cwd=tmp_path,
            env=illbot_env(database_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    results = [(p.communicate(timeout=RUN_TIMEOUT_S), p.returncode) for p in procs]
    failed = [
        f"{' '.join(c[2:4])} exited {code}: {err.strip()[-600:]}"
        for c, ((_, err), code) in zip(commands, results, strict=True)
        if code != 0
    ]
    answers = [len(out.splitlines()) for (out, _), _ in results[:SIMS]]
    stored = [len(census(database_url, b).answered_once()) for b in bursts]
    backend = database_url.split(":", 1)[0].split("+", 1)[0]
    line = (
        f"{backend} {len(commands)} commands at once on a new store: {len(failed)} failed; "
        f"tried {SIMS} answered once {sum(stored)}"
    )
    fault_report(line)
    assert not failed, line + "\n" + "\n".join(failed)
    assert answers == [1] * SIMS, f"{line}: replies printed per sim {answers}"
    assert stored == [1] * SIMS, f"{line}: replies stored per sim {stored}"
