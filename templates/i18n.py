"""The patron's language: gettext catalogues for every text the bot writes to patrons.

English is the source language: every message is written in English in its template or module
and marked for translation (`{% trans %}` in templates, `_()` or `N_()` in Python). The other
languages' words are in `templates/locale/<lang>/LC_MESSAGES/*.po`, read with Babel when a
message in that language is first written (no compiled `.mo` files to forget to rebuild).
`make messages` extracts the marked messages into `templates/locale/messages.pot` and adds the
new ones to each catalogue; tests/i18n checks that every catalogue a shipped profile needs has
every message, with the same placeholders.

Which language a message is in comes from its context's `locale` (templates) or from the
language the current turn is `speaking` (Python code building text outside a template).
A message missing from a catalogue is written in English: a patron always gets an answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

SOURCE = "en"  # the language messages are written in
LOCALES = Path(__file__).parent / "locale"
_speaking: ContextVar[str] = ContextVar("speaking", default=SOURCE)


def language_of(locale: object) -> str:
    """Return the language part of a locale ("es" of "es_US"), English when none is given."""
    text = str(locale or SOURCE).replace("-", "_")
    return text.split("_", 1)[0].lower() or SOURCE


@cache
def catalogue(language: str) -> Mapping[str, Any]:
    """Return a language's messages, msgid → msgstr (a tuple of forms for plurals)."""
    folder = LOCALES / language / "LC_MESSAGES"
    messages: dict[str, Any] = {}
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if not message.id or message.fuzzy:
                    continue  # the header, and guesses no translator has checked
                key = message.id[0] if isinstance(message.id, tuple | list) else message.id
                if isinstance(message.string, tuple | list):
                    # Two forms are used (one, other). Babel's header for Spanish declares
                    # CLDR's three (one, many, other); a translator may fill two or three.
                    one, *others = tuple(message.string) or ("",)
                    other = next((form for form in reversed(others) if form), "")
                    if one and other:
                        messages[key] = (one, other)
                elif message.string:
                    messages[key] = message.string
    return messages


def languages() -> tuple[str, ...]:
    """Return every language the bot can write: English and each language with a catalogue."""
    found = sorted(p.parent.name for p in LOCALES.glob("*/LC_MESSAGES") if any(p.glob("*.po")))
    return (SOURCE, *(name for name in found if name != SOURCE))


def translate(language: str, message: str) -> str:
    """Return a message in a language, or as written when the language lacks it."""
    if language == SOURCE or not message:
        return message
    found = catalogue(language).get(message)
    return found if isinstance(found, str) else message


def translate_plural(language: str, singular: str, plural: str, n: int) -> str:
    """Return the form of a message for n in a language (English's two forms without one)."""
    forms = catalogue(language).get(singular) if language != SOURCE else None
    if isinstance(forms, tuple):
        return forms[_plural_index(language, n)]
    return singular if n == 1 else plural


def _plural_index(language: str, n: int) -> int:
    # The languages shipped (English, Spanish) say one, and everything else ("0 días").
    return 0 if n == 1 else 1


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Write Python-built messages in a language for the length of a block (a patron's turn)."""
    token = _speaking.set(language_of(language))
    try:
        yield _speaking.get()
    finally:
        _speaking.reset(token)


def current() -> str:
    """Return the language Python-built messages are being written in."""
    return _speaking.get()


def _(message: str, **values: Any) -> str:
    """Return a message in the current language, its %(name)s placeholders filled in."""
    text = translate(current(), message)
    return text % values if values else text


def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
    """Return the form of a message for n in the current language, placeholders filled in."""
    text = translate_plural(current(), singular, plural, n)
    return text % {"num": n, **values}


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where it is used."""
    return message
