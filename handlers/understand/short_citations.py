"""Articles named the way researchers say them: "Jacobs 2019 from Criminology vol 57".

A surname, a year and the journal, with no article title: no pasted style matches it, and
nothing in it is a title. It is read only where a request names no item otherwise.
"""

from __future__ import annotations

import re

from handlers.understand.citation import Citation

_NOT_SURNAMES_TEXT = """
    the a an its it's this that from in by for and or of my our your hi hey hello please thanks
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday spring summer fall autumn winter volume vol issue article journal chapter
    book page pages since before after until
"""
_NOT_SURNAMES = frozenset(_NOT_SURNAMES_TEXT.split())
_SURNAME = r"(?-i:[A-Z][a-z][\w'’\-]+)"
_JOURNAL_WORD = r"(?-i:[A-Z][\w&.'’\-]*)"
_SHORT = re.compile(
    rf"(?<![\w'’])(?P<author>{_SURNAME}(?:\s+et\s+al\.?|\s+(?:and|&)\s+{_SURNAME})?)"
    r"\s*,?\s*\(?(?P<year>(?:19|20)\d\d)\)?"
    r"(?:\s*,\s*|\s+(?:from|in|published\s+in)\s+)(?:the\s+)?(?:journal\s+)?"
    rf"(?P<journal>{_JOURNAL_WORD}(?:\s+(?:{_JOURNAL_WORD}|of|and|&|the|for|in|on))*?)"
    r"(?=\s*(?:,|;|\bvol\b|\bvol\.|\bvolume\b|\bissue\b|\bno\.|\d|[.?!)]|\n|$))",
    re.I,
)


def short_citation(text: str) -> Citation | None:
    """Read "Surname YEAR from Journal" (or "Surname (YEAR), Journal"), or None."""
    for match in _SHORT.finditer(text):
        author = match.group("author")
        if author.split()[0].lower() in _NOT_SURNAMES:
            continue
        journal = match.group("journal").rstrip(" .")
        if journal.split()[-1].lower() in ("of", "and", "&", "the", "for", "in", "on"):
            continue
        return Citation(
            author=author,
            year=int(match.group("year")),
            journal=journal,
            material="article",
            span=match.span(),
        )
    return None
