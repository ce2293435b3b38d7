"""The English reader's session-20 round-2 classes, one behaviour a test (tuning/en_s20_round2)."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.group_copies import group_copies_title
from handlers.understand.naming import read_naming
from handlers.understand.non_answers import non_answer
from handlers.understand.series import read_series
from handlers.understand.short_citations import short_citation

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    "text",
    ["idk the pages", "no idea who wrote it", "whatever edition", "up to you!", "no DOI sorry"],
)
def test_a_non_answer_is_not_understood_and_names_nothing(text: str) -> None:
    assert non_answer(text)
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.items) == ("unknown", ())


@pytest.mark.parametrize(
    "text", ["I forgot my password", "never mind, forget it", "not sure how long can I keep it?"]
)
def test_forgetting_a_password_or_taking_a_wish_back_is_no_non_answer(text: str) -> None:
    assert not non_answer(text)


def test_chatter_after_the_kind_of_thing_wanted_is_no_title() -> None:
    reading = understand(
        "hey can i get an article thru u? its Jacobs 2019 from Criminology", today=TODAY
    )
    (item,) = reading.entities.items
    assert (item.title, item.author, item.year, item.journal) == (
        None,
        "Jacobs",
        2019,
        "Criminology",
    )
    assert reading.sure is False  # which article is still to be said


def test_a_lower_case_title_after_a_request_verb_stays_possible() -> None:
    (item,) = understand("can u get me tuesdays with morrie", today=TODAY).entities.items
    assert item.title == "tuesdays with morrie"


def test_a_title_with_a_word_the_patron_never_wrote_is_dropped() -> None:
    # "u" is mended to "you" to read the wish; "you" must never reach a title
    for text in ("can i get an article thru u", "hey can u find me a book thru u"):
        reading = understand(text, today=TODAY)
        assert all("you" not in (i.title or "").split() for i in reading.entities.items)


@pytest.mark.parametrize(
    ("text", "title", "volume"),
    [
        ("my grandson wants the Dog Man books too, any of them", "Dog Man", None),
        ("Captain Underpants book 5", "Captain Underpants", "5"),
        ("the 4th Cormoran Strike book", "Cormoran Strike", "4"),
        ("I just finished Wonder and want the next book", "Wonder", None),
    ],
)
def test_a_series_is_read_by_its_name_and_volume(text: str, title: str, volume: str | None) -> None:
    found = read_series(text)
    assert found is not None and (found.title, found.volume) == (title, volume)


@pytest.mark.parametrize(
    "text",
    ["renew the Foucault book", "where do I pick up my ILL books?", "Can ILL books be mailed?"],
)
def test_library_words_and_requests_already_made_are_no_series(text: str) -> None:
    reading = understand(text, today=TODAY)
    assert not any(i.title in ("Foucault", "ILL", "Can ILL") for i in reading.entities.items)


def test_a_series_is_confirmed_first_unless_its_author_is_given() -> None:
    assert understand("can you get the Bridgerton series", today=TODAY).sure is False
    assert understand("can I get the Magnus Chase books by Rick Riordan", today=TODAY).sure


@pytest.mark.parametrize(
    ("text", "title", "author", "replaced"),
    [
        (
            "title is The Social Life of Guns or something like that",
            "The Social Life of Guns",
            None,
            None,
        ),
        ("wait the author is Jesmyn Ward", None, "Jesmyn Ward", None),
        (
            "sorry, the title is Salvage the Bones, by Jesmyn Ward",
            "Salvage the Bones",
            "Jesmyn Ward",
            None,
        ),
        ("oops typo, it's Middlemarch, not Middlemarsh", "Middlemarch", None, "middlemarsh"),
        (
            "change the title to The Immortal Life of Henrietta Lacks pls",
            "The Immortal Life of Henrietta Lacks",
            None,
            None,
        ),
    ],
)
def test_a_title_or_author_named_for_a_draft(
    text: str, title: str | None, author: str | None, replaced: str | None
) -> None:
    naming = read_naming(text)
    assert naming is not None and (naming.title, naming.author, naming.replaced) == (
        title,
        author,
        replaced,
    )
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.sure) == ("request", False)


@pytest.mark.parametrize("text", ["by mail is fine", "by Friday please", "the author is unknown"])
def test_a_date_a_carrier_or_a_remark_names_no_author(text: str) -> None:
    assert read_naming(text) is None


def test_a_short_citation_reads_author_year_and_journal() -> None:
    found = short_citation("Ioannidis 2005, PLoS Medicine")
    assert found is not None and (found.author, found.year, found.journal) == (
        "Ioannidis",
        2005,
        "PLoS Medicine",
    )
    assert short_citation("by March 2019 in Science") is None


@pytest.mark.parametrize(
    ("text", "every"),
    [
        ("Could I have both of those for another couple of weeks?", True),
        ("can I have all three for longer?", True),
        ("could i borrow it for a bit more", False),
        ("can I keep it a little longer?", False),
    ],
)
def test_more_time_without_the_word_renew_is_a_renewal(text: str, every: bool) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.every, reading.entities.ref_hint) == (
        "renew",
        every,
        None,
    )


def test_a_group_asking_for_copies_names_its_book_inside_a_paragraph() -> None:
    text = (
        "Hello, my book club is reading Lessons in Chemistry and we need 8 copies for January 12."
        " Thank you, Rosa"
    )
    found = group_copies_title(text)
    assert found is not None and found.title == "Lessons in Chemistry"
    reading = understand(text, today=TODAY)
    (item,) = reading.entities.items
    assert (reading.intent, item.title, reading.entities.copies) == (
        "request",
        "Lessons in Chemistry",
        8,
    )
    assert reading.entities.need_by == date(2027, 1, 12) and reading.sure is False
    assert group_copies_title("my son is reading Dune and loves it") is None  # no copies asked


@pytest.mark.parametrize(
    "text",
    [
        "can I pick it up at the East Hills branch instead?",
        "My daughter will pick it up for me, is that alright?",
        "can the article be emailed to me?",
    ],
)
def test_pickup_elsewhere_by_someone_else_or_by_post_is_the_pickup_rule(text: str) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.topic) == ("policy", "pickup")


def test_can_you_get_it_for_me_is_no_pickup_question() -> None:
    assert understand("can you get it for me", today=TODAY).entities.topic is None


def test_renew_nothing_is_no_renewal() -> None:
    reading = understand("cancel the Sampson book and renew nothing, just cancel it", today=TODAY)
    assert (reading.intent, reading.entities.ref_hint, reading.also) == ("cancel", "sampson", ())


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("no need to cancel", "no", ()),
        ("Please do not cancel ILL-12, I still want it.", "no", (12,)),
        ("I don't want to cancel, I want to renew ILL-3", "renew", (3,)),
    ],
)
def test_a_negated_action_is_never_done(text: str, intent: str, refs: tuple[int, ...]) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.refs, reading.also) == (intent, refs, ())


def test_spans_inside_sentences_leave_phrasal_verbs_out() -> None:
    (item,) = understand(
        "Could you order in The Light We Carry by Michelle Obama", today=TODAY
    ).entities.items
    assert (item.title, item.author) == ("The Light We Carry", "Michelle Obama")
    (item,) = understand(
        "is it possible to borrow kindred by octavia butler thru ill", today=TODAY
    ).entities.items
    assert (item.title, item.author) == ("kindred", "octavia butler")
