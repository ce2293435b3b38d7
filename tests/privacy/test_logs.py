"""Logs carry request refs and row ids, never a patron's id, email, name or Slack id.

Realistic traffic runs through the real code paths with every logger at DEBUG writing to a
file, as an operator chasing a problem would run the bot: every conversation scenario, a patron's
life by Slack and by mail with notices, the scheduler and the retention purge, the Slack
transport over HTTP, and failures that make SQLAlchemy raise with patron ids in its parameters.
Then every line of the file is searched for every patron identifier the traffic used.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.clock import FixedClock
from bot.console import Console
from bot.logs import LIBRARY_LOGGERS, cap_library_loggers
from bot.runtime import Runtime
from bot.serve import run_scheduler
from handlers.scheduler import run_tick
from store.db import transaction
from tests.slack.conftest import PATRONS as SLACK_PATRONS
from tests.slack.conftest import SlackBot
from tests.store.test_retention import (
    ANN_IDENTIFIERS,
    PURGE_AT,
    RECENT,
    STORY,
    WAITING,
    ann_by_slack_transport,
    deliver_all,
    local,
    play,
    purge,
)
from tests.support.scenarios import run_scenario

SCENARIOS = sorted((Path(__file__).parents[1] / "scenarios").glob("*.jsonl"))
OTHERS = ("p-carol-5", "U0CAROL5", "carol@jjay.example", "Carol King", "p-dave-9", "U0DAVE9")
STORY_IDENTIFIERS = (
    *ANN_IDENTIFIERS,
    "p-bob-3",
    "U0BOB3",
    "bob@jjay.example",
    "Bob Jones",
    *OTHERS,
)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """Send every logger, ours and the libraries', at DEBUG to a file, as `-v` debugging would."""
    path = tmp_path / "illbot.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    libraries = {name: logging.getLogger(name).level for name in LIBRARY_LOGGERS}
    cap_library_loggers()  # what `illbot serve` does at any level
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for name, was in libraries.items():
            logging.getLogger(name).setLevel(was)
        handler.close()


def pattern(identifiers: tuple[str, ...]) -> re.Pattern[str]:
    """Match any identifier as a whole token: `p1` in `p1@x`, not in `p10` or `ILL-1`."""
    words = sorted({i for i in identifiers if i}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


def leaks(path: Path, identifiers: tuple[str, ...]) -> list[str]:
    """Return the log lines that name any of the identifiers."""
    found = pattern(identifiers)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if found.search(line)]


def logged(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def scenario_identifiers() -> tuple[str, ...]:
    """Every patron identifier the scenarios use, except ids too short to tell from words."""
    found: set[str] = set()
    for path in SCENARIOS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if '"patron"' not in line or line.lstrip().startswith("#"):
                continue
            event = json.loads(line)
            if event.get("type") != "patron":
                continue
            found |= {str(event[k]) for k in ("email", "slack", "name") if event.get(k)}
            if len(str(event["id"])) >= 4:
                found.add(str(event["id"]))
    return tuple(sorted(found))


def test_every_scenario_at_debug_logs_no_patron_identifier(log_file: Path) -> None:
    for path in SCENARIOS:
        run_scenario(path)
    identifiers = scenario_identifiers()
    assert len(identifiers) > 30 and any("@" in i for i in identifiers)
    assert "sqlalchemy" in logged(log_file) or "ILL-" in logged(log_file)  # the file is written
    assert leaks(log_file, identifiers) == []


def test_a_patron_life_scheduler_and_purge_log_refs_only(runtime: Runtime, log_file: Path) -> None:
    play(runtime, STORY)  # Slack and mail (Message-IDs holding the address), notices, staff
    ann_by_slack_transport(runtime)
    play(runtime, RECENT)
    play(runtime, WAITING, deliver=False)
    deliver_all(runtime, local(runtime, "2026-04-04T09:00"))
    for day in range(0, 120, 7):  # the scheduler, week by week: notices, then the purge
        at = local(runtime, "2026-01-08T09:00") + timedelta(days=day)
        with transaction(runtime.sessions) as session:
            run_tick(session, at, runtime.library)
    assert purge(runtime, local(runtime, PURGE_AT)) == 0  # the scheduler's passes did it
    assert "ILL-1 unlinked" in logged(log_file)
    assert leaks(log_file, STORY_IDENTIFIERS) == []


def break_store(runtime: Runtime) -> None:
    """Take away a table every turn needs, so the next turn's SQL fails with its parameters."""
    with transaction(runtime.sessions) as session:
        session.execute(text("DROP TABLE conversations"))


def test_a_failing_turn_logs_no_sql_parameters(runtime: Runtime, log_file: Path) -> None:
    play(runtime, STORY[:2])
    break_store(runtime)
    written: list[str] = []
    clock = FixedClock(local(runtime, "2026-01-05T09:00"))
    Console(runtime, clock, "p-ann-7", written.append).say("status of ILL-1 for p-ann-7")
    assert "nothing was changed" in " ".join(written)
    text_logged = logged(log_file)
    assert "console message failed" in text_logged and "conversations" in text_logged
    assert leaks(log_file, STORY_IDENTIFIERS) == []


def test_a_failing_scheduler_pass_logs_no_sql_parameters(runtime: Runtime, log_file: Path) -> None:
    play(runtime, STORY[:-2])  # ILL-1 on loan, due 6 February
    with transaction(runtime.sessions) as session:  # the overdue notice's INSERT fails
        session.execute(text("ALTER TABLE outbox RENAME COLUMN thread TO gone"))
    clock = FixedClock(local(runtime, "2026-02-10T10:00"))

    async def one_pass() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(run_scheduler(runtime, 60, stop, clock))
        await asyncio.sleep(0.5)
        stop.set()
        await asyncio.wait_for(task, timeout=10)

    asyncio.run(one_pass())
    assert "scheduler: pass failed" in logged(log_file)
    # The request set aside is logged with the failing statement, without its parameters.
    assert re.search(r"(?:INSERT INTO|FROM) outbox", logged(log_file))
    assert leaks(log_file, STORY_IDENTIFIERS) == []


SLACK_IDENTIFIERS = tuple(
    {str(v) for row in SLACK_PATRONS for v in row if v} | {"UNEW", "UMAIL", "mail@jjay.example"}
)


# Loggers of the libraries: slack_sdk at DEBUG prints every API call's body (channel and text).
LIBRARIES = re.compile(r" (slack_sdk|slack_bolt|illbot\.slack\.bolt|aiohttp|asyncio|urllib3)\S* ")


async def slack_traffic(bot: SlackBot) -> None:
    """DMs from a known patron, one linked by the email Slack reports, a stranger; a command."""
    bot.fake.users["UMAIL"] = "mail@jjay.example"
    await bot.slack.dm("UFAC", "Please get me ISBN 9780134477824")
    await bot.dms("UFAC")
    await bot.slack.dm("UMAIL", "status")
    await bot.dms("UMAIL")
    await bot.slack.dm("UNEW", "hello")
    await bot.dms("UNEW")
    await bot.slack.command("UFAC", "status")
    await bot.dms("UFAC", 2)


async def test_slack_traffic_logs_no_patron_identifier_in_our_lines(
    bot: SlackBot, log_file: Path
) -> None:
    await slack_traffic(bot)
    assert "ILL-1" in logged(log_file) or "slack outbox" in logged(log_file)
    ours = [line for line in leaks(log_file, SLACK_IDENTIFIERS) if not LIBRARIES.search(line)]
    assert ours == []


async def test_slack_traffic_at_debug_logs_no_patron_identifier_anywhere(
    bot: SlackBot, log_file: Path
) -> None:
    await slack_traffic(bot)
    assert leaks(log_file, SLACK_IDENTIFIERS) == []
