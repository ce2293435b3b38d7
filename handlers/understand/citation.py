"""What a citation or request sentence says about one item, and the helpers every reader shares.

`read_citations` finds every pasted reference (APA, MLA, Chicago, Vancouver) in a message: a
reading list pasted whole is several items, each read only from its own stretch of text.
"""

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
    authors: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    title_end: int = 0  # where the title ends: the next reference can only start after it
    month: int | None = None  # the publication month and day, when the citation gives them
    day: int | None = None


_YEAR = re.compile(r"\b(1[4-9]\d\d|20\d\d|2100)\b")
# A full stop after one of these (or after an initial) does not end a title or sentence.
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "vs",
        "v",
        "jr",
        "sr",
        "prof",
        "no",
        "nos",
        "vol",
        "vols",
        "ed",
        "eds",
        "al",
        "e.g",
        "i.e",
        "etc",
        "inc",
        "co",
        "ltd",
        "pt",
        "fig",
        "ch",
        "pp",
        "p",
        "rev",
        "gen",
        "col",
        "lt",
        "sgt",
        "mt",
        "ft",
        "approx",
        "dept",
        "univ",
    ]
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_END = re.compile(
    r"[.?!;]+(?=\s|$)|\s[-–]\s|\n"
    r"|,\s+(?=(?:can|could|would|will|please|thanks|thank|i|i'm|it's|it\s+is|needed|due|our"
    r"|my)\b)",
    re.IGNORECASE,
)
_BY_NAME = re.compile(r"\s+by\s+[A-Z]")
# ", i think by Oliver Burkeman", " — possibly by Evie Woods": a hedged byline goes on the title.
_HEDGED_BY = re.compile(
    r"\s*(?:i\s+think|i\s+believe|possibly|probably|maybe|perhaps|i\s+guess)"
    r"(?:\s+(?:it'?s|it\s+is|it\s+was))?\s+by\s+\w",
    re.IGNORECASE,
)


def year_in(text: str) -> int | None:
    """Return the first plausible publication year (1450-2100) in `text`."""
    for match in _YEAR.finditer(text):
        if 1450 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?P<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\b\.?"
)
# "March 3", "3 March", "Mar. 3", "March": a month (and day) beside a publication year.
_MONTH_DAY = re.compile(
    rf"^\s*(?:(?P<before>\d{{1,2}})\s+)?{_MONTH}(?:\s+(?P<after>\d{{1,2}})\b)?\s*$"
)
_DATED = re.compile(
    rf"(?:\b(?P<before>\d{{1,2}})\s+)?\b{_MONTH}(?:\s+(?P<after>\d{{1,2}}),)?\s+(?P<year>\d{{4}})\b"
)


def _month(match: re.Match[str]) -> tuple[int | None, int | None]:
    month = _MONTHS.index(match.group("month")[:3].lower()) + 1
    day = match.group("before") or match.group("after")
    return month, (int(day) if day and 1 <= int(day) <= 31 else None)


def month_day(text: str | None) -> tuple[int | None, int | None]:
    """Read a publication month and day written alone ("March 3", "3 Mar", "Mar"): else None."""
    match = _MONTH_DAY.match(text or "")
    return _month(match) if match else (None, None)


def month_day_of(text: str, year: int | None) -> tuple[int | None, int | None]:
    """Read the month and day written before a citation's year ("3 Mar. 2026", "March 2026")."""
    for match in _DATED.finditer(text):
        if year is not None and int(match.group("year")) == year:
            return _month(match)
    return None, None


def clean_title(title: str) -> str | None:
    """Trim the punctuation and quote marks a citation puts around a title."""
    title = re.sub(r"\s+", " ", title).strip(" \t\"'“”‘’*_")
    title = title.rstrip(" .,;:").lstrip(" .,;:").strip(" \"'“”‘’")
    return title or None


def page_range(text: str | None) -> str | None:
    """Write a page range with a plain hyphen ("45–67" → "45-67")."""
    return re.sub(r"\s*(?:[-–—]|\bto\b)\s*", "-", text.strip()) if text else None


def is_abbreviation(text: str, dot: int) -> bool:
    """Tell whether the full stop at `dot` closes an abbreviation or an initial ("Dr.", "U.S.")."""
    word = _WORD_BEFORE.search(text, 0, dot)
    if not word:
        return False
    token = word.group(1).lower()
    last = token.rsplit(".", 1)[-1]
    return (len(last) == 1 and last.isalpha()) or token in _ABBREVIATIONS or last in _ABBREVIATIONS


def title_end(text: str, start: int, end: int) -> int:
    """Return where a title that starts at `start` ends: after its closing . ? or !"""
    for match in re.finditer(r"[.?!]+", text[:end]):
        if match.start() < start:
            continue
        after = text[match.end() : match.end() + 2].lstrip()
        if match.end() < end and not text[match.end()].isspace():
            continue  # "2.0", "U.S.": no space after, the title goes on
        if after and not (after[0].isupper() or after[0].isdigit() or after[0] in '"“('):
            continue
        if match.group(0) == "." and is_abbreviation(text, match.start()):
            continue
        return match.end()
    return end


def up_to_sentence_end(text: str) -> str:
    """Cut `text` at its first sentence end; a full stop in "Mrs. Dalloway" is not one."""
    for match in _END.finditer(text):
        mark = match.group(0)
        if mark.startswith(".") and is_abbreviation(text, match.start()):
            continue
        if mark[0] in "?!" and _BY_NAME.match(text, match.end()):
            continue  # "Who Moved My Cheese? by Spencer Johnson": the mark is the title's
        if mark.startswith("...") and text[match.end() :].lstrip()[:1].islower():
            continue  # "Make the Leap... and Others Don't": an ellipsis inside a title
        dash_or_comma = mark[0] in ",-–" or mark.strip() in "-–"
        if dash_or_comma and _HEDGED_BY.match(text, match.end()):
            continue
        return text[: match.start() + (1 if mark[0] in "?!" else 0)]
    return text


_APA_NAME = re.compile(r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)*,\s(?:-?[A-Z]\.\s?)+")
_VANCOUVER_NAME = re.compile(r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)*\s[A-Z]{1,3}\b")


def first_author(authors: str) -> str | None:
    """Return the first author of an author list, as written ("Smith, J.", "Smith J")."""
    authors = authors.strip(" ,;&")
    apa = _APA_NAME.match(authors)
    if apa:
        return apa.group(0).strip()
    if _VANCOUVER_NAME.match(authors):
        return re.split(r",\s*", authors)[0]
    # MLA and Chicago: "Surname, Given[, Jr.]", and any co-authors after "and".
    first = re.split(r",?\s+and\s+|\s*&\s*|;\s*|,?\s+et\s+al\b\.?", authors)[0]
    return first.strip(" ,") or None


Style = Callable[[str, int, int], Citation | None]


def _earliest(styles: tuple[Style, ...], text: str, start: int) -> tuple[Style, Citation] | None:
    best: tuple[Style, Citation] | None = None
    for style in styles:
        found = style(text, start, len(text))
        if not (found and found.title and found.span):
            continue
        if best is None or best[1].span is None or found.span[0] < best[1].span[0]:
            best = (style, found)
    return best


def read_citations(text: str) -> tuple[Citation, ...]:
    """Read every pasted reference in `text`, in order, each bounded by the next one."""
    from handlers.understand.styles import STYLES

    found: list[Citation] = []
    position = 0
    while position < len(text) and len(found) < 20:
        first = _earliest(STYLES, text, position)
        if first is None or first[1].span is None:
            break
        style, citation = first
        start = first[1].span[0]
        following = _earliest(STYLES, text, max(citation.title_end, start + 1))
        after = following[1].span if following else None
        end = after[0] if after else len(text)
        found.append(style(text, start, end) or citation)
        position = max(end, start + 1)
    return tuple(found)


_YEAR_IN_TITLE = re.compile(r"\s*\(\s*(\d{4})\s*\)|,\s*(\d{4})\s*$")
# "Nature vol 580 no 7801": the numbering after a periodical's name is not part of it.
# "Criminology 59(4), 2021": the same, written volume(issue).
_NUMBERING = re.compile(
    r",?\s+(?:(?:vol(?:ume)?\.?|v\.)\s*\d+\b|\d{1,4}\s*\(\s*\d{1,4}(?:[-/]\d{1,4})?\s*\)).*$",
    re.I | re.S,
)


def strip_numbering(body: str, material: str | None) -> tuple[str, int | None]:
    """Drop a trailing "vol 580 no 7801" from a periodical's or article's name: (body, year)."""
    numbering = _NUMBERING.search(body) if material in ("article", "periodical_issue") else None
    if numbering is None:
        return body, None  # "The Lord of the Rings Volume 1" keeps its volume
    return body[: numbering.start()], year_in(numbering.group(0))  # "vol. 521, 2015"


# "The New Yorker from May 2019": the date of an issue after a periodical's name.
_ISSUE_SEASON = (
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?|Spring|Summer|Fall"
    r"|Autumn|Winter)"
)
ISSUE_DATE = re.compile(
    rf"\s+(?:from|of|dated)\s+(?:the\s+)?(?:{_ISSUE_SEASON},?\s+)?(\d{{4}})\s*$"
)
# "issue 4 of Criminology 2021", "Granta Winter 2023": a periodical's issue dated by its year.
_ISSUE_YEAR = re.compile(rf"(?:,\s*|\s+)(?:{_ISSUE_SEASON},?\s+)?((?:19|20)\d\d)\s*$")


def take_year(body: str, material: str | None = None) -> tuple[str, int | None]:
    """Pull a "(1975)" or trailing ", 1975" publication year out of a title."""
    match = _YEAR_IN_TITLE.search(body)
    if not match and material == "periodical_issue":
        match = ISSUE_DATE.search(body) or _ISSUE_YEAR.search(body)
    if not match:
        return body, None
    year = year_in(next((group for group in match.groups() if group), ""))
    return (body[: match.start()] + body[match.end() :], year) if year else (body, None)
