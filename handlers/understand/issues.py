"""How patrons name one issue of a periodical: "the whole March 2024 issue of The Atlantic",
"issue 4 of Criminology", "Criminology vol. 59 issue 4, the complete issue".

The patterns are pieces for the material reader (material.py) and the request reader
(phrasing.py); `whole_issue_after` and `of_issue` read the words around a name.
"""

from __future__ import annotations

import re

from handlers.understand.citation import year_in
from handlers.understand.seasons import MONTHS

# What may stand between "whole" and "issue", or before "issue of": "the whole March 2024
# issue", "the entire Winter 2023 issue", "the Oct. 5, 2020 issue of".
ISSUE_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?"
)
ISSUE_DATING = (
    rf"(?:{ISSUE_MONTH}(?:\s+\d{{1,2}}\b)?|spring|summer|fall|autumn|winter|(?:19|20)\d\d),?"
)
_ARTICLE = r"(?-i:(?:a|an|the|this|that|these|those|some)\s+)"
# What an issue is called before "issue of": "whole", "latest", "March 2024", "Winter 2023".
_ISSUE_WORDS = (
    r"(?:(?:whole|entire|complete|full|back|latest|current|newest|most\s+recent|recent)\s+)?"
    r"(?:(?:special|double|themed?)\s+)?"
    rf"(?:{ISSUE_DATING}[\s/-]+){{0,4}}"
)
# The same, when some such word must be there: "the latest issue", "the Winter 2023 issue".
_ISSUE_NAMING = (
    r"(?:(?:whole|entire|complete|full|back|latest|current|newest|most\s+recent|recent)\s+"
    rf"(?:{ISSUE_DATING}[\s/-]+){{0,4}}|(?:{ISSUE_DATING}[\s/-]+){{1,4}})"
)
# The words before a periodical's name that name the issue: "the whole issue of", "the March
# 2021 issue of", "issue 4 of", "no. 3, vol. 12 of" (the object reader's prefix).
ISSUE_OF = (
    rf"{_ISSUE_WORDS}(?:(?-i:journal|magazine|periodical)\s+)?(?-i:issue|volume)s?\s+of\s+{_ARTICLE}?"
    rf"|{_ISSUE_WORDS}(?:issue|no\.?|number)\s*\d+\s*,?\s*(?:(?:of\s+)?vol(?:ume)?\.?\s*\d+\s*,?\s*)?"
    rf"of\s+{_ARTICLE}?"
    # "the complete volume 41 of Justice Quarterly"
    rf"|{_ISSUE_WORDS}(?-i:volume|vol\.?)\s*\d+\s*,?\s*of\s+{_ARTICLE}?"
)
# "Criminology vol. 59 issue 4, the complete issue", "Harper's, March 2024 issue": what the
# periodical named just before is.
_WHOLE_ISSUE_NAMED = (
    r"(?:\s*[,(;:–—-]\s*(?:the\s+|an?\s+)?(?:whole|entire|complete|full)\s+"
    rf"(?:{ISSUE_DATING}[\s/-]+){{0,4}}(?:journal\s+|magazine\s+)?(?-i:issue|volume)\b"
    rf"|(?:\s*[,(;:–—-]\s*(?:the\s+)?|\s+)(?:{ISSUE_DATING}[\s/-]+){{1,4}}(?-i:issue)\b)"
)
# "Criminology volume 59 issue 4 in full": "in full" only after an issue's number.
_WHOLE_ISSUE_TAIL = re.compile(
    rf"(?:{_WHOLE_ISSUE_NAMED}|(?<=\d)\s+in\s+(?:full|its\s+entirety))\)?[\s.!?]*$", re.I
)
# A periodical's name, with its numbering, as a message names it before the issue: title-case
# words ending on a capitalised word or a number ("Criminology, vol. 59, no. 4", "The New Yorker").
_NAME_WORD = (
    r"(?:(?-i:[A-Z])[\w'’&.-]*|\d+(?:\(\d+\))?|vol\.?|volume|no\.?|issue|number|magazine|journal)"
)
_PERIODICAL_NAME = rf"(?-i:[A-Z])[\w'’&.-]*(?:,?\s+(?:(?:of|and|the|for|on|in|&)\s+)*{_NAME_WORD})*"
# "..., the whole issue was lost": a remark about an issue, not a name and what of it is wanted.
_VERB_AFTER = (
    r"(?:is|was|are|were|has|had|have|will|would|should|could|can|did|does|do|seems?|looks?"
    r"|came|went|got|arrived)\b"
)
# Words that open a remark, not a periodical's name: "Thanks, the whole issue is sorted".
_NOT_A_NAME = (
    r"(?:thanks|thank|sorry|hi|hello|hey|dear|ok|okay|yes|yeah|no|well|so|but|and|that|this|it|i"
    r"|that's|it's|what|which|great|cool|perfect|nice|right|sure|also|actually|oh|oops|wait|fine"
    r"|awesome|got|loved|mine|you|we|they|the\s+(?:whole|entire|complete|full))\b"
)
# A whole issue asked for with no request verb, as the request reader's lead-in: "the whole
# issue of The Atlantic from March 2024", "issue 4 of Criminology 2021", "all of volume 12 of
# ...", "Criminology vol. 59 issue 4, the complete issue". "The whole issue of late fees" is a
# matter, not a periodical: a plain "issue of" needs a capitalised name after it.
ISSUE_ASKED = (
    rf"^(?=(?:all\s+of\s+)?(?:the\s+|an?\s+)?(?:{_ISSUE_NAMING}(?-i:issue|volume)s?\s+of\s"
    r"|(?:(?:whole|entire|complete|full)\s+)?(?-i:issue|volume)s?\s+(?:\d+\s*,?\s*)?of\s+"
    r"(?:(?-i:the|a|an)\s+)?(?-i:[A-Z0-9])|(?:(?:whole|entire|complete|full)\s+)?(?-i:issue|volume)"
    r"\s*\d+\s*,?\s*(?:(?:of\s+)?vol(?:ume)?\.?\s*\d+\s*,?\s*)?of\s))"
    rf"|^(?=(?!{_NOT_A_NAME}){_PERIODICAL_NAME}{_WHOLE_ISSUE_NAMED}(?!\s+{_VERB_AFTER}))"
)
# The prefix ends by naming an issue, so what follows is its periodical ("pages 10-20 of issue 3
# of"); "a volume of Rilke's poems" is a book.
_ENDS_WITH_ISSUE_OF = re.compile(
    r"(?:(?-i:issue)s?\s+|(?:(?-i:issue)|no\.?|number)\s*\d+\s*,?\s*"
    rf"(?:(?:of\s+)?vol(?:ume)?\.?\s*\d+\s*,?\s*)?)of\s+{_ARTICLE}?$",
    re.I,
)
# The month an issue is dated: "the March 2024 issue", "from Oct. 5, 2020", "the May issue".
_ISSUE_MONTH_AT = re.compile(
    rf"\b(?P<month>{ISSUE_MONTH})(?=\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b|\s+issue\b)", re.I
)


# "National Geographic, the whole", "The New Yorker please, the one with the cover story": a
# periodical's name is capitalised; a lower-case remark after a comma is not part of it.
_REMARK_AFTER = re.compile(r"(?:\s+(?:please|pls|plz|thanks))?\s*,\s+(?-i:[a-z]).*$", re.S)


def whole_issue_after(body: str, kind: str | None) -> tuple[str, str | None]:
    """Drop a trailing ", the complete issue" after a periodical's name: (name, material)."""
    tail = _WHOLE_ISSUE_TAIL.search(body)
    return (body[: tail.start()], "periodical_issue") if tail else (body, kind)


def issue_month(text: str) -> int | None:
    """Return the month (1-12) an issue is dated by in `text`, if it names one."""
    match = _ISSUE_MONTH_AT.search(text)
    return MONTHS[match.group("month").lower().rstrip(".")] if match else None


def of_issue(
    named: str | None, prefix: str, obj: str, read: tuple[str | None, str | None, int | None]
) -> tuple[str | None, str | None, int | None, int | None]:
    """Return an item's (title, periodical, year, month), as read or as (part of) an issue.

    "the whole issue of The New Yorker", "pages 10-20 of issue 3 of Criminology": the name read
    is the periodical's, not a title. "the March 2021 issue of Scientific American": the issue's
    date is the item's.
    """
    title, journal, year = read
    if named != "periodical_issue" and not _ENDS_WITH_ISSUE_OF.search(prefix):
        return title, journal, year, None
    if title and not journal:
        title, journal = None, title
    if journal:
        journal = _REMARK_AFTER.sub("", journal)
    year = year or year_in(prefix)
    return title, journal, year, issue_month(obj) if year else None
