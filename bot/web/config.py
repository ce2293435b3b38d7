"""What the web chat needs to run: the store and profiles, its settings, a clock."""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from bot.clock import Clock, SystemClock
from bot.runtime import Runtime
from bot.settings import Settings, reveal
from bot.web.sip2 import Sip2Config
from policy.errors import ConfigError
from templates import HERE as TEMPLATES

STATIC = Path(__file__).parent / "static"


@dataclass
class WebChat:
    """The web chat's dependencies, shared by every route."""

    runtime: Runtime
    library: str  # the default library (ILLBOT_LIBRARY): /chat/ without one in the path
    public_url: str | None = None
    embed_origins: str = ""
    sip2: Sip2Config | None = None  # None: sign-in by a code mailed to the directory address
    clock: Clock = field(default_factory=SystemClock)
    templates: Path = TEMPLATES  # where web/page.html.j2 is read from
    static: Path = STATIC
    poll_seconds: float = 1.0  # how often a live stream looks for new rows
    ping_seconds: float = 15.0  # a comment on an idle stream, so proxies keep it open
    stopping: asyncio.Event = field(default_factory=asyncio.Event)  # ends live streams

    @classmethod
    def from_settings(
        cls, runtime: Runtime, settings: Settings, clock: Clock | None = None
    ) -> WebChat:
        """Build the web chat's dependencies from the settings."""
        sip2 = None
        if settings.sip2_host:
            if settings.sip2_tls:
                check_ca_file(settings.sip2_ca_file)
            sip2 = Sip2Config(
                host=settings.sip2_host,
                port=settings.sip2_port,
                user=settings.sip2_user,
                password=reveal(settings.sip2_password),
                location=settings.sip2_location,
                tls=settings.sip2_tls,
                ca_file=settings.sip2_ca_file or None,  # an empty ILLBOT_SIP2_CA_FILE is unset
                sc_status=settings.sip2_sc_status,
            )
        return cls(
            runtime,
            settings.library,
            public_url=settings.web_public_url,
            embed_origins=settings.web_embed_origins,
            sip2=sip2,
            clock=clock or SystemClock(),
        )

    @property
    def sign_in(self) -> str:
        """Say how patrons sign in: "card" against the ILS, else "code" by mail."""
        return "card" if self.sip2 is not None else "code"


def check_ca_file(path: str | None) -> None:
    """Refuse to start when ILLBOT_SIP2_CA_FILE cannot be read as PEM certificates."""
    # Once at startup: a file replaced later is read again per check (bot.web.sip2_wire).
    try:
        ssl.create_default_context(cafile=path or None)
    except OSError as exc:  # ssl.SSLError is one: a file that holds no certificate
        problem = f"cannot be read ({exc.strerror})" if exc.strerror else "holds no certificate"
        if isinstance(exc, ssl.SSLError):
            problem = "holds no PEM certificate"
        raise ConfigError(f"ILLBOT_SIP2_CA_FILE: {path} {problem}") from None
