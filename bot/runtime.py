"""Wire settings, store and profiles together for the commands."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from handlers.core import Library
from policy.errors import ConfigError, ProfileError
from policy.validate import check_profiles
from store.db import make_engine, session_factory, upgrade

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
    """Open the store (migrating it to the current schema) and load the profiles."""
    library = load_library(settings)
    engine = make_engine(database_url or settings.database_url)
    upgrade(engine)
    return Runtime(engine, session_factory(engine), library)
