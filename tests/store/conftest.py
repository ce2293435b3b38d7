"""A migrated store on each backend, for the store's own tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from store.db import make_engine, session_factory, upgrade


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A fresh store at the current schema."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions on that store."""
    return session_factory(engine)
