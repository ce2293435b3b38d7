"""One reader per citation style. Each reads the first reference it finds in text[start:end]."""

from __future__ import annotations

import re

from handlers.understand.citation import (
    Citation,
    Style,
    clean_title,
    first_author,
    is_abbreviation,
    month_day,
    month_day_of,
    page_range,
    title_end,
    year_in,
)
from handlers.understand.short_styles import read_authors_first

_NAME = r"[A-Z][\w'’\-]+"
# "Hi, Ann. "Beloved" please" opens like an MLA author; greetings never are one.
_NOT_A_GREETING = (
    r"(?!(?i:hi|hello|hey|dear|thanks|thank|please|sorry|yes|no|ok|okay|sure|this|that|get|me"
    r"|these|best|regards)\b)"
)
_APA_AUTHORS = re.compile(
    rf"(?:{_NAME}(?:\s{_NAME})*,\s(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)(?:,?\s*(?:&|and)\s*|,\s*|\s)?)+$"
)
_APA_YEAR = re.compile(r"\(\s*(?P<year>\d{4})[a-z]?(?:,(?P<date>[^)]{0,40}))?\)\.?")
_APA_JOURNAL = re.compile(
    r"\s*(?P<journal>[^,\n]+?),\s*(?:vol\.?\s*)?(?P<volume>\d+)\s*(?:\((?P<issue>[^)]{1,12})\))?"
    r"(?:\s*,\s*(?:pp?\.\s*)?(?P<pages>\d+(?:\s*[-–—]\s*\d+)?))?"
)
_CHAPTER_MARK = re.compile(r"^\s*(?:In\s|edited\s+by\b)|\bed(?:s?\.|ited\s+by)\s", re.I)
_CHAPTER_PAGES = re.compile(r"\(\s*pp?\.\s*(?P<pages>\d+\s*[-–—]\s*\d+)\s*\)")
_VOLUME_MARK = re.compile(r"\bvol\.|\bno\.|\d+\s*\(\d+\)|\d+\s*,\s*no\.", re.I)
_V_AUTHOR = rf"{_NAME}(?:\s{_NAME})*\s[A-Z]{{1,3}}"
_VANCOUVER_HEAD = re.compile(
    rf"(?P<authors>{_V_AUTHOR}(?:,\s*{_V_AUTHOR})*(?:,?\s*et\s+al)?)\.\s+(?=\S)"
)
_VANCOUVER_TAIL = re.compile(
    r"\s*(?P<journal>[^.;\n]+?)\.?\s+(?P<year>\d{4})(?P<date>\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;"
    r"\s*(?P<volume>\d+)?\s*(?:\((?P<issue>[^)]{1,12})\))?"
    # pages, or an article number ("e0123456", "k1234") where the journal numbers no pages
    r"(?:\s*:\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?|[a-z]\d{2,}\b))?"
)
_VANCOUVER_DATE = re.compile(r"\b\d{4}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*\d|;\s*\d{4}\b")
# A Vancouver book: "Sen A. Development as freedom. New York: Knopf; 1999."
_VANCOUVER_BOOK = re.compile(
    r"\s*(?:\d+(?:st|nd|rd|th)\s+ed\.\s+)?[A-Z][^:;.\n]{1,40}:\s*[^;\n]{2,80};\s*(?P<year>\d{4})\b"
)
# "Korean wave [Doctoral dissertation, University of Michigan]": an APA thesis.
_THESIS_NOTE = re.compile(
    r"\s*\[(?:doctoral|master'?s|ph\.?\s?d\.?|unpublished)[^\]]*(?:dissertation|thesis)[^\]]*\]",
    re.I,
)
_QUOTED_HEAD = re.compile(
    # a surname starts a word and is followed on its line ("Hello,\nCould you ..." is none)
    rf"(?<![\w'’\-])(?P<authors>{_NOT_A_GREETING}[A-Za-z][\w'’\-]+,[ \t][^\"“”\n\d]{{1,120}}?)\.\s+"
    r"(?:(?P<date>1[4-9]\d\d|20\d\d)[a-z]?\.\s+)?"  # Chicago author-date: "Hardin, G. 1968."
    r"[\"“](?P<title>[^\"“”]+?)[\"”]"
)
# "PhD diss., University at Albany, 2019.": a thesis, cited as a book
_THESIS_WORDS = re.compile(
    r"\b(?:ph\.?\s?d\.?\s+diss\.|diss\.|dissertation|(?:ma|master'?s)\s+thesis)", re.I
)
_QUOTE_MARK = re.compile(r"[\"“]")
_FOUR_DIGITS = re.compile(r"\d{4}")
# "Decolonization: Indigeneity, Education & Society, vol. 1": a name holding a comma runs on
# to the numbering.
_CONTAINER_TO_NUMBERS = re.compile(r"\s*(?P<name>[^(\d\n\"“”]+?)\s*,\s*(?=vol\.|no\.|\d)")
_CONTAINER = re.compile(r"\s*(?P<name>[^,(\d\n]+?)\s*(?:,|\d|\(|$)")
_BOOK_PUBLISHER = re.compile(r"\b(?:Press|Publish\w*|Books|University|Routledge|Verso)\b")
_GIVEN = r"(?:[A-Z]\.|[A-Z][a-z][\w'’\-]*)"
_BOOK_HEAD = re.compile(
    rf"(?P<author>{_NOT_A_GREETING}{_NAME}(?:\s{_NAME})*,\s+{_GIVEN}(?:\s*{_GIVEN}){{0,3}}"
    r"(?:,\s*(?:Jr|Sr|II|III)\.?)?"
    # "Hochschild, Arlie Russell, and Anne Machung": a co-author, given name first
    rf"(?:,?\s+and\s+{_GIVEN}(?:\s+{_GIVEN}){{0,2}}\s+{_NAME})?)(?:(?<=\.)|\.)\s+(?=[A-Z0-9\"“])"
)
_AUTHOR_DATE = re.compile(r"(?P<year>1[4-9]\d\d|20\d\d)[a-z]?\.\s+(?=[A-Z\"“])")
_PUBLISHED = re.compile(r",\s*(?P<year>1[4-9]\d\d|20\d\d)\b")


def _several(authors: str) -> str | None:
    """Return the whole author list when it names more than one author."""
    authors = authors.strip(" ,")
    names = re.findall(r"\b[A-Z][\w'’\-]+,\s(?:[A-Z]\.)|[A-Z][\w'’\-]+\s[A-Z]{1,3}\b", authors)
    several = len(names) > 1 or re.search(r"\band\b|&|et\s+al", authors)
    return authors if several else None


def _group(match: re.Match[str] | None, group: int | str) -> str | None:
    """Return a group of a match that may be missing."""
    return match.group(group) if match else None


def read_apa(text: str, start: int, end: int) -> Citation | None:
    """Read "Smith, J. (2019). Title. Journal, 12(3), 45–67." or a book or chapter."""
    for year in _APA_YEAR.finditer(text, start, end):
        authors = _APA_AUTHORS.search(text[start : year.start()].rstrip() + " ")
        if not authors:
            continue
        done = title_end(text, year.end(), end)
        rest = text[done:end]
        if text[done - 1 : done] in ("?", "!"):
            # "Can policing disorder reduce crime? A systematic review. Journal of ...": a
            # question mark before a subtitle; the title goes on to the full stop before the
            # journal when one follows
            further = title_end(text, done, end)
            journal_after = _APA_JOURNAL.match(text, further, end)
            if further < end and journal_after and ". " not in journal_after.group("journal"):
                done, rest = further, text[further:end]
        chapter = _CHAPTER_MARK.match(rest)
        journal = None if chapter else _APA_JOURNAL.match(rest)
        pages = _CHAPTER_PAGES.search(rest) if chapter else None
        names = authors.group(0).strip()
        title = text[year.end() : done]
        thesis = _THESIS_NOTE.search(title)
        month, day = month_day(year.group("date"))  # "(2026, March 3)"
        return Citation(
            title=clean_title(_THESIS_NOTE.sub("", title)),
            author=first_author(names),
            authors=_several(names),
            journal=clean_title(journal.group("journal")) if journal else None,
            year=int(year.group("year")),
            month=month,
            day=day,
            material="thesis"
            if thesis
            else "chapter"
            if chapter
            else "article"
            if journal
            else "book",
            volume=journal.group("volume") if journal else None,
            issue=journal.group("issue") if journal else None,
            pages=page_range(_group(journal or pages, "pages")),
            span=(start + authors.start(), end),
            styled=True,
            title_end=done,
        )
    return None


def read_vancouver(text: str, start: int, end: int) -> Citation | None:
    """Read "Smith J, Doe A. Title. J Name. 2019;12(3):45-67." (medicine's style)."""
    if not _VANCOUVER_DATE.search(text, start, end):
        return None  # cheap test first: the full pattern is slow to fail on long text
    for head in _VANCOUVER_HEAD.finditer(text, start, end):
        position = head.end()
        for _ in range(4):  # the title may hold a full stop ("U.S. adults"): try the next one
            done = title_end(text, position, end)
            tail = _VANCOUVER_TAIL.match(text, done, end)
            if tail:
                return _vancouver(text, head, done, tail, end)
            book = _VANCOUVER_BOOK.match(text, done, end)
            if book:
                return Citation(
                    title=clean_title(text[head.end() : done]),
                    author=first_author(head.group("authors")),
                    year=int(book.group("year")),
                    material="book",
                    span=(head.start(), end),
                    styled=True,
                    title_end=done,
                )
            if done >= end:
                break
            position = done
    return None


def _vancouver(
    text: str, head: re.Match[str], done: int, tail: re.Match[str], end: int
) -> Citation:
    names = head.group("authors")
    month, day = month_day(tail.group("date"))  # "2020 Mar 5;"
    return Citation(
        title=clean_title(text[head.end() : done]),
        author=first_author(names),
        authors=_several(names),
        journal=clean_title(tail.group("journal")),
        year=int(tail.group("year")),
        month=month,
        day=day,
        volume=tail.group("volume"),
        issue=tail.group("issue"),
        pages=page_range(tail.group("pages")),
        material="article",
        span=(head.start(), end),
        styled=True,
        title_end=done,
    )


def read_quoted(text: str, start: int, end: int) -> Citation | None:
    """Read MLA or Chicago with a quoted title: an article, or a chapter of a book."""
    if not _QUOTE_MARK.search(text, start, end):
        return None  # cheap test first: the head pattern is slow to fail on long text
    match = _QUOTED_HEAD.search(text, start, end)
    if not match:
        return None
    rest = text[match.end() : end]
    container = _CONTAINER_TO_NUMBERS.match(rest) or _CONTAINER.match(rest)
    name = clean_title(container.group("name")) if container else None
    has_volume = bool(_VOLUME_MARK.search(rest))
    chapter = bool(_CHAPTER_MARK.search(rest)) or (
        not has_volume and bool(_BOOK_PUBLISHER.search(rest))
    )
    authors = match.group("authors")
    year = int(match.group("date")) if match.group("date") else year_in(rest)
    month, day = month_day_of(rest, year)  # MLA "3 Mar. 2026"; Chicago "March 3, 2026"
    if is_abbreviation(text, match.start("authors") + len(authors)):
        authors += "."  # "Bell, Derrick A., Jr." keeps the full stop of its abbreviation
    return Citation(
        title=clean_title(match.group("title")),
        author=first_author(authors),
        authors=_several(authors),  # "Jones, Mary, and Tom Smith": the whole list
        journal=None if chapter else name,
        year=year,
        month=month,
        day=day,
        material="chapter" if chapter else "article",
        **_mla_numbers(rest, name),
        span=(match.start(), end),
        styled=True,
        title_end=match.end(),
    )


def _mla_numbers(rest: str, container: str | None) -> dict[str, str | None]:
    """Read volume, issue and pages: MLA "vol. 40, no. 4, pp. 5-9", Chicago "93, no. 3: 5-9"."""
    volume = re.search(r"\bvol\.?\s*(\d+)", rest, re.I)
    chicago = re.match(rf"\s*{re.escape(container)}\s+(\d+)\b", rest) if container else None
    issue = re.search(r"\bno\.?\s*(\d+(?:/\d+)?)", rest, re.I) or (
        re.match(rf"\s*{re.escape(container)}\s+\d+\s*\((\d+)\)", rest) if container else None
    )  # Chicago author-date: "Science 162 (3859): 1243–48"
    pages = re.search(
        r"\bpp?\.\s*(\d+\s*[-–—]\s*\d+)|(?:\)|\bno\.\s*\d+)\s*:\s*(\d+\s*[-–—]\s*\d+)", rest
    )
    return {
        "volume": _group(volume or chicago, 1),
        "issue": issue.group(1) if issue else None,
        "pages": page_range(pages.group(1) or pages.group(2)) if pages else None,
    }


def read_book(text: str, start: int, end: int) -> Citation | None:
    """Read MLA or Chicago for a book: "Morrison, Toni. Beloved. Knopf, 1987."."""
    if not _FOUR_DIGITS.search(text, start, end):
        return None  # a book citation always gives its year
    for head in _BOOK_HEAD.finditer(text, start, end):
        # Chicago author-date: "Ostrom, Elinor. 1990. Governing the Commons. Cambridge: ..."
        dated = _AUTHOR_DATE.match(text, head.end(), end)
        opening = dated.end() if dated else head.end()
        done = title_end(text, opening, end)
        rest = text[done:end]
        published = dated or _PUBLISHED.search(rest) or re.search(r"\((?P<year>\d{4})\)", rest)
        if not published or done >= end:
            continue  # without a publisher and year, "Best, Prof. Lee" is a signature
        author = head.group("author")
        return Citation(
            title=clean_title(text[opening:done]),
            # a book's authors stay as written: "Hochschild, Arlie Russell, and Anne Machung"
            author=author.strip(" ,") if " and " in author else first_author(author),
            year=int(published.group("year")),
            material="article"
            if _VOLUME_MARK.search(rest)
            else "thesis"
            if _THESIS_WORDS.search(rest)
            else "book",
            span=(head.start(), end),
            styled=True,
            title_end=done,
        )
    return None


STYLES: tuple[Style, ...] = (read_apa, read_vancouver, read_quoted, read_book, read_authors_first)
