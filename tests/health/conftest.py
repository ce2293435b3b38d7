"""The operator's endpoints served for real on loopback, against real stores."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest

from bot import metrics
from tests.email.conftest import dovecot, mailbox, smtp_server  # noqa: F401  (real mail servers)
from tests.slack.conftest import fake_slack  # noqa: F401  (the fake Slack Web API, as a fixture)
from tests.slack.test_socket_mode import socket_server  # noqa: F401  (Slack's Socket Mode end)


@pytest.fixture(autouse=True)
def fresh_metrics() -> Iterator[metrics.Metrics]:
    """Every test counts from zero, whatever ran before it."""
    yield metrics.fresh()
    metrics.fresh()


async def get(url: str) -> tuple[int, str, str]:
    """GET a URL over HTTP; return status, body and content type."""
    timeout = aiohttp.ClientTimeout(total=15)
    async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as response:
        return response.status, await response.text(), response.headers["Content-Type"]


async def get_json(url: str) -> tuple[int, dict[str, Any]]:
    """GET a JSON endpoint; return status and the decoded body."""
    timeout = aiohttp.ClientTimeout(total=15)
    async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as response:
        return response.status, await response.json()


async def until_up(base: str, task: asyncio.Task[Any]) -> None:
    """Wait until /healthz answers; raise what stopped the task if it ended first."""
    for _ in range(300):
        if task.done():
            task.result()
            raise AssertionError("serve ended before listening")
        try:
            if (await get(f"{base}/healthz"))[0] == 200:
                return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing answered on {base}/healthz")


async def until(check: Any, timeout: float = 10.0) -> Any:
    """Poll an async check until it returns something true; return it."""
    for _ in range(int(timeout / 0.05)):
        found = await check()
        if found:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError("condition never held")


def sample(text: str, series: str) -> float | None:
    """Return one series' value in Prometheus text, e.g. `illbot_database_up` or `x{a="b"}`."""
    for line in text.splitlines():
        head, _, value = line.rpartition(" ")
        if head == series:
            return float(value)
    return None
