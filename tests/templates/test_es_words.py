"""The plain words for statuses, material types and notice headlines, in Spanish and in English."""

from __future__ import annotations

import pytest

from handlers.confirm import FORMAT_LABELS
from templates import environment
from templates.i18n import catalogue
from templates.words import (
    MATERIAL_WORDS,
    NOTICE_HEADLINES,
    STATUS_WORDS,
    material_words,
    notice_headline,
    status_words,
)


def test_status_material_and_headline_words_read_in_spanish() -> None:
    assert status_words("ready", "es") == "lo espera en el mostrador de préstamo"
    assert status_words("checked_out", "es") == "prestado a su nombre"
    assert material_words("chapter", "es") == "copia escaneada de un capítulo"
    assert material_words("audiobook", "es") == "audiolibro"
    assert notice_headline("arrived", "es") == "Listo para recoger"
    assert notice_headline("due_soon", "es") == "Vence pronto"


def test_the_english_words_are_unchanged() -> None:
    assert status_words("ready") == "waiting for you at the pickup desk"
    assert status_words("ready", "en") == "waiting for you at the pickup desk"
    assert material_words("chapter") == "chapter scan"
    assert notice_headline("arrived") == "Ready for pickup"
    assert notice_headline("some_new_notice") == "Some new notice"  # unknown: its own name


def test_a_librarys_own_material_type_keeps_its_name_in_spanish() -> None:
    assert material_words("microfilm", "es") == "microfilm"
    assert status_words("on_hold_shelf", "es") == "on hold shelf"  # no word to translate it to


@pytest.mark.parametrize(
    "words",
    [STATUS_WORDS, MATERIAL_WORDS, NOTICE_HEADLINES, FORMAT_LABELS],
    ids=["status", "material", "headline", "format"],
)
def test_every_word_has_its_spanish(words: dict[str, str]) -> None:
    spanish = catalogue("es")
    missing = [english for english in words.values() if english not in spanish]
    assert missing == []


def test_the_templates_word_filters_follow_the_locale() -> None:
    template = "{{ status | status_words }} · {{ material | material_words }}"
    context = {"status": "shipped", "material": "thesis"}
    words = environment("text").from_string(template)
    spanish = words.render({**context, "locale": "es"})
    assert spanish == (
        "en camino hacia nosotros desde la biblioteca que lo presta · tesis o disertación"
    )
    english = words.render(context)
    assert english == "on its way to us from the lending library · thesis or dissertation"
