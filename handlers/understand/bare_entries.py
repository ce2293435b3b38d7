"""Read the items of a list or of lines with no request verb: "Sapiens; Dune by Frank Herbert".

Each entry is read by bare_titles' splits ("Title by Author", "Title, Author", "Author's
Title"); a form filled in by hand ("Title: ...", "Author: ...") and "X and Y, both by Z" too.
"""

from __future__ import annotations

import re

from handlers.understand.bare_titles import (
    BY_WORD,
    OPENING,
    QUESTION_START,
    action_in,
    personal_name,
    split_bracketed_author,
    split_comma_author,
    split_dash_author,
    split_possessive_author,
)
from handlers.understand.citation import Citation, clean_title, take_year
from handlers.understand.titles import (
    NAME,
    entries,
    looks_like_title,
    several_by_author,
    split_author,
    strip_announcement,
    strip_filler,
    title_case,
    without_wanted_part,
)


def _opened(text: str) -> str:
    return OPENING.sub("", strip_filler(strip_announcement(text.strip())), count=1)


def _by_author(entry: str, span: tuple[int, int]) -> Citation | None:
    """Read "Title by Author" (the whole entry, bar trailing courtesy)."""
    body, author, after = split_author(entry)
    title = without_wanted_part(clean_title(body))
    if not (author and title) or strip_filler(after).strip(" .!?,"):
        return None  # words left over: a sentence, not a title
    doubtful = "," in title or QUESTION_START.match(title)
    if doubtful and not (title_case(title) and len(title.split()) >= 2):
        return None  # "hi, the book by Foucault", "what about the one by Foucault"
    if action_in(title):
        return None  # "renew the book by Foucault"
    if not (looks_like_title(title) or looks_like_title(author)):
        return None  # "sorted by date"
    title, year = take_year(title)
    return Citation(title=clean_title(title), author=author, year=year, span=span)


def _named_with(entry: str, span: tuple[int, int]) -> Citation | None:
    """Read "Title, Author" or "Author's Title" as the whole entry."""
    splits = (
        split_bracketed_author,
        split_comma_author,
        split_dash_author,
        split_possessive_author,
    )
    entry, year = take_year(entry)  # "Punished, Victor Rios, 2011"
    for split in splits:
        title, author = split(entry)
        if author and action_in(title) is None:
            return Citation(title=clean_title(title), author=author, year=year, span=span)
    return None


# "Title: The Power Broker" / "Author: Robert Caro" / "Year: 1974": a form filled in by hand.
_FIELD_LINE = re.compile(
    r"^[ \t*_-]*(?P<field>title|book|author|authors?|by|year)[ \t*_]*:[ \t]*(?P<value>\S[^\n]*?)"
    r"[ \t]*$",
    re.I | re.M,
)


def from_filled_fields(text: str) -> Citation | None:
    """Read an item written as "Title: ..." and "Author: ..." lines; None without a title line."""
    values: dict[str, str] = {}
    span = None
    for match in _FIELD_LINE.finditer(text):
        field = match.group("field").lower()
        field = "title" if field == "book" else "author" if field in ("authors", "by") else field
        if field == "title":
            span = match.span("value")
        values.setdefault(field, match.group("value").strip())
    if span is None or len(values) < 2:
        return None  # one "Title:" line alone may be a question's subject
    year = (
        int(values["year"]) if re.fullmatch(r"1[5-9]\d\d|20\d\d", values.get("year", "")) else None
    )
    title = clean_title(values["title"])
    return Citation(title=title, author=values.get("author"), year=year, span=span)


def _several(entry: str, span: tuple[int, int]) -> list[Citation]:
    """Read "Dune by Frank Herbert, Emma by Jane Austen" as one item per title and author."""
    pairs = several_by_author(entry)
    citations = [_by_author(f"{title} by {author}", span) for title, author in pairs]
    return [c for c in citations if c is not None] if all(citations) else []


def from_bare_entries(text: str) -> tuple[Citation, ...]:
    """Read a message that is only items ("Title by Author", one per line or list entry)."""
    filled = from_filled_fields(text)
    if filled is not None:
        return (filled,)
    found: list[Citation] = []
    for start, end in entries(text):
        entry = _opened(text[start:end])
        pairs = _several(entry, (start, end))
        if pairs:
            found += pairs
            continue
        both = both_by_author(entry)
        if both:
            found += [Citation(title=clean_title(t), author=a, span=(start, end)) for t, a in both]
            continue
        citation = _by_author(entry, (start, end)) if BY_WORD.search(entry) else None
        citation = citation or _named_with(entry, (start, end))
        citation = citation or _before_courtesy(entry, (start, end))
        if citation is not None:
            found.append(citation)
    return tuple(found)


# "Why We Sleep, Matthew Walker. Audiobook if you can.": a title and author, then a sentence
# of nothing but the form wanted and courtesy.
_SENTENCE_CUT = re.compile(r"(?<![A-Z])\.\s+(?=[A-Z])")


def _before_courtesy(entry: str, span: tuple[int, int]) -> Citation | None:
    cut = _SENTENCE_CUT.search(entry)
    rest = entry[cut.end() :] if cut else ""
    if not cut or strip_filler(f" {rest[:1].lower()}{rest[1:]}").strip(" .!?,"):
        return None
    head = entry[: cut.start()]
    citation = _by_author(head, span) if BY_WORD.search(head) else None
    return citation or _named_with(head, span)


_BOTH_BY = re.compile(
    rf"^(?P<titles>.+?),?\s+(?:both|all)(?:\s+(?P<by>by)\s+(?P<author>{NAME})"
    # "Blink and Outliers, both Malcolm Gladwell"; "Catch-22 and Slaughterhouse-Five, both on
    # audiobook": the form they are wanted in is read from the words around them
    r"|\s+(?P<name>(?:[A-Z][\w'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w'’\-]+|[A-Z]\.)){1,3})"
    r"|\s+(?:on|as|in)\s+(?:an?\s+)?(?-i:audio\s*-?books?|e-?books?|DVDs?|dvds?|CDs?|large\s+print|paperbacks?)"
    r"|(?=\s*$))\s*$"
)


def both_by_author(body: str) -> list[tuple[str, str | None]]:
    """Read "Sula and The Bluest Eye, both by Toni Morrison" as (title, author) pairs."""
    match = _BOTH_BY.match(strip_filler(body))
    if not match:
        return []
    name = match.group("name")
    if name and not personal_name(name):
        return []
    titles = [t for t in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("titles")) if t.strip()]
    if len(titles) < 2 or not all(title_case(t) for t in titles):
        return []
    author = (match.group("author") or name or "").rstrip(" .") or None
    return [(title, author) for title in titles]


# "these, all Colson Whitehead: The Nickel Boys, The Underground Railroad, Harlem Shuffle"
_ALL_BY_FIRST = re.compile(
    r"^\s*(?:(?:these|those|the\s+following)\s*,?\s*)?(?:all|both)\s+(?:by\s+)?"
    r"(?P<name>(?:[A-Z][\w'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w'’\-]+|[A-Z]\.)){1,3})\s*:\s*(?P<titles>.+)$"
)


def all_by_first(body: str) -> list[tuple[str, str | None]]:
    """Read "all Colson Whitehead: A, B and C" as (title, author) pairs."""
    match = _ALL_BY_FIRST.match(strip_filler(body))
    if not match or not personal_name(match.group("name")):
        return []
    found = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("titles"))
    titles = [t.strip() for t in found if t.strip()]
    if len(titles) < 2 or not all(title_case(t) for t in titles):
        return []
    return [(title, match.group("name")) for title in titles]


def list_ended(text: str, previous: tuple[int, int], start: int) -> bool:
    """Tell whether a new line after a finished sentence, with no bullet, ends a list."""
    gap = text[previous[1] : start]
    if "\n" not in gap or gap.strip():
        return False
    if text[: previous[1]].rstrip()[-1:] in ".!?":
        return True
    # A line with no bullet or number after a bulleted or numbered entry: "- Caste by Isabel
    # Wilkerson\nI'd need both by end of October": the list is over
    return _BULLET_BEFORE.search(text, 0, previous[0]) is not None


_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·]|\d{1,2}[.)])[ \t]*$")
