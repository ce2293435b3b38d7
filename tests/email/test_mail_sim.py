"""`illbot sim` reads whole mails (`raw`) exactly as mail from IMAP is read (SIM.md)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from bot.runtime import open_runtime
from bot.settings import load_settings
from bot.sim import Simulator

PATRON = {
    "type": "patron",
    "id": "ann",
    "library": "bellevue",
    "category": "undergraduate",
    "email": "ann@patron.example",
}


def raw(sender: str, body: str, *extra: str, message_id: str = "") -> str:
    """Return a whole mail as IMAP hands it over."""
    headers = [f"From: {sender}", "To: ill@lib.example", "Subject: Interlibrary loan"]
    headers += [f"Message-ID: <{message_id}@patron.example>"] if message_id else []
    headers += ["Content-Type: text/plain; charset=utf-8", *extra]
    return "\n".join(headers) + "\n\n" + body


def run(tmp_path: Path, *events: dict[str, Any]) -> list[dict[str, Any]]:
    """Run events through the simulator and return its outputs."""
    runtime = open_runtime(load_settings(), f"sqlite:///{tmp_path}/sim.db")
    out = io.StringIO()
    lines = [json.dumps(event) for event in (PATRON, *events)]
    Simulator(runtime).run(lines, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_sim_hears_only_the_patron_words_of_a_raw_mail(tmp_path: Path) -> None:
    """Signature and quoted text are gone from what the bot reports it heard."""
    body = (
        "Please get me ISBN 9780134477824, needed by Oct 30, 2030\n\n-- \nAnn Lee\nPhone 555-0100\n"
        "\nOn Mon, Aug 31, 2026 at 9:00 AM Bob <bob@x.example> wrote:\n> cancel ILL-1\n"
    )
    event = {"type": "message", "at": "2026-09-01T10:00", "raw": raw("ann@patron.example", body)}
    reply, post = run(tmp_path, event)
    assert reply["heard"] == "Please get me ISBN 9780134477824, needed by Oct 30, 2030"
    assert reply["request"] == "ILL-1" and reply["channel"] == "email"
    assert (post["kind"], post["to"], post["request"]) == ("staff_post", "staff", "ILL-1")
    assert "Please get me ISBN 9780134477824, needed by Oct 30, 2030" in post["text"]
    assert "Ann Lee" not in post["text"] and "cancel ILL-1" not in post["text"]


def test_sim_answers_no_machine_and_reports_a_bounce_to_staff(tmp_path: Path) -> None:
    """An out-of-office gets nothing; a bounce of our notice becomes a staff escalation."""
    request = "get me ISBN 9780134477824, needed by Oct 30, 2030"
    away = raw("ann@patron.example", "I am away.", "Auto-Submitted: auto-replied")
    bounce = (
        "From: MAILER-DAEMON@mx.patron.example\nSubject: Undelivered Mail Returned to Sender\n"
        "Content-Type: text/plain\n\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 user unknown\n"
    )
    outputs = run(
        tmp_path,
        {"type": "message", "at": "2026-09-01T10:00", "raw": raw("ann@patron.example", request)},
        {"type": "staff", "at": "2026-09-02T10:00", "action": "sent", "request": "ILL-1"},
        {"type": "message", "at": "2026-09-02T11:00", "reply_to": "ILL-1/sent", "raw": away},
        {"type": "message", "at": "2026-09-02T11:05", "reply_to": "ILL-1/sent", "raw": bounce},
    )
    kinds = [(o["kind"], o["to"]) for o in outputs]
    # Each to the patron is followed in the request's staff thread; the away mail gets nothing.
    assert kinds == [
        ("reply", "ann"),
        ("staff_post", "staff"),
        ("notice", "ann"),
        ("staff_post", "staff"),
        ("escalation", "staff"),
    ]
    assert "ILL-1" in outputs[-1]["text"] and "550 user unknown" in outputs[-1]["text"]


def test_sim_reply_to_a_notice_acts_on_its_request_but_not_for_a_spoofer(tmp_path: Path) -> None:
    """Ann's "yes" to cancel acts on ILL-1; Bob using Ann's reply address has no such power."""
    ann = "ann@patron.example"
    outputs = run(
        tmp_path,
        {
            "type": "patron",
            "id": "bob",
            "library": "bellevue",
            "category": "undergraduate",
            "email": "bob@patron.example",
        },
        {
            "type": "message",
            "at": "2026-09-01T10:00",
            "raw": raw(ann, "get me ISBN 9780134477824, needed by Oct 30, 2030", message_id="a1"),
        },
        {
            "type": "message",
            "at": "2026-09-01T10:05",
            "reply_to": "o1",
            "raw": raw("bob@patron.example", "cancel it", message_id="b1"),
        },
        {
            "type": "message",
            "at": "2026-09-01T10:10",
            "reply_to": "o1",
            "raw": raw(ann, "cancel it\n\n> Your request ILL-1 was sent.", message_id="a2"),
        },
    )
    # Bob's spoof reaches neither ILL-1 nor its staff thread; Ann's cancel reaches both.
    assert [(o["kind"], o["to"]) for o in outputs] == [
        ("reply", "ann"),
        ("staff_post", "staff"),
        ("reply", "bob"),
        ("reply", "ann"),
        ("staff_post", "staff"),
    ]
    bob, ann_answer = outputs[2], outputs[3]
    assert bob["to"] == "bob" and bob.get("request") != "ILL-1"
    assert ann_answer["to"] == "ann" and ann_answer["intent"] == "cancel"
    assert ann_answer["request"] == "ILL-1" and ann_answer["heard"] == "cancel it"


def test_sim_answers_mails_in_charsets_no_decoder_takes(tmp_path: Path) -> None:
    """`undefined`, `punycode`, a NUL in a charset name, a 2 MB Subject: each is answered."""
    mails = [
        raw("ann@patron.example", "where is ILL-1?", message_id=f"c{n}").replace(
            "charset=utf-8", f"charset={charset}"
        )
        for n, charset in enumerate(["undefined", "punycode", "utf\x008", "x-klingon"])
    ]
    mails.append(
        raw("ann@patron.example", "where is ILL-1?", message_id="big").replace(
            "Subject: Interlibrary loan", "Subject: " + "=?undefined?q?abc?= " * 110_000
        )
    )
    nul = "From: ann@patron.example\nMessage-ID: =?utf-8?q?<n=00ul@patron.example>?=\n"
    mails.append(nul + "Content-Transfer-Encoding: quoted-printable\n\nwhere is ILL-1?=00\n")
    events = [
        {"type": "message", "at": f"2026-09-01T10:{n:02d}", "raw": mail}
        for n, mail in enumerate(mails)
    ]
    outputs = run(tmp_path, *events)
    assert [o["to"] for o in outputs] == ["ann"] * len(mails)
    assert all(o["heard"] == "where is ILL-1?" for o in outputs)


def test_illbot_sim_exits_0_on_a_mail_in_charset_undefined(tmp_path: Path) -> None:
    """The command itself, as the issue ran it: it used to stop with exit code 2."""
    import subprocess
    import sys

    mail = raw("ann@patron.example", "where is ILL-1?").replace("utf-8", "undefined")
    lines = [PATRON, {"type": "message", "at": "2026-09-01T10:00", "raw": mail}]
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sim", str(events)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [answer] = [json.loads(line) for line in done.stdout.splitlines()]
    assert answer["to"] == "ann" and answer["heard"] == "where is ILL-1?"
