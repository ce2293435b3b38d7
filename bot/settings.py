"""Settings from ILLBOT_* environment variables or a `.env` file (INTERFACES.md)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from policy.errors import ConfigError
from store.outbox import RetryLimits


class Settings(BaseSettings):
    """Every setting an operator can give, with the documented defaults."""

    model_config = SettingsConfigDict(env_prefix="ILLBOT_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///illbot.db"
    library: str = "johnjay"
    profiles_dir: Path | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_staff_channel: str | None = None
    slack_api_url: str | None = None
    http_host: str = "127.0.0.1"
    http_port: int = 3000
    imap_host: str | None = None
    imap_port: int = 993
    imap_user: str | None = None
    imap_password: str | None = None
    imap_security: str = "ssl"
    imap_folder: str = "INBOX"
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_security: str = "starttls"
    mail_from: str | None = None
    mail_secret: str | None = None  # signs reply addresses (16+ characters)
    imap_processed_folder: str | None = None  # move handled mail here instead of marking it read
    tick_seconds: int = 300
    outbox_max_attempts: int = 30  # a message failing this often is given up and staff told
    outbox_max_age_hours: float = 72.0  # … and so is one still unsent this long after it was due
    mail_authserv_id: str | None = None  # whose Authentication-Results headers to trust

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
            make_url(value)
        except ArgumentError as exc:
            raise ValueError(f"not a database URL: {value!r}") from exc
        return value

    @field_validator("imap_security", "smtp_security")
    @classmethod
    def _security(cls, value: str) -> str:
        if value not in ("ssl", "starttls", "none"):
            raise ValueError("must be ssl, starttls or none")
        return value


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
        raise ConfigError(f"{name}: {error['msg']}") from None
