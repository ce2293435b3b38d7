"""Wire settings, store and profiles together for the commands."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.db_command import prepare_store
from bot.settings import Settings, masked_url
from handlers.core import Library
from policy.errors import ConfigError, ProfileError
from policy.validate import check_profiles
from store.db import make_engine, session_factory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Runtime:
    """An opened store and the loaded library profiles."""

    engine: Engine
    sessions: sessionmaker[Session]
    library: Library


def load_library(settings: Settings) -> Library:
    """Load and check every profile; the default library must be one of them.

    Any mistake in any profile stops startup: one line each, in one ProfileError.
    """
    checked = check_profiles(settings.profiles_dir)
    for note in checked.notes:
        log.info("%s", note)  # "sjpl.toml in /x replaces the shipped profile 'sjpl'"
    if checked.mistakes:
        raise ProfileError("\n".join(checked.mistakes))
    profiles = checked.profiles
    if settings.library not in profiles:
        known = ", ".join(sorted(profiles))
        raise ConfigError(f"ILLBOT_LIBRARY: unknown library '{settings.library}' (known: {known})")
    return Library(profiles, settings.library)


def open_runtime(settings: Settings, database_url: str | None = None) -> Runtime:
    """Open the store (migrating it, unless ILLBOT_AUTO_MIGRATE=false) and load the profiles."""
    library = load_library(settings)
    url = database_url or settings.database_url
    name = "ILLBOT_DATABASE_URL" if database_url is None else "the store URL"
    engine = open_store(url, name, lambda engine: prepare_store(engine, settings))
    return Runtime(engine, session_factory(engine), library)


def open_store(url: str, name: str, prepare: Callable[[Engine], None]) -> Engine:
    """Open the store and `prepare` it; one line naming `name` (password masked) when it fails."""
    try:
        engine = make_engine(url)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:  # postgresql without psycopg
        raise ConfigError(f"{name}: no driver for {masked_url(url)} ({exc})") from None
    try:
        prepare(engine)
    except (OperationalError, InterfaceError) as exc:  # refused, no such host, bad password
        engine.dispose()  # (an IntegrityError in a migration is a bug: its traceback stays)
        reason = (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]
        raise ConfigError(f"{name}: cannot open {masked_url(url)}: {reason}") from None
    return engine
