"""Read pasted citations (APA, MLA, Chicago, Vancouver) into title, author, journal and year."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class Citation:
    """What a citation or a request sentence says about one item."""

    title: str | None = None
    author: str | None = None
    journal: str | None = None
    year: int | None = None
    material: str | None = None  # what the citation's shape implies (journal volume: article)
    span: Span | None = None  # the stretch of text read
    styled: bool = False  # a pasted reference: `material` is its shape, not the patron's words


_NAME = r"[A-Z][\w'’\-]+"
# "Hi, Ann. "Beloved" please" opens like an MLA author; greetings never are one.
_NOT_A_GREETING = r"(?!(?:Hi|Hello|Hey|Dear|Thanks|Thank|Please|Sorry|Yes|No|Ok|Okay|Sure)\b)"
_YEAR = re.compile(r"\b(1[4-9]\d\d|20\d\d|2100)\b")
_APA_AUTHORS = re.compile(
    rf"(?:{_NAME}(?:\s{_NAME})*,\s(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)(?:,?\s*(?:&|and)\s*|,\s*|\s)?)+$"
)
_APA_YEAR = re.compile(r"\(\s*(?P<year>\d{4})[a-z]?(?:,[^)]*)?\)\.?")
_APA_TITLE = re.compile(r"\s*(?P<title>.+?[.?!])(?=\s+\S|\s*$)")
_JOURNAL_VOLUME = re.compile(r"^\s*(?P<journal>[^,]+?),\s*(?:vol\.?\s*)?\d+")
_QUOTED_CITATION = re.compile(
    rf"(?P<authors>{_NOT_A_GREETING}{_NAME},\s[^\"“”.]{{1,120}}?)\.\s+"
    r"[\"“](?P<title>[^\"“”]+?)[.,]?[\"”]\s*(?P<rest>[^\"“”]*)"
)
_MLA_JOURNAL = re.compile(r"^\s*(?P<journal>[^,(\d]+?)\s*(?:,|\d|\(|$)")
_VANCOUVER = re.compile(
    rf"(?P<authors>{_NAME}(?:\s{_NAME})*\s[A-Z]{{1,3}}(?:,\s*{_NAME}(?:\s{_NAME})*\s[A-Z]{{1,3}})*"
    r"(?:,?\s*et\s+al)?)\.\s+"
    r"(?P<title>[^.?!]+[.?!])\s+"
    r"(?P<journal>[^.;]+?)\.?\s+"
    r"(?P<year>\d{4})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*\d+"
)
_VANCOUVER_DATE = re.compile(r"\b\d{4}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*\d")
_BOOK_CITATION = re.compile(
    rf"(?P<author>{_NOT_A_GREETING}{_NAME},\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*\.?)*?)\.\s+"
    r"(?P<title>[^.\"“”]+?)\.\s+"
    r"(?P<rest>[A-Z][^.]*?,\s*(?:1[4-9]\d\d|20\d\d)\b[^.]*)"
)
_CHAPTER_MARK = re.compile(r"^\s*(?:In\s|edited\s+by\b)|\bed(?:s?\.|ited\s+by)\s", re.I)
_VOLUME_MARK = re.compile(r"\bvol\.|\bno\.|\d+\s*\(\d+\)|\d+\s*,\s*no\.", re.I)


def year_in(text: str) -> int | None:
    """Return the first plausible publication year (1450-2100) in `text`."""
    for match in _YEAR.finditer(text):
        if 1450 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None


def clean_title(title: str) -> str | None:
    """Trim the punctuation and quote marks a citation puts around a title."""
    title = re.sub(r"\s+", " ", title).strip(" \t\"'“”‘’*_")
    title = title.rstrip(" .,;:").strip(" \"'“”‘’")
    return title or None


def _first_author(authors: str) -> str | None:
    """Return the first author of an author list, as written ("Smith, J.")."""
    authors = authors.strip(" ,;&")
    apa = re.match(rf"{_NAME}(?:\s{_NAME})*,\s(?:[A-Z]\.\s?(?:-?[A-Z]\.)*)", authors)
    if apa:
        return apa.group(0).strip()
    first = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*", authors, maxsplit=2)
    surname_only = not re.search(r"\s[A-Z]{1,3}$", first[0])  # Vancouver: "Smith J"
    if (
        surname_only
        and len(first) > 1
        and re.fullmatch(r"[A-Z][\w'’\-]*(?:\s+[A-Z]\.?)*", first[1])
    ):
        return f"{first[0]}, {first[1]}"  # "Smith, John" is one name, not two authors
    return first[0].rstrip(".") or None


def _read_apa(text: str) -> Citation | None:
    year_match = _APA_YEAR.search(text)
    if not year_match:
        return None
    authors = _APA_AUTHORS.search(text[: year_match.start()].rstrip() + " ")
    if not authors:
        return None
    title = _APA_TITLE.match(text, year_match.end())
    if not title:
        return None
    rest = text[title.end() :]
    journal = _JOURNAL_VOLUME.match(rest)
    material = "chapter" if _CHAPTER_MARK.match(rest) else "article" if journal else "book"
    return Citation(
        title=clean_title(title.group("title")),
        author=_first_author(authors.group(0)),
        journal=clean_title(journal.group("journal"))
        if journal and material == "article"
        else None,
        year=int(year_match.group("year")),
        material=material,
        span=(authors.start(), len(text)),
        styled=True,
    )


def _read_quoted(text: str) -> Citation | None:
    match = _QUOTED_CITATION.search(text)
    if not match:
        return None
    rest = match.group("rest")
    journal = None if _CHAPTER_MARK.search(rest) else _MLA_JOURNAL.match(rest)
    has_journal = bool(journal and journal.group("journal").strip() and _VOLUME_MARK.search(rest))
    material = "chapter" if _CHAPTER_MARK.search(rest) else "article" if has_journal else None
    return Citation(
        title=clean_title(match.group("title")),
        author=_first_author(match.group("authors")),
        journal=clean_title(journal.group("journal")) if journal and has_journal else None,
        year=year_in(rest),
        material=material,
        span=match.span(),
        styled=True,
    )


def _read_vancouver(text: str) -> Citation | None:
    if not _VANCOUVER_DATE.search(text):
        return None  # cheap test first: the full pattern is slow to fail on long text
    match = _VANCOUVER.search(text)
    if not match:
        return None
    return Citation(
        title=clean_title(match.group("title")),
        author=_first_author(match.group("authors")),
        journal=clean_title(match.group("journal")),
        year=int(match.group("year")),
        material="article",
        span=match.span(),
        styled=True,
    )


def _read_book_citation(text: str) -> Citation | None:
    match = _BOOK_CITATION.search(text)
    if not match:
        return None
    rest = match.group("rest")
    return Citation(
        title=clean_title(match.group("title")),
        author=_first_author(match.group("author")),
        year=year_in(rest),
        material="article" if _VOLUME_MARK.search(rest) else "book",
        span=match.span(),
        styled=True,
    )


_STYLES: tuple[Callable[[str], Citation | None], ...] = (
    _read_apa,
    _read_vancouver,
    _read_quoted,
    _read_book_citation,
)


def read_citation(text: str) -> Citation | None:
    """Read a pasted reference in APA, MLA, Chicago or Vancouver style, if there is one."""
    for read in _STYLES:
        citation = read(text)
        if citation and citation.title:
            return citation
    return None
