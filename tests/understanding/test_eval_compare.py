"""bench/understanding compares the new fields, further actions and unwritten titles as labelled."""

from __future__ import annotations

from pathlib import Path

from bench.understanding import Case, Report, compare, first_run, render
from handlers.understand import Entities, Item, Reading


def _case(text: str, intent: str, entities: dict | None = None, **more) -> Case:
    return Case(1, text, intent, entities or {}, **more)


def test_new_entities_are_compared() -> None:
    case = _case("renew both please", "renew", {"every": True})
    assert compare(case, Reading("renew", Entities(every=True))).entities_ok
    assert compare(case, Reading("renew")).wrong == ("every",)
    policy = _case("is there a limit?", "policy", {"topic": "limit"})
    assert compare(policy, Reading("policy", Entities(topic="cost"))).wrong == ("topic",)
    copies = _case("we need 6 copies of Beloved", "request", {
        "items": [{"title": "Beloved", "material": "book", "edition": "3rd", "chapter": "2"}],
        "copies": 6, "ordinal": 2,
    })  # fmt: skip
    item = Item(title="Beloved", material="book", edition="3rd", chapter="2")
    right = Reading("request", Entities(items=(item,), copies=6, ordinal=2))
    assert compare(copies, right).entities_ok
    wrong = Reading("request", Entities(items=(Item(title="Beloved", material="book"),)))
    assert set(compare(copies, wrong).wrong) == {"edition", "chapter", "copies", "ordinal"}


def test_every_false_is_the_same_as_leaving_it_out() -> None:
    case = _case("renew ILL-2", "renew", {"refs": [2], "every": False})
    assert compare(case, Reading("renew", Entities(refs=(2,)))).entities_ok


def test_further_actions_are_compared_in_order() -> None:
    case = _case("cancel ILL-5 and renew ILL-2", "cancel", {"refs": [5]},
                 also=(("renew", {"refs": [2]}),))  # fmt: skip
    renew = Reading("renew", Entities(refs=(2,)))
    both = Reading("cancel", Entities(refs=(5,)), also=(renew,))
    assert compare(case, both).intent_ok and compare(case, both).entities_ok
    first_only = compare(case, Reading("cancel", Entities(refs=(5,))))
    assert not first_only.intent_ok and first_only.wrong == ("also",)
    other = Reading("renew", Entities(refs=(3,)))
    outcome = compare(case, Reading("cancel", Entities(refs=(5,)), also=(other,)))
    assert outcome.intent_ok and outcome.wrong == ("also",)


def test_off_topic_messages_acted_on_are_counted() -> None:
    wifi = _case("can you renew my wifi?", "offtopic", {"topic": "wifi"}, tags=("offtopic",))
    calm = compare(wifi, Reading("offtopic", Entities(topic="wifi")))
    acted = compare(wifi, Reading("renew"))
    assert not calm.changes_something and acted.changes_something
    assert Report([calm, acted]).off_topic_changes() == [acted]


def test_titles_the_patron_did_not_write_are_caught() -> None:
    case = _case("Can I requst an artcle pls? doi 10.1037/abc", "request")
    made_up = compare(case, Reading("request", Entities(items=(Item(title="article"),))))
    assert made_up.unwritten_titles() == ["article"]
    written = _case("could you get me _The Left Hand of Darkness_ by Le Guin", "request")
    item = Item(title="The Left Hand of Darkness", author="Le Guin")
    assert compare(written, Reading("request", Entities(items=(item,)))).unwritten_titles() == []
    # Only requests record titles: a renewal naming a book records nothing new.
    renewal = Reading("renew", Entities(items=(Item(title="x"),)))
    assert compare(case, renewal).unwritten_titles() == []


def test_held_out_misses_are_hidden_unless_asked() -> None:
    case = _case("hello", "smalltalk")
    report = Report([compare(case, Reading("request"))])
    assert "line 1" not in render(report, "unseen.jsonl", misses=False)
    assert "line 1" in render(report, "unseen.jsonl", misses=True)


def test_the_first_run_line_is_read_from_a_header(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('# A set.\n# First run: intents 80.1%, entities 70.2%.\n# More.\n{"a": 1}\n')
    assert first_run(path) == "First run: intents 80.1%, entities 70.2%."
    path.write_text("# First run, before tuning: intents 85.7%,\n# entities 85.7%.\n# Later.\n")
    assert first_run(path) == "First run, before tuning: intents 85.7%, entities 85.7%."
    path.write_text('{"text": "x"}\n')
    assert first_run(path) is None
