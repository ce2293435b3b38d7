"""The languages a profile answers patrons in, and its own words in each.

`languages = ["en", "es"]` lists them, the library's default first. The library writes its
words in English at the top of each table; a sub-table named by a language code holds the same
words in that language: `[contact.es]`, `[delivery.es]`, `[texts.es]`, and `[rules.es]` after a
rule's `[[rules]]` (its explain, instead and answer; `says` stays as the library wrote it).
policy/validate_languages.py checks that a listed language has every word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policy.errors import ProfileError

ENGLISH = "en"  # the language a profile's own words are written in
# A sub-table named by a language code holds the library's words in that language.
LANGUAGE_CODE = re.compile(r"[a-z]{2}")
KEYS_WORDS = ("contact", "delivery", "texts")  # the top-level tables that hold patron words
RULE_WORDS = ("explain", "instead", "answer")  # a rule's patron-facing words


@dataclass(frozen=True)
class LibraryWords:
    """The library's own patron-facing words in one language: [contact], [delivery], [texts]."""

    contact: dict[str, str]
    delivery: dict[str, str]
    texts: dict[str, str]


def is_language(key: str, value: Any) -> bool:
    """Tell whether a key is a sub-table of words in another language (`[rules.es]`)."""
    return isinstance(value, dict) and bool(LANGUAGE_CODE.fullmatch(key))


def language_tables(table: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Return a table's sub-tables of words per language: {"es": {"explain": "…"}}."""
    return {
        k: {str(key): str(text).strip() for key, text in v.items()}
        for k, v in table.items()
        if is_language(k, v)
    }


def own_words(table: Any) -> dict[str, str]:
    """Return a table's words in English: every key but the language sub-tables."""
    given = table if isinstance(table, dict) else {}
    return {str(k): str(v) for k, v in given.items() if not is_language(k, v)}


def translations(data: dict[str, Any], languages: tuple[str, ...]) -> dict[str, LibraryWords]:
    """Return the profile's [contact.es], [delivery.es] and [texts.es], per listed language."""
    found = {}
    for language in languages:
        if language == ENGLISH:
            continue
        tables = [language_tables(data.get(key) or {}).get(language, {}) for key in KEYS_WORDS]
        found[language] = LibraryWords(*tables)
    return found


def parse_languages(value: Any, where: str) -> tuple[str, ...]:
    """Read `languages = ["en", "es"]`; English alone when absent."""
    if value is None:
        return (ENGLISH,)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and LANGUAGE_CODE.fullmatch(v) for v in value)
    ):
        raise ProfileError(
            f'{where}: languages: wants a list of language codes like ["en", "es"], not {value!r}'
        )
    if len(set(value)) != len(value):
        raise ProfileError(f"{where}: languages: a language is listed twice in {value!r}")
    return tuple(value)
