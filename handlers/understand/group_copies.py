"""Copies for a group, asked inside a polite paragraph: "my book club is reading X and we need 8".

A book club, a class or a church group names the book it reads ("is reading X", "wants to do X",
"will read X", "a reading circle on X", "hoping for three copies of X") and, apart from it, how
many copies it needs. Only where copies are asked for is the book read this way: "my son is
reading Dune" alone asks for nothing.
"""

from __future__ import annotations

import re

from handlers.understand.citation import Citation, clean_title
from handlers.understand.fields import read_copies
from handlers.understand.titles import NAME

_TITLE_WORD = r"(?:[A-Z0-9][\w'’:.-]*|of|and|the|in|on|a|an|to|for|with|from|at|&)"
# A capitalised run ("The Covenant of Water", "Charlotte's Web") and an author after "by".
_TITLE = rf"(?P<title>(?-i:[A-Z0-9])[\w'’:-]*(?:\s+(?-i:{_TITLE_WORD})){{0,14}})"
# (the name's case counts: "by Barbara Kingsolver for our book club" ends at "for")
_AUTHOR = rf"(?:,?\s+by\s+(?P<author>(?-i:(?=[A-Z]){NAME})))?"
_READING = re.compile(
    r"\b(?:(?:is|are|'s|’s|'re|’re|will|'ll|’ll|wants?\s+to|want\s+to|would\s+like\s+to|plans?\s+to"
    r"|planning\s+to|going\s+to|decided\s+to|hoping\s+to|chose|picked|selected"
    r"|(?:has|have|'ve|’ve)\s+(?:chosen|picked|selected))\s+(?:be\s+)?"
    r"(?:reading|read|doing|do|discussing|discuss|studying|study|teaching|teach|covering|cover)"
    r"|(?:circle|group|club|discussion|unit|seminar|class)\s+(?:on|about|for)"
    r"|(?:copies|copy)\s+of|(?:picked|chose|chosen|selected))\s+"
    rf"{_TITLE}{_AUTHOR}",
    re.IGNORECASE,
)
# Small words a capitalised run may take in at its end ("X and we", "X this spring").
_TRAILING_SMALL = re.compile(r"(?:\s+(?:of|and|the|in|on|a|an|to|for|with|from|at|&))+$")


def group_copies_title(text: str) -> Citation | None:
    """Read the book a group asking for several copies names, or None."""
    if read_copies(text) is None:
        return None
    for match in _READING.finditer(text):
        title = clean_title(_TRAILING_SMALL.sub("", match.group("title")))
        if not title or title.split()[0].lower() in ("i", "we", "my", "our"):
            continue
        author = match.group("author")
        return Citation(title=title, author=author, span=(match.start("title"), match.end()))
    return None
