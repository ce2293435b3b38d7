"""`illbot requests list` and `illbot requests show`, run as staff run them: real processes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.requests_command import COLUMNS
from tests.bot.test_cli import illbot, lines

SCAN = "Could I get a scan of chapter 3 of The Culture of Control by Garland? Need it by Oct 20"
EVENTS: list[dict[str, Any]] = [
    {
        "type": "patron",
        "id": "p1",
        "library": "johnjay",
        "category": "faculty",
        "email": "ann@jjay.example",
        "name": "Ann Smith",
    },
    {
        "type": "patron",
        "id": "p2",
        "library": "bellevue",
        "category": "undergraduate",
        "email": "bo@bellevue.example",
        "name": "Bo Lee",
    },
    {"type": "message", "at": "2026-09-01T10:00", "from": "p1", "text": SCAN},  # ILL-1
    {
        "type": "message",
        "at": "2026-09-01T10:05",
        "from": "p1",
        "text": "=1+1 please get me ISBN 9780134477824",  # ILL-2, no need-by
    },
    {
        "type": "message",
        "at": "2026-09-01T10:10",
        "from": "p2",
        "text": "Please get me ISBN 9780262033848, needed by Oct 1",  # ILL-3
    },
    {
        "type": "message",
        "at": "2026-09-01T10:15",
        "from": "p1",
        "text": "get me ISBN 9780131103627 by Dec 1",  # ILL-4, unfilled below
    },
    {
        "type": "staff",
        "at": "2026-09-02T09:00",
        "action": "sent",
        "request": "ILL-1",
        "lender": "NYPL",
    },
    {
        "type": "staff",
        "at": "2026-09-02T09:05",
        "action": "unfilled",
        "request": "ILL-4",
        "reason": "no lender",
    },
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """One store with four requests, made through `illbot sim`, shared by these tests."""
    where = tmp_path_factory.mktemp("requests")
    url = f"sqlite:///{where}/illbot.db"
    made = illbot("sim", "-", "--db", url, stdin=lines(*EVENTS), cwd=where)
    assert made.returncode == 0, made.stderr
    yield where, {"ILLBOT_DATABASE_URL": url}


def run(store: tuple[Path, dict[str, str]], *args: str) -> Any:
    where, env = store
    return illbot("requests", *args, cwd=where, env=env)


def test_list_shows_open_requests_soonest_need_by_first(
    store: tuple[Path, dict[str, str]],
) -> None:
    result = run(store, "list")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0].split() == [
        "ref",
        "status",
        "library",
        "need_by",
        "requested_on",
        "patron",
        "material",
        "title",
    ]
    refs = [line.split()[0] for line in out[1:-1]]
    assert refs == ["ILL-3", "ILL-1", "ILL-2"]  # Oct 1, Oct 20, none; ILL-4 is finished
    assert out[-1] == "3 requests"
    assert "Ann Smith (p1)" in result.stdout
    assert "ch. 3 of The Culture of Control" in result.stdout


def test_list_filters_by_status_and_library(store: tuple[Path, dict[str, str]]) -> None:
    every = run(store, "list", "--status", "all")
    assert [line.split()[0] for line in every.stdout.splitlines()[1:-1]] == [
        "ILL-3",
        "ILL-1",
        "ILL-4",
        "ILL-2",
    ]
    unfilled = run(store, "list", "--status", "unfilled")
    assert [line.split()[0] for line in unfilled.stdout.splitlines()[1:-1]] == ["ILL-4"]
    several = run(store, "list", "--status", "sent,submitted", "--library", "johnjay")
    assert [line.split()[0] for line in several.stdout.splitlines()[1:-1]] == ["ILL-1", "ILL-2"]


def test_csv_has_the_documented_columns_and_the_whole_record(
    store: tuple[Path, dict[str, str]],
) -> None:
    result = run(store, "list", "--format", "csv", "--status", "all")
    assert result.returncode == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = {row["ref"]: row for row in reader}
    assert list(rows) == ["ILL-3", "ILL-1", "ILL-4", "ILL-2"]
    scan = rows["ILL-1"]
    assert scan["status"] == "sent"
    assert scan["lender"] == "NYPL"
    assert (scan["material"], scan["format"], scan["chapter"]) == ("chapter", "scan", "3")
    assert scan["book"] == scan["title"] == "The Culture of Control"
    assert (scan["patron_name"], scan["patron_email"]) == ("Ann Smith", "ann@jjay.example")
    assert (scan["requested_on"], scan["need_by"], scan["fee"]) == (
        "2026-09-01",
        "2026-10-20",
        "0.00",
    )
    assert scan["patron_words"] == SCAN
    assert rows["ILL-4"]["notes"] == "no lender"
    # A spreadsheet must not run what a patron typed as a formula.
    assert rows["ILL-2"]["patron_words"].startswith("'=1+1")
    assert rows["ILL-2"]["isbn"] == "9780134477824"


def test_json_carries_the_same_fields(store: tuple[Path, dict[str, str]]) -> None:
    result = run(store, "list", "--format", "json", "--library", "bellevue")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["ref"] for r in rows] == ["ILL-3"]
    assert tuple(rows[0]) == COLUMNS
    assert rows[0]["patron_name"] == "Bo Lee"
    assert rows[0]["need_by"] == "2026-10-01"


def test_show_prints_one_field_per_line_and_the_history(
    store: tuple[Path, dict[str, str]],
) -> None:
    result = run(store, "show", "ill-1")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    fields = dict(line.split(":", 1) for line in out[: len(COLUMNS)])
    assert list(fields) == list(COLUMNS)
    assert fields["chapter"].strip() == "3"
    assert fields["patron_email"].strip() == "ann@jjay.example"
    assert out[len(COLUMNS)] == "history:"
    history = out[len(COLUMNS) + 1 :]
    assert len(history) == 2
    assert "requested: submitted by patron:p1" in history[0]
    assert history[0].strip().startswith("2026-09-01T10:00-04:00")
    assert "sent" in history[1] and "submitted → sent" in history[1]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("list", "--status", "lost-in-space"), "unknown status 'lost-in-space'"),
        (("list", "--status", "open,bogus"), "unknown status 'bogus'"),
        (("list", "--library", "atlantis"), "unknown library 'atlantis'"),
        (("list", "--format", "xml"), "unknown format 'xml'"),
        (("show", "ILL-x"), "request must look like ILL-7, not 'ILL-x'"),
        (("show", "7"), "request must look like ILL-7, not '7'"),
        (("show", "ILL-99"), "no request ILL-99"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(
    store: tuple[Path, dict[str, str]], args: tuple[str, ...], says: str
) -> None:
    result = run(store, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"illbot: {says}")
