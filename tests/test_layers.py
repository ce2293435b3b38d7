"""The layering that makes `illbot sim` exact: the core never reaches past what it is given.

`handlers/`, `policy/`, `store/` and `templates/` get the clock, the settings and the session
passed in. If one of them imported a transport, read the environment or the real clock, a
replayed conversation could decide differently from the one it replays.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ("handlers", "policy", "store", "templates")
TRANSPORTS = {"bot", "slack_bolt", "slack_sdk", "aiosmtplib", "aiosmtpd", "imap_tools", "aiohttp"}
# Calls that read the machine's clock or environment, as attribute chains.
FORBIDDEN_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("date", "today"),
    ("time", "time"),
    ("time", "monotonic"),
    ("time", "perf_counter"),
    ("os", "getenv"),
}


def _sources() -> list[Path]:
    return sorted(p for layer in CORE for p in (ROOT / layer).rglob("*.py"))


def _problems(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [f"imports {n}" for n in names if n.split(".")[0] in TRANSPORTS]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in FORBIDDEN_CALLS:
                found.append(f"calls {node.value.id}.{node.attr}")
            if (node.value.id, node.attr) == ("os", "environ"):
                found.append("reads os.environ")
    return [f"{path.relative_to(root)}:{problem}" for problem in found]


@pytest.mark.parametrize("layer", CORE)
def test_the_core_never_imports_a_transport_or_reads_the_clock_or_environment(layer: str) -> None:
    """Every module of the layer is clean; the message names the file and what it does."""
    problems = [p for path in _sources() if path.parts[len(ROOT.parts)] == layer
                for p in _problems(path)]  # fmt: skip
    assert problems == []


def test_the_check_sees_a_violation(tmp_path: Path) -> None:
    """The check itself: a module that reads the clock and imports Slack is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom slack_bolt import App\nx = datetime.now()\ny = os.environ\n")
    assert sorted(_problems(bad, tmp_path)) == [
        "bad.py:calls datetime.now",
        "bad.py:imports slack_bolt",
        "bad.py:reads os.environ",
    ]
