"""Who the bot is in Slack (auth.test), asked once and given to every request Bolt handles.

Bolt's default single-workspace authorization caches auth.test only once an answer is back, so
a worker's first burst of events made one auth.test call per event, each ack waiting for its
own. Here the answer from startup's token check is reused, and a burst that comes before any
answer waits for one call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse


class BotAuthorization:
    """The bot token's identity, for Bolt's `authorize`."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self.result: AuthorizeResult | None = None
        self._asking = asyncio.Lock()

    def remember(self, answer: AsyncSlackResponse) -> None:
        """Keep an auth.test answer (startup's token check) for every request after."""
        self.result = AuthorizeResult.from_auth_test_response(
            auth_test_response=answer, bot_token=self.client.token
        )

    async def identity(self) -> AuthorizeResult:
        """Return the bot's identity, asking Slack once if startup could not."""
        if self.result is None:
            async with self._asking:
                if self.result is None:
                    self.remember(await self.client.auth_test())
        assert self.result is not None
        return self.result

    def for_bolt(self) -> Callable[..., Awaitable[AuthorizeResult]]:
        """Return the `authorize` function for AsyncApp (Bolt passes arguments by their names)."""

        async def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
            return await self.identity()

        return authorize
