"""Settings from ILLBOT_* environment variables or a `.env` file (INTERFACES.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from policy.errors import ConfigError
from store.outbox import RetryLimits

Port = Annotated[int, Field(ge=1, le=65535)]
# The psycopg (3) driver is the one installed with illbot[postgres]; Heroku-style URLs say postgres.
POSTGRES_SCHEMES = ("postgres", "postgresql", "postgresql+psycopg")


class Settings(BaseSettings):
    """Every setting an operator can give, with the documented defaults."""

    model_config = SettingsConfigDict(env_prefix="ILLBOT_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///illbot.db"
    library: str = "johnjay"
    profiles_dir: Path | None = None
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_staff_channel: str | None = None
    slack_api_url: str | None = None
    http_host: str = "127.0.0.1"
    http_port: Port = 3000
    imap_host: str | None = None
    imap_port: Port = 993
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_security: str = "ssl"
    imap_folder: str = "INBOX"
    smtp_host: str | None = None
    smtp_port: Port = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_security: str = "starttls"
    mail_from: str | None = None
    mail_secret: SecretStr | None = None  # signs reply addresses (16+ characters)
    imap_processed_folder: str | None = None  # move handled mail here instead of marking it read
    tick_seconds: int = Field(default=300, gt=0, le=86400)  # at least one pass a day
    log_format: Literal["text", "json"] = "text"
    auto_migrate: bool = True  # false: migrations run as a separate step (`illbot db upgrade`)
    outbox_max_attempts: int = 30  # a message failing this often is given up and staff told
    outbox_max_age_hours: float = 72.0  # … and so is one still unsent this long after it was due
    mail_authserv_id: str | None = None  # whose Authentication-Results headers to trust
    mail_auth: Literal["password", "oauth2"] = "password"  # oauth2: XOAUTH2 (bot.mail.oauth)
    oauth2_token_url: str | None = None
    oauth2_client_id: str | None = None
    oauth2_client_secret: SecretStr | None = None
    oauth2_scope: str | None = None
    oauth2_refresh_token: SecretStr | None = None  # absent: the client-credentials grant
    web_chat: bool = False  # serve the patron web chat at /chat/ (bot/web)
    web_public_url: str | None = None  # https://library.example/ill: Secure cookies, Origin check
    web_embed_origins: str = ""  # space-separated origins that may frame the page (CSP)
    sip2_host: str | None = None  # library-card sign-in against the ILS; absent: mailed codes
    sip2_port: Port = 6001
    sip2_user: str | None = None
    sip2_password: SecretStr | None = None
    sip2_location: str | None = None
    sip2_tls: bool = False  # TLS from the first byte, the ILS's certificate verified
    sip2_ca_file: str | None = None  # PEM file of the CA(s) to trust; none: the system's
    sip2_sc_status: bool = False  # send SC Status (99) after the login, for ILSs that want it

    @field_validator("outbox_max_attempts", "outbox_max_age_hours")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be greater than 0")
        return value

    @field_validator("database_url")
    @classmethod
    def _url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError("not a database URL") from None  # the value may hold a password
        if url.drivername in POSTGRES_SCHEMES:
            url = url.set(drivername="postgresql+psycopg")
            return url.render_as_string(hide_password=False)
        return value

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        """Show every setting but the database password (secrets show as '**********')."""
        for name, value in super().__repr_args__():
            if name == "database_url":
                value = masked_url(value)
            yield name, value

    @field_validator("web_public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value.strip()):
            raise ValueError("must be an http:// or https:// URL, like https://library.example/ill")
        return value.strip().rstrip("/")

    @field_validator("web_embed_origins")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in value.split():
            if not re.fullmatch(r"https?://[^\s/?#;']+", origin):
                raise ValueError(f"'{origin}' is not an origin like https://www.library.example")
        return " ".join(value.split())

    @field_validator("sip2_tls", "sip2_sc_status")
    @classmethod
    def _sip2_needs_host(cls, value: bool, info: ValidationInfo) -> bool:
        if value and not info.data.get("sip2_host"):
            raise ValueError("is true but ILLBOT_SIP2_HOST is not set (no ILS to reach)")
        return value

    @field_validator("sip2_ca_file")
    @classmethod
    def _ca_file(cls, value: str | None, info: ValidationInfo) -> str | None:
        # Set without TLS, most likely TLS was meant: PINs would otherwise cross in the clear.
        if value is None or not value.strip():
            return None
        if not info.data.get("sip2_tls"):
            raise ValueError("is set but ILLBOT_SIP2_TLS is not true")
        return value.strip()  # whether it loads: checked when the web chat starts (bot.web.config)

    @field_validator("imap_security", "smtp_security")
    @classmethod
    def _security(cls, value: str) -> str:
        if value not in ("ssl", "starttls", "none"):
            raise ValueError("must be ssl, starttls or none")
        return value


def masked_url(url: str) -> str:
    """The database URL with its password replaced by ***, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a URL)"


def reveal(secret: SecretStr | str | None) -> str | None:
    """The real value of a secret setting, where a client needs it."""
    return secret.get_secret_value() if isinstance(secret, SecretStr) else secret


def retry_limits(settings: Settings) -> RetryLimits:
    """The outbox's give-up rule from the settings."""
    return RetryLimits(
        max_attempts=settings.outbox_max_attempts,
        max_age=timedelta(hours=settings.outbox_max_age_hours),
    )


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a wrong one raises ConfigError naming its variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        name = "ILLBOT_" + str(error["loc"][0]).upper() if error["loc"] else "ILLBOT_*"
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "bool_parsing":
            message = "must be true or false"
        raise ConfigError(f"{name}: {message}") from None
