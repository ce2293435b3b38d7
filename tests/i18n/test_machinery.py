"""The translation machinery as patrons meet it: their language, English when a word is missing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.ics import due_date_event
from handlers.revise import said
from templates import environment
from templates.dates import with_dates
from templates.i18n import _, catalogue, current, ngettext, speaking, translate


def test_a_message_missing_from_a_catalogue_is_written_in_english() -> None:
    template = environment("text").from_string(
        "{% trans ref=ref %}A sentence no translator has seen, about {{ ref }}.{% endtrans %}"
    )
    assert template.render(ref="ILL-3", locale="es") == (
        "A sentence no translator has seen, about ILL-3."
    )


def test_a_patron_in_spanish_reads_the_catalogue_and_english_stays_as_written() -> None:
    template = environment("text").from_string("{% trans %}Your interlibrary loan{% endtrans %}")
    assert template.render(locale="es") == "Su préstamo interbibliotecario"
    assert template.render(locale="en") == "Your interlibrary loan"
    assert template.render() == "Your interlibrary loan"  # staff messages carry no locale


def test_values_in_a_translated_sentence_are_escaped_and_dated_for_their_channel() -> None:
    source = "{% trans title=title, due=due %}Return {{ title }} by {{ due }}.{% endtrans %}"
    context = with_dates(
        {"title": "<@U123> & <b>x</b>", "due": "2026-12-03", "today": "2026-12-01", "locale": "es"}
    )
    slack = environment("slack").from_string(source).render(context)
    html = environment("html").from_string(source).render(context)
    assert "&lt;@U123&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in slack  # no ping, no markup
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
    assert "jueves, 3 de diciembre" in slack  # the date in the patron's words, as everywhere
    spanish = environment("text").from_string(
        "{% trans ref=ref, library=library %}Return {{ ref }} to {{ library }}{% endtrans %}"
    )
    assert spanish.render(ref="ILL-3", library="SJPL", locale="es") == "Devolver ILL-3 a SJPL"


def test_python_built_words_follow_the_turn_and_come_back_to_english_after_it() -> None:
    assert current() == "en"
    with speaking("es_US"):
        assert current() == "es"
        assert said("format", "book", "audiolibro") == "cambié el formato a audiolibro"
        assert said("author", None, "Isabel Allende") == "anoté el autor: Isabel Allende"
    assert current() == "en"
    assert said("format", "book", "audiobook") == "changed the format to audiobook"


def test_plural_forms_say_one_and_the_rest() -> None:
    template = environment("text").from_string(
        "{% trans count=n %}It is overdue by {{ count }} day.{% pluralize %}"
        "It is overdue by {{ count }} days.{% endtrans %}"
    )
    assert template.render(n=1, locale="es") == "Lleva 1 día de retraso."
    assert template.render(n=3, locale="es") == "Lleva 3 días de retraso."
    assert template.render(n=3, locale="en") == "It is overdue by 3 days."
    with speaking("es"):
        assert ngettext("It is overdue by %(count)s day.", "x", 1, count=1) == (
            "Lleva 1 día de retraso."
        )


def test_a_calendar_event_for_a_spanish_patron_is_in_spanish() -> None:
    event = due_date_event(
        ref="ILL-3",
        title="Cien años de soledad",
        due=date(2026, 12, 3),
        library="St. Joseph Public Library",
        domain="sjpl.example",
        stamp=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        language="es",
    ).decode()
    unfolded = event.replace("\r\n ", "")
    assert "Devolver ILL-3 «Cien años de soledad» a St. Joseph Public Library" in unfolded
    assert "Hoy vence el préstamo interbibliotecario ILL-3" in unfolded


def test_fuzzy_or_empty_entries_are_never_used() -> None:
    spanish = catalogue("es")
    assert all(value for value in spanish.values())
    assert translate("es", "") == ""
    assert _("Your interlibrary loan") == "Your interlibrary loan"  # outside a turn: English
