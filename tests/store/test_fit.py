"""Odd values behave alike on SQLite and PostgreSQL: NUL removed, free text clipped, ids refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from store.db import make_engine, session_factory
from store.models import IllRequest, RequestEvent

ILLBOT = [sys.executable, "-m", "bot"]
ROOT = Path(__file__).parents[2]


def _illbot(*args: str, url: str, stdin: str = "", cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
    env |= {"PYTHONPATH": str(ROOT), "ILLBOT_DATABASE_URL": url}
    return subprocess.run(
        [*ILLBOT, *args], input=stdin, capture_output=True, text=True, cwd=cwd, env=env,
        timeout=120, check=False,
    )  # fmt: skip


def _events(*events: dict[str, object]) -> str:
    return "".join(json.dumps(e) + "\n" for e in events)


def _message(at: str, sender: str, text: str) -> dict[str, object]:
    return {"type": "message", "at": at, "from": sender, "text": text}


def test_a_long_patron_id_and_odd_text_make_a_request(database_url: str, tmp_path: Path) -> None:
    patron = "p" * 59  # the history actor is "patron:" + id: 66 characters
    title = "The Long\x00 Book " + "very " * 120  # over the 500-character title column
    doi = "10.1000/" + "x" * 250  # over the 200-character DOI column
    run = _illbot(
        "sim",
        "--db",
        database_url,
        url=database_url,
        cwd=tmp_path,
        stdin=_events(
            {"type": "patron", "id": patron, "library": "johnjay", "category": "faculty"},
            {
                "type": "message",
                "at": "2026-10-01T10:00",
                "from": patron,
                "text": f"Please get me {title} by Ann Author",
            },
            # A title that long is shown back before it is recorded (issue 12: confirm first).
            {"type": "message", "at": "2026-10-01T10:01", "from": patron, "text": "yes"},
            {
                "type": "message",
                "at": "2026-10-01T10:05",
                "from": patron,
                "text": f"please get the article doi:{doi}",
            },
        ),
    )
    assert run.returncode == 0, run.stderr
    outputs = [json.loads(line) for line in run.stdout.splitlines()]
    replies = [o for o in outputs if o["kind"] == "reply"]
    assert [r["outcome"] for r in replies] == ["needs_info", "accepted", "accepted"], outputs
    posts = [o["request"] for o in outputs if o["kind"] == "staff_post"]
    assert posts == ["ILL-1", "ILL-2"], outputs  # both reach the staff queue too
    engine = make_engine(database_url)
    with session_factory(engine)() as session:
        requests = session.scalars(select(IllRequest).order_by(IllRequest.id)).all()
        actors = set(session.scalars(select(RequestEvent.actor)))
    engine.dispose()
    book, article = requests
    assert book.title is not None and "\x00" not in book.title
    assert book.title.startswith("The Long Book very") and len(book.title) <= 500
    assert article.doi is not None and article.doi.startswith("10.1000/xxx")
    assert len(article.doi) <= 200
    assert any(patron in actor for actor in actors)


def test_an_over_long_id_in_a_directory_csv_is_refused_naming_its_line(
    database_url: str, tmp_path: Path
) -> None:
    csv = tmp_path / "patrons.csv"
    csv.write_text(
        "id,library,category,email\n"
        "a1,johnjay,faculty,a1@jjay.example\n"
        f"{'b' * 65},johnjay,faculty,b@jjay.example\n"
    )
    result = _illbot("patrons", "import", str(csv), url=database_url, cwd=tmp_path)
    assert result.returncode == 2
    assert "line 3" in result.stderr and "id is longer than the 64 characters" in result.stderr
    assert "Traceback" not in result.stderr
    long_name = tmp_path / "names.csv"
    long_name.write_text(f"id,library,category,name\nc1,johnjay,faculty,{'N' * 300}\x00\n")
    ok = _illbot("patrons", "import", str(long_name), url=database_url, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
