"""What the Slack transport needs from the settings, checked once at startup."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock, SystemClock
from bot.runtime import Runtime
from bot.settings import Settings, reveal
from bot.slack.authorize import BotAuthorization
from bot.slack.inflight import InFlight, InTurn
from bot.slack.limits import LimitedWebClient
from bot.slack.recorder import InboxRecorder
from policy.errors import ConfigError

log = logging.getLogger(__name__)
SLACK_API = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"
STORE_TURNS = 8  # patron turns in the store at once, on PostgreSQL


@dataclass(frozen=True)
class SlackConfig:
    """The Slack settings, with the mode they select."""

    bot_token: str
    app_token: str | None
    signing_secret: str
    staff_channel: str | None
    api_url: str
    host: str
    port: int

    @property
    def socket_mode(self) -> bool:
        """Tell whether to connect out over Socket Mode instead of listening for HTTP."""
        return bool(self.app_token)

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackConfig:
        """Check the Slack settings; raise ConfigError naming the variable that is wrong."""
        bot_token, app_token = reveal(settings.slack_bot_token), reveal(settings.slack_app_token)
        signing_secret = reveal(settings.slack_signing_secret)
        if not bot_token:
            raise ConfigError("ILLBOT_SLACK_BOT_TOKEN: not set, so Slack is off")
        if not app_token and not signing_secret:
            raise ConfigError(
                "ILLBOT_SLACK_SIGNING_SECRET: required in HTTP mode "
                "(or set ILLBOT_SLACK_APP_TOKEN for Socket Mode)"
            )
        if app_token and not app_token.startswith("xapp-"):
            raise ConfigError("ILLBOT_SLACK_APP_TOKEN: an app-level token starts with xapp-")
        if not settings.slack_staff_channel:
            log.warning("ILLBOT_SLACK_STAFF_CHANNEL is not set: escalations wait until it is")
        api_url = settings.slack_api_url or SLACK_API
        if not api_url.startswith(("http://", "https://")):
            raise ConfigError(f"ILLBOT_SLACK_API_URL: not an http(s) URL: {api_url!r}")
        return cls(
            bot_token=bot_token,
            app_token=app_token,
            signing_secret=signing_secret or "",
            staff_channel=settings.slack_staff_channel,
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            host=settings.http_host,
            port=settings.http_port,
        )

    def client(self, *, wait_when_limited: bool) -> AsyncWebClient:
        """Return a Web API client; `wait_when_limited` sleeps through a 429's Retry-After.

        It fits every message and view to Block Kit's limits (bot/slack/limits.py) on the way out.
        """
        handlers: list[AsyncRetryHandler] = [AsyncConnectionErrorRetryHandler()]
        if wait_when_limited:
            handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
        return LimitedWebClient(
            token=self.bot_token, base_url=self.api_url, timeout=15, retry_handlers=handlers
        )


@dataclass
class Members:
    """The staff channel's members as Slack last reported them (conversations.members)."""

    users: frozenset[str] = frozenset()
    fetched: float | None = None  # time.monotonic() of the last answer


@dataclass
class Deps:
    """What every Slack listener works with: the store, the API, the clock and the sender."""

    runtime: Runtime
    config: SlackConfig
    client: AsyncWebClient  # for the listeners' own calls (views, updates); waits out 429s
    clock: Clock = field(default_factory=SystemClock)
    wake: asyncio.Event = field(default_factory=asyncio.Event)  # new outbox rows to send
    inflight: InFlight = field(default_factory=InFlight)
    turns: InTurn = field(default_factory=InTurn)  # one patron's messages in arrival order
    # Transport ids acknowledged and being handled in this process: the replay leaves them be.
    active: set[str] = field(default_factory=set)
    members: Members = field(default_factory=Members)
    recorder: InboxRecorder = field(init=False)  # records payloads before their acks

    store_turns: asyncio.Semaphore = field(init=False)  # turns using the store at once

    authorization: BotAuthorization = field(init=False)  # auth.test, once for every request

    def __post_init__(self) -> None:
        self.recorder = InboxRecorder(self.runtime.sessions)
        self.authorization = BotAuthorization(self.client)
        # SQLite runs one writer at a time whatever we do: more turns at once only make the
        # acks' inbox writes wait in its busy loop. PostgreSQL locks rows, not the store.
        sqlite = self.runtime.engine.dialect.name == "sqlite"
        self.store_turns = asyncio.Semaphore(1 if sqlite else STORE_TURNS)

    @asynccontextmanager
    async def store_turn(self) -> AsyncIterator[None]:
        """Take a turn at the store, after the acks waiting to be recorded."""
        async with self.store_turns:
            await self.recorder.quiet()
            yield

    def actor(self, user_id: str) -> str:
        """Name a Slack user as the actor recorded in a request's history."""
        return f"slack:{user_id}"
