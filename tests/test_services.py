"""The test services give real, isolated databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, make_url, text

from tests.services.postgres import (
    BIN_DIR_ENV,
    PostgresCluster,
    ServiceUnavailable,
    find_bin_dir,
    start_cluster,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def engine_for(url: str) -> Iterator[Engine]:
    """Yield an engine and dispose of it, so no connection outlives the test."""
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def write_probe_row(url: str, value: str) -> None:
    """Create the probe table and commit one row to it."""
    with engine_for(url) as engine, engine.begin() as conn:
        conn.execute(text("CREATE TABLE probe (id INTEGER PRIMARY KEY, value VARCHAR(50))"))
        conn.execute(text("INSERT INTO probe (id, value) VALUES (1, :value)"), {"value": value})


def table_names(url: str) -> list[str]:
    """Return the tables a database holds."""
    with engine_for(url) as engine:
        return inspect(engine).get_table_names()


@pytest.mark.parametrize("attempt", [1, 2])
def test_each_test_starts_with_an_empty_database(database_url: str, attempt: int) -> None:
    # Two runs write the same table: whichever runs second would see the first's table
    # if databases were shared between tests.
    assert table_names(database_url) == []
    write_probe_row(database_url, f"attempt {attempt}")
    assert table_names(database_url) == ["probe"]


def test_committed_rows_survive_a_new_engine(database_url: str) -> None:
    write_probe_row(database_url, "kept")
    with engine_for(database_url) as engine, engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM probe")).scalar_one() == "kept"


def test_database_url_names_the_backend_it_runs_on(
    database_url: str, request: pytest.FixtureRequest
) -> None:
    backend = request.node.callspec.params["database_url"]
    expected = {"sqlite": "sqlite", "postgres": "postgresql+psycopg"}[backend]
    assert make_url(database_url).drivername == expected


def test_sqlite_url_is_a_real_file_on_disk_after_a_write(sqlite_url: str, tmp_path: Path) -> None:
    write_probe_row(sqlite_url, "on disk")
    path = Path(make_url(sqlite_url).database or "")
    assert path.parent == tmp_path
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_postgres_url_reaches_a_real_postgresql_server(database_url: str) -> None:
    with engine_for(database_url) as engine, engine.connect() as conn:
        version = conn.execute(text("SELECT version()")).scalar_one()
        database = conn.execute(text("SELECT current_database()")).scalar_one()
    assert version.startswith("PostgreSQL ")
    assert database_url.endswith(f"/{database}")


@pytest.mark.postgres
def test_databases_on_the_cluster_do_not_share_tables(postgres_cluster: PostgresCluster) -> None:
    first = postgres_cluster.create_database("t_isolation_first")
    second = postgres_cluster.create_database("t_isolation_second")
    write_probe_row(first, "only in the first")
    assert table_names(first) == ["probe"]
    assert table_names(second) == []


def test_missing_binaries_raise_service_unavailable_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(BIN_DIR_ENV, str(tmp_path / "no-such-dir"))
    with pytest.raises(ServiceUnavailable, match="initdb, pg_ctl"):
        find_bin_dir()


def test_a_failed_start_raises_service_unavailable_with_the_output() -> None:
    # Fake binaries that fail like a broken install: the error must carry their output.
    # Not in tmp_path: as root they run as the postgres user, who cannot enter pytest's dirs.
    with tempfile.TemporaryDirectory(prefix="illbot-fake-pg-") as fake_dir:
        bin_dir = Path(fake_dir)
        bin_dir.chmod(0o755)
        for name in ("initdb", "pg_ctl"):
            fake = bin_dir / name
            fake.write_text("#!/bin/sh\necho 'boom: cannot create cluster' >&2\nexit 1\n")
            fake.chmod(0o755)
        with pytest.raises(ServiceUnavailable, match=r"(?s)initdb failed.*boom"):
            start_cluster(bin_dir=bin_dir)


def _pytest_without_postgres(ci: bool) -> subprocess.CompletedProcess[str]:
    """Run one PostgreSQL test in a child pytest whose binary search finds nothing."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env[BIN_DIR_ENV] = "/nonexistent/illbot-pg-bin"
    env.pop("PYTEST_ADDOPTS", None)
    if ci:
        env["CI"] = "true"
    node = "tests/test_services.py::test_postgres_url_reaches_a_real_postgresql_server"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", node],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_postgres_is_skipped_loudly_outside_ci() -> None:
    result = _pytest_without_postgres(ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SERVICES NOT AVAILABLE — these tests were skipped (1):" in result.stdout
    assert "test_postgres_url_reaches_a_real_postgresql_server[postgres]" in result.stdout


def test_missing_postgres_fails_the_run_under_ci() -> None:
    result = _pytest_without_postgres(ci=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CI=true: real services are required" in result.stdout
