"""A made-up library for the after-loan kinds no seed library uses, and a sim to drive it.

`riverton(tmp_path, url, rules)` opens a store with the shipped profiles plus Riverton, whose
profile is BASE followed by the rules given (TOML `[[rules]]` tables). `Sim` runs events one
step at a time and shows what each sent as short strings, so a test reads like a day at the
desk: `sim.staff("returned", 1, at="2026-10-23T09:00") == ["u/fine_charged"]`.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.sim import Simulator

BASE = """
id = "riverton"
name = "Riverton Community College Library"
timezone = "America/Denver"
retention_days = 800

[contact]
register = "Ask at the front desk."
desk = "the front desk"
office = "the ILL office"

[categories.faculty]
words = "faculty member"
[categories.undergraduate]
words = "student"
academic_records = true
billed_through = "through your student account"
[categories.community]
words = "community user"

[[rules]]
id = "riverton.eligibility.category"
check = "eligibility.category"
allow = ["faculty", "undergraduate", "community"]
summary = "Faculty, students and community users may use ILL."
"""
ISBNS = (
    "9780134477824", "9780262033848", "9780131103627", "9780201633610", "9780596007126",
    "9781491946008",
)  # fmt: skip


def riverton(tmp_path: Path, database_url: str, rules: str, *, extra: str = "") -> Runtime:
    """Open a store whose libraries are the shipped ones and Riverton with these rules."""
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    (folder / "riverton.toml").write_text(BASE + rules + extra, encoding="utf-8")
    settings = load_settings().model_copy(update={"profiles_dir": folder, "library": "riverton"})
    return open_runtime(settings, database_url)


class Sim:
    """Drive `illbot sim` one event at a time; each call returns what it sent, briefly."""

    def __init__(self, runtime: Runtime) -> None:
        self.simulator = Simulator(runtime)
        self.lines: list[dict[str, Any]] = []  # every output so far, in full

    def run(self, event: dict[str, Any]) -> list[str]:
        """Run one event; return `to/notice` (or `to/outcome`) per output, staff posts left out."""
        out = io.StringIO()
        self.simulator.run([json.dumps(event)], out, last=False)
        sent = [json.loads(line) for line in out.getvalue().splitlines()]
        sent = [s for s in sent if s.get("kind") != "staff_post"]
        self.lines += sent
        return [f"{s['to']}/{s.get('notice') or s.get('outcome') or s['kind']}" for s in sent]

    def last(self) -> dict[str, Any]:
        """Return the latest output in full."""
        return self.lines[-1]

    def patron(self, patron_id: str, category: str) -> None:
        """Put a Riverton patron in the directory."""
        self.run(
            {
                "type": "patron",
                "id": patron_id,
                "library": "riverton",
                "category": category,
                "email": f"{patron_id}@riverton.example",
            }
        )

    def request(self, patron_id: str, n: int, at: str) -> list[str]:
        """The patron asks for the n-th test book (ISBNS, from 1)."""
        return self.run(
            {"type": "message", "at": at, "from": patron_id, "text": f"get ISBN {ISBNS[n - 1]}"}
        )

    def staff(self, action: str, n: int, at: str, **fields: Any) -> list[str]:
        """Staff record an action on ILL-n."""
        return self.run(
            {"type": "staff", "at": at, "action": action, "request": f"ILL-{n}", **fields}
        )

    def tick(self, at: str) -> list[str]:
        """The scheduler runs."""
        return self.run({"type": "tick", "at": at})

    def loan(self, patron_id: str, n: int, due: str, *, asked: str = "2026-10-01T09:00") -> None:
        """The patron asks for the n-th book; it arrives due on `due` and is checked out."""
        self.request(patron_id, n, asked)
        self.staff("arrived", n, "2026-10-02T09:00", due=due, force=True)
        self.staff("checked_out", n, "2026-10-03T09:00")
