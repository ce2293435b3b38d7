"""A real OAuth2 token endpoint (aiohttp, on loopback) and a Dovecot that checks tokens against it.

The endpoint issues numbered access tokens for the refresh-token and client-credentials grants,
answers `invalid_grant` to a revoked refresh token, and introspects tokens for Dovecot's oauth2
passdb (RFC 7662: `{"active": true, "username": ...}` for the token issued last, and only that).
"""

from __future__ import annotations

import asyncio
import base64
import threading
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiosmtpd.smtp import SMTP, AuthResult

from tests.services.dovecot import Dovecot, start_dovecot
from tests.support.ports import free_port

CLIENT_ID = "illbot-test-client"
CLIENT_SECRET = "client-s3cret"
REFRESH_TOKEN = "refresh-1"
SCOPE = "https://mail.example/.default"


@dataclass
class TokenEndpoint:
    """The identity provider: /token issues tokens, /introspect tells Dovecot who holds one."""

    user: str
    expires_in: int = 3600
    revoked: bool = False  # the refresh token was revoked (the patron of the mailbox left)
    requests: list[dict[str, str]] = field(default_factory=list)
    issued: list[str] = field(default_factory=list)
    port: int = 0
    _loop: asyncio.AbstractEventLoop | None = None
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """Return the token URL."""
        return f"http://127.0.0.1:{self.port}/token"

    @property
    def current(self) -> str | None:
        """Return the one access token that is still valid (the latest)."""
        return self.issued[-1] if self.issued else None

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.requests.append({k: str(v) for k, v in form.items()})
        grant = form.get("grant_type")
        if form.get("client_id") != CLIENT_ID or form.get("scope") != SCOPE:
            return web.json_response({"error": "invalid_client"}, status=401)
        if grant == "refresh_token":
            if self.revoked or form.get("refresh_token") != REFRESH_TOKEN:
                return web.json_response(
                    {"error": "invalid_grant", "error_description": "AADSTS700082 expired"},
                    status=400,
                )
        elif grant != "client_credentials" or form.get("client_secret") != CLIENT_SECRET:
            return web.json_response({"error": "unauthorized_client"}, status=400)
        token = f"access-{len(self.issued) + 1}"
        self.issued.append(token)
        body = {"access_token": token, "token_type": "Bearer", "expires_in": self.expires_in}
        return web.json_response(body)

    async def _introspect(self, request: web.Request) -> web.Response:
        form = await request.post()
        token = str(form.get("token", ""))
        if token and token == self.current:
            return web.json_response({"active": True, "username": self.user})
        return web.json_response({"active": False})

    def start(self) -> None:
        """Serve on a free loopback port from a thread of its own."""
        self.port = free_port()
        ready = threading.Event()
        loop = self._loop = asyncio.new_event_loop()

        async def serve() -> None:
            app = web.Application()
            app.router.add_post("/token", self._token)
            app.router.add_post("/introspect", self._introspect)
            self._runner = web.AppRunner(app)
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
            ready.set()

        def run() -> None:
            loop.run_until_complete(serve())
            loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        ready.wait(10)

    def stop(self) -> None:
        """Stop serving."""
        loop, runner = self._loop, self._runner
        if loop is None or runner is None:
            return
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)


class XOAuth2Handler:
    """An aiosmtpd handler that takes AUTH XOAUTH2 with the endpoint's current token only."""

    def __init__(self, endpoint: TokenEndpoint, recorder: Any) -> None:
        self.endpoint = endpoint
        self.recorder = recorder
        self.logins: list[tuple[str, str]] = []  # (user, token) of every AUTH XOAUTH2 tried

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        """Check `user=…^Aauth=Bearer …^A^A` against the token issued last."""
        fields = base64.b64decode(args[1]).decode().split("\x01")
        user = fields[0].removeprefix("user=")
        token = fields[1].removeprefix("auth=Bearer ")
        self.logins.append((user, token))
        ok = user == self.endpoint.user and token == self.endpoint.current
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        """Take mail only from an authenticated session."""
        if not session.authenticated:
            return "530 5.7.0 Authentication required"
        answer: str = await self.recorder.handle_DATA(server, session, envelope)
        return answer


def start_oauth_dovecot(user: str, password: str, introspection_url: str) -> Dovecot:
    """Start a Dovecot taking PLAIN (passwd-file) and XOAUTH2 (oauth2 passdb, introspection)."""

    def add_oauth2(server: Dovecot) -> None:
        oauth = server.base_dir / "dovecot" / "oauth2.conf.ext"
        oauth.write_text(
            f"introspection_mode = post\nintrospection_url = {introspection_url}\n"
            "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
        )
        conf = server.config.read_text()
        conf = conf.replace(
            "auth_mechanisms = plain login", "auth_mechanisms = plain login xoauth2"
        )
        conf += f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2\n  args = {oauth}\n}}\n"
        server.config.write_text(conf)

    return start_dovecot({user: password}, add_oauth2)
