"""What the fault tests share: bursts of patron mail, `illbot` subprocesses, and a store census.

A burst is `illbot sim` input: patron events, then raw mails, each with its own Message-ID, so a
redelivered mail is recognised by the inbox (the Message-ID is its transport id) and every reply
written for it carries that Message-ID in `meta.mail.in_reply_to`, which is how the census links
outbox rows back to the message they answer.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, literal, select

from store.models import InboxMessage, OutboxMessage

ILLBOT = [sys.executable, "-m", "bot"]
RUN_TIMEOUT_S = 60


def isbn13(n: int) -> str:
    """Return a valid ISBN-13 (978 prefix) numbered n, held by no library."""
    body = f"978{n:09d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


# What each patron says, in order: requests, questions about them, a cancellation with its
# "which one?" and "yes", small talk, and two unreadable lines (the second goes to staff).
# No line names an ILL-n: PostgreSQL may skip request numbers after a crash, SQLite does not.
def _script(patron: int) -> list[str]:
    first, second = isbn13(1000 + 2 * patron), isbn13(1001 + 2 * patron)
    return [
        f"Please get me ISBN {first}, needed by Oct 30",
        "where is my request?",
        f"Please get me ISBN {second}, needed by Nov 15",
        "cancel my request",
        "the first one",
        "yes",
        "where is my request?",
        "renew it",
        "hello",
        "help",
        "asdf qwer",
        "asdf qwer",
    ]


@dataclass(frozen=True)
class Burst:
    """Sim input lines and the Message-IDs of the patron mails among them, in order."""

    lines: list[str]
    message_ids: list[str]

    def write(self, path: Path) -> Path:
        """Write the burst as a JSON Lines file and return its path."""
        path.write_text("".join(line + "\n" for line in self.lines), encoding="utf-8")
        return path


def make_burst(patrons: int = 5, per_patron: int = 12, tag: str = "burst") -> Burst:
    """Patron events first, then `patrons * per_patron` mails interleaved across patrons."""
    events: list[dict[str, Any]] = []
    for p in range(patrons):
        email = f"p{p}@jjay.example"
        events.append(
            {
                "type": "patron",
                "id": f"p{p}",
                "library": "johnjay",
                "category": "faculty",
                "email": email,
            }
        )
    ids: list[str] = []
    scripts = [_script(p)[:per_patron] for p in range(patrons)]
    minute = 0
    for step in range(per_patron):
        for p in range(patrons):
            message_id = f"<{tag}-{p}-{step}@jjay.example>"
            ids.append(message_id)
            raw = (
                f"From: Patron {p} <p{p}@jjay.example>\n"
                "To: ill@illbot.invalid\n"
                "Subject: interlibrary loan\n"
                f"Message-ID: {message_id}\n"
                "\n"
                f"{scripts[p][step]}\n"
            )
            at = f"2026-10-05T{9 + minute // 60:02d}:{minute % 60:02d}"
            events.append({"type": "message", "at": at, "raw": raw})
            minute += 1
    return Burst([json.dumps(e) for e in events], ids)


@dataclass
class Census:
    """What the store shows about a burst, per message, read directly from inbox and outbox."""

    tried: int
    replies: dict[str, list[tuple[str, str]]]  # Message-ID → (intent, outcome) per reply row
    handled: set[str]  # Message-IDs the inbox marks handled
    escalations: int
    other_rows: int  # outbox rows that are neither replies to the burst nor escalations

    def answered_once(self) -> list[str]:
        return [m for m, r in self.replies.items() if len(r) == 1]

    def lost(self) -> list[str]:
        """Never handled, or handled with no reply written."""
        return [m for m, r in self.replies.items() if not r]

    def lost_handled(self) -> list[str]:
        """The worst kind of loss: the inbox says done, but no reply exists."""
        return [m for m in self.lost() if m in self.handled]

    def doubled(self) -> list[str]:
        return [m for m, r in self.replies.items() if len(r) >= 2]


def census(url: str, burst: Burst) -> Census:
    """Read inbox and outbox (a fresh engine, nothing cached) and link replies to the burst."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if "state" in {c["name"] for c in inspect(connection).get_columns("inbox")}:
                query = select(InboxMessage.transport_id, InboxMessage.state)
            else:  # a store from before inbox states (schema 0003): every row was handled
                query = select(InboxMessage.transport_id, literal("handled"))
            handled = {tid for tid, state in connection.execute(query) if state == "handled"}
            rows = connection.execute(
                select(OutboxMessage.kind, OutboxMessage.meta).order_by(OutboxMessage.id)
            ).all()
    finally:
        engine.dispose()
    replies: dict[str, list[tuple[str, str]]] = {m: [] for m in burst.message_ids}
    escalations = other = 0
    for kind, meta in rows:
        answers = ((meta or {}).get("mail") or {}).get("in_reply_to")
        if kind == "reply" and answers in replies:
            replies[answers].append((str(meta.get("intent")), str(meta.get("outcome"))))
        elif kind == "escalation":
            escalations += 1
        else:
            other += 1
    tried = len(burst.message_ids)
    return Census(tried, replies, handled & set(burst.message_ids), escalations, other)


def illbot_env(url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment for an `illbot` subprocess: this checkout, this store."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    if url is not None:
        env["ILLBOT_DATABASE_URL"] = url
    env.update(extra)
    return env


@dataclass
class KillLog:
    """What happened to the bot while a burst was delivered again and again."""

    kills: int = 0
    runs: int = 0
    printed: int = 0  # reply lines the killed and finished runs printed, all together
    exits: list[int] = field(default_factory=list)


def run_sim(url: str, burst_file: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `illbot sim FILE --db URL` to the end."""
    return subprocess.run(
        [*ILLBOT, "sim", str(burst_file), "--db", url],
        cwd=cwd,
        env=illbot_env(),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def kill_mid_burst(
    url: str,
    burst_file: Path,
    cwd: Path,
    rng: random.Random,
    *,
    kills: int,
    expected: int,
    most_between_kills: int = 4,
) -> KillLog:
    """Deliver the whole burst again and again, `kill -9`-ing the bot mid-burst each time.

    Each run is killed a random 0–30 ms after it printed 1…`most_between_kills` new answers, so
    the kill lands inside some later message's turn (or between turns). Every run starts from
    the first line again, as a transport redelivers everything it never saw acknowledged.
    """
    log = KillLog()
    stderr_path = cwd / "sim.stderr"
    while log.kills < kills and expected - log.printed > most_between_kills:
        wanted = rng.randint(1, most_between_kills)
        pause = rng.uniform(0.0, 0.03)
        with stderr_path.open("w") as stderr:
            proc = subprocess.Popen(
                [*ILLBOT, "sim", str(burst_file), "--db", url],
                cwd=cwd,
                env=illbot_env(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
            assert proc.stdout is not None
            seen = 0
            deadline = time.monotonic() + RUN_TIMEOUT_S
            while seen < wanted and time.monotonic() < deadline:
                if not proc.stdout.readline():
                    break  # it finished (or died) before we killed it
                seen += 1
            time.sleep(pause)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                log.kills += 1
            seen += len(proc.stdout.read().splitlines())
            proc.stdout.close()
            code = proc.wait(timeout=RUN_TIMEOUT_S)
        log.runs += 1
        log.printed += seen
        log.exits.append(code)
        if code not in (0, -signal.SIGKILL):
            raise AssertionError(
                f"illbot sim exited {code} on a redelivery: {stderr_path.read_text()[-2000:]}"
            )
        if code == 0:
            break  # it got through the whole burst before the kill: nothing left to interrupt
    return log
