"""A series asked for by its name: "any of the Dog Man books", "the 4th Cormoran Strike book".

Parents, grandparents and readers of a series name it, not a book of it: "the next Wings of
Fire", "the rest of the Percy Jackson series", "Dog Man book 11", "I just finished A Court of
Thorns and Roses and want the next book in the series". The series' name is the title; a number
or ordinal that says which of its books is the volume. The core confirms it before recording.
"""

from __future__ import annotations

import re
from functools import lru_cache

from handlers.understand.citation import Citation
from handlers.understand.titles import NAME

_SMALL = r"(?:of|and|the|a|an|in|on|to|for|with|from|at|&)"
_CAP = r"(?-i:[A-Z0-9])[\w'’:-]*"
# A capitalised run that ends in a capitalised word ("Diary of a Wimpy Kid", "Wings of Fire").
_RUN = rf"(?P<name>{_CAP}(?:\s+(?:{_SMALL}\s+)*{_CAP})*)"
_ORDINALS = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
}
_ORDINAL = (
    r"(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth"
    r"|ninth|tenth)"
)
_KIND = r"(?-i:books|series|novels|comics)"
_FORMS = (
    # "the 4th Cormoran Strike book", "the second Outlander book"
    re.compile(rf"\bthe\s+{_ORDINAL}\s+{_RUN}\s+(?-i:book|novel)\b", re.I),
    # "Dog Man book 11", "Wings of Fire book 3"
    re.compile(rf"{_RUN}\s+(?-i:book|#)\s*(?P<number>\d{{1,3}})\b", re.I),
    # "any of the Dog Man books", "the rest of the Percy Jackson series", "Bluey books??",
    # "any Magic Tree House books", "the Magnus Chase books"
    re.compile(
        rf"(?:^|(?<=\s)|(?<=\())(?:(?:any|all|rest)\s+(?:of\s+)?(?:the\s+)?|the\s+)?{_RUN}\s+{_KIND}\b",
        re.I,
    ),
    # "could you get any Diary of a Wimpy Kid book"
    re.compile(rf"\bany\s+{_RUN}\s+(?-i:book|novel)\b", re.I),
    # "the next Wings of Fire", "the next one in the thursday murder club series"
    re.compile(rf"\bthe\s+next\s+{_RUN}(?=\s*(?:pls|please|plz|book|one|[,.!?]|$))", re.I),
    re.compile(
        r"\bnext\s+(?:one|book|volume)\s+(?:in|of)\s+(?:the\s+)?"
        r"(?P<name>[A-Za-z][\w'’ ]{2,50}?)\s+series\b",
        re.I,
    ),
    # "I just finished A Court of Thorns and Roses and want the next book in the series",
    # "obsessed with Amulet, could you find the next ones?"
    re.compile(
        rf"\b(?:finished|read|reading|loves?|loved|obsessed\s+with|into)\s+{_RUN}\b[^.?!]{{0,60}}?"
        r"\bthe\s+next\s+(?:one|ones|book|books|volume)\b",
        re.I,
    ),
)
_NOT_NAMES_TEXT = """
    i my we our these those this any his her what which how many qué que cuáles cuales cuántos
    cuantos mis los las sus how all more other some your ill interlibrary library public uni
    university college school class course can could would will is are do does did should may
    when where who
"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_BY = re.compile(rf"\s+by\s+(?P<author>(?-i:[A-Z]){NAME})")
_WORTH_READING = re.compile(r"\b(?:books|series|novels|comics|book|novel|next)\b|#", re.I)
_LIBRARY = re.compile(r"\b(?:ILL|Library|Libraries|Interlibrary)\b")
_NOT_WHOLE = frozenset(
    {"the", "a", "an", "it", "one", "ill", "dvd", "cd", "library", "ebook", "audio"}
)


@lru_cache(maxsize=1024)
def read_series(text: str) -> Citation | None:
    """Read a series named as one ("the Dog Man books", "Dog Man book 11"), or None."""
    if not _WORTH_READING.search(text):
        return None  # most messages name no series: one cheap look first
    for form in _FORMS:
        for match in form.finditer(text):
            name = match.group("name").strip()
            first = name.split()[0].lower()
            if first in _NOT_NAMES or name.lower() in _NOT_WHOLE or name.isdigit():
                continue
            if _LIBRARY.search(name):
                continue
            groups = match.groupdict()
            ordinal = (groups.get("ordinal") or "").lower()
            volume = groups.get("number") or _ORDINALS.get(ordinal) or re.sub(r"\D", "", ordinal)
            by = _BY.match(text, match.end())
            author = by.group("author") if by else None
            return Citation(
                title=name, author=author, volume=volume or None, span=match.span("name")
            )
    return None
