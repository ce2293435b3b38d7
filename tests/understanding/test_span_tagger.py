"""The span tagger (handlers/understand/spans.py) and the mends it makes to the rules' titles.

Sentences here are written for these tests, in shapes the tagger learned from the labelled sets;
none is copied from a set.
"""

from __future__ import annotations

from datetime import date

import pytest

from bench.train_spans import example, fit
from handlers.understand import spans, understand
from handlers.understand.reading import Entities, Item, Reading
from handlers.understand.span_check import mend

TODAY = date(2026, 12, 2)
REMAINS = "The book I want is The Remains of the Day by Kazuo Ishiguro"


def _read(text: str, kind: str) -> list[str]:
    return [span.text for span in spans.tag(text) if span.kind == kind]


def test_the_exported_tagger_is_shipped_and_loads() -> None:
    assert spans.MODEL_PATH.exists(), "run `make train` (bench/train_spans.py)"
    model = spans.model()
    assert model is not None and len(model.weights) > 1000


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("can I have Klara and the Sun by Kazuo Ishiguro?", "Klara and the Sun", "Kazuo Ishiguro"),
        (REMAINS, "The Remains of the Day", "Kazuo Ishiguro"),
        ("Quisiera El túnel de Ernesto Sabato, por favor", "El túnel", "Ernesto Sabato"),
    ],
)
def test_the_tagger_reads_a_title_and_its_author_in_a_sentence(
    text: str, title: str, author: str
) -> None:
    assert _read(text, "title") == [title]
    assert _read(text, "author") == [author]


def test_a_signature_and_a_greeting_are_no_title() -> None:
    text = "Hi there, thanks so much for your help last week!\n\nBest wishes,\nMaria Delgado"
    assert _read(text, "title") == []


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        # the rules took the part asked for into the title
        (
            "could I get a scan of the intro (pages 1-20) of Gilead by Marilynne Robinson",
            "Gilead",
            "Marilynne Robinson",
        ),
        # the rules found no item at all
        ("Is Circe by Madeline Miller something you could get?", "Circe", "Madeline Miller"),
    ],
)
def test_the_tagger_mends_what_the_rules_read_wrong(
    text: str, title: str | None, author: str
) -> None:
    reading = understand(text, today=TODAY)
    rules = understand(text, today=TODAY, learned=False)
    assert reading.intent == "request"
    (item,) = reading.entities.items
    assert item.author == author
    if title:
        assert item.title == title
    assert item.title and set(item.title.lower().split()) <= set(text.lower().split())
    # an item only the tagger found is shown to the patron first; a mend keeps the rules' word
    assert reading.sure is (bool(rules.entities.items) and rules.sure)
    assert [(i.title, i.author) for i in rules.entities.items] != [(item.title, item.author)]


def _request(title: str | None, author: str | None = None, year: int | None = None) -> Reading:
    item = Item(title=title, author=author, material="book", year=year)
    return Reading(intent="request", entities=Entities(items=(item,)))


@pytest.mark.parametrize(
    ("text", "rules", "mended"),
    [
        ("any chance of the winter orchard by mia stone", "winter orchard", "the winter orchard"),
        ("can u get me a summer garden by eve lark", "a garden", "a summer garden"),
    ],
)
def test_articles_and_calendar_words_cut_from_a_title_are_put_back(
    text: str, rules: str, mended: str
) -> None:
    reading = mend(_request(rules, text.split(" by ")[1]), text)
    assert reading.entities.items[0].title == mended
    assert reading.sure, "a framed request stays sure when only its title is mended"


def test_a_citation_and_a_reference_are_left_to_the_rules() -> None:
    text = "Please get The Remains of the Day by Kazuo Ishiguro (Faber, 1989)"
    cited = _request("is The Remains of the Day", "Kazuo Ishiguro", year=1989)
    assert mend(cited, text) == cited
    changing = Reading(intent="request", entities=Entities(refs=(3,)))
    assert mend(changing, text) == changing


def test_a_title_the_tagger_shortens_from_the_end_is_kept_whole() -> None:
    # Cutting "for Old Men"-like endings loses title words: only part words ("chapter 2") go.
    text = "pls could you get No Country for Old Men on dvd"
    reading = _request("No Country for Old Men")
    assert mend(reading, text).entities.items[0].title == "No Country for Old Men"


def test_the_trainer_learns_where_titles_stand_from_labelled_lines() -> None:
    lines = [
        ("please get me Alpha Beta by Gamma Delta", "Alpha Beta", "Gamma Delta"),
        ("please get me Red Stone by Ann Lee", "Red Stone", "Ann Lee"),
        ("please get me Blue River Song by Omar Faye", "Blue River Song", "Omar Faye"),
        ("please get me Salt by Ida Moss", "Salt", "Ida Moss"),
    ] * 5
    made = [
        example({"text": t, "entities": {"items": [{"title": a, "author": b}]}}, "test")
        for t, a, b in lines
    ]
    data = fit([m for m in made if m is not None], epochs=4)
    model = spans.read_model(data)
    text = "please get me Green Field by Rosa Park"
    toks = spans.tokens(text)
    found = spans.spans_of(text, toks, spans.decode(model, toks))
    assert [(s.kind, s.text) for s in found] == [("title", "Green Field"), ("author", "Rosa Park")]


def test_a_line_whose_labels_are_not_in_its_text_is_not_trained_on() -> None:
    line = {"text": "get me the new one by her", "entities": {"items": [{"title": "Beloved"}]}}
    assert example(line, "test") is None
