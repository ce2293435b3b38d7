"""Tell whether a request read from the patron's words is certain enough to record unasked.

Identifiers and pasted references are certain. A title in plain words is certain when the
sentence frames it: a request verb ("get me ..."), "by Author", or quote marks. A bare title
("Sapiens"), a lower-case guess ("the overstory"), a correction, or a title picked out of a long
paragraph is not: the core shows what it would record and asks first.
"""

from __future__ import annotations

from handlers.understand.citation import Citation
from handlers.understand.phrasing import lead_in_at
from handlers.understand.signals import Signals
from handlers.understand.titles import looks_like_title

# A message longer than this is a paragraph: a title found in it may be a misreading.
PARAGRAPH_WORDS = 35


def _line_of(text: str, words: str) -> str:
    """Return the line of `text` holding `words` (a list has one entry a line), or all of it."""
    at = text.find(words) if words else -1
    if at < 0:
        return text
    return text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]


def _plain_title_sure(signals: Signals, citation: Citation) -> bool:
    if citation.styled or signals.quoted(citation):
        return True
    if len(_line_of(signals.cleaned, citation.title or "").split()) > PARAGRAPH_WORDS:
        return False
    framed = lead_in_at(signals.text) is not None
    if citation.author:
        return True
    return framed and looks_like_title(citation.title or citation.journal or "")


def request_is_sure(signals: Signals, rule: str) -> bool:
    """Tell whether the request read from `signals` by `rule` can be recorded without asking."""
    if rule in ("bare_title", "lower_title", "correction"):
        return False
    if signals.scan.found:
        return True  # an identifier settles what is wanted, whatever else the words say
    plain = [c for c in signals.citations if c.title or c.journal]
    return all(_plain_title_sure(signals, c) for c in plain)
