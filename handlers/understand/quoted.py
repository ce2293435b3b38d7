"""Read titles a patron put in quotes: 'please get "Beloved" by Toni Morrison'."""

from __future__ import annotations

import re
from itertools import pairwise

from handlers.understand.bare_titles import lone_surname, personal_name
from handlers.understand.citation import Citation, clean_title, up_to_sentence_end, year_in
from handlers.understand.titles import (
    journal_after,
    quoted_titles,
    split_author,
    strip_filler,
    take_parenthetical,
)

# "by", "written by", "edited by" just after the quoted title.
_AUTHOR_AFTER = re.compile(r"^\s*,?\s*(?:(?:written|authored|edited)\s+)?by\s", re.I)
_JOINED_NAME = re.compile(
    r"^(?:of|from|de|by)\s+(?:(?:the\s+)?author\s+)?|^(?:the\s+)?author\s*:?\s+", re.I
)
# "Ngozi Eze's 'The Tuesday Market'", "Priyanka Raman's 2018 PhD dissertation, '...'": the
# owner named just before the quoted title is its author; a year there is its year.
_OWNER_BEFORE = re.compile(
    r"(?<![\w'’])(?P<name>[A-Z][\w-]+(?:\s+(?:[A-Z]\.|[A-Z][\w-]+)){0,3})['’]s\s+"
    r"(?:(?:19|20)\d\d\s+)?(?:(?:PhD|MA|MSc|master'?s|doctoral|undergraduate)\s+)?"
    r"(?:(?:thesis|dissertation|book|novel|article|paper|essay|memoir)\s*[?,:.]?\s*)?$"
    # "the PhD dissertation by Jae Kim, 'Digital surveillance ...'"
    r"|\bby\s+(?P<by>[A-Z][\w-]+(?:\s+(?:[A-Z]\.|[A-Z][\w-]+)){1,3})\s*[,:]\s*$"
)
_YEAR_BEFORE = re.compile(
    r"(?:^|[\s,(])(?P<year>(?:19|20)\d\d)\s*(?:\)\s*)?[,:]\s*$|"
    r"['’]s\s+(?P<owned>(?:19|20)\d\d)\s"
)
_QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|which|is|are|does|do|can|could|would|will|please|hi|hey"
    r"|hello|thanks)\b",
    re.I,
)


def from_quotes(text: str, lead_in: bool) -> tuple[Citation, ...]:
    """Read each quoted title, with the author, journal and year written just after it."""
    quotes = quoted_titles(text)
    article = _ARTICLE_WORD.search(text) is not None  # "Article: 'The Code of the Street' ..."
    citations: list[Citation] = []
    for index, (title, start, end) in enumerate(quotes):
        if not lead_in and (_QUESTION_START.match(text) or len(title.split()) < 2):
            continue  # 'what does "renew" mean?' quotes a word, it asks for nothing
        following = quotes[index + 1][1] if index + 1 < len(quotes) else len(text)
        after = up_to_sentence_end(text[end:following])
        _, name, _ = split_author(after)
        name = name if name and _AUTHOR_AFTER.match(after) else _bracketed(after) or _named(after)
        before = text[max(0, start - 80) : start]
        owner = _OWNER_BEFORE.search(before)
        if owner and owner.group("name") and " " not in owner.group("name"):
            # "Becker's 'Crime and Punishment'": a surname alone owns it, "Today's" does not
            owner = owner if lone_surname(owner.group("name")) else None
        dated = _YEAR_BEFORE.search(before)
        year_before = dated and (dated.group("year") or dated.group("owned"))
        citations.append(
            Citation(
                title=clean_title(title),
                author=name or (owner.group("name") or owner.group("by") if owner else None),
                journal=journal_after(after) or (_periodical_after(after) if article else None),
                year=year_in(after) or (int(year_before) if year_before else None),
                span=(start, end),
            )
        )
    return _share_author(text, citations)


# "'The Code of the Street' by Elijah Anderson, The Atlantic, May 1994": a periodical named
# between the author and the date of its issue.
_PERIODICAL_AFTER = re.compile(
    r"^\s*,?\s*by\s+[^,]{3,60},\s*(?P<journal>(?:The\s+)?[A-Z][\w&'’]*(?:\s+(?:[A-Z][\w&'’]*"
    r"|of|and|&|the|on|for))*)\s*,?\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
    r"\.?\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d\b"
)


_ARTICLE_WORD = re.compile(r"\barticles?\b", re.I)


def _periodical_after(after: str) -> str | None:
    match = _PERIODICAL_AFTER.match(after)
    return clean_title(match.group("journal")) if match else None


def _bracketed(after: str) -> str | None:
    """Read the author in brackets just after a quoted title: '"Beloved" (Toni Morrison)'."""
    bracket = re.match(r"\s*\([^()]{1,80}\)", after)
    return take_parenthetical(bracket.group(0))[1] if bracket else None


def _named(after: str) -> str | None:
    """Read a name written just after a quoted title: '"The Secret History" Donna Tartt'.

    Writers whose first language is not English join it with "of" or "from": "'Things Fall
    Apart' of Chinua Achebe", "'Winter Without Snow' of author Kenji Morimoto".
    """
    plain = strip_filler(after).strip(" ,-–—")
    words = _JOINED_NAME.sub("", plain, count=1)
    words = strip_filler(words.split(",")[0]).strip(" ,-–—") if "," in words else words
    # "'Crime and Punishment' of Dostoevsky": after "of"/"by", a surname alone is the author
    joined = words != plain and not _PLACES.match(words)
    return words if personal_name(words) or (joined and lone_surname(words)) else None


# Where a book comes from, not who wrote it: '"Beloved" from Amazon'.
_PLACES = re.compile(r"(?:Amazon|Google|Kindle|Audible|Libby|Hoopla|Overdrive|JSTOR|Netflix)\b")


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
