"""Run the Slack transport: HTTP mode or Socket Mode, plus the Slack outbox sender."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from bot import metrics
from bot.clock import Clock, SystemClock
from bot.health import Health, add_routes
from bot.runtime import Runtime
from bot.settings import Settings, retry_limits
from bot.slack.app import build_app
from bot.slack.config import EVENTS_PATH, Deps, SlackConfig
from bot.slack.http_events import events_app
from bot.slack.received import REPLAY_EVERY, keep_replaying, replay, stop_replaying
from bot.slack.sender import SlackSender
from policy.errors import ConfigError

log = logging.getLogger(__name__)
FINISH_SECONDS = 10.0  # how long shutdown waits for work already acknowledged to Slack


async def run_slack(
    runtime: Runtime,
    settings: Settings,
    stop: asyncio.Event,
    *,
    clock: Clock | None = None,
    poll_seconds: float = 1.0,
    replay_seconds: float = REPLAY_EVERY,
    health: Health | None = None,
    more: Callable[[web.Application], None] | None = None,
) -> None:
    """Serve Slack and send its outbox until `stop` is set, then finish in-flight work.

    Messages acknowledged by an earlier run but never handled (it was killed) are run first,
    and every `replay_seconds` any such message a few seconds old that nobody holds. In HTTP
    mode the web app also answers /healthz, and /readyz and /metrics given `health`, and
    whatever routes `more` adds (the web chat).
    """
    config = SlackConfig.from_settings(settings)
    deps = Deps(runtime, config, config.client(wait_when_limited=True), clock or SystemClock())
    await _check_bot_token(deps)
    sender = SlackSender(
        runtime.sessions,
        config.client(wait_when_limited=False),  # the sender schedules its own retries
        config.staff_channel,
        deps.clock,
        deps.wake,
        poll_seconds,
        retry_limits(settings),
    )
    app = build_app(deps)
    sending = asyncio.Event()
    sender_task = asyncio.create_task(sender.run(sending), name="slack sender")
    replaying = asyncio.create_task(keep_replaying(deps, replay_seconds), name="slack replay")
    try:
        await replay(deps)  # what a killed run acknowledged and never answered
        # What start-up built (profiles, templates, Bolt) lives as long as the process: frozen,
        # the collector's full passes skip it. They took 60-75 ms, stalling a burst's acks.
        gc.freeze()
        if config.socket_mode:
            await _socket_mode(app, config, stop)
        else:
            await _http_mode(app, deps, config, stop, health, more)
    finally:
        await stop_replaying(replaying)
        await deps.inflight.finish(FINISH_SECONDS)
        sending.set()
        await sender_task
        await sender.drain()  # what the finished work queued goes out before we stop
        deps.recorder.close()
        log.info("slack transport stopped")


async def _http_mode(
    app: AsyncApp,
    deps: Deps,
    config: SlackConfig,
    stop: asyncio.Event,
    health: Health | None,
    more: Callable[[web.Application], None] | None = None,
) -> None:
    web_app = events_app(app, deps)
    add_routes(web_app, health)  # the one port: serve starts no listener of its own
    if more is not None:
        more(web_app)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, config.host, config.port).start()
        except OSError as exc:
            where = f"{config.host}:{config.port}"
            raise ConfigError(
                f"ILLBOT_HTTP_PORT: cannot listen on {where}: {exc.strerror}"
            ) from exc
        log.info("slack HTTP mode on http://%s:%d%s", config.host, config.port, EVENTS_PATH)
        metrics.slack_link(_listening)  # Slack reaches us: being up is being connected
        await stop.wait()
    finally:
        metrics.slack_link(None)
        await runner.cleanup()  # stops listening and lets requests being answered finish


async def _socket_mode(app: AsyncApp, config: SlackConfig, stop: asyncio.Event) -> None:
    handler = AsyncSocketModeHandler(app, app_token=config.app_token)
    try:
        await handler.connect_async()
    except SlackApiError as exc:
        await handler.close_async()
        error = exc.response.get("error")
        raise ConfigError(f"ILLBOT_SLACK_APP_TOKEN: Slack refused it ({error})") from exc
    log.info("slack Socket Mode connected")
    metrics.slack_link(handler.client.is_connected)
    try:
        await stop.wait()
    finally:
        metrics.slack_link(None)
        await handler.close_async()


async def _check_bot_token(deps: Deps) -> None:
    """Stop at startup on a token Slack refuses; a Slack that is down only gets a warning."""
    try:
        deps.authorization.remember(await deps.client.auth_test())
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error in ("invalid_auth", "not_authed", "token_revoked", "account_inactive"):
            raise ConfigError(f"ILLBOT_SLACK_BOT_TOKEN: Slack refused it ({error})") from exc
        log.warning("slack auth.test failed (%s); starting anyway", error)
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.warning("slack is unreachable (%r); starting anyway, messages wait", exc)


async def _listening() -> bool:
    return True
