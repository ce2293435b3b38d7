"""The Edit form over the API: its fields checked as Slack's are, then recorded as a request;
and `illbot serve`'s own listener serving the chat beside /healthz.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import aiohttp
import pytest

from bot.clock import SystemClock
from bot.health import Health, listen
from bot.metrics import fresh
from bot.runtime import Runtime
from bot.serve import web_chat as chat_routes
from bot.settings import load_settings
from policy.errors import ConfigError
from tests.web.conftest import Browser, RunningChat, free_port

Browsers = Callable[[RunningChat], Browser]


async def test_the_edit_form_is_checked_then_recorded_as_the_request(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(web_chat)
    await patron.sign_in()
    (card,) = (await patron.say("Middlemarch"))["messages"]
    fields = {**card["form"], "copies": "0", "need_by": "soon", "max_cost": "lots"}
    status, answer = await patron.post("form", {"id": str(uuid.uuid4()), "fields": fields})
    assert status == 400
    assert set(answer["errors"]) == {"copies", "need_by", "max_cost"}
    fields = {**card["form"], "author": "George Eliot", "need_by": "2027-03-01", "max_cost": "$5"}
    status, answer = await patron.post("form", {"id": str(uuid.uuid4()), "fields": fields})
    assert status == 200, answer
    assert "I've requested Middlemarch for you as ILL-1" in answer["messages"][0]["text"]
    assert [r["ref"] for r in answer["requests"]] == ["ILL-1"]


async def test_serve_puts_the_chat_on_its_own_listener_beside_healthz(
    sqlite_runtime: Runtime,
) -> None:
    port = free_port()
    settings = load_settings(web_chat=True, sip2_host="127.0.0.1", sip2_port=free_port())
    stop = asyncio.Event()
    more = chat_routes(sqlite_runtime, settings, stop, SystemClock())
    health = Health(sqlite_runtime.engine, fresh())
    serving = asyncio.create_task(listen(health, "127.0.0.1", port, stop, more))
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as alive:
                        assert alive.status == 200
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
            async with http.get(f"http://127.0.0.1:{port}/chat/") as page:
                assert page.status == 200
                assert "Content-Security-Policy" in page.headers
    finally:
        stop.set()
        await serving


def test_serve_refuses_a_web_chat_nobody_could_sign_in_to(sqlite_runtime: Runtime) -> None:
    settings = load_settings(web_chat=True, sip2_host=None, smtp_host=None)
    with pytest.raises(ConfigError, match="ILLBOT_WEB_CHAT: patrons cannot sign in"):
        chat_routes(sqlite_runtime, settings, asyncio.Event(), SystemClock())
