"""Give back, on a Spanish message's items, the fields the English rules read in English words.

The rules read "en letra grande" as "large print" and "García, M. y López, R." as "García, M.,
& López, R." (they know the English forms only); CONVENTIONS keeps editions and author lists as
the patron wrote them, so each is looked for in the patron's own words and, when found, kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand.reading import Item

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


def as_written(item: Item, original: str) -> Item:
    """Return an item of a Spanish message with its edition and authors as the patron wrote."""
    edition = written_edition(item.edition, original)
    authors = written_authors(item.authors, original)
    if edition == item.edition and authors == item.authors:
        return item
    return replace(item, edition=edition, authors=authors)
