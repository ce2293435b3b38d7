"""A conversation with the whole bot through the simulator, with readings a test may set.

The reader's certainty (Reading.sure) and its second actions (Reading.also) are its own
business; these tests are about what the conversation does with them, so a test can say how a
message is read (`reads`) or make every free-text request unsure (`unsure`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

import handlers.core
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.sim import Simulator
from handlers.understand import Reading
from store.models import IllRequest, Patron, RequestEvent

Reader = Callable[..., Reading]


@dataclass
class Chat:
    """One store, one simulator, and the readings this test decides."""

    runtime: Runtime
    sim: Simulator
    readings: dict[str, Reading] = field(default_factory=dict)
    unsure: bool = False
    minute: int = 0

    def event(self, **event: Any) -> list[dict[str, Any]]:
        """Run one sim event; return its outputs, staff queue posts left out."""
        out = io.StringIO()
        self.sim.run([json.dumps(event)], out, last=False)
        outputs = [json.loads(line) for line in out.getvalue().splitlines()]
        return [o for o in outputs if o.get("kind") != "staff_post"]

    def patron(self, pid: str, library: str, category: str, **extra: Any) -> None:
        """Put a patron in the directory."""
        self.event(type="patron", id=pid, library=library, category=category, **extra)

    def say(self, pid: str, text: str, day: str = "2026-09-01") -> list[dict[str, Any]]:
        """Send a message a minute after the last one; return the bot's answers."""
        self.minute += 1
        at = f"{day}T10:{self.minute:02d}"
        return self.event(type="message", at=at, **{"from": pid}, text=text)

    def requests(self) -> list[IllRequest]:
        """Return every stored request."""
        with self.runtime.sessions() as session:
            return list(session.scalars(select(IllRequest).order_by(IllRequest.id)))

    def history(self, number: int) -> list[RequestEvent]:
        """Return a request's history lines."""
        with self.runtime.sessions() as session:
            query = select(RequestEvent).where(RequestEvent.request_id == number)
            return list(session.scalars(query.order_by(RequestEvent.id)))

    def directory(self, pid: str) -> Patron:
        """Return a patron's directory record."""
        with self.runtime.sessions() as session:
            patron = session.get(Patron, pid)
            assert patron is not None
            return patron


@pytest.fixture(name="chat")
def chat_fixture(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Any:
    """A conversation on a fresh SQLite store; readings set by the test win over the reader's."""
    runtime = open_runtime(load_settings(), sqlite_url)
    conversation = Chat(runtime, Simulator(runtime))
    real: Reader = handlers.core.understand

    def reading(text: str, *, today: date, **kwargs: Any) -> Reading:
        if text in conversation.readings:
            return conversation.readings[text]
        read = real(text, today=today, **kwargs)
        if conversation.unsure and read.intent == "request":
            items = read.entities.items
            if not any(i.isbn or i.issn or i.doi or i.pmid for i in items):
                return replace(read, sure=False)
        return read

    monkeypatch.setattr(handlers.core, "understand", reading)
    yield conversation
    runtime.engine.dispose()
