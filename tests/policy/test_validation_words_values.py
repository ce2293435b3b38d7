"""The values each check kind declares for its rules' texts are the values the texts really get.

`illbot policy check` refuses a rule text naming a value its kind does not declare
(policy/kinds.py `words`, `sometimes`; policy/text_values.py). So the declarations must be true:
every `explain` and `instead` rendered while the scenarios run (the shipped profiles in
tests/scenarios, the test libraries in tests/policy/request_kinds, and a declined print copy) is
recorded with the context handlers/turn.py explain() gave it, and held to its kind's declaration.
"""

from __future__ import annotations

import inspect
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import handlers.turn
from bot.runtime import open_runtime
from bot.settings import load_settings
from policy.kinds import KINDS, NOTICE_WORDS, RULE_WORDS
from policy.profile import Rule, load_profiles
from policy.text_values import NOTICE_VARIABLES
from tests.support.scenarios import run_scenario, sim

TESTS = Path(__file__).parents[1]
SHIPPED_SCENARIOS = sorted((TESTS / "scenarios").glob("*.jsonl"))
TEST_LIBRARIES = TESTS / "policy" / "request_kinds"
# Bellevue owns Clean Code only online; a patron who needs no print copy is refused (declined).
DECLINED = [
    {"type": "patron", "id": "bs", "library": "bellevue", "category": "graduate"},
    {
        "type": "holding",
        "library": "bellevue",
        "title": "Clean Code",
        "isbn": "9780132350884",
        "status": "electronic_only",
    },
    {
        "type": "message",
        "at": "2026-10-01T09:03",
        "from": "bs",
        "text": "get me ISBN 9780132350884",
    },
    {"type": "message", "at": "2026-10-01T09:04", "from": "bs", "text": "no"},
]


@dataclass(frozen=True)
class Rendered:
    """One rule text rendered by explain(), and the names of the values it was given."""

    rule: Rule
    given: frozenset[str]


def _record(found: list[Rendered]) -> Any:
    real = handlers.turn.render_string

    def render(source: str, context: dict[str, Any]) -> str:
        caller = inspect.currentframe()
        assert caller is not None and caller.f_back is not None
        assert caller.f_back.f_code is handlers.turn.explain.__code__, "render_string elsewhere"
        found.append(Rendered(caller.f_back.f_locals["rule"], frozenset(context)))
        return real(source, context)

    return render


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Rendered]]:
    """Run every scenario once, recording each rule text rendered and what it was given."""
    found: list[Rendered] = []
    folder = tmp_path_factory.mktemp("values") / "profiles"
    shutil.copytree(TEST_LIBRARIES / "profiles", folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(handlers.turn, "render_string", _record(found))
        for path in SHIPPED_SCENARIOS:
            run_scenario(path)
        runtime = open_runtime(load_settings(), "sqlite://")
        try:
            outputs = sim(runtime, *DECLINED)
        finally:
            runtime.engine.dispose()
        assert outputs[-1]["outcome"] == "refused", outputs[-1]
        patch.setenv("ILLBOT_PROFILES_DIR", str(folder))
        for path in sorted(TEST_LIBRARIES.glob("*.jsonl")):
            run_scenario(path)
    yield found


def _by_kind(rendered: list[Rendered]) -> dict[str, list[Rendered]]:
    kinds: dict[str, list[Rendered]] = defaultdict(list)
    for one in rendered:
        kinds[one.rule.check].append(one)
    return kinds


def test_many_rule_texts_of_many_kinds_were_rendered(rendered: list[Rendered]) -> None:
    """The recording sees replies, renewals, cancels, proxies and notices (no silent no-op)."""
    assert len({r.rule.id for r in rendered}) >= 60
    assert len(_by_kind(rendered)) >= 40


def test_every_rendered_text_is_given_every_value_its_kind_promises(
    rendered: list[Rendered],
) -> None:
    """A value the check accepts in every text of a kind is in every one the bot renders."""
    short = {
        (r.rule.id, value)
        for r in rendered
        for value in (*RULE_WORDS, *KINDS[r.rule.check].words)
        if value not in r.given
    }
    assert sorted(short) == []


def test_a_value_given_only_sometimes_is_given_somewhere(rendered: list[Rendered]) -> None:
    """Each kind's `sometimes` values were seen, so none is declared by mistake or stale."""
    kinds = _by_kind(rendered)
    declaring = {name for name, kind in KINDS.items() if kind.sometimes}
    used = {rule.check for profile in load_profiles().values() for rule in profile.rules}
    assert sorted((declaring & used) - set(kinds)) == []  # every one shipped was rendered
    unseen = {
        (name, value)
        for name in declaring & set(kinds)
        for value in KINDS[name].sometimes
        if not any(value in r.given for r in kinds[name])
    }
    assert sorted(unseen) == []


def test_a_value_every_text_of_a_kind_gets_is_declared(rendered: list[Rendered]) -> None:
    """The check never refuses a value the bot gives every text of the kind it renders."""
    undeclared = {}
    for name, texts in _by_kind(rendered).items():
        always = frozenset.intersection(*(r.given for r in texts))
        kind = KINDS[name]
        missing = always - {*RULE_WORDS, *kind.words, *kind.sometimes}
        if missing:
            undeclared[name] = sorted(missing)
    assert undeclared == {}


def test_the_values_of_a_rule_in_a_notice_are_documented_notice_variables() -> None:
    """NOTICE_WORDS are notice variables (the README's table), the ones given as text."""
    assert set(NOTICE_WORDS) <= set(NOTICE_VARIABLES)
    assert {"due", "name", "desk", "billed_through"} <= set(NOTICE_WORDS)
    assert not {"days_overdue", "fee", "fine"} & set(NOTICE_WORDS)  # numbers are not passed
