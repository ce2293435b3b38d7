"""Run conversation scenarios written in the `illbot sim` format.

A scenario file is JSON Lines: sim events, and after each event one `{"expect": {...}}` line per
output the bot must send, in order. An expect matches when every field it names is equal
(`rules` as a list, in any order); `"says"` lists words the text must contain, and `"covers"`
names informational rules whose words `says` checks (they shape a text without deciding it).
An output no expect line accounts for fails the scenario, so scenarios say everything it did.
Lines starting with `#` are comments.

Staff queue posts (`kind` `staff_post`, to `staff`: every accepted request and its thread) are
left out unless the scenario expects one somewhere (an expect line with `"kind": "staff_post"`);
then every one of them must be accounted for like any other output.

Every scenario also holds the bot to its dates contract: a text to a patron shows no ISO date
(dates are words, "Thursday, December 3") unless the patron typed it; staff texts keep ISO.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.sim import Simulator

STAFF_POST = "staff_post"
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def is_staff_post(output: dict[str, Any]) -> bool:
    """Tell whether a sim output is a staff queue post (a request's post or its thread)."""
    return output.get("kind") == STAFF_POST and output.get("to") == "staff"


@dataclass
class Step:
    """One event and the outputs it must produce."""

    line: int
    event: dict[str, Any]
    expects: list[dict[str, Any]] = field(default_factory=list)


def parse(path: Path) -> list[Step]:
    """Read a scenario file into steps."""
    steps: list[Step] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        data = json.loads(raw)
        if "expect" in data:
            assert steps, f"{path.name}:{number}: expect before any event"
            steps[-1].expects.append(data["expect"])
        else:
            steps.append(Step(number, data))
    return steps


def mismatch(expect: dict[str, Any], output: dict[str, Any]) -> str | None:
    """Say how an output differs from what was expected, or None when it matches."""
    for key, want in expect.items():
        if key == "covers":
            continue
        if key == "says":
            text = output.get("text", "").lower()
            missing = [w for w in want if w.lower() not in text]
            if missing:
                return f"text lacks {missing}: {output.get('text')!r}"
            continue
        got = output.get(key)
        if key == "rules":
            if sorted(got or []) != sorted(want):
                return f"rules {got} != {want}"
        elif key == "entities":
            for name, value in want.items():
                if (got or {}).get(name) != value:
                    return f"entities.{name} {(got or {}).get(name)!r} != {value!r}"
        elif got != want:
            return f"{key} {got!r} != {want!r}"
    return None


def iso_dates_shown(output: dict[str, Any], typed: str) -> list[str]:
    """Return the ISO dates a patron's text shows that the patron never typed."""
    if output.get("to") == "staff":
        return []  # staff read ISO, the dates they type back in commands
    return [d for d in ISO_DAY.findall(str(output.get("text", ""))) if d not in typed]


def run_scenario(path: Path, database_url: str = "sqlite://") -> None:
    """Run a scenario; raise AssertionError naming the first step that differs."""
    runtime = open_runtime(load_settings(), database_url)
    sim = Simulator(runtime)
    steps = parse(path)
    queue = any(e.get("kind") == STAFF_POST for step in steps for e in step.expects)
    typed = ""
    try:
        for step in steps:
            typed += str(step.event.get("text", ""))
            out = io.StringIO()
            sim.run([json.dumps(step.event)], out, last=False)
            outputs = [json.loads(line) for line in out.getvalue().splitlines()]
            if not queue:
                outputs = [o for o in outputs if not is_staff_post(o)]
            where = f"{path.name}:{step.line}"
            assert len(outputs) == len(step.expects), (
                f"{where}: expected {len(step.expects)} outputs, got {len(outputs)}: "
                + json.dumps(outputs, indent=1, ensure_ascii=False)
            )
            for expect, output in zip(step.expects, outputs, strict=True):
                problem = mismatch(expect, output)
                assert problem is None, (
                    f"{where}: {problem}\n{json.dumps(output, ensure_ascii=False)}"
                )
                iso = iso_dates_shown(output, typed)
                assert not iso, f"{where}: ISO dates {iso} in patron text: {output.get('text')!r}"
    finally:
        runtime.engine.dispose()


def sim(runtime: Runtime, *events: Any) -> list[dict[str, Any]]:
    """Run events through `illbot sim` on an open store; return the lines it printed."""
    out = io.StringIO()
    Simulator(runtime).run([json.dumps(e) for e in events], out)
    return [json.loads(line) for line in out.getvalue().splitlines()]
