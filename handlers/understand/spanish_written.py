"""Give back, on a Spanish message's items, the fields the English rules read in English words.

The rules read "en letra grande" as "large print" and "García, M. y López, R." as "García, M.,
& López, R." (they know the English forms only); CONVENTIONS keeps editions and author lists as
the patron wrote them, so each is looked for in the patron's own words and, when found, kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand.reading import Item
from handlers.understand.spanish_runs import has_request_word, shadow

_WRITTEN_EDITION = re.compile(
    r"\b(\d+)(\.?\s*(?:a|ª|da|ra|ta|va|na|ma|o|º))\.?\s+edici[oó]n", re.IGNORECASE
)
_LARGE_PRINT = re.compile(r"\b(letra|tipo)\s+grande\b", re.IGNORECASE)


def written_edition(edition: str | None, original: str) -> str | None:
    """Return an edition read as "2nd" or "large print" the way the patron wrote it ("2a")."""
    if edition in (None, "large print") and (large := _LARGE_PRINT.search(original)):
        return large.group(0)  # "en letra grande": the large-print edition, in the patron's words
    found = _WRITTEN_EDITION.search(original)
    if edition and found and edition.startswith(found.group(1)) and not edition.isdigit():
        return found.group(1) + found.group(2)
    return edition


def written_authors(authors: str | None, original: str) -> str | None:
    """Return a citation's author list with the patron's "y" before its last author."""
    if not authors or "&" not in authors:
        return authors
    # spanish_first said "y" between APA authors as ", &" for the citation reader
    for joined in (" y ", ", y "):
        spanish = authors.replace(", & ", joined, 1)
        if spanish in original:
            return spanish
    return authors


# Spanish words the cue rules say in English, which a title may hold ("¿Quién se ha llevado mi
# queso?" read as "… my queso?"): each English word, and the Spanish it may stand for.
_SAID_IN_ENGLISH = {
    "my": ("mi", "mis"),
    "the": ("el", "la", "los", "las"),
    "of": ("de", "del"),
    "and": ("y", "e"),
    "a": ("un", "una"),
    "books": ("libros",),
    "book": ("libro",),
}
_TOKEN = re.compile(r"\S+")
_FORM_TEXT = """
    dvd libro libros audiolibro copia copias ejemplar ejemplares pelicula peli articulo revista
"""
_FORM_WORDS = frozenset(_FORM_TEXT.split())


def written_title(title: str | None, original: str) -> str | None:
    """Return a title as the patron wrote it, when the cue rules said a word of it in English.

    Only the few function words of _SAID_IN_ENGLISH are given back, and only when the patron's
    words around them are the title's own: a title is never made of words the patron did not write.
    """
    if not title or title in original:
        return title
    words = _TOKEN.findall(title)
    parts = []
    for word in words:
        spanish = _SAID_IN_ENGLISH.get(word.lower())
        if spanish and not re.search(rf"(?<!\S){re.escape(word)}(?!\S)", original):
            parts.append("(?:" + "|".join(spanish) + ")")
        else:
            parts.append(re.escape(word))
    found = re.findall(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", original, re.IGNORECASE)
    if len(found) != 1:
        return title
    plain = [shadow(word) for word in _TOKEN.findall(found[0])]
    if has_request_word(plain) or _FORM_WORDS & set(plain):
        return title  # "me piden el DVD de El laberinto…": the request's words, not a title
    return found[0]


def as_written(item: Item, original: str) -> Item:
    """Return an item of a Spanish message with its edition, authors and title as written."""
    edition = written_edition(item.edition, original)
    authors = written_authors(item.authors, original)
    title = written_title(item.title, original)
    if edition == item.edition and authors == item.authors and title == item.title:
        return item
    return replace(item, edition=edition, authors=authors, title=title)
