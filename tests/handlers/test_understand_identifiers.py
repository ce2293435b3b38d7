"""Identifiers a patron pastes: ISBN, ISSN, DOI, PMID, one item per identifier."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Entities, Item, understand

TODAY = date(2026, 9, 1)


def entities(text: str) -> Entities:
    return understand(text, today=TODAY).entities


@pytest.mark.parametrize(
    ("text", "isbn"),
    [
        ("ISBN 9780134477824", "9780134477824"),
        ("978-0-13-447782-4", "9780134477824"),
        ("isbn 978 0 13 447782 4", "9780134477824"),
        ("ISBN: 0-306-40615-2", "0306406152"),
        ("0306406152", "0306406152"),
        ("ISBN-10 080442957X", "080442957X"),
        ("isbn 080442957x please", "080442957X"),
        ("ISBN 0306406152 2 copies", "0306406152"),
    ],
)
def test_isbn_is_kept_in_the_form_given_but_compact(text: str, isbn: str) -> None:
    assert entities(text).items == (Item(isbn=isbn, material="book"),)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("ISBN 9780134477825", "9780134477825"),
        ("978-0-13-447782-5", "9780134477825"),
        ("0306406153", "0306406153"),
        ("ISBN 978013447782", "978013447782"),
    ],
)
def test_mistyped_isbn_check_digit_is_queried_not_accepted(text: str, bad: str) -> None:
    reading = understand(text, today=TODAY)
    assert reading.entities.bad_isbn == bad
    assert reading.entities.items == ()
    assert reading.intent == "request"


def test_a_valid_isbn_beside_a_mistyped_one_is_still_read() -> None:
    result = entities("9780134477824 and 9780134477825")
    assert result.items == (Item(isbn="9780134477824", material="book"),)
    assert result.bad_isbn == "9780134477825"


def test_thirteen_digits_without_isbn_prefix_or_label_are_not_an_isbn() -> None:
    assert entities("order 1234567890123") == Entities()


def test_a_phone_number_is_not_queried_as_an_isbn() -> None:
    assert entities("call me at 6125551234").bad_isbn is None


@pytest.mark.parametrize(
    ("text", "issn"),
    [("ISSN 2049-3630", "2049-3630"), ("issn: 0317-8471", "0317-8471"), ("0317-8471", "0317-8471")],
)
def test_issn_is_read_and_means_an_article(text: str, issn: str) -> None:
    assert entities(text).items == (Item(issn=issn, material="article"),)


def test_an_issn_with_a_wrong_check_digit_is_ignored() -> None:
    assert entities("ISSN 2049-3631").items == ()


def test_a_year_range_is_not_an_issn() -> None:
    assert entities("the 2019-2020 volumes").items == ()


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("10.1000/xyz123", "10.1000/xyz123"),
        ("doi:10.1000/xyz123.", "10.1000/xyz123"),
        ("DOI: 10.1000/xyz123, thanks", "10.1000/xyz123"),
        ("https://doi.org/10.1016/S0140-6736(20)30183-5).", "10.1016/S0140-6736(20)30183-5"),
        ("http://dx.doi.org/10.1037/abc0000123", "10.1037/abc0000123"),
        ("(see 10.1000/abc.1)", "10.1000/abc.1"),
    ],
)
def test_doi_is_read_in_every_written_form_without_trailing_punctuation(
    text: str, doi: str
) -> None:
    assert entities(text).items == (Item(doi=doi, material="article"),)


@pytest.mark.parametrize(("text", "pmid"), [("PMID: 12345678", "12345678"), ("PMID 123", "123")])
def test_pmid_is_read(text: str, pmid: str) -> None:
    assert entities(text).items == (Item(pmid=pmid, material="article"),)


def test_digits_inside_a_doi_are_not_an_isbn() -> None:
    result = entities("doi:10.1000/9780134477825")
    assert result.items == (Item(doi="10.1000/9780134477825", material="article"),)
    assert result.bad_isbn is None


def test_several_isbns_become_several_items_in_order() -> None:
    result = entities("Can you get 978-0-13-447782-4 and 0-306-40615-2 for me?")
    assert [item.isbn for item in result.items] == ["9780134477824", "0306406152"]


def test_several_dois_become_several_items() -> None:
    result = entities("doi:10.1000/182 and doi:10.1000/183")
    assert [item.doi for item in result.items] == ["10.1000/182", "10.1000/183"]


def test_an_isbn_and_a_doi_are_two_items_of_their_own_kinds() -> None:
    result = entities("ISBN 9780134477824 and doi:10.1000/xyz123")
    assert result.items == (
        Item(isbn="9780134477824", material="book"),
        Item(doi="10.1000/xyz123", material="article"),
    )


def test_one_article_cited_with_doi_pmid_and_issn_is_one_item() -> None:
    result = entities("doi: 10.1000/xyz. PMID: 12345678. ISSN 2049-3630")
    assert result.items == (
        Item(issn="2049-3630", doi="10.1000/xyz", pmid="12345678", material="article"),
    )


def test_the_same_isbn_twice_is_one_item() -> None:
    assert len(entities("9780134477824 (ISBN 978-0-13-447782-4)").items) == 1


def test_material_words_apply_to_an_isbn() -> None:
    assert entities("I need a textbook: ISBN 9780134477824").items[0].material == "textbook"
    assert entities("the audiobook, ISBN 9780134477824").items[0].material == "audiobook"


def test_a_material_word_that_cannot_fit_the_identifier_is_ignored() -> None:
    assert entities("the article ISBN 9780134477824").items[0].material == "book"


def test_whole_issue_of_a_journal_by_issn_is_a_periodical_issue() -> None:
    assert entities("ISSN 2049-3630 whole issue please").items[0].material == "periodical_issue"
