"""Read titles a patron put in quotes: 'please get "Beloved" by Toni Morrison'."""

from __future__ import annotations

import re
from itertools import pairwise

from handlers.understand.bare_titles import personal_name
from handlers.understand.citation import Citation, clean_title, up_to_sentence_end, year_in
from handlers.understand.titles import (
    AUTHOR,
    journal_after,
    quoted_titles,
    split_author,
    strip_filler,
    take_parenthetical,
)

_QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|which|is|are|does|do|can|could|would|will|please|hi|hey"
    r"|hello|thanks)\b",
    re.I,
)


def from_quotes(text: str, lead_in: bool) -> tuple[Citation, ...]:
    """Read each quoted title, with the author, journal and year written just after it."""
    quotes = quoted_titles(text)
    citations: list[Citation] = []
    for index, (title, start, end) in enumerate(quotes):
        if not lead_in and (_QUESTION_START.match(text) or len(title.split()) < 2):
            continue  # 'what does "renew" mean?' quotes a word, it asks for nothing
        following = quotes[index + 1][1] if index + 1 < len(quotes) else len(text)
        after = up_to_sentence_end(text[end:following])
        _, name, _ = split_author(after)
        name = name if name and AUTHOR.match(after) else _bracketed(after) or _named(after)
        citations.append(
            Citation(
                title=clean_title(title),
                author=name,
                journal=journal_after(after),
                year=year_in(after),
                span=(start, end),
            )
        )
    return _share_author(text, citations)


def _bracketed(after: str) -> str | None:
    """Read the author in brackets just after a quoted title: '"Beloved" (Toni Morrison)'."""
    bracket = re.match(r"\s*\([^()]{1,80}\)", after)
    return take_parenthetical(bracket.group(0))[1] if bracket else None


def _named(after: str) -> str | None:
    """Read a name written just after a quoted title: '"The Secret History" Donna Tartt'."""
    words = strip_filler(after).strip(" ,-–—")
    return words if personal_name(words) else None


def _share_author(text: str, citations: list[Citation]) -> tuple[Citation, ...]:
    """Give "'Beloved', 'Jazz' and 'Paradise' by Toni Morrison" the one author to all three."""
    last = citations[-1] if citations else None
    if not last or not last.author or any(c.author for c in citations[:-1]):
        return tuple(citations)
    between = [text[a.span[1] : b.span[0]] for a, b in pairwise(citations) if a.span and b.span]
    if all(re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*", gap) for gap in between):
        return tuple(
            Citation(c.title, last.author, c.journal, c.year, span=c.span) for c in citations
        )
    return tuple(citations)
