"""The web chat running for real: aiohttp on a loopback port, a SQLite (or PostgreSQL) store with
the demo directory, the test SIP2 server as the ILS, aiosmtpd as the mail server.

`web_chat` is the fixture browser tests use: it yields a `RunningChat` whose `url` is the base
URL (`http://127.0.0.1:PORT`, the page at `url + "/chat/"`), with the store (`runtime`), the
`WebChat` (its `clock` can be moved on) and the SIP2 server (`sip2`, cards in `CARDS`).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiosmtpd.controller import Controller

from bot.clock import FixedClock
from bot.console import load_demo_directory
from bot.health import add_routes
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.staff_command import parse_staff_words, request_number
from bot.web.app import add_web_chat
from bot.web.config import WebChat
from bot.web.sip2 import Sip2Config
from handlers.staff import StaffAction, record_staff_action
from store.db import transaction
from templates import HERE as TEMPLATES
from tests.services.sip2_server import Sip2Server, load_cards

CARDS_FILE = Path(__file__).parents[1] / "services" / "sip2_cards.csv"
CARDS = load_cards(CARDS_FILE)
PAT_CARD, PAT_PIN = "21197000000011", "2468"  # sj-card, Pat Miller (sjpl)
ANN_CARD, ANN_PIN = "23760000000015", "1111"  # bu-student, Ann Ortiz (bellevue)
# Until templates/web/page.html.j2 (helper W3) exists, the tests render this in its place.
STAND_IN = """<!doctype html><html lang="en"><head><title>{{ library.name }}</title>
<meta name="csrf" content="{{ csrf }}"></head><body data-sign-in="{{ sign_in }}"
data-signed-in="{{ signed_in }}"><h1>{{ library.name }}</h1>{{ patron_name or '' }}</body></html>
"""


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def page_templates(tmp_path: Path) -> Path:
    """Return the folder holding web/page.html.j2: the shipped one, else a stand-in."""
    if (TEMPLATES / "web" / "page.html.j2").is_file():
        return TEMPLATES
    folder = tmp_path / "stand_in_templates"
    (folder / "web").mkdir(parents=True, exist_ok=True)
    (folder / "web" / "page.html.j2").write_text(STAND_IN)
    return folder


@dataclass
class RunningChat:
    """A web chat serving on loopback, and what a test needs to look behind it."""

    url: str
    runtime: Runtime
    chat: WebChat
    sip2: Sip2Server | None
    clock: FixedClock
    loop: asyncio.AbstractEventLoop = field(repr=False)

    def advance(self, **delta: float) -> None:
        """Move the chat's clock on (sessions and codes expire by it)."""
        self.clock.at += timedelta(**delta)


class _Server:
    """An aiohttp app served from a thread of its own, so sync and async tests can both use it."""

    def __init__(self, app: web.Application, port: int) -> None:
        self.app, self.port = app, port
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, name="web chat", daemon=True)
        self.runner: web.AppRunner | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=2.0)
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", self.port)
        self.loop.run_until_complete(site.start())
        self.ready.set()
        self.loop.run_forever()

    def start(self) -> None:
        self.thread.start()
        if not self.ready.wait(10):
            raise RuntimeError("the web chat did not start")

    def stop(self, chat: WebChat) -> None:
        async def _stop() -> None:
            chat.stopping.set()
            if self.runner is not None:
                await self.runner.cleanup()

        asyncio.run_coroutine_threadsafe(_stop(), self.loop).result(15)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


@contextlib.contextmanager
def running_chat(
    runtime: Runtime,
    tmp_path: Path,
    sip2: Sip2Server | None,
    sip2_config: Sip2Config | None = None,
    **chat_fields: Any,
) -> Iterator[RunningChat]:
    """Serve the web chat (with /healthz) over a store until the block ends; it asks the SIP2
    server in the clear unless `sip2_config` says how (TLS, a login)."""
    load_demo_directory(runtime)
    clock = FixedClock(datetime.now(UTC).replace(microsecond=0))
    config = sip2_config or (Sip2Config("127.0.0.1", sip2.port, None, None, None) if sip2 else None)
    fields: dict[str, Any] = {"library": "sjpl", "sip2": config, "poll_seconds": 0.1}
    chat = WebChat(runtime, clock=clock, templates=page_templates(tmp_path), **fields | chat_fields)
    app = web.Application()
    add_routes(app, None)
    add_web_chat(app, chat)
    server = _Server(app, free_port())
    server.start()
    try:
        url = f"http://127.0.0.1:{server.port}"
        yield RunningChat(url, runtime, chat, sip2, clock, server.loop)
    finally:
        server.stop(chat)


@pytest.fixture
def sip2_server() -> Iterator[Sip2Server]:
    """Run the test SIP2 server (the ILS) with the demo cards."""
    with Sip2Server(CARDS) as server:
        yield server


@pytest.fixture
def sqlite_runtime(sqlite_url: str) -> Iterator[Runtime]:
    """The shipped profiles on a fresh SQLite store."""
    opened = open_runtime(load_settings(), sqlite_url)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def web_chat(
    sqlite_runtime: Runtime, sip2_server: Sip2Server, tmp_path: Path
) -> Iterator[RunningChat]:
    """The web chat on loopback over a fresh SQLite store with the demo directory, card sign-in
    against the test SIP2 server, default library sjpl (Pat Miller: card 21197000000011, PIN 2468).
    """
    with running_chat(sqlite_runtime, tmp_path, sip2_server) as running:
        yield running


@pytest.fixture
def web_chat_factory(
    sqlite_runtime: Runtime, sip2_server: Sip2Server, tmp_path: Path
) -> Iterator[Callable[..., RunningChat]]:
    """Start the web chat as `web_chat` does, with WebChat fields of the test's choosing
    (`embed_origins="http://127.0.0.1:PORT"`, `library="bellevue"`, `sip2=None` for codes …).
    Called once per test: the chat runs until the test ends."""
    with contextlib.ExitStack() as stack:

        def start(**fields: Any) -> RunningChat:
            sip2 = None if "sip2" in fields and fields.pop("sip2") is None else sip2_server
            return stack.enter_context(running_chat(sqlite_runtime, tmp_path, sip2, **fields))

        yield start


@pytest.fixture
def chat_on(runtime: Runtime, sip2_server: Sip2Server, tmp_path: Path) -> Iterator[RunningChat]:
    """As `web_chat`, once on SQLite and once on PostgreSQL."""
    with running_chat(runtime, tmp_path, sip2_server) as running:
        yield running


class _Recorder:
    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.received.append(bytes(envelope.content))
        return "250 OK"


@dataclass
class SmtpServer:
    """aiosmtpd on loopback, keeping every mail it is given."""

    port: int
    recorder: _Recorder = field(default_factory=_Recorder)
    controller: Controller | None = None

    def messages(self) -> list[EmailMessage]:
        """Return the mails received so far, parsed."""
        parsed = [message_from_bytes(raw, policy=default_policy) for raw in self.recorder.received]
        return [m for m in parsed if isinstance(m, EmailMessage)]


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """Run an SMTP server that receives the bot's mail."""
    server = SmtpServer(free_port())
    server.controller = Controller(server.recorder, hostname="127.0.0.1", port=server.port)
    server.controller.start()
    try:
        yield server
    finally:
        server.controller.stop()


class Browser:
    """One patron's browser: its own cookies, the page's CSRF token, JSON in and out."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.csrf = ""

    async def open(self, path: str = "/chat/") -> aiohttp.ClientResponse:
        """Load the page, as the browser does first; keep its CSRF cookie."""
        async with self.http.get(self.base + path) as response:
            await response.read()
        self.csrf = self.cookie("illbot_csrf") or self.csrf
        return response

    def cookie(self, name: str) -> str | None:
        """Return a cookie the browser holds, or None."""
        for cookie in self.http.cookie_jar:
            if cookie.key == name:
                return cookie.value
        return None

    async def post(
        self, path: str, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]:
        """POST JSON to the API with the page's token; return status and JSON answer."""
        sent = {"X-CSRF-Token": self.csrf, **(headers or {})}
        async with self.http.post(f"{self.base}/chat/api/{path}", json=body, headers=sent) as r:
            return r.status, await r.json()

    async def get(self, path: str) -> tuple[int, dict[str, Any]]:
        """GET from the API; return status and JSON answer."""
        async with self.http.get(f"{self.base}/chat/api/{path}") as response:
            return response.status, await response.json()

    async def sign_in(self, card: str = PAT_CARD, pin: str = PAT_PIN) -> tuple[int, dict[str, Any]]:
        """Open the page and sign in with a library card."""
        await self.open()
        status, answer = await self.post("sign-in", {"card": card, "pin": pin})
        self.csrf = str(answer.get("csrf") or self.csrf)
        return status, answer

    async def say(self, text: str, client_id: str | None = None) -> dict[str, Any]:
        """Send a message as the patron; return the API's answer (200 expected)."""
        body = {"id": client_id or str(uuid.uuid4()), "text": text}
        status, answer = await self.post("messages", body)
        assert status == 200, answer
        return answer

    async def close(self) -> None:
        """Close the browser's connections."""
        await self.http.close()


@pytest.fixture
async def browsers() -> AsyncIterator[Callable[[RunningChat], Browser]]:
    """Open as many patron browsers on a running chat as a test needs."""
    opened: list[Browser] = []

    def new(running: RunningChat) -> Browser:
        opened.append(Browser(running.url))
        return opened[-1]

    yield new
    for browser in opened:
        await browser.close()


def staff(chat: RunningChat, *words: str) -> None:
    """Record a staff action as `illbot staff` does, from another process's point of view."""
    action, ref, fields = parse_staff_words(list(words))
    with transaction(chat.runtime.sessions) as session:
        record_staff_action(
            session,
            request_number(ref),
            StaffAction.from_fields(action, fields),
            chat.clock.now(),
            chat.runtime.library,
        )
