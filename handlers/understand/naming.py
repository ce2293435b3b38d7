"""A title or author named for a request being drafted: "title is X", "wait the author is Y".

After the bot shows what it will request, the patron often corrects or completes it in a short
message of its own: "sorry, the title is Salvage the Bones, by Jesmyn Ward", "correction -
author is Ta-Nehisi Coates", "oops typo, it's Middlemarch, not Middlemarsh", "change the title
to X pls". Each is a request for an item holding what was named, never sure: the core shows the
draft again before recording anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from handlers.understand.hints import hint_words
from handlers.understand.lower_titles import lower_case_title
from handlers.understand.titles import NAME, looks_like_title, strip_filler

_OPENER = re.compile(
    r"^\s*(?:(?:oh|ah|wait|sorry|oops|no|nope|actually|correction|typo|my\s+bad|hmm+|um+|ok|okay|please"
    r"|so|also|and|wrong\s+(?:author|title|name|one))\b[\s,.!:;\-–—]*)*",
    re.IGNORECASE,
)
_TITLE_LEAD = re.compile(
    r"^(?:(?:the|its|it's|it’s)\s+)?(?:full\s+|actual\s+|correct\s+|right\s+|real\s+|exact\s+)?"
    r"(?:(?:title|name)(?:\s+of\s+(?:the\s+)?(?:book|article|it))?(?:\s+(?:is|was|should\s+be|would\s+be)"
    r"|\s*[:=\-–—])(?:\s+(?:called|titled|named))?"
    r"|(?:book|article|chapter|paper|one|novel)\s+(?:is\s+|was\s+|'s\s+)?(?:called|titled|named)"
    r"|it(?:'s|’s|\s+is|\s+was)\s+(?:called|titled|named)"
    r"|change\s+(?:the\s+)?title\s+to|(?:it\s+)?should\s+say|it(?:'s|’s|\s+is)(?=\s+\S+.*,?\s+not\s))"
    r"\s*[:,\-–—]?\s+",
    re.IGNORECASE,
)
_AUTHOR_LEAD = re.compile(
    r"^(?:(?:the|its|it's|it’s)\s+)?(?:correct\s+|right\s+|real\s+|actual\s+)?"
    r"(?:(?:author|writer)(?:'s|’s)?(?:\s+name)?\s*(?:is|was|should\s+be|:|-)(?:\s+spelled)?"
    r"(?:\s+by)?|it(?:'s|’s|\s+is)\s+by|by)\s+",
    re.IGNORECASE,
)
# "it's Middlemarch, not Middlemarsh": with the word replaced, "it's" names the title.
_ITS = re.compile(r"^it(?:'s|’s|s|\s+is)\s+", re.IGNORECASE)
_SORRY = re.compile(r"[\s,.!]+(?:sorry|thanks|thx|my\s+bad|oops)[\s.!]*$", re.IGNORECASE)
_NAME_ONLY = re.compile(
    rf"^(?P<name>(?-i:[A-Z]){NAME}|[a-z][\w'’-]+(?:\s+[a-z][\w'’-]+){{0,2}})\s*$"
)
_NOT = re.compile(r",?\s+(?:not|instead\s+of)\s+(?P<old>[^,.;!?]+?)\s*[.!]*$", re.IGNORECASE)
_BARE_BY = re.compile(r"^by\s", re.IGNORECASE)


@dataclass(frozen=True)
class Naming:
    """What a short naming message gives: a title, an author, and the words it replaces."""

    title: str | None
    author: str | None
    replaced: str | None


def _title(words: str) -> str | None:
    title = strip_filler(_SORRY.sub("", words)).strip(" .,!")
    if not title or len(title.split()) > 16:
        return None
    if looks_like_title(title) or lower_case_title(title):
        return title
    return None


def _author(words: str, lower: bool) -> str | None:
    found = _NAME_ONLY.match(strip_filler(_SORRY.sub("", words)).strip(" .,!"))
    name = found.group("name") if found else None
    if name and not lower and not name[:1].isupper():
        return None  # "the author is unknown": a lower-case name only after a title
    return name


@lru_cache(maxsize=1024)
def read_naming(text: str) -> Naming | None:
    """Read a message naming only a title and/or author for a draft, or None."""
    if "\n" in text.strip() or "?" in text or len(text) > 160:
        return None
    opener = _OPENER.match(text)
    body = text[opener.end() if opener else 0 :]
    replaced = None
    negated = _NOT.search(body)
    if negated:
        replaced = hint_words(negated.group("old"))
        body = body[: negated.start()]
    title = author = None
    rest = body
    lead = _TITLE_LEAD.match(rest) or (_ITS.match(rest) if negated else None)
    if lead:
        after = rest[lead.end() :]
        by = re.search(r",?\s+by\s+(?=\S)", after)
        clause = re.split(
            r",\s+(?=(?:the\s+)?(?:author|writer)\b)", after[: by.start()] if by else after
        )
        title = _title(clause[0])
        if title is None:
            return None
        rest = after[by.start() :].lstrip(" ,") if by else (after[len(clause[0]) :].lstrip(" ,"))
        if not rest:
            return Naming(title, None, replaced)
    author_lead = _AUTHOR_LEAD.match(rest)
    if author_lead and not title and _BARE_BY.match(author_lead.group(0)):
        return None  # "by mail is fine", "by Friday": no title named, so no author either
    if author_lead:
        author = _author(rest[author_lead.end() :], lower=bool(title))
        if author is None:
            return None
    elif rest.strip():
        return None
    if not (title or author):
        return None
    return Naming(title, author, replaced)
