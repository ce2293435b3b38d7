"""`illbot db current|check|backup` and ILLBOT_AUTO_MIGRATE=false, run as real processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from tests.services.postgres import PostgresCluster

# The newest migration shipped (its revision id, "0010"): what a fresh upgrade must reach.
NEWEST = ScriptDirectory(str(Path(__file__).parents[2] / "store" / "migrations")).get_current_head()
PATRONS = "id,library,category,email,slack,name,registered,standing,cleared\n" + "".join(
    f"p{n},johnjay,faculty,p{n}@jjay.example,,Reader {n},,,\n" for n in range(1, 6)
)


def illbot(*args: str, cwd: Path, url: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
    environment["PYTHONPATH"] = str(Path(__file__).parents[2])
    environment.update(ILLBOT_DATABASE_URL=url, **env)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=90,
        check=False,
    )


def upgraded(url: str, cwd: Path) -> None:
    result = illbot("db", "upgrade", cwd=cwd, url=url)
    assert result.returncode == 0, result.stderr
    assert f"revision {NEWEST}" in result.stdout


def test_current_says_an_empty_store_needs_upgrading(database_url: str, tmp_path: Path) -> None:
    result = illbot("db", "current", cwd=tmp_path, url=database_url)
    assert result.returncode == 1, result.stderr
    assert f"newest is {NEWEST}" in result.stdout
    assert "illbot db upgrade" in result.stdout


def test_current_names_the_newest_revision_after_upgrade(database_url: str, tmp_path: Path) -> None:
    upgraded(database_url, tmp_path)
    result = illbot("db", "current", cwd=tmp_path, url=database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"revision {NEWEST} (the newest)"


def test_check_passes_on_a_store_built_by_the_migrations(database_url: str, tmp_path: Path) -> None:
    upgraded(database_url, tmp_path)
    result = illbot("db", "check", cwd=tmp_path, url=database_url)
    assert result.returncode == 0, result.stderr
    assert "agree" in result.stdout


def test_check_names_a_column_the_store_lacks(database_url: str, tmp_path: Path) -> None:
    upgraded(database_url, tmp_path)
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE patrons DROP COLUMN department"))
    engine.dispose()
    result = illbot("db", "check", cwd=tmp_path, url=database_url)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "illbot: column patrons.department: in the models, not in the store"
    ]


def test_check_on_an_empty_store_is_one_line(sqlite_url: str, tmp_path: Path) -> None:
    result = illbot("db", "check", cwd=tmp_path, url=sqlite_url)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "illbot: the store is empty: run `illbot db upgrade`"
    ]


def test_backup_copies_committed_rows_while_a_writer_holds_the_lock(
    sqlite_url: str, tmp_path: Path
) -> None:
    upgraded(sqlite_url, tmp_path)
    (tmp_path / "patrons.csv").write_text(PATRONS)
    imported = illbot("patrons", "import", "patrons.csv", cwd=tmp_path, url=sqlite_url)
    assert imported.returncode == 0, imported.stderr
    writer = sqlite3.connect(tmp_path / "illbot.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # as serve does for each turn: the write lock, held
    writer.execute("UPDATE patrons SET name = 'not yet committed'")
    writer.execute(
        "INSERT INTO patrons (id, library, category, registered, standing, cleared,"
        " academic_hold) VALUES ('p6', 'johnjay', 'faculty', 1, 'good', 0, 0)"
    )
    try:
        result = illbot("db", "backup", "copy.db", cwd=tmp_path, url=sqlite_url)
    finally:
        writer.rollback()
        writer.close()
    assert result.returncode == 0, result.stderr
    assert "integrity ok" in result.stdout
    copy = sqlite3.connect(tmp_path / "copy.db")
    names = [row[0] for row in copy.execute("SELECT name FROM patrons ORDER BY id")]
    revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    copy.close()
    assert names == [f"Reader {n}" for n in range(1, 6)]
    assert revision == NEWEST
    assert not (tmp_path / "copy.db-wal").exists()  # one self-contained file to carry away
    # the copy is a working store: the bot opens it as it is
    check = illbot("db", "check", cwd=tmp_path, url=f"sqlite:///{tmp_path}/copy.db")
    assert check.returncode == 0, check.stderr


def test_backup_never_overwrites_a_file(sqlite_url: str, tmp_path: Path) -> None:
    upgraded(sqlite_url, tmp_path)
    (tmp_path / "old.db").write_text("last week's backup")
    result = illbot("db", "backup", "old.db", cwd=tmp_path, url=sqlite_url)
    assert result.returncode == 2
    assert "exists already" in result.stderr
    assert (tmp_path / "old.db").read_text() == "last week's backup"


def test_backup_points_postgresql_to_pg_dump(tmp_path: Path) -> None:
    url = "postgresql+psycopg://illbot@127.0.0.1:1/illbot"
    result = illbot("db", "backup", "x.sql", cwd=tmp_path, url=url)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "pg_dump" in result.stderr


def test_without_auto_migrate_commands_refuse_an_empty_store(
    database_url: str, tmp_path: Path
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("")
    for command in (("serve",), ("tick",), ("sim", str(events), "--db", database_url)):
        result = illbot(*command, cwd=tmp_path, url=database_url, ILLBOT_AUTO_MIGRATE="false")
        assert result.returncode == 2, (command, result.stdout)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert "run `illbot db upgrade`" in lines[0]
    engine = create_engine(database_url)
    assert inspect(engine).get_table_names() == []  # nothing was created behind the operator
    engine.dispose()
    # the separate step, then the same command starts
    upgrade = illbot("db", "upgrade", cwd=tmp_path, url=database_url, ILLBOT_AUTO_MIGRATE="false")
    assert upgrade.returncode == 0, upgrade.stderr
    tick = illbot("tick", cwd=tmp_path, url=database_url, ILLBOT_AUTO_MIGRATE="false")
    assert tick.returncode == 0, tick.stderr


def test_a_wrong_auto_migrate_value_is_named(sqlite_url: str, tmp_path: Path) -> None:
    result = illbot("tick", cwd=tmp_path, url=sqlite_url, ILLBOT_AUTO_MIGRATE="sometimes")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "illbot: ILLBOT_AUTO_MIGRATE: must be true or false"
    ]


@pytest.mark.postgres
def test_the_pg_dump_recipe_restores_a_working_store(
    postgres_cluster: PostgresCluster, tmp_path: Path
) -> None:
    # README, "Backups": pg_dump --format=custom, then pg_restore --no-owner into an empty database.
    url = postgres_cluster.create_database(f"t_{uuid.uuid4().hex[:12]}")
    upgraded(url, tmp_path)
    (tmp_path / "patrons.csv").write_text(PATRONS)
    assert illbot("patrons", "import", "patrons.csv", cwd=tmp_path, url=url).returncode == 0
    libpq = url.replace("+psycopg", "")  # pg_dump speaks libpq URLs, not SQLAlchemy's
    dump = tmp_path / "illbot.dump"
    tools = postgres_cluster.bin_dir
    dumped = [str(tools / "pg_dump"), "--format=custom", f"--file={dump}", libpq]
    subprocess.run(dumped, check=True, capture_output=True, timeout=120)
    restored = postgres_cluster.create_database(f"t_{uuid.uuid4().hex[:12]}")
    restore = [
        str(tools / "pg_restore"),
        "--no-owner",
        f"--dbname={restored.replace('+psycopg', '')}",
    ]
    subprocess.run([*restore, str(dump)], check=True, capture_output=True, timeout=120)
    assert illbot("db", "current", cwd=tmp_path, url=restored).returncode == 0
    assert illbot("db", "check", cwd=tmp_path, url=restored).returncode == 0
    engine = create_engine(restored)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM patrons")).scalar_one()
    engine.dispose()
    assert count == 5
