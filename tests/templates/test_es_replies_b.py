"""Replies no_such_request … why_nothing in Spanish; their English stays word for word.

Each case in es_replies_b_cases.json is a context a handler really wrote (captured from the
scenarios and the handler tests, trimmed to the keys the template reads), with the English the
template printed for it before it was marked for translation. Rendered with `locale="es"`, every
sentence of these templates must be the catalogue's Spanish, with the same titles, refs and
amounts, and the bot's dates in Spanish words. The library's own words (a rule's explanation,
desk names) and the shared partials come from elsewhere and are not judged here.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from templates import render
from templates.dates import DATE_KEYS, day_words
from templates.messages import problems

HERE = Path(__file__).parent
CATALOGUE = HERE.parents[1] / "templates/locale/es/LC_MESSAGES/messages.po"
CASES = json.loads((HERE / "es_replies_b_cases.json").read_text(encoding="utf-8"))
# Words filled into other sentences ("please ask ILL staff"), judged through those sentences.
FRAGMENTS = frozenset({"ILL staff", "the library"})
_PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Keys whose values a patron must find unchanged in the Spanish: titles, refs, names.
# Replies that are only the library's words and a shared partial, with no sentence of their own.
WORDS_ONLY = frozenset(
    {"renew_refused-instead", "renew_refused-plain", "status_one-overdue", "policy_answer-lead"}
)
KEPT = ("asked", "name", "title", "ref", "current", "choices", "open")


def _ids(case: dict[str, Any]) -> str:
    return f"{case['template']}-{case['label'] or 'plain'}".replace(" ", "_")


@cache
def _messages() -> dict[str, list[tuple[str, str]]]:
    """Return, per reply template, its sentences as (English, Spanish) from the catalogue."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    found: dict[str, list[tuple[str, str]]] = {}
    for message in catalogue:
        if not message.id or not isinstance(message.id, str) or message.id in FRAGMENTS:
            continue
        for path, _line in message.locations:
            if not path.startswith("templates/replies/"):
                continue
            name = Path(path).name.removesuffix(".txt.j2")
            found.setdefault(name, []).append((str(message.id), str(message.string)))
    return found


def _pattern(message: str) -> re.Pattern[str]:
    """A message as a pattern, any value in place of its placeholders."""
    parts = _PLACEHOLDER.split(message)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.DOTALL)


def _shown(template: str, english: str) -> list[tuple[str, str]]:
    """Return the template's sentences an English reply shows, the most specific first.

    "Done: for X, I've A and B." also fits "Done: for X, I've Y.": each sentence found is taken
    out of the text, so the shorter variant is not counted again.
    """
    found, left = [], english
    by_length = sorted(
        _messages().get(template, []), key=lambda m: -len(_PLACEHOLDER.sub("", m[0]))
    )
    for english_message, spanish in by_length:
        match = _pattern(english_message).search(left)
        if match:
            found.append((english_message, spanish))
            left = left[: match.start()] + "\0" + left[match.end() :]
    return found


def _render(case: dict[str, Any], locale: str | None = None) -> str:
    context = dict(case["context"])
    if locale:
        context["locale"] = locale
    return render(f"replies/{case['template']}", case["channel"], context)


def _dates(value: Any, key: str = "") -> list[date]:
    if isinstance(value, dict):
        return [d for k, v in value.items() for d in _dates(v, k)]
    if isinstance(value, list):
        return [d for v in value for d in _dates(v, key)]
    if key in DATE_KEYS and isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return [date.fromisoformat(value)]
    return []


def _kept(value: Any, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _kept(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _kept(v, key)]
    return [value] if key in KEPT and isinstance(value, str) and value else []


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_the_english_reply_is_unchanged(case: dict[str, Any]) -> None:
    """Marking the sentences for translation left the English word for word as it was."""
    assert _render(case) == case["english"]
    assert _render(case, "en") == case["english"]


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_the_spanish_reply_says_every_sentence_in_spanish(case: dict[str, Any]) -> None:
    """Each sentence the English reply shows is there in Spanish, and no longer in English."""
    spanish = _render(case, "es")
    shown = _shown(case["template"], case["english"])
    if _ids(case) in WORDS_ONLY:
        assert not shown
        return
    assert shown, f"none of {case['template']}'s own sentences is in its English"
    for english, own in shown:
        assert _pattern(own).search(spanish), f"{own!r} missing from {spanish!r}"
        assert not _pattern(english).search(spanish), f"{english!r} left in {spanish!r}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_the_spanish_reply_keeps_titles_refs_and_says_dates_in_spanish(
    case: dict[str, Any],
) -> None:
    """Titles and refs are as the patron wrote them; the bot's dates are Spanish words."""
    spanish = _render(case, "es")
    for ref in re.findall(r"ILL-\d+", case["english"]):
        assert ref in spanish
    for text in _kept(case["context"]):
        if text in case["english"]:
            assert text in spanish
    today = date.fromisoformat(case["context"]["today"])
    for day in _dates({k: v for k, v in case["context"].items() if k != "today"}):
        if day_words(day, today) in case["english"]:
            assert day_words(day, today, "es") in spanish


def test_the_catalogue_has_every_sentence_of_these_templates() -> None:
    """`python -m templates.messages check` finds nothing missing for these templates."""
    mine = re.compile(r"templates/replies/(?!_|language_)[i-z]")
    assert [line for line in problems("es") if mine.search(line)] == []


def test_a_request_done_reads_as_a_spanish_librarian_writes_it() -> None:
    """A whole reply, with the library's words in Spanish too, reads as one Spanish message."""
    line: dict[str, Any] = {
        "outcome": "accepted",
        "title": "Cien años de soledad",
        "ref": "ILL-3",
        "copies": 0,
        "estimate": "La mayoría de los libros llegan en una a tres semanas.",
        "reasons": [],
    }
    context: dict[str, Any] = {"today": "2026-11-30", "need_by": "2026-12-03", "lines": [line]}
    context |= {"split": [], "registered": False, "locale": "es"}
    assert render("replies/request_result", "slack", context) == (
        "Listo: solicité Cien años de soledad para usted con el número ILL-3. "
        "Lo necesita para el jueves, 3 de diciembre. "
        "La mayoría de los libros llegan en una a tres semanas."
    )


def test_a_renewal_asked_says_the_due_day_in_spanish() -> None:
    """The due day in the renewal reply is "jueves, 3 de diciembre", after "vence el"."""
    context = {"today": "2026-11-30", "due": "2026-12-03", "notes": [], "locale": "es_US"}
    text = render("replies/renew_requested", "email", {**context, "name": "ILL-2 “Beloved”"})
    assert text == (
        "Le pedí a la biblioteca que lo presta que renueve ILL-2 “Beloved” "
        "(vence el jueves, 3 de diciembre).\n"
        "La decisión es de la biblioteca que lo presta; le avisaré la nueva fecha de devolución "
        "en cuanto tengamos respuesta."
    )


def test_thanks_in_spanish_is_answered_de_nada() -> None:
    """ "¡Muchas gracias!" is thanks, answered "¡De nada!", as "thank you" is in English."""
    said = {"said": "¡Muchas gracias!", "thanks": True, "known": False, "locale": "es"}
    text = render("replies/smalltalk", "slack", said)
    assert text.startswith("¡De nada! Puedo ayudarle con sus préstamos interbibliotecarios")
    english = render("replies/smalltalk", "slack", {**said, "said": "Thanks a lot", "locale": "en"})
    assert english.startswith("You're welcome! I can help with interlibrary loans")
    # a patron with requests already knows what the bot does
    known = render("replies/smalltalk", "slack", {**said, "known": True})
    assert known == "¡De nada!"


def test_the_commands_a_spanish_reply_teaches_are_spanish() -> None:
    """Unknown messages point to "ayuda" and "hablar con una persona", quoted as typed."""
    contact = {"office": "la bibliotecaria de préstamo interbibliotecario"}
    text = render("replies/unknown", "slack", {"contact": contact, "locale": "es"})
    assert '"ayuda"' in text and '"hablar con una persona"' in text
    assert text.endswith("para comunicarse con la bibliotecaria de préstamo interbibliotecario.")
