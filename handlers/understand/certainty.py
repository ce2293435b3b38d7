"""Tell whether a request read from the patron's words is certain enough to record unasked.

Identifiers and pasted references are certain. A title in plain words is certain when the
sentence frames it: a request verb ("get me ..."), "by Author", or quote marks. A bare title
("Sapiens"), a lower-case guess ("the overstory"), a correction, or a title picked out of a long
paragraph is not: the core shows what it would record and asks first.
"""

from __future__ import annotations

import re

from handlers.understand.author_only import author_only
from handlers.understand.citation import Citation
from handlers.understand.fields import read_copies
from handlers.understand.phrasing import lead_in_at
from handlers.understand.series import read_series
from handlers.understand.signals import Signals
from handlers.understand.titles import looks_like_title

# A message longer than this is a paragraph: a title found in it may be a misreading.
PARAGRAPH_WORDS = 35
# What follows a series' name ("the Dog Man books", "the Wings of Fire series").
_SERIES_AFTER = re.compile(r"\W{0,2}(?:books|series|novels|comics)\b")


def _line_of(text: str, words: str) -> str:
    """Return the line of `text` holding `words` (a list has one entry a line), or all of it."""
    at = text.find(words) if words else -1
    if at < 0:
        return text
    return text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]


def _plain_title_sure(signals: Signals, citation: Citation) -> bool:
    if citation.styled or signals.quoted(citation):
        return True
    at = signals.cleaned.find(citation.title) if citation.title else -1
    series = at >= 0 and _SERIES_AFTER.match(signals.cleaned, at + len(citation.title or ""))
    if series and not citation.author:
        return False  # "the Dog Man books": a series, which of them is for the patron to say
    if citation.journal and citation.author and not citation.title:
        return False  # "Jacobs 2019 from Criminology vol 57": which article is still to be said
    if read_series(signals.rest) and not citation.author:
        return False  # a series: which of its books is for the patron to say
    if not citation.author and read_copies(signals.rest):
        return False  # "my book club is reading X, we need 8 copies": which X is for them to say
    if len(_line_of(signals.cleaned, citation.title or "").split()) > PARAGRAPH_WORDS:
        return False
    framed = lead_in_at(signals.text) is not None
    if citation.author:
        return True
    if citation.title and citation.title.islower():
        return False  # "maybe the silent patient?": a lower-case guess, however it was framed
    return framed and looks_like_title(citation.title or citation.journal or "")


def request_is_sure(signals: Signals, rule: str) -> bool:
    """Tell whether the request read from `signals` by `rule` can be recorded without asking."""
    if rule in ("bare_title", "lower_title", "correction", "naming", "subject", "author_only"):
        return False
    if (
        not any(c.title for c in signals.citations)
        and not signals.scan.found
        and author_only(signals.rest)
    ):
        return False  # "something by octavia butler": which of her books is asked
    if signals.scan.found:
        return True  # an identifier settles what is wanted, whatever else the words say
    plain = [c for c in signals.citations if c.title or c.journal]
    return all(_plain_title_sure(signals, c) for c in plain)
