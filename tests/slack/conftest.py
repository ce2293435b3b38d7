"""The Slack transport served over real HTTP on loopback, against a fake Slack Web API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

import handlers.core
from bot.runtime import Runtime, open_runtime
from bot.settings import Settings, load_settings
from bot.slack.service import run_slack
from handlers.understand import Reading
from store.db import transaction
from store.models import IllRequest, OutboxMessage, Patron
from store.outbox import enqueue
from tests.slack.clocks import ShiftClock, daytime_clock
from tests.slack.fake_slack import Call, FakeSlack, SlackSide
from tests.support.ports import free_port

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
STAFF = "CSTAFF"
STAFFER = "USTAFF1"
PATRONS = [
    # id, category, email, slack
    ("jj-fac", "faculty", "fac@jjay.example", "UFAC"),
    ("jj-fac2", "faculty", "fac2@jjay.example", "UFAC2"),
    ("jj-vs", "visiting_scholar", "vs@jjay.example", "UVS"),
    ("jj-mail", "faculty", "Mail@JJay.example", None),
]


@dataclass
class SlackBot:
    """A running Slack transport and what a test needs to talk to it and look inside."""

    runtime: Runtime
    fake: FakeSlack
    slack: SlackSide
    stop: asyncio.Event  # set it to stop the transport, as SIGTERM does in `illbot serve`
    task: asyncio.Task[None]
    clock: ShiftClock = field(default_factory=daytime_clock)

    def requests(self) -> list[IllRequest]:
        """Return every stored request."""
        with self.runtime.sessions() as session:
            return list(session.scalars(select(IllRequest).order_by(IllRequest.id)))

    def patron(self, patron_id: str) -> Patron:
        """Return a directory record."""
        with self.runtime.sessions() as session:
            patron = session.get(Patron, patron_id)
            assert patron is not None
            return patron

    def outbox(self) -> list[OutboxMessage]:
        """Return every outbox row."""
        with self.runtime.sessions() as session:
            return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))

    async def dms(self, user: str, count: int = 1, timeout: float = 10) -> list[Call]:
        """Wait for `count` messages posted to a user's DM; return them all."""
        return await self.fake.wait_for("chat.postMessage", count, timeout, channel=user)


def button(call: Call, action_id: str) -> dict[str, Any]:
    """Find a button the bot showed in a message or view, with its block id."""
    blocks = call.params.get("blocks") or (call.params.get("view") or {}).get("blocks") or []
    for block in blocks:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id or element.get("value") == action_id:
                return {**element, "block_id": block.get("block_id")}
    raise AssertionError(f"no button {action_id} in {blocks}")


def action_ids(call: Call) -> list[str]:
    """List the action ids of every button in a message or view."""
    blocks = call.params.get("blocks") or (call.params.get("view") or {}).get("blocks") or []
    return [e["action_id"] for b in blocks for e in b.get("elements") or [] if "action_id" in e]


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """Start the fake Slack Web API."""
    fake = FakeSlack()
    fake.members[STAFF] = [STAFFER, "USTAFF2"]
    fake.start()
    yield fake
    fake.stop()


# The test directory's Slack members and the patron each one is.
SLACK_PATRONS = {"UFAC": "jj-fac", "UFAC2": "jj-fac2", "UVS": "jj-vs", "UGONE": "jj-mail"}


def queue_replies(runtime: Runtime, clock: ShiftClock, users: list[str]) -> list[int]:
    """Queue one reply per Slack user (in order), numbered in its text ("reply 3 to UFAC")."""
    with transaction(runtime.sessions) as session:
        rows = [
            enqueue(
                session,
                clock.now(),
                kind="reply",
                channel="slack",
                patron_id=SLACK_PATRONS[user],
                address=user,
                thread="",
                request_id=None,
                template="plain",
                context={},
                meta={"intent": "status", "outcome": "answered"},
                text=f"reply {n} to {user}",
            )
            for n, user in enumerate(users, 1)
        ]
        session.flush()
        return [row.id for row in rows]


def open_bot_runtime(
    sqlite_url: str, fake: FakeSlack, **overrides: Any
) -> tuple[Runtime, Settings]:
    """Open a store with the test directory, and settings pointing Slack at the fake."""
    settings = load_settings(
        **{
            "database_url": sqlite_url,
            "library": "johnjay",
            "slack_bot_token": "xoxb-test",
            "slack_app_token": None,
            "slack_signing_secret": SECRET,
            "slack_staff_channel": STAFF,
            "slack_api_url": fake.url,
            "http_host": "127.0.0.1",
            "http_port": free_port(),
            **overrides,
        }
    )
    runtime = open_runtime(settings)
    with transaction(runtime.sessions) as session:
        for pid, category, email, slack in PATRONS:
            session.add(
                Patron(id=pid, library="johnjay", category=category, email=email, slack=slack)
            )
    return runtime, settings


@pytest.fixture
async def bot(sqlite_url: str, fake_slack: FakeSlack) -> AsyncIterator[SlackBot]:
    """Run `run_slack` in HTTP mode on a SQLite file, with a small directory of patrons."""
    async with running_bot(sqlite_url, fake_slack) as running:
        yield running


@pytest.fixture
async def any_bot(database_url: str, fake_slack: FakeSlack) -> AsyncIterator[SlackBot]:
    """The same bot, once on SQLite and once on PostgreSQL."""
    async with running_bot(database_url, fake_slack) as running:
        yield running


@asynccontextmanager
async def running_bot(
    database_url: str, fake: FakeSlack, *, replay_seconds: float = 60.0, **overrides: Any
) -> AsyncIterator[SlackBot]:
    """Run `run_slack` in HTTP mode on a store with the test directory, at library daytime."""
    runtime, settings = open_bot_runtime(database_url, fake, **overrides)
    clock = daytime_clock()
    stop = asyncio.Event()
    serving = run_slack(
        runtime, settings, stop, clock=clock, poll_seconds=0.1, replay_seconds=replay_seconds
    )
    task = asyncio.create_task(serving)
    base = f"http://127.0.0.1:{settings.http_port}"
    await _until_listening(base, task)
    side = SlackSide(f"{base}/slack/events", SECRET, fake.response_url)
    try:
        yield SlackBot(runtime, fake, side, stop, task, clock)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)
        runtime.engine.dispose()


async def _until_listening(base: str, task: asyncio.Task[None]) -> None:
    for _ in range(200):
        if task.done():
            task.result()  # raise what stopped it
        try:
            async with aiohttp.ClientSession() as session, session.get(f"{base}/healthz") as r:
                if r.status == 200:
                    return
        except aiohttp.ClientError:
            await asyncio.sleep(0.05)
    raise AssertionError("the Slack transport never started listening")


SPANISH = "UES"  # the Slack id of a Spanish-speaking SJPL patron (add_spanish_patron)


def add_spanish_patron(bot: SlackBot) -> None:
    """Add Lucía, an SJPL cardholder whose directory entry says Spanish, as Slack user UES."""
    with transaction(bot.runtime.sessions) as session:
        session.add(
            Patron(
                id="sj-es",
                library="sjpl",
                category="cardholder",
                email="lucia@sjpl.example",
                slack=SPANISH,
                name="Lucía Hernández",
                language="es",
            )
        )


@pytest.fixture
def unsure_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read every request without an identifier as unsure (the reader's sure=False)."""
    real = handlers.core.understand

    def unsure(text: str, **kwargs: Any) -> Reading:
        reading = real(text, **kwargs)
        if reading.intent == "request" and not any(
            i.isbn or i.doi or i.pmid or i.issn for i in reading.entities.items
        ):
            return replace(reading, sure=False)
        return reading

    monkeypatch.setattr(handlers.core, "understand", unsure)
