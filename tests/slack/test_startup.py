"""Starting the Slack transport: a wrong setting stops it with one line naming the variable."""

from __future__ import annotations

import asyncio

import pytest

from bot.slack.service import run_slack
from policy.errors import ConfigError
from tests.slack.conftest import open_bot_runtime
from tests.slack.fake_slack import FakeSlack


async def test_http_mode_without_a_signing_secret_does_not_start(
    sqlite_url: str, fake_slack: FakeSlack
) -> None:
    runtime, settings = open_bot_runtime(sqlite_url, fake_slack, slack_signing_secret=None)
    with pytest.raises(ConfigError, match="ILLBOT_SLACK_SIGNING_SECRET"):
        await run_slack(runtime, settings, asyncio.Event())
    runtime.engine.dispose()


async def test_a_bot_token_slack_refuses_stops_startup(
    sqlite_url: str, fake_slack: FakeSlack
) -> None:
    fake_slack.refuse("auth.test", status=200, error="invalid_auth")
    runtime, settings = open_bot_runtime(sqlite_url, fake_slack)
    with pytest.raises(
        ConfigError, match=r"ILLBOT_SLACK_BOT_TOKEN: Slack refused it \(invalid_auth\)"
    ):
        await run_slack(runtime, settings, asyncio.Event())
    runtime.engine.dispose()


async def test_a_port_in_use_is_named(sqlite_url: str, fake_slack: FakeSlack) -> None:
    runtime, settings = open_bot_runtime(sqlite_url, fake_slack)
    taken = await asyncio.start_server(lambda r, w: None, "127.0.0.1", settings.http_port)
    try:
        with pytest.raises(ConfigError, match="ILLBOT_HTTP_PORT: cannot listen"):
            await run_slack(runtime, settings, asyncio.Event())
    finally:
        taken.close()
        await taken.wait_closed()
        runtime.engine.dispose()
