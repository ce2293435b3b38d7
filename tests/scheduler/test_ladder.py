"""Overdue ladders: steps timed from the due date or the previous step, several of one notice
type, two on one day, staff tasks, bill minimums, academic holds only where records exist."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from handlers.library import Library
from handlers.scheduler import run_tick
from store.db import transaction
from store.models import Charge, Patron
from tests.support.after_loan import Sim, riverton

LADDER = """
[[rules]]
id = "riverton.overdue.reminder"
check = "schedule.overdue"
days = 1
notice = "overdue"
summary = "The day after the due date: a reminder."

[[rules]]
id = "riverton.overdue.second"
check = "schedule.overdue"
days = 7
after = "previous"
notice = "overdue"
summary = "A week after the first reminder: a second one."

[[rules]]
id = "riverton.overdue.phone"
check = "schedule.overdue"
days = 8
notice = "final_warning"
action = "staff_task"
task = "Phone the patron"
summary = "Eight days late: a final warning, and staff phone."

[[rules]]
id = "riverton.overdue.hold"
check = "schedule.overdue"
days = 8
notice = "academic_hold"
action = "academic_hold"
summary = "Eight days late: a hold on a student's records."

[[rules]]
id = "riverton.overdue.bill"
check = "schedule.overdue"
days = 20
after = "previous"
notice = "billed"
action = "bill"
min_cents = 2500
summary = "Twenty days after that: a bill of at least $25."

[texts]
"notices/final_warning" = "Final warning: {{ name }} was due on {{ due }}. Staff will call you."
"""
DUE = "2026-10-20"  # a Tuesday; the steps fall on Oct 21, Oct 28 (three of them) and Nov 17


@pytest.fixture
def ladder(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    runtime = riverton(tmp_path, database_url, LADDER)
    yield runtime
    runtime.engine.dispose()


def _student_loan(runtime: Runtime) -> Sim:
    sim = Sim(runtime)
    sim.patron("u", "undergraduate")
    sim.loan("u", 1, DUE)
    return sim


def test_each_step_is_sent_on_its_day_not_the_day_before_nor_again_after(
    ladder: Runtime,
) -> None:
    sim = _student_loan(ladder)
    assert sim.tick("2026-10-20T09:00") == ["u/due_soon"]  # due today: not overdue yet
    assert sim.tick("2026-10-21T09:00") == ["u/overdue"]
    assert sim.last()["rules"] == ["riverton.overdue.reminder"]
    assert sim.tick("2026-10-22T09:00") == []
    assert sim.tick("2026-10-27T09:00") == []  # the day before the second reminder
    # Seven days after the first step: the second reminder of the same type is sent too, with
    # the final warning, the academic hold and the staff task reached the same day.
    assert sim.tick("2026-10-28T09:00") == [
        "u/overdue",
        "u/final_warning",
        "u/academic_hold",
        "staff/escalation",
    ]
    assert [line.get("rules") for line in sim.lines[-4:]] == [
        ["riverton.overdue.second"],
        ["riverton.overdue.phone"],
        ["riverton.overdue.hold"],
        ["riverton.overdue.phone"],
    ]
    assert "Staff will call you" in sim.lines[-3]["text"]  # the library's own notice type
    assert sim.tick("2026-10-28T17:00") == []  # a repeated pass the same day
    assert sim.tick("2026-10-29T09:00") == []
    assert sim.tick("2026-11-16T09:00") == []  # the day before the bill (Oct 28 + 20 days)
    assert sim.tick("2026-11-17T09:00") == ["u/billed"]
    assert sim.tick("2026-11-18T09:00") == []


def test_the_staff_task_is_work_for_staff_with_the_patrons_contact(ladder: Runtime) -> None:
    sim = _student_loan(ladder)
    sim.tick("2026-10-28T09:00")
    task = next(line for line in sim.lines if line["kind"] == "escalation")
    assert task["to"] == "staff" and task["request"] == "ILL-1"
    assert "Phone the patron" in task["text"] and "u@riverton.example" in task["text"]
    assert "8 days overdue" in task["text"]


def test_a_bill_charges_its_minimum_through_the_categorys_account(ladder: Runtime) -> None:
    sim = _student_loan(ladder)
    sim.tick("2026-11-16T09:00")
    assert sim.tick("2026-11-17T09:00") == ["u/billed"]
    assert "through your student account" in sim.last()["text"]
    with ladder.sessions() as session:
        charges = session.scalars(select(Charge)).all()
        assert [(c.kind, c.cents, c.rule_id) for c in charges] == [
            ("bill", 2500, "riverton.overdue.bill")
        ]


def test_a_missed_pass_applies_every_step_but_tells_only_the_latest_days(
    ladder: Runtime,
) -> None:
    """A scheduler down since before the due date: no flood of old reminders, nothing lost.

    The staff task of a step passed is still posted: it is work, not a reminder.
    """
    sim = _student_loan(ladder)
    assert sim.tick("2026-11-20T09:00") == ["u/billed", "staff/escalation"]
    with ladder.sessions() as session:
        student = session.get(Patron, "u")
        assert student is not None and student.academic_hold  # applied though not told
        assert [c.kind for c in session.scalars(select(Charge))] == ["bill"]
    assert sim.tick("2026-11-21T09:00") == []


def test_academic_holds_only_for_categories_with_academic_records(ladder: Runtime) -> None:
    """A community user and a faculty member have no grades to hold: no notice, no hold."""
    sim = Sim(ladder)
    sim.patron("c", "community")
    sim.patron("f", "faculty")
    sim.loan("c", 1, DUE)
    sim.loan("f", 2, DUE)
    sent = sim.tick("2026-10-28T09:00")
    assert "c/academic_hold" not in sent and "f/academic_hold" not in sent
    assert sent.count("staff/escalation") == 2
    with ladder.sessions() as session:
        assert not any(p.academic_hold for p in session.scalars(select(Patron)))


def test_a_bill_for_a_category_without_an_account_is_an_invoice(ladder: Runtime) -> None:
    sim = Sim(ladder)
    sim.patron("c", "community")
    sim.loan("c", 1, DUE)
    sim.tick("2026-11-16T09:00")
    assert sim.tick("2026-11-17T09:00") == ["c/billed"]
    assert "by an invoice from the library" in sim.last()["text"]


def test_a_returned_loan_climbs_no_further(ladder: Runtime) -> None:
    sim = _student_loan(ladder)
    sim.tick("2026-10-21T09:00")
    sim.staff("returned", 1, "2026-10-22T09:00")
    assert sim.tick("2026-10-28T09:00") == []


def test_a_notice_type_with_no_text_sets_one_request_aside_and_staff_are_told_once(
    ladder: Runtime,
) -> None:
    """Validation refuses such a profile; if one ever runs, the pass goes on without crashing."""
    profile = ladder.library.profiles["riverton"]
    broken = Library(
        {**ladder.library.profiles, "riverton": replace(profile, texts={})}, "riverton"
    )
    sim = Sim(Runtime(ladder.engine, ladder.sessions, broken))
    sim.patron("u", "undergraduate")
    sim.loan("u", 1, DUE)
    sim.loan("u", 2, "2026-10-30")
    sim.tick("2026-10-21T09:00")  # the first reminder, before anything is wrong
    assert sim.tick("2026-10-28T09:00") == ["staff/escalation", "u/due_soon"]
    report = sim.lines[-2]
    assert report["request"] == "ILL-1" and "notices/final_warning" in report["text"]
    assert sim.tick("2026-10-29T09:00") == []  # tried again, not reported again
    fixed = Sim(ladder)  # the profile mended: what was owed goes out, once
    assert fixed.tick("2026-10-29T10:00") == [
        "u/overdue",
        "u/final_warning",
        "u/academic_hold",
        "staff/escalation",
    ]
    assert fixed.tick("2026-10-29T11:00") == []


@pytest.mark.postgres
def test_two_workers_on_a_ladder_day_send_each_step_once(tmp_path: Path, postgres_cluster) -> None:
    """Two passes racing on PostgreSQL, on the day two steps of one notice type meet others."""
    url = postgres_cluster.create_database(f"t_{uuid.uuid4().hex[:12]}")
    runtime = riverton(tmp_path, url, LADDER)
    try:
        sim = Sim(runtime)
        sim.patron("u", "undergraduate")
        for n in (1, 2, 3):
            sim.loan("u", n, DUE)
        sim.tick("2026-10-21T09:00")
        barrier = threading.Barrier(2)
        sent: list[list[str]] = []

        def worker() -> None:
            barrier.wait()
            with transaction(runtime.sessions) as session:
                at = datetime.fromisoformat("2026-10-28T09:00-06:00")
                rows = run_tick(session, at, runtime.library)
                sent.append(
                    [
                        f"{r.meta['request']}/{r.meta['notice'] or r.kind}"
                        for r in rows
                        if r.kind != "staff_post"
                    ]
                )

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        each = ["overdue", "final_warning", "academic_hold", "escalation"]
        assert sorted(sent[0] + sent[1]) == sorted(f"ILL-{n}/{s}" for n in (1, 2, 3) for s in each)
    finally:
        runtime.engine.dispose()
