"""OAuth2 (XOAUTH2) mail: a real token endpoint, Dovecot's oauth2 passdb, aiosmtpd taking XOAUTH2.

The token endpoint is an aiohttp app on loopback; Dovecot asks it (RFC 7662 introspection) whether
the bot's token is the current one, and the SMTP server accepts only that token too. What an
operator notices: the patron is answered, the endpoint is asked once per token lifetime, and a
revoked refresh token is one clear log line, not a crash loop or an endpoint hammered.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from bot.mail.imap import MailPoller
from bot.mail.oauth import OAuth2Error, TokenProvider, oauth2_config
from bot.mail.service import imap_config, smtp_config, token_provider
from bot.mail.smtp import SmtpConfig, SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime
from bot.settings import load_settings
from policy.errors import ConfigError
from tests.conftest import _service_missing
from tests.email.conftest import ANN, PASSWORD, Clock, Mailbox, Recorder, outbox
from tests.email.mails import BOT, patron_mail
from tests.email.oauth_servers import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SCOPE,
    TokenEndpoint,
    XOAuth2Handler,
    start_oauth_dovecot,
)
from tests.services.dovecot import Dovecot, ServiceUnavailable

REQUEST = "get me ISBN 9780134477824, needed by Oct 30, 2030"


class Monotonic:
    """The provider's clock, moved by the test (seconds)."""

    def __init__(self) -> None:
        self.at = 1000.0

    def __call__(self) -> float:
        return self.at


@pytest.fixture(scope="module")
def _endpoint() -> Iterator[TokenEndpoint]:
    server = TokenEndpoint(user=BOT)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def endpoint(_endpoint: TokenEndpoint) -> TokenEndpoint:
    """Return the token endpoint, with no token issued and nothing revoked."""
    _endpoint.issued.clear()
    _endpoint.requests.clear()
    _endpoint.revoked, _endpoint.expires_in = False, 3600
    return _endpoint


@pytest.fixture(scope="module")
def oauth_dovecot(request: pytest.FixtureRequest, _endpoint: TokenEndpoint) -> Iterator[Dovecot]:
    """Start a Dovecot whose oauth2 passdb introspects tokens at the endpoint."""
    url = f"http://127.0.0.1:{_endpoint.port}/introspect"
    try:
        server = start_oauth_dovecot(BOT, PASSWORD, url)
    except ServiceUnavailable as exc:
        _service_missing(request.config, f"Dovecot IMAP: {exc.reason}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def oauth_mailbox(oauth_dovecot: Dovecot) -> Mailbox:
    """Return the bot's mailbox on the oauth2 Dovecot, emptied."""
    oauth_dovecot.empty(BOT)
    return Mailbox(oauth_dovecot)


@pytest.fixture
def xoauth2_smtp(endpoint: TokenEndpoint) -> Iterator[tuple[XOAuth2Handler, int]]:
    """Start an aiosmtpd that takes mail only after AUTH XOAUTH2 with the current token."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = XOAuth2Handler(endpoint, Recorder())
    controller = Controller(handler, hostname="127.0.0.1", port=port, auth_require_tls=False)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def settings(endpoint: TokenEndpoint, **more: Any) -> Any:
    """The operator's settings for OAuth2 mail against the test endpoint."""
    given: dict[str, Any] = {
        "mail_auth": "oauth2",
        "oauth2_token_url": endpoint.url,
        "oauth2_client_id": CLIENT_ID,
        "oauth2_client_secret": CLIENT_SECRET,
        "oauth2_scope": SCOPE,
        "oauth2_refresh_token": REFRESH_TOKEN,
        **more,
    }
    return load_settings(**given)


def provider(endpoint: TokenEndpoint, now: Monotonic | None = None, **more: Any) -> TokenProvider:
    """A token provider for the endpoint, built from the settings as `illbot serve` does."""
    config = oauth2_config(settings(endpoint, **more))
    assert config is not None
    return TokenProvider(config, now=now or Monotonic())


def sender(runtime: Runtime, identity: MailIdentity, port: int, tokens: Any, clock: Clock) -> Any:
    """The SMTP sender logging in with XOAUTH2."""
    config = SmtpConfig(host="127.0.0.1", port=port, user=BOT, security="none", tokens=tokens)
    return SmtpSender(runtime.sessions, identity, config, clock)


async def test_patron_mail_is_read_and_answered_with_one_token_for_imap_and_smtp(
    runtime: Runtime,
    identity: MailIdentity,
    oauth_mailbox: Mailbox,
    xoauth2_smtp: tuple[XOAuth2Handler, int],
    endpoint: TokenEndpoint,
    clock: Clock,
) -> None:
    """Dovecot lets the bot in on XOAUTH2, aiosmtpd takes its answer; the endpoint is asked once."""
    handler, port = xoauth2_smtp
    tokens = token_provider(settings(endpoint))
    assert tokens is not None
    poller = MailPoller(runtime, identity, oauth_mailbox.config(password="", tokens=tokens), clock)
    oauth_mailbox.deliver(patron_mail(ANN, REQUEST))

    assert await asyncio.to_thread(poller.poll) == 1
    assert await sender(runtime, identity, port, tokens, clock).drain() == 1

    [answer] = handler.recorder.messages
    assert answer["To"].addresses[0].addr_spec == ANN
    assert "ILL-1" in answer.get_body(("plain",)).get_content()
    assert oauth_mailbox.unseen() == []
    assert handler.logins == [(BOT, "access-1")]
    assert [r["grant_type"] for r in endpoint.requests] == ["refresh_token"]
    log = (oauth_mailbox.server.base_dir / "dovecot" / "dovecot.log").read_text()
    assert f"Login: user=<{BOT}>, method=XOAUTH2" in log


async def test_token_is_kept_until_shortly_before_it_expires_then_renewed(
    runtime: Runtime,
    identity: MailIdentity,
    oauth_mailbox: Mailbox,
    endpoint: TokenEndpoint,
    clock: Clock,
) -> None:
    """A 10-minute token serves every poll for 9 minutes; then a new one, which Dovecot takes."""
    endpoint.expires_in = 600
    now = Monotonic()
    tokens = provider(endpoint, now)
    poller = MailPoller(runtime, identity, oauth_mailbox.config(password="", tokens=tokens), clock)
    for _ in range(3):
        await asyncio.to_thread(poller.poll)
        now.at += 170  # 510 s in all: still inside the token's life, less the margin
    assert len(endpoint.requests) == 1
    now.at += 40  # 550 s: within a minute of expiry
    oauth_mailbox.deliver(patron_mail(ANN, REQUEST))
    assert await asyncio.to_thread(poller.poll) == 1  # logged in with the new token
    assert len(endpoint.requests) == 2 and endpoint.current == "access-2"
    assert await tokens.token() == "access-2"


async def test_revoked_refresh_token_is_one_clear_line_and_no_crash_loop(
    runtime: Runtime,
    identity: MailIdentity,
    oauth_mailbox: Mailbox,
    endpoint: TokenEndpoint,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """invalid_grant: one ERROR naming the setting; the poller backs off, mail waits unread."""
    endpoint.revoked = True
    tokens = provider(endpoint)
    config = oauth_mailbox.config(password="", tokens=tokens, retry_max_seconds=0.2)
    poller = MailPoller(runtime, identity, config, clock)
    caplog.set_level(logging.INFO, logger="illbot")

    with pytest.raises(OAuth2Error, match="refresh token is expired or revoked"):
        await tokens.token()
    stop = asyncio.Event()
    task = asyncio.create_task(poller.run(stop))
    await asyncio.sleep(1.0)  # several reconnection attempts
    stop.set()
    await asyncio.wait_for(task, 10)

    oauth_mailbox.deliver(patron_mail(ANN, REQUEST))
    assert oauth_mailbox.unseen() != []  # nothing read without a token
    assert len(endpoint.requests) == 1  # asked once, never again until restarted
    refused = [r for r in caplog.records if "OAuth2 token refused" in r.getMessage()]
    assert len(refused) == 1 and refused[0].levelno == logging.ERROR
    assert "HTTP 400 invalid_grant" in refused[0].getMessage()
    assert "_REFRESH_TOKEN" in refused[0].getMessage()
    assert REFRESH_TOKEN not in caplog.text and CLIENT_SECRET not in caplog.text


async def test_staff_hear_once_that_the_mailbox_login_is_refused(
    runtime: Runtime,
    identity: MailIdentity,
    oauth_mailbox: Mailbox,
    xoauth2_smtp: tuple[XOAuth2Handler, int],
    endpoint: TokenEndpoint,
    clock: Clock,
) -> None:
    """As `illbot serve` wires it: one staff report naming the setting, for IMAP and SMTP both."""
    _, port = xoauth2_smtp
    endpoint.revoked = True
    tokens = token_provider(settings(endpoint), runtime, clock)
    config = oauth_mailbox.config(password="", tokens=tokens, retry_max_seconds=0.2)
    stop = asyncio.Event()
    task = asyncio.create_task(MailPoller(runtime, identity, config, clock).run(stop))
    await asyncio.sleep(0.6)  # the poller tries and backs off
    assert await sender(runtime, identity, port, tokens, clock).drain() == 0
    stop.set()
    await asyncio.wait_for(task, 10)

    [report] = outbox(runtime, kind="escalation")
    assert report.kind == "escalation" and report.state == "pending"
    assert "cannot log in to its mailbox" in report.text
    assert "ILLBOT_OAUTH2_REFRESH_TOKEN" in report.text
    assert REFRESH_TOKEN not in report.text and CLIENT_SECRET not in report.text


async def test_client_credentials_grant_sends_mail_and_a_refusal_keeps_rows_pending(
    runtime: Runtime,
    identity: MailIdentity,
    oauth_mailbox: Mailbox,
    xoauth2_smtp: tuple[XOAuth2Handler, int],
    endpoint: TokenEndpoint,
    clock: Clock,
) -> None:
    """Microsoft 365 app-only: no refresh token, the client secret; a wrong secret fails clearly."""
    handler, port = xoauth2_smtp
    poller = MailPoller(runtime, identity, oauth_mailbox.config(), clock)  # password, to read
    oauth_mailbox.deliver(patron_mail(ANN, REQUEST))
    poller.poll()

    wrong = provider(endpoint, oauth2_refresh_token=None, oauth2_client_secret="wrong")
    assert await sender(runtime, identity, port, wrong, clock).drain() == 0
    [row] = outbox(runtime, channel="email")
    assert row.state == "pending" and "OAuth2 token refused" in (row.last_error or "")
    assert "CLIENT_SECRET" in (row.last_error or "") and handler.recorder.messages == []

    clock.advance(hours=1)
    app_only = provider(endpoint, oauth2_refresh_token=None)
    assert await sender(runtime, identity, port, app_only, clock).drain() == 1
    assert endpoint.requests[-1]["grant_type"] == "client_credentials"
    assert "refresh_token" not in endpoint.requests[-1]
    assert len(handler.recorder.messages) == 1 and handler.logins[-1] == (BOT, "access-1")


def test_settings_name_what_is_missing() -> None:
    """oauth2 without a token URL, or app-only without a secret, is refused at start-up."""
    base = {"imap_host": "imap.example", "imap_user": BOT, "mail_auth": "oauth2"}
    with pytest.raises(ConfigError, match="ILLBOT_OAUTH2_TOKEN_URL"):
        token_provider(load_settings(**base))
    full = {**base, "oauth2_token_url": "http://x/token", "oauth2_client_id": "c"}
    with pytest.raises(ConfigError, match="ILLBOT_OAUTH2_CLIENT_SECRET"):
        token_provider(load_settings(**full, oauth2_scope="s"))
    with pytest.raises(ConfigError, match="ILLBOT_MAIL_AUTH"):
        load_settings(mail_auth="kerberos")
    given = load_settings(**full, oauth2_scope="s", oauth2_refresh_token="rt-42", smtp_host="smtp")
    tokens = token_provider(given)
    imap, smtp = imap_config(given, tokens), smtp_config(given, tokens)
    assert imap is not None and imap.tokens is tokens and smtp is not None
    assert smtp.tokens is tokens
    assert "rt-42" not in repr(given) and "**********" in repr(given)
    assert token_provider(load_settings()) is None  # password login stays the default
