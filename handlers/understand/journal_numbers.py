"""A periodical named by its numbers after an article's title: "Science 185:1124-31".

Researchers who type a reference by hand rarely follow a style, but they almost always write
the journal's name followed by its volume, and then the issue in brackets and the pages:
"Journal of Political Economy 76(2): 169-217", "American Sociological Review 49(2), 261-272",
"PLoS Medicine 2005, 2(8): e124", "(Psychological Review, 1993, vol. 100, no. 4, pp. 674-701)".
A name with numbers shaped like that is a journal, and the item an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.understand.citation import page_range

# Capitalised words, with the small words journal names hold ("Journal of Verbal Learning and
# Verbal Behavior", "PLoS Medicine", "The Public Interest").
_WORD = r"(?-i:[A-Z])[\w'’&.-]*"
_SMALL = r"(?:of|and|the|for|in|on|&)"
_NAME = rf"(?P<journal>{_WORD}(?:\s+(?:{_SMALL}\s+)*{_WORD}){{0,8}})"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
_PAGES = r"(?P<pages>e?\d+(?:\s*[-–—]\s*\d+)?)"
# "76(2): 169-217", "49(2), 261-272", "13(5) 585-589", "185:1124-31", "2(8): e124"
_NUMBERS = (
    rf"(?:{_YEAR}\s*[,;]?\s+)?(?P<volume>\d{{1,4}})"
    rf"(?:\s*\(\s*(?P<issue>\d{{1,4}}(?:[-/]\d{{1,4}})?)\s*\))?"
    # "6(1), 1995, pp. 65-78": the year may sit between the numbers and the pages
    r"(?:\s*,\s*(?P<later>1[6-9]\d\d|20\d\d)(?=\s*,\s*pp?\.))?"
    rf"(?:\s*[:,]?\s*(?:pp?\.?\s*)?{_PAGES})?"
)
_NUMBERED = re.compile(
    rf"(?:^|[,.;(]\s*|\s)(?-i:{_NAME})\s*,?\s+{_NUMBERS}(?!\s*(?:st|nd|rd|th)\b)"
)
# "Psychological Review, 1993, vol. 100, no. 4, pp. 674-701", "The Public Interest no. 35 pp 22-54"
_SPELLED = re.compile(
    rf"(?:^|[,.;(]\s*|\s)(?-i:{_NAME})\s*,?\s+(?:{_YEAR}\s*,\s*)?"
    rf"(?:vol(?:ume)?\.?\s*(?P<volume>\d+)\s*,?\s*)?(?:(?:no|issue)\.?\s*(?P<issue>\d+)\s*,?\s*)?"
    rf"(?:pp?\.?\s*{_PAGES})?",
    re.I,
)
_RANGE = re.compile(r"\d\s*[-–—]\s*\d")
# Words a journal's name never opens with (a sentence around the numbers, not a name).
_NOT_OPENING_TEXT = "i it its chapter chapters ch pages page edition ed vol issue no"
_NOT_OPENING = frozenset(_NOT_OPENING_TEXT.split())


@dataclass(frozen=True)
class Numbered:
    """A periodical and the numbers written after its name."""

    journal: str
    volume: str | None
    issue: str | None
    pages: str | None
    year: int | None
    start: int


def _found(match: re.Match[str]) -> Numbered | None:
    """Read one match; None when its numbers are too few to say it names a periodical."""
    journal = match.group("journal").strip(" .")
    numbers = [match.group(name) for name in ("volume", "issue", "pages")]
    ranged = bool(numbers[2] and (_RANGE.search(numbers[2]) or numbers[2].startswith("e")))
    if match.re is _NUMBERED and not (numbers[0] and ranged):
        return None  # a volume alone is too little ("Catch 22", "Fahrenheit 451", "ILL 12 (2)")
    if match.re is _SPELLED and sum(bool(n) for n in numbers) < 2:
        return None
    if journal.split()[0].lower() in _NOT_OPENING:
        return None
    written = match.group("year") or match.groupdict().get("later")
    year = int(written) if written else None
    return Numbered(
        journal, numbers[0], numbers[1], page_range(numbers[2]), year, match.start("journal")
    )


def numbered_journal(text: str) -> Numbered | None:
    """Return the first periodical named with its volume, issue or pages in text, or None."""
    for pattern in (_NUMBERED, _SPELLED):
        for match in pattern.finditer(text):
            found = _found(match)
            if found is not None:
                return found
    return None
