"""Slack and markdown markup never gets in the way of reading a message."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.markup import clean_markup

TODAY = date(2026, 9, 1)


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("see <https://example.com/page|this page>", "see this page"),
        ("see <https://example.com/page>", "see https://example.com/page"),
        ("<https://doi.org/10.1/x|the article>", "https://doi.org/10.1/x"),
        ("<https://dx.doi.org/10.1/x|link>", "https://dx.doi.org/10.1/x"),
        ("mail <mailto:a@b.org|a@b.org>", "mail a@b.org"),
        ("<@U123ABC> hello", "hello"),
        ("<!channel> <!here> hi", "hi"),
        ("<#C123|general> hi", "hi"),
        ("Tom &amp; Jerry &lt;3 &gt;", "Tom & Jerry <3 >"),
        ("thanks :pray: :+1::skin-tone-2:", "thanks"),
        ("*bold* _italic_ ~struck out~ `code`", "bold italic code"),
        ("```get me\nISBN 9780134477824```", "get me ISBN 9780134477824"),
        ("*_both_*", "both"),
        ("[the paper](https://doi.org/10.1/x)", "https://doi.org/10.1/x"),
        ("[a page](https://example.com)", "a page"),
        ("&gt; quoted line\nmy answer", "my answer"),
        ("&gt; only a quote", "only a quote"),
        ("  lots \t of\n\n space  ", "lots of space"),
    ],
)
def test_markup_is_cleaned_to_plain_text(raw: str, plain: str) -> None:
    assert clean_markup(raw) == plain


def test_snake_case_and_times_survive() -> None:
    assert clean_markup("file_name_here at 10:30:00") == "file_name_here at 10:30:00"


def test_a_doi_link_with_a_label_still_yields_the_doi() -> None:
    reading = understand("<https://doi.org/10.1000/xyz123|this article> please", today=TODAY)
    assert reading.intent == "request"
    assert reading.entities.items[0].doi == "10.1000/xyz123"


def test_a_doi_with_colons_is_not_taken_for_emoji() -> None:
    assert clean_markup("doi:10.1000/abc:def:ghi") == "doi:10.1000/abc:def:ghi"


def test_a_ping_in_a_message_does_not_change_what_is_read() -> None:
    reading = understand("<!channel> <@U1> can you get me *Discipline and Punish*?", today=TODAY)
    assert reading.text == "can you get me Discipline and Punish?"
    assert reading.entities.items[0].title == "Discipline and Punish"
