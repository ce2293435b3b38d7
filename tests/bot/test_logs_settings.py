"""What an operator sees: one line for a bad setting or an absent database, levelled and
throttled log lines, JSON logs that parse, and secrets that never print."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.logs import log_failure, setup_logging
from bot.settings import load_settings
from policy.errors import ConfigError
from store.db import make_engine
from tests.bot.test_cli import illbot
from tests.services.postgres import ServiceUnavailable, _pg_ctl_start, start_cluster

TEXT_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (INFO|WARNING|ERROR) [\w.]+: ")


def closed_port() -> int:
    """A local TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pg_url(password: str = "sekrit-pw") -> str:
    return f"postgres://illbot:{password}@127.0.0.1:{closed_port()}/illbot"


@pytest.mark.parametrize(
    ("command", "env", "named"),
    [
        ("tick", {"ILLBOT_TICK_SECONDS": "0"}, "ILLBOT_TICK_SECONDS"),
        ("serve", {"ILLBOT_TICK_SECONDS": "-5"}, "ILLBOT_TICK_SECONDS"),
        ("serve", {"ILLBOT_HTTP_PORT": "99999"}, "ILLBOT_HTTP_PORT"),
        ("serve", {"ILLBOT_SMTP_PORT": "0"}, "ILLBOT_SMTP_PORT"),
        ("serve", {"ILLBOT_LOG_FORMAT": "xml"}, "ILLBOT_LOG_FORMAT"),
        ("tick", {"ILLBOT_OUTBOX_MAX_ATTEMPTS": "0"}, "ILLBOT_OUTBOX_MAX_ATTEMPTS"),
    ],
)
def test_a_setting_out_of_bounds_is_one_line_and_exit_2(
    tmp_path: Path, command: str, env: dict[str, str], named: str
) -> None:
    result = illbot(command, cwd=tmp_path, env={"ILLBOT_DATABASE_URL": "sqlite://", **env})
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"illbot: {named}: ")


@pytest.mark.parametrize("command", ["tick", "serve"])
def test_an_unreachable_postgresql_is_one_line_naming_the_setting(
    tmp_path: Path, command: str
) -> None:
    result = illbot(command, cwd=tmp_path, env={"ILLBOT_DATABASE_URL": pg_url()})
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("illbot: ILLBOT_DATABASE_URL: cannot open postgresql+psycopg://")
    assert "illbot:***@127.0.0.1" in line
    assert "refused" in line.lower()
    assert "sekrit-pw" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_an_unopenable_sqlite_file_is_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/no/such/dir/illbot.db"
    result = illbot("tick", cwd=tmp_path, env={"ILLBOT_DATABASE_URL": url})
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"illbot: ILLBOT_DATABASE_URL: cannot open {url}: unable to open database file"
    ]


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "postgresql+psycopg"])
def test_postgres_urls_use_the_psycopg_driver(scheme: str) -> None:
    settings = load_settings(database_url=f"{scheme}://u:pw@db.example:5433/ill")
    assert settings.database_url == "postgresql+psycopg://u:pw@db.example:5433/ill"


def test_secrets_never_print() -> None:
    secrets = {
        "slack_bot_token": "xoxb-secret-bot",
        "slack_app_token": "xapp-secret-app",
        "slack_signing_secret": "signing-secret-1",
        "imap_password": "imap-secret-2",
        "smtp_password": "smtp-secret-3",
        "mail_secret": "reply-address-secret-4",
    }
    settings = load_settings(database_url=pg_url("db-secret-5"), **secrets)
    stream = io.StringIO()
    handler = setup_logging(stream=stream)
    try:
        logging.getLogger("bot.test").info("settings %s / %r", settings, settings)
    finally:
        logging.getLogger().removeHandler(handler)
    shown = repr(settings) + str(settings) + stream.getvalue()
    for value in [*secrets.values(), "db-secret-5"]:
        assert value not in shown
    assert "illbot:***@127.0.0.1" in shown
    assert settings.smtp_password is not None
    assert settings.smtp_password.get_secret_value() == "smtp-secret-3"  # still usable


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def captured() -> Iterator[tuple[io.StringIO, Clock]]:
    """The handler `illbot serve` installs, writing to a buffer, with a clock we move."""
    stream, clock = io.StringIO(), Clock()
    root = logging.getLogger()
    level = root.level
    handler = setup_logging(stream=stream, clock=clock)
    try:
        yield stream, clock
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def real_outage() -> OperationalError:
    """What SQLAlchemy raises when PostgreSQL is not there."""
    engine = make_engine(load_settings(database_url=pg_url()).database_url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError("the closed port answered")


def test_a_database_outage_logged_100_times_is_one_line_then_a_count(
    captured: tuple[io.StringIO, Clock],
) -> None:
    stream, clock = captured
    log = logging.getLogger("bot.serve")
    outage = real_outage()
    for _ in range(100):
        log_failure(log, "scheduler: pass failed", exc=outage)
        clock.now += 0.5  # 50 s of outage
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert TEXT_LINE.match(lines[0])
    first = "ERROR bot.serve: scheduler: pass failed (OperationalError: connection failed: "
    assert first + "connection to server at …, port " in lines[0]  # no quoted values
    assert lines[0].endswith("failed: Connection refused)")
    clock.now += 11  # the minute is over: the next line brings the count first
    log.info("scheduler: %d messages queued", 0)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3, lines
    assert lines[1][21:] == lines[0][21:] + " … repeated 99 times in the last minute"
    assert " ERROR bot.serve: " in lines[1]
    assert lines[2].endswith("INFO bot.serve: scheduler: 0 messages queued")
    assert "Traceback" not in stream.getvalue()


def test_distinct_errors_are_throttled_apart_and_bugs_keep_their_traceback(
    captured: tuple[io.StringIO, Clock],
) -> None:
    stream, clock = captured
    log = logging.getLogger("bot.slack.sender")
    rows: dict[str, int] = {}
    for row in range(10):
        try:
            rows[f"row-{row}"] += 1
        except KeyError as exc:
            log_failure(log, "slack outbox pass failed; trying again", exc=exc)
        log.warning("outbox %d: Slack said %s", row, "ratelimited")
    output = stream.getvalue()
    assert output.count("Traceback") == 1  # a bug: its trace once a minute, not ten times
    assert output.count("ERROR bot.slack.sender: slack outbox pass failed") == 1
    assert output.count("WARNING bot.slack.sender: outbox 0: Slack said ratelimited") == 1
    assert "outbox 1:" not in output
    clock.now += 60
    log.info("tick")
    tail = stream.getvalue()[len(output) :].splitlines()
    assert sorted(line[21:] for line in tail) == [  # the timestamp cut off
        "ERROR bot.slack.sender: slack outbox pass failed; trying again"
        " … repeated 9 times in the last minute",
        "INFO bot.slack.sender: tick",
        "WARNING bot.slack.sender: outbox 0: Slack said ratelimited"
        " … repeated 9 times in the last minute",
    ]


def test_json_lines_parse_and_carry_the_request_ref() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    handler = setup_logging(fmt="json", stream=stream)
    try:
        log = logging.getLogger("bot.mail.imap")
        log.info("mail: UID %s handled", 7, extra={"request": "ILL-3"})
        log_failure(log, "mail: outbox pass failed", exc=real_outage())
        try:
            raise ValueError("boom")
        except ValueError as exc:
            log_failure(log, "mail: a bug", exc=exc)
    finally:
        root.removeHandler(handler)
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(entries) == 3
    first, outage, bug = entries
    assert first["level"] == "INFO" and first["logger"] == "bot.mail.imap"
    assert first["message"] == "mail: UID 7 handled" and first["request"] == "ILL-3"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["time"])
    assert outage["level"] == "ERROR" and "traceback" not in outage and "request" not in outage
    assert "Connection refused" in outage["message"]
    assert "ValueError: boom" in bug["traceback"]


def test_serve_logs_json_with_a_level_on_every_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
    env.update(
        ILLBOT_DATABASE_URL=f"sqlite:///{tmp_path}/serve.db",
        ILLBOT_TICK_SECONDS="1",
        ILLBOT_HTTP_PORT=str(closed_port()),  # the health listener
        ILLBOT_LOG_FORMAT="json",
        PYTHONPATH=str(Path(__file__).parents[2]),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(4)  # migrations, then a scheduler pass or two
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, errors
    entries = [json.loads(line) for line in errors.splitlines()]
    assert any(e["message"].startswith("scheduler: ") for e in entries), errors
    assert all(e["level"] in ("INFO", "WARNING") for e in entries), errors


def test_load_settings_names_the_variable() -> None:
    with pytest.raises(ConfigError, match=r"^ILLBOT_IMAP_PORT: "):
        load_settings(imap_port=70000)


def test_a_library_logging_an_outage_with_its_trace_gets_one_line(
    captured: tuple[io.StringIO, Clock],
) -> None:
    stream, _ = captured
    outage = real_outage()
    logging.getLogger("sqlalchemy.pool.impl.QueuePool").error(
        "Exception during reset", exc_info=outage
    )
    (line,) = stream.getvalue().splitlines()
    assert (
        " ERROR sqlalchemy.pool.impl.QueuePool: Exception during reset (OperationalError: " in line
    )
    assert line.endswith("Connection refused)")


@pytest.mark.postgres
def test_serve_through_a_7_second_database_outage(tmp_path: Path) -> None:
    """PostgreSQL stops under `illbot serve` and comes back: a few lines, no traceback."""
    try:
        cluster = start_cluster()
    except ServiceUnavailable as exc:
        pytest.skip(f"PostgreSQL: {exc.reason}")
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
        env.update(
            ILLBOT_DATABASE_URL=cluster.create_database("outage"),
            ILLBOT_TICK_SECONDS="1",
            ILLBOT_HTTP_PORT=str(closed_port()),  # the health listener
            PYTHONPATH=str(Path(__file__).parents[2]),
        )
        log_path = tmp_path / "serve.log"
        with log_path.open("w") as log_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "serve"],
                cwd=tmp_path,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_for(log_path, "scheduler: 0 messages queued")
                stop = [str(cluster.bin_dir / "pg_ctl"), "stop", "-D", str(cluster.data_dir)]
                subprocess.run([*cluster.run_as, *stop, "-m", "fast", "-w"], check=True)
                time.sleep(7)
                _pg_ctl_start(cluster)
                before = log_path.read_text().count("scheduler: 0 messages queued")
                _wait_for(log_path, "scheduler: 0 messages queued", more_than=before)
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
            finally:
                if process.poll() is None:
                    process.kill()
    finally:
        cluster.stop()
    output = log_path.read_text()
    assert process.returncode == 0, output
    assert "Traceback" not in output
    lines = output.splitlines()
    assert all(TEXT_LINE.match(line) for line in lines), output
    failed = [line for line in lines if "scheduler: pass failed" in line]
    assert len(failed) == 2, output  # seven failed passes: one line, and the count at shutdown
    assert "OperationalError" in failed[0]
    assert re.search(r" … repeated [4-9] times in the last minute$", failed[1]), output
    assert len(lines) < 40, output


def _wait_for(path: Path, needle: str, more_than: int = 0) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.read_text().count(needle) > more_than:
            return
        time.sleep(0.2)
    raise AssertionError(f"no {needle!r} in:\n{path.read_text()}")
