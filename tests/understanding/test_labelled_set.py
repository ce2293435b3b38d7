"""The bot reads the labelled patron messages as well as issue 7 asks (bench/understanding)."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.understanding import AIMS, CHANGING, HOLDOUT, Report, evaluate, load, render
from handlers.understand.reading import INTENTS


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(load())


def test_the_set_is_large_and_covers_every_intent_and_entity_type() -> None:
    cases = load()
    assert len(cases) >= 400
    assert set(Counter(case.intent for case in cases)) == set(INTENTS)
    tags = {tag for case in cases for tag in case.tags}
    for needed in ("typo", "phone", "slack", "emoji", "offtopic", "multi", "email"):
        assert needed in tags, needed
    for style in ("apa", "mla", "chicago", "vancouver"):
        assert sum(style in case.tags for case in cases) >= 4, style


def test_the_set_has_no_duplicate_messages() -> None:
    texts = Counter(case.text for case in load())
    assert [text for text, count in texts.items() if count > 1] == []


def test_intents_are_read_at_least_as_well_as_the_aim(report: Report) -> None:
    assert report.intent_accuracy() >= AIMS["intent"], render(report)


def test_entities_are_read_exactly_at_least_as_well_as_the_aim(report: Report) -> None:
    assert report.entity_accuracy() >= AIMS["entities"], render(report)


def test_no_off_topic_message_is_read_as_a_change_to_a_request(report: Report) -> None:
    changes = [(o.case.text, o.intent) for o in report.off_topic_changes()]
    assert changes == []


def test_messages_outside_the_tuning_set_are_read_as_well_as_the_aim() -> None:
    held_out = evaluate(load(HOLDOUT))
    assert len(held_out.outcomes) >= 90
    assert held_out.intent_accuracy() >= AIMS["intent"], render(held_out, HOLDOUT.name)
    assert held_out.entity_accuracy() >= AIMS["entities"], render(held_out, HOLDOUT.name)
    assert held_out.off_topic_changes() == []


def test_the_changing_intents_are_ones_the_core_knows() -> None:
    assert set(INTENTS) >= CHANGING
