"""OAuth2 access tokens for IMAP and SMTP (XOAUTH2), from the provider's token endpoint.

With ILLBOT_OAUTH2_REFRESH_TOKEN the refresh-token grant is used (Gmail, Microsoft 365 delegated),
without it the client-credentials grant (Microsoft 365 app-only). A token is kept until shortly
before it expires. A refusal that retrying cannot cure (a revoked or expired refresh token, a
wrong client secret) is logged once and remembered: every later call raises the same
OAuth2Error without asking the endpoint again, until the operator fixes the setting and restarts.
`on_refused`, when given, is called once with that error (`illbot serve` tells staff with it).
"""

from __future__ import annotations

import asyncio
import base64
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp

from bot.settings import Settings, reveal
from policy.errors import ConfigError

log = logging.getLogger("illbot.mail")
MARGIN_SECONDS = 60.0  # renew this long before expiry (clock skew, a slow login)


class OAuth2Error(ConfigError):
    """The token endpoint refused the bot's credentials; only the operator can fix it."""


@dataclass(frozen=True)
class OAuth2Config:
    """The token endpoint and the bot's client credentials (ILLBOT_OAUTH2_*)."""

    token_url: str
    client_id: str
    scope: str
    client_secret: str | None = None
    refresh_token: str | None = None
    timeout: float = 30.0


def oauth2_config(settings: Settings) -> OAuth2Config | None:
    """Return the OAuth2 settings when ILLBOT_MAIL_AUTH=oauth2, else None."""
    if settings.mail_auth != "oauth2":
        return None
    for name in ("token_url", "client_id", "scope"):
        if not getattr(settings, f"oauth2_{name}"):
            raise ConfigError(f"ILLBOT_OAUTH2_{name.upper()}: needed with ILLBOT_MAIL_AUTH=oauth2")
    refresh = reveal(settings.oauth2_refresh_token)
    secret = reveal(settings.oauth2_client_secret)
    if not refresh and not secret:
        raise ConfigError(
            "ILLBOT_OAUTH2_CLIENT_SECRET: the client-credentials grant (no refresh token) needs it"
        )
    return OAuth2Config(
        token_url=settings.oauth2_token_url or "",
        client_id=settings.oauth2_client_id or "",
        scope=settings.oauth2_scope or "",
        client_secret=secret,
        refresh_token=refresh,
    )


def xoauth2(user: str, token: str) -> str:
    """The base64 SASL XOAUTH2 initial response for a user and an access token."""
    return base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode()).decode()


class TokenProvider:
    """Hand out a valid access token, asking the endpoint only when the cached one runs out."""

    def __init__(
        self,
        config: OAuth2Config,
        now: Callable[[], float] = time.monotonic,
        on_refused: Callable[[OAuth2Error], None] | None = None,
    ) -> None:
        self.config = config
        self.now = now
        self.on_refused = on_refused
        self.requests = 0  # how often the endpoint was asked (for logs and tests)
        self._refresh_token = config.refresh_token
        self._token: str | None = None
        self._expires = 0.0
        self._refused: OAuth2Error | None = None
        self._lock = threading.Lock()  # the IMAP poller thread and the SMTP sender share it

    async def token(self) -> str:
        """Return a valid access token, fetching a new one when needed."""
        cached = self._cached()
        if cached is not None:
            return cached
        return await self._fetch()

    def token_blocking(self) -> str:
        """Return a valid access token from a thread without an event loop (the IMAP poller)."""
        cached = self._cached()
        if cached is not None:
            return cached
        return asyncio.run(self._fetch())

    def _cached(self) -> str | None:
        with self._lock:
            if self._refused is not None:
                raise self._refused
            if self._token is not None and self.now() < self._expires:
                return self._token
            return None

    async def _fetch(self) -> str:
        c = self.config
        form = {"client_id": c.client_id, "scope": c.scope}
        if c.client_secret:
            form["client_secret"] = c.client_secret
        if self._refresh_token:
            form.update(grant_type="refresh_token", refresh_token=self._refresh_token)
        else:
            form["grant_type"] = "client_credentials"
        started = self.now()
        timeout = aiohttp.ClientTimeout(total=c.timeout)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            self.requests += 1
            async with session.post(c.token_url, data=form) as response:
                try:
                    body = await response.json(content_type=None)
                except ValueError:
                    body = {}
                status = response.status
        if not isinstance(body, dict):
            body = {}
        if status >= 500 or status == 429:  # the endpoint is away: retried like any outage
            raise aiohttp.ClientConnectionError(f"OAuth2 token endpoint answered HTTP {status}")
        if status != 200 or not body.get("access_token"):
            raise self._refuse(status, str(body.get("error") or "no access_token")[:60])
        lifetime = float(body.get("expires_in") or 3600)
        with self._lock:
            self._token = str(body["access_token"])
            self._expires = started + lifetime - min(MARGIN_SECONDS, lifetime / 10)
            if body.get("refresh_token"):  # Microsoft rotates refresh tokens: keep the newest
                self._refresh_token = str(body["refresh_token"])
            return self._token

    def _refuse(self, status: int, error: str) -> OAuth2Error:
        """Remember a refusal and log it once, in words an operator can act on."""
        if error == "invalid_grant" and self._refresh_token:
            advice = (
                "the refresh token is expired or revoked; set a new ILLBOT_OAUTH2_REFRESH_TOKEN"
            )
        elif error == "invalid_grant":
            advice = "check the mailbox permission and ILLBOT_OAUTH2_SCOPE"
        else:
            advice = "check ILLBOT_OAUTH2_CLIENT_ID, _CLIENT_SECRET and _SCOPE"
        refused = OAuth2Error(f"OAuth2 token refused (HTTP {status} {error}): {advice}")
        with self._lock:
            first = self._refused is None
            if first:
                self._refused = refused
                log.error("mail: %s; mail stays unsent and unread until restarted", refused)
            remembered = self._refused
        assert remembered is not None
        if first and self.on_refused is not None:
            self._tell(remembered)
        return remembered

    def _tell(self, refused: OAuth2Error) -> None:
        """Pass the refusal on once; a failure to report is logged, never raised over it."""
        assert self.on_refused is not None
        try:
            self.on_refused(refused)
        except Exception as exc:  # the store may be away too; the log line above stands
            log.error("mail: could not tell staff the OAuth2 token was refused: %s", exc)
