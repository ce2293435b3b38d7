"""Shared fixtures: real SQLite files and a throwaway PostgreSQL cluster."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from tests.services.postgres import PostgresCluster, ServiceUnavailable, start_cluster

# Reasons real services were missing in this run, shown again in the terminal summary.
_MISSING_SERVICES = pytest.StashKey[list[str]]()
_SKIP_PREFIX = "SERVICE NOT AVAILABLE: "


def _in_ci() -> bool:
    """Tell whether this run is CI, where a missing service is a failure, not a skip."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _service_missing(config: pytest.Config, reason: str) -> NoReturn:
    """Fail under CI; elsewhere skip, and remember the reason for the summary."""
    if _in_ci():
        pytest.fail(f"{_SKIP_PREFIX}{reason} (CI=true: real services are required)")
    config.stash.setdefault(_MISSING_SERVICES, []).append(reason)
    pytest.skip(f"{_SKIP_PREFIX}{reason}")


@pytest.fixture(scope="session")
def postgres_cluster(request: pytest.FixtureRequest) -> Iterator[PostgresCluster]:
    """Start one throwaway PostgreSQL cluster for the whole session."""
    try:
        cluster = start_cluster()
    except ServiceUnavailable as exc:
        # pytest caches this outcome, so a missing server is tried (and reported) only once.
        _service_missing(request.config, f"PostgreSQL: {exc.reason}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Return a SQLAlchemy URL for a fresh SQLite file in this test's temp dir."""
    return f"sqlite:///{tmp_path}/illbot.db"


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgres"],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return a URL for a fresh, empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/illbot.db"
    # Asked for lazily so the sqlite variant never depends on PostgreSQL being there.
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"t_{uuid.uuid4().hex[:12]}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print a loud block naming the missing services and the tests they skipped."""
    reasons = terminalreporter.config.stash.get(_MISSING_SERVICES, [])
    if not reasons:
        return
    skipped = [
        report.nodeid
        for report in terminalreporter.stats.get("skipped", [])
        if _SKIP_PREFIX in str(report.longrepr)
    ]
    terminalreporter.section("SERVICES NOT AVAILABLE", sep="!", red=True, bold=True)
    terminalreporter.write_line(
        f"SERVICES NOT AVAILABLE — these tests were skipped ({len(skipped)}):", red=True, bold=True
    )
    for nodeid in skipped:
        terminalreporter.write_line(f"  {nodeid}")
    terminalreporter.write_line("because:", red=True, bold=True)
    for reason in reasons:
        terminalreporter.write_line(f"  {reason}")
    terminalreporter.write_line(
        "Run `make services` (as root) to install them; under CI=true this is a failure.",
        bold=True,
    )


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    """The shipped profiles on a fresh store, once on SQLite and once on PostgreSQL."""
    opened = open_runtime(load_settings(), database_url)
    yield opened
    opened.engine.dispose()
