"""The fault suite's figures, printed in the terminal summary whatever the capture mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

_FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture
def fault_report(
    request: pytest.FixtureRequest, record_property: Callable[[str, object], None]
) -> Callable[[str], None]:
    """Return a function that records one figures line for the summary and the JUnit XML."""

    def report(line: str) -> None:
        request.config.stash.setdefault(_FIGURES, []).append(f"{request.node.nodeid}: {line}")
        record_property("fault_figures", line)

    return report


def pytest_configure(config: pytest.Config) -> None:
    """Register the suite's marker here, so `-m "not faults"` can leave the slow suite out."""
    config.addinivalue_line("markers", "faults: the end-to-end fault suite (kill -9, races)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder `faults`."""
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.faults)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print every figures line the fault tests recorded."""
    lines = terminalreporter.config.stash.get(_FIGURES, [])
    if not lines:
        return
    terminalreporter.section("fault suite: messages tried / answered once / lost / doubled")
    for line in lines:
        terminalreporter.write_line(line)
