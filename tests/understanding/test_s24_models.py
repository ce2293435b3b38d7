"""Session 24: the learned parts carry more (handlers/understand/classifier, spans, span_check).

The mends are tested with the tagger's reading given (spans.tag replaced), and the classifier's
overruling with its scores given (classifier._classified replaced): what is tested is what a
patron would notice, never what one trained model happens to say. Sentences are written for
these tests; none is copied from a set.
"""

from __future__ import annotations

from datetime import date

import pytest

from bench import train_spans, training_sets
from handlers.understand import classifier, spans, understand
from handlers.understand.reading import Entities, Item, Reading
from handlers.understand.span_check import mend

TODAY = date(2026, 12, 2)


def _spans(text: str, *found: tuple[str, str]) -> list[spans.Span]:
    """Return the tagger's spans for the given (kind, words), placed in the text in order."""
    made, at = [], 0
    for kind, words in found:
        start = text.index(words, at)
        made.append(spans.Span(kind, start, start + len(words), words))
        at = start + len(words)
    return made


def _tagger_reads(monkeypatch: pytest.MonkeyPatch, text: str, *found: tuple[str, str]) -> None:
    given = _spans(text, *found)
    monkeypatch.setattr(spans, "tag", lambda _text: given)


def _request(*items: Item) -> Reading:
    return Reading(intent="request", entities=Entities(items=items), sure=True)


def test_an_author_written_first_in_a_citation_loses_the_greeting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        'Hello,\nCould you find me Okafor, Ngozi. "Rivers of the Delta." Journal of Water '
        "History 12 (2004): 33-50."
    )
    _tagger_reads(monkeypatch, text, ("author", "Okafor, Ngozi"), ("title", "Rivers of the Delta"))
    cited = Item(
        title="Rivers of the Delta",
        author="ello,\nCould you find me Okafor, Ngozi",
        journal="Journal of Water History",
        year=2004,
        material="article",
    )
    (item,) = mend(_request(cited), text).entities.items
    assert item.author == "Okafor, Ngozi"
    assert (item.title, item.journal, item.year) == ("Rivers of the Delta", cited.journal, 2004)


def test_a_name_the_tagger_reads_whole_inside_the_rules_author_is_not_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "Ursula K. Le Guin" written in full: no lead-in words, nothing to cut
    text = "Please get The Dispossessed by Ursula K. Le Guin"
    _tagger_reads(monkeypatch, text, ("title", "The Dispossessed"), ("author", "Le Guin"))
    reading = _request(Item(title="The Dispossessed", author="Ursula K. Le Guin", material="book"))
    assert mend(reading, text).entities.items[0].author == "Ursula K. Le Guin"


def test_a_second_book_joined_by_and_also_becomes_a_second_item_to_confirm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "I'd like Quiet Harbours by Lena Ostrova and also The Long Ferry by Sam Okoro"
    _tagger_reads(
        monkeypatch,
        text,
        ("title", "Quiet Harbours"),
        ("author", "Lena Ostrova"),
        ("title", "The Long Ferry"),
        ("author", "Sam Okoro"),
    )
    reading = mend(_request(Item(title="Quiet Harbours", author="Lena Ostrova")), text)
    assert [(i.title, i.author) for i in reading.entities.items] == [
        ("Quiet Harbours", "Lena Ostrova"),
        ("The Long Ferry", "Sam Okoro"),
    ]
    assert reading.sure is False, "an item only the tagger found is shown to the patron first"


def test_an_author_that_ran_on_into_the_second_title_is_cut_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "please get me Red Clay Roads by Ada Obi and Silent Fields by the same writer"
    _tagger_reads(
        monkeypatch,
        text,
        ("title", "Red Clay Roads"),
        ("author", "Ada Obi"),
        ("title", "Silent Fields"),
    )
    reading = mend(_request(Item(title="Red Clay Roads", author="Ada Obi and Silent")), text)
    assert [(i.title, i.author) for i in reading.entities.items] == [
        ("Red Clay Roads", "Ada Obi"),
        ("Silent Fields", None),
    ]


def test_the_same_title_twice_in_two_formats_is_not_split_by_the_tagger(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "I want the book Harbour Lights and also the dvd of Harbour Lights"
    _tagger_reads(monkeypatch, text, ("title", "Harbour Lights"), ("title", "Harbour Lights"))
    reading = _request(Item(title="Harbour Lights", material="book"))
    assert mend(reading, text) == reading


def test_an_author_just_after_the_title_is_added_when_the_rules_read_the_title_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "looking for Salt Moon - Iris Tanaka"
    _tagger_reads(monkeypatch, text, ("title", "Salt Moon"), ("author", "Iris Tanaka"))
    (item,) = mend(_request(Item(title="Salt Moon", material="book")), text).entities.items
    assert (item.title, item.author) == ("Salt Moon", "Iris Tanaka")


def test_an_author_far_from_the_title_is_not_added(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "looking for Salt Moon, my teacher Iris Tanaka said it was good"
    _tagger_reads(monkeypatch, text, ("title", "Salt Moon"), ("author", "Iris Tanaka"))
    reading = _request(Item(title="Salt Moon", material="book"))
    assert mend(reading, text) == reading


def _classifier_says(monkeypatch: pytest.MonkeyPatch, intent: str, probability: float) -> None:
    rest = (1.0 - probability) / (len(classifier.model().intents) - 1)
    scores = (
        (intent, probability),
        *((i, rest) for i in classifier.model().intents if i != intent),
    )
    monkeypatch.setattr(classifier, "_classified", lambda _text: scores)


def test_a_near_certain_classifier_overrules_a_word_the_rules_took_for_an_action(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "Renewal" in a title read as a renewal by the rules alone
    text = "any chance of Renewal: A Farm Year by Tom Ash and also Deep Rivers"
    assert understand(text, today=TODAY, learned=False).intent == "renew"
    _classifier_says(monkeypatch, "request", 0.999)
    assert understand(text, today=TODAY).intent == "request"
    _classifier_says(monkeypatch, "request", 0.9)  # fairly sure is not enough to stop an action
    assert understand(text, today=TODAY).intent == "renew"


def test_a_fairly_sure_classifier_leaves_a_firm_rule_reading_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "please cancel ILL-7, I found a copy"
    _classifier_says(monkeypatch, "status", 0.9)
    assert understand(text, today=TODAY).intent == "cancel"


def test_a_reference_left_out_is_never_acted_on_however_sure_the_classifier(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _classifier_says(monkeypatch, "renew", 0.9999)
    reading = understand("renew everything except ILL-9", today=TODAY)
    assert reading.intent == "unknown" and reading.entities.refs == ()


def test_a_title_case_run_keeps_a_small_word_inside_and_a_cue_is_seen() -> None:
    toks = spans.tokens("can I have Pride and Prejudice by Jane Austen")
    feats = dict(zip((t.text for t in toks), spans.features(toks), strict=True))
    assert "run=F" in feats["Pride"] and "run=no" in feats["can"]
    assert "run=" in feats["and"], "a small word between capitalised ones is inside the run"
    assert "cue1=by" in feats["Jane"] and "cue2=by" in feats["Austen"]


def test_held_out_files_are_left_out_of_both_trainers() -> None:
    intent_files = {p.name for p in training_sets.training_files(held_out=["unseen_m"])}
    span_files = {p.name for p in train_spans.training_files(["unseen_m.jsonl"])}
    assert "unseen_m.jsonl" not in intent_files | span_files
    assert "labelled.jsonl" in intent_files & span_files


def test_a_french_title_s_own_word_is_not_taken_for_its_author() -> None:
    reading = understand("I need the piano scores of Clair de Lune", today=date(2026, 10, 5))
    assert [(item.title, item.author) for item in reading.entities.items] == [
        ("Clair de Lune", None)
    ]
