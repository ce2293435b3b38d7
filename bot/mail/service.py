"""Run email for `illbot serve`: the IMAP poller and the SMTP outbox sender, until stopped."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.clock import Clock, SystemClock
from bot.mail.imap import ImapConfig, MailPoller
from bot.mail.oauth import OAuth2Error, TokenProvider, oauth2_config
from bot.mail.report import report_to_staff
from bot.mail.smtp import SmtpConfig, SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime
from bot.settings import Settings, retry_limits, reveal
from policy.errors import ConfigError
from store.db import transaction

log = logging.getLogger("illbot.mail")


def mail_identity(settings: Settings) -> MailIdentity:
    """Build the bot's mail identity from ILLBOT_MAIL_FROM, _SECRET and _AUTHSERV_ID."""
    return MailIdentity.parse(
        settings.mail_from, reveal(settings.mail_secret), settings.mail_authserv_id
    )


def token_provider(
    settings: Settings, runtime: Runtime | None = None, clock: Clock | None = None
) -> TokenProvider | None:
    """The OAuth2 token provider for ILLBOT_MAIL_AUTH=oauth2, or None for password login.

    With a runtime, a refused token is also reported to staff, once, through the outbox.
    """
    config = oauth2_config(settings)
    if config is None:
        return None
    if runtime is None:
        return TokenProvider(config)
    return TokenProvider(config, on_refused=staff_told(runtime, clock or SystemClock()))


def staff_told(runtime: Runtime, clock: Clock) -> Callable[[OAuth2Error], None]:
    """A callback that writes the staff report of a refused OAuth2 token in its own transaction."""

    def tell(refused: OAuth2Error) -> None:
        with transaction(runtime.sessions) as session:
            report_to_staff(session, clock.now(), "login_refused", reason=str(refused))

    return tell


def imap_config(settings: Settings, tokens: TokenProvider | None = None) -> ImapConfig | None:
    """Return the IMAP settings, or None when email in is not configured."""
    if not settings.imap_host:
        return None
    if not settings.imap_user or (settings.imap_password is None and tokens is None):
        raise ConfigError("ILLBOT_IMAP_USER: email in needs ILLBOT_IMAP_USER and _PASSWORD")
    return ImapConfig(
        host=settings.imap_host,
        port=settings.imap_port,
        user=settings.imap_user,
        password=reveal(settings.imap_password) or "",
        security=settings.imap_security,
        folder=settings.imap_folder,
        processed_folder=settings.imap_processed_folder,
        tokens=tokens,
    )


def smtp_config(settings: Settings, tokens: TokenProvider | None = None) -> SmtpConfig | None:
    """Return the SMTP settings, or None when email out is not configured."""
    if not settings.smtp_host:
        return None
    return SmtpConfig(
        host=settings.smtp_host,
        port=settings.smtp_port,
        user=settings.smtp_user,
        password=reveal(settings.smtp_password),
        security=settings.smtp_security,
        tokens=tokens,
    )


async def run_mail(
    runtime: Runtime, settings: Settings, stop: asyncio.Event, clock: Clock | None = None
) -> None:
    """Run the IMAP poller and the SMTP sender that are configured until `stop` is set."""
    clock = clock or SystemClock()
    tokens = token_provider(settings, runtime, clock)  # IMAP and SMTP share the cached token
    imap, smtp = imap_config(settings, tokens), smtp_config(settings, tokens)
    if imap is None and smtp is None:
        return
    identity = mail_identity(settings)
    tasks = []
    if imap is not None:
        tasks.append(MailPoller(runtime, identity, imap, clock).run(stop))
        log.info("mail: reading %s on %s", imap.folder, imap.host)
    if smtp is not None:
        limits = retry_limits(settings)
        tasks.append(SmtpSender(runtime.sessions, identity, smtp, clock, limits=limits).run(stop))
        log.info("mail: sending through %s", smtp.host)
    await asyncio.gather(*tasks)
