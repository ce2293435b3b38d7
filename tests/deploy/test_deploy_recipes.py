"""deploy/: what can be checked without Docker or systemd running (README says what was not)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from bot.settings import Settings

ROOT = Path(__file__).parents[2]
DEPLOY = ROOT / "deploy"


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def instruction(keyword: str) -> list[str]:
    return [args for key, args in dockerfile() if key == keyword]


def test_every_copy_source_exists_and_every_package_is_copied() -> None:
    copied: set[str] = set()
    for args in instruction("COPY"):
        *sources, _target = args.split()
        for source in sources:
            if "*" in source:  # a pattern may match nothing (LICENSE* before there is one)
                continue
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
            copied.add(source)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    found = project["tool"]["setuptools"]["packages"]["find"]["include"]  # "bot*", …
    packages = {pattern.rstrip("*").split(".")[0] for pattern in found}
    assert packages <= copied, f"pip install . would miss {packages - copied}"
    assert project["project"]["readme"] in copied


def test_the_image_runs_as_a_user_and_its_command_is_real() -> None:
    assert instruction("FROM") == ["python:3.11-slim"]
    assert instruction("USER") == ["illbot"]
    command = json.loads(instruction("CMD")[0])
    assert command == ["illbot", "serve"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert command[0] in project["project"]["scripts"]
    result = subprocess.run(
        [sys.executable, "-m", "bot", *command[1:], "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthcheck(port: int) -> int:
    """Run the HEALTHCHECK's command exactly as the Dockerfile gives it."""
    args = instruction("HEALTHCHECK")[0]
    command = json.loads(args[args.index("CMD") + 3 :].strip())
    assert command[0] == "python"
    environment = {**os.environ, "ILLBOT_HTTP_PORT": str(port)}
    return subprocess.run(
        [sys.executable, *command[1:]], env=environment, timeout=30, check=False
    ).returncode


def test_the_healthcheck_passes_on_a_running_serve_and_fails_without_it(tmp_path: Path) -> None:
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
    environment.update(
        PYTHONPATH=str(ROOT),
        ILLBOT_HTTP_HOST="127.0.0.1",
        ILLBOT_HTTP_PORT=str(port),
        ILLBOT_DATABASE_URL=f"sqlite:///{tmp_path}/illbot.db",
    )
    serve = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while _healthcheck(port) != 0:
            assert serve.poll() is None, serve.communicate()[1]
            assert time.monotonic() < deadline, "serve never answered /healthz"
            time.sleep(0.5)
    finally:
        serve.send_signal(signal.SIGTERM)  # what `docker stop` sends (STOPSIGNAL)
        serve.communicate(timeout=60)
    assert serve.returncode == 0
    assert _healthcheck(port) != 0  # the container would be marked unhealthy


def test_compose_migrates_once_before_serve_on_postgres() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML not installed: compose.yaml not parsed")
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert services["postgres"]["image"] == "postgres:16"
    volume = services["postgres"]["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    migrate, bot = services["migrate"], services["illbot"]
    assert migrate["command"] == ["illbot", "db", "upgrade"]
    assert bot["command"] == ["illbot", "serve"]
    assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    for service in (migrate, bot):
        assert service["environment"]["ILLBOT_AUTO_MIGRATE"] == "false"
        assert service["environment"]["ILLBOT_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert (DEPLOY / (service["env_file"] + ".example")).exists()
        assert (ROOT / service["build"]["context"].removeprefix("../")).exists()


def test_the_example_settings_are_real_settings() -> None:
    named = set(re.findall(r"\bILLBOT_([A-Z0-9_]+)=", (DEPLOY / "illbot.env.example").read_text()))
    known = {name.upper() for name in Settings.model_fields} | {"AUTO_MIGRATE"}
    assert named - known == set()


def test_systemd_units_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed: units not verified")
    illbot = shutil.which("illbot", path=str(Path(sys.executable).parent))
    if illbot is None:
        pytest.skip("no installed illbot script to stand in for /opt/illbot/venv/bin/illbot")
    units = sorted((DEPLOY / "systemd").iterdir())
    assert {unit.name for unit in units} == {
        "illbot.service",
        "illbot-tick.service",
        "illbot-tick.timer",
    }
    for unit in units:  # verify checks ExecStart exists: point it at this venv's script
        text = unit.read_text().replace("/opt/illbot/venv/bin/illbot", illbot)
        (tmp_path / unit.name).write_text(text)
    service = (tmp_path / "illbot.service").read_text()
    assert "Restart=on-failure" in service
    assert "EnvironmentFile=" in service
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / u.name) for u in units)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # warnings (an unknown key) count too
