"""The `illbot` command as operators use it: real processes, real files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ILLBOT = [sys.executable, "-m", "bot"]
EXAMPLE = [
    {
        "type": "patron",
        "id": "p1",
        "library": "bellevue",
        "category": "undergraduate",
        "email": "ann@bellevue.example",
    },
    {
        "type": "message",
        "at": "2026-09-01T10:00",
        "from": "p1",
        "text": "Please get me ISBN 9780134477824, needed by Oct 1",
    },
]


def illbot(
    *args: str, stdin: str = "", cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
    environment["PYTHONPATH"] = str(Path(__file__).parents[2])
    environment.update(env or {})
    return subprocess.run(
        [*ILLBOT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=60,
        check=False,
    )


def lines(*events: Mapping[str, object]) -> str:
    return "".join(json.dumps(e) + "\n" for e in events)


def test_sim_prints_the_example_reply_with_every_field(tmp_path: Path) -> None:
    result = illbot("sim", "-", stdin=lines(*EXAMPLE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout.splitlines()[0])
    assert {
        "id",
        "at",
        "kind",
        "to",
        "channel",
        "intent",
        "outcome",
        "request",
        "status",
        "rules",
        "fee",
        "entities",
        "heard",
        "text",
    } <= set(reply)
    assert reply["request"] == "ILL-1"


def test_sim_stops_at_a_bad_line_naming_it_and_keeps_earlier_output(tmp_path: Path) -> None:
    result = illbot("sim", "-", stdin=lines(*EXAMPLE) + "{not json\n", cwd=tmp_path)
    assert result.returncode == 2
    assert "line 3" in result.stderr
    # The first message's outputs, printed before the bad line: the reply and its staff post.
    kinds = [json.loads(line)["kind"] for line in result.stdout.splitlines()]
    assert kinds == ["reply", "staff_post"]


def test_sim_refuses_an_unknown_event_type(tmp_path: Path) -> None:
    result = illbot(
        "sim", "-", stdin=lines({"type": "party", "at": "2026-01-01T00:00"}), cwd=tmp_path
    )
    assert result.returncode == 2
    assert "line 1" in result.stderr and "party" in result.stderr


def test_sim_keeps_its_store_when_given_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/kept.db"
    assert illbot("sim", "-", "--db", url, stdin=lines(*EXAMPLE), cwd=tmp_path).returncode == 0
    again = illbot("sim", "-", "--db", url, stdin=lines(EXAMPLE[1]), cwd=tmp_path)
    reply = json.loads(again.stdout)
    assert reply["outcome"] == "refused"
    assert reply["rules"] == ["common.request.duplicate"]


def test_patrons_import_is_all_or_nothing(tmp_path: Path) -> None:
    env = {"ILLBOT_DATABASE_URL": f"sqlite:///{tmp_path}/ill.db"}
    bad = tmp_path / "patrons.csv"
    bad.write_text(
        "id,library,category,email\n"
        "a1,johnjay,faculty,a1@jjay.example\n"
        "a2,johnjay,wizard,a2@jjay.example\n"
    )
    result = illbot("patrons", "import", str(bad), cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "line 3" in result.stderr and "wizard" in result.stderr
    bad.write_text("id,library,category,email\na1,johnjay,faculty,a1@jjay.example\n")
    good = illbot("patrons", "import", str(bad), cwd=tmp_path, env=env)
    assert good.returncode == 0, good.stderr
    assert "imported 1 patrons" in good.stdout


def test_holdings_import_names_the_bad_column(tmp_path: Path) -> None:
    env = {"ILLBOT_DATABASE_URL": f"sqlite:///{tmp_path}/ill.db"}
    csv = tmp_path / "holdings.csv"
    csv.write_text("library,title,shelf\njohnjay,Some Book,A1\n")
    result = illbot("holdings", "import", str(csv), cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "shelf" in result.stderr


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"ILLBOT_LIBRARY": "atlantis"}, "ILLBOT_LIBRARY"),
        ({"ILLBOT_HTTP_PORT": "eighty"}, "ILLBOT_HTTP_PORT"),
        ({"ILLBOT_DATABASE_URL": "not a url"}, "ILLBOT_DATABASE_URL"),
    ],
)
def test_a_wrong_setting_stops_startup_naming_it(
    tmp_path: Path, env: dict[str, str], named: str
) -> None:
    result = illbot("db", "upgrade", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert named in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_upgrade_creates_the_store(tmp_path: Path) -> None:
    result = illbot(
        "db", "upgrade", cwd=tmp_path, env={"ILLBOT_DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.db").exists()


def test_policy_show_prints_every_rule_with_its_id(tmp_path: Path) -> None:
    result = illbot("policy", "show", "sjpl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "St. Joseph Public Library" in result.stdout
    for rule_id in ("sjpl.eligibility.standing", "sjpl.fee.max_cost", "common.cancel.finished"):
        assert rule_id in result.stdout


def test_staff_may_skip_ahead_but_not_go_back(tmp_path: Path) -> None:
    env = {"ILLBOT_DATABASE_URL": f"sqlite:///{tmp_path}/s.db"}
    assert (
        illbot(
            "sim", "-", "--db", env["ILLBOT_DATABASE_URL"], stdin=lines(*EXAMPLE), cwd=tmp_path
        ).returncode
        == 0
    )
    ok = illbot("staff", "arrived", "ILL-1", "--due", "2026-10-01", cwd=tmp_path, env=env)
    assert ok.returncode == 0, ok.stderr
    assert "arrived notice" in ok.stdout
    back = illbot("staff", "sent", "ILL-1", "--lender", "UNO", cwd=tmp_path, env=env)
    assert back.returncode == 2
    assert "ILL-1 is already ready" in back.stderr


def test_the_same_staff_command_twice_sends_one_notice(tmp_path: Path) -> None:
    env = {"ILLBOT_DATABASE_URL": f"sqlite:///{tmp_path}/s.db"}
    sim = illbot(
        "sim", "-", "--db", env["ILLBOT_DATABASE_URL"], stdin=lines(*EXAMPLE), cwd=tmp_path
    )
    assert sim.returncode == 0, sim.stderr
    first = illbot("staff", "fee", "ILL-1", "--amount", "5", cwd=tmp_path, env=env)
    again = illbot("staff", "fee", "ILL-1", "--amount", "5", cwd=tmp_path, env=env)
    assert first.returncode == again.returncode == 0, again.stderr
    assert "queued" in first.stdout, first.stdout
    assert "'fee' was recorded on ILL-1" in again.stdout and "queued" not in again.stdout


def test_help_is_plain_text_naming_every_command(tmp_path: Path) -> None:
    result = illbot("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for command in ("sim", "chat", "staff", "serve", "tick", "patrons", "db", "outbox"):
        assert f"\n  {command} " in result.stdout
    assert "╭" not in result.stdout and "\x1b[" not in result.stdout  # no boxes, no colour


def test_the_shipped_top_level_help_is_what_the_commands_say() -> None:
    # `illbot --help` is answered from bot/cli_help.txt without loading typer: it must never
    # fall behind a command added or reworded.
    from bot.commands import help_text

    shipped = (Path(__file__).parents[2] / "bot" / "cli_help.txt").read_text(encoding="utf-8")
    assert shipped == help_text(), (
        "run: python -c 'from bot.commands import write_help; write_help()'"
    )


def test_help_of_a_command_still_comes_from_the_commands(tmp_path: Path) -> None:
    result = illbot("sim", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Replay events through the bot" in result.stdout
    assert "--db" in result.stdout
