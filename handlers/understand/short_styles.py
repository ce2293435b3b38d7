"""Journal references typed loosely, authors first: "Loftus & Palmer 1974, Title, Journal 13(5)".

Patrons who cite from memory keep the order of a reference but not its punctuation: surnames
(one, two joined by "&" / "and", or "et al."), the year with or without brackets, the title,
the journal and its numbers; or surnames, title, journal, "vol. 249, no. 3, 1982, pp. 29-38".
Each reads only where the reference opens a line or follows a colon, and ends in numbers. An
article's author list written in words ("by Wilson and Kelling") is completed here too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand.citation import Citation, page_range
from handlers.understand.reading import Item

_SURNAME = r"(?!(?i:hi|hello|hey|dear|thanks|please|can|could|i|the|a|an)\b)[A-Z][\w'’\-]+"
_AUTHORS = (
    # "Sampson, Raudenbush & Earls": surnames with commas, the last after "&" or "and"
    rf"(?P<authors>{_SURNAME}(?:\s[A-Z]\.)*(?:(?:,\s*{_SURNAME})*\s*(?:&|and)\s*{_SURNAME}(?:\s[A-Z]\.)*"
    r"|\s+et\s+al\.?)?)"
)
_OPENS = r"(?:^|(?<=\n)|(?<=:\s))"
_PAGES = r"(?P<pages>\d+\s*[-–]\s*\d+)"
# "Tonry M. (2014) Why crime rates fell. Crime and Justice 43: 1-63"
_YEAR_FIRST = re.compile(
    rf"{_OPENS}{_AUTHORS}\s*,?\s*\(?(?P<year>(?:19|20)\d\d)\)?[.,]?\s+"
    r"(?P<title>[A-Z][^.\n]{4,200}?)[.,]\s+"
    r"(?P<journal>[A-Z][^,.\d\n():]{2,100}?),?\s+"
    # "43: 1-63", "13(5):585-589", "no. 35 pp 22-54"
    r"(?:(?:vol\.?\s*)?(?P<volume>\d{1,4})\s*(?:\((?P<issue>[^)]{1,8})\))?|no\.\s*(?P<number>\d{1,4}))"
    rf"(?:\s*[:,]?\s*(?:pp?\.?\s*)?{_PAGES})?(?=\s*[.;]?\s*(?:\n|$))"
)
# "Wilson and Kelling, Broken Windows, The Atlantic Monthly, vol. 249, no. 3, 1982, pp. 29-38"
_NUMBERED = re.compile(
    rf"{_OPENS}{_AUTHORS},\s+(?P<title>[A-Z][^,\n]{{3,150}}?),\s+(?P<journal>[A-Z][^,\n\d]{{2,100}}?),"
    r"\s+vol\.?\s*(?P<volume>\d{1,4})(?:,\s+(?:no|iss(?:ue)?)\.?\s*(?P<issue>\d{1,4}))?"
    r"(?:,\s+(?P<year>(?:19|20)\d\d))?(?:,\s+pp?\.\s*" + _PAGES + r")?(?=\s*[.;]?\s*(?:\n|$))"
)


# Between the surnames of a loose list: "Sampson, Raudenbush & Earls".
_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")


def _number(match: re.Match[str]) -> str | None:
    return match.groupdict().get("number")


def read_authors_first(text: str, start: int, end: int) -> Citation | None:
    """Read the first loosely typed journal reference in text[start:end], or None."""
    for pattern in (_YEAR_FIRST, _NUMBERED):
        match = pattern.search(text, start, end)
        if match is None:
            continue
        authors = match.group("authors").strip()
        # "Vaswani et al." is one author as written (CONVENTIONS: et al. stays on the author)
        several = bool(re.search(r"&|\band\b|,", authors))
        year = match.group("year")
        return Citation(
            title=match.group("title").strip(),
            author=_SPLIT.split(authors)[0] if several else authors,  # surnames only here
            authors=authors if several else None,
            journal=match.group("journal").strip(),
            year=int(year) if year else None,
            volume=match.group("volume"),
            issue=match.group("issue") or _number(match),
            pages=page_range(match.group("pages")),
            material="article",
            span=match.span(),
            styled=True,
            title_end=match.end("title"),
        )
    return None


def with_et_al(item: Item, text: str) -> Item:
    """Keep the full stop of "et al." that the sentence's end had taken off the author."""
    author = item.author or ""
    if author.endswith(" et al") and f"{author}." in text:
        return replace(item, author=f"{author}.")
    return item


# ", Raudenbush and Earls" after an article's first author: the rest of its author list.
_MORE_AUTHORS = (
    r"(?:\s*,\s*[A-Z][\w'’.\-]+)*\s*,?\s+(?:and|&)\s+[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+)*"
)


def with_coauthors(item: Item, text: str) -> Item:
    """Give an article "by Wilson and Kelling" its whole author list, as CONVENTIONS asks."""
    author = item.author or ""
    if item.authors or item.material != "article" or not (item.journal and author):
        return item
    if re.search(r"\s(?:and|&)\s", author):  # "by James Q. Wilson and George Kelling"
        return replace(item, author=re.split(r",?\s+(?:and|&)\s+", author)[0], authors=author)
    listed = re.search(re.escape(author) + _MORE_AUTHORS, text)
    return replace(item, authors=listed.group(0)) if listed else item
