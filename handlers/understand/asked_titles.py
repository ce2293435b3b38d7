"""A capitalised "Title by Author" anywhere in a sentence, when no request verb framed it.

"my thesis needs Discipline and Punish by Foucault, can you get it?", "Is The Anxious Generation
by Jonathan Haidt something you can get?": phrasing reads these after a verb it knows, and
intent asks `asked_about` when only the classifier said the message is a request.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand.citation import Citation, clean_title, up_to_sentence_end
from handlers.understand.titles import NAME, split_author, strip_filler

_TITLE_WORDS = r"(?:[A-Z0-9][\w'’:-]*|of|and|the|in|on|a|an|to|for|with|from|at|&)"
_CAPITALISED_BY_AUTHOR = re.compile(
    rf"(?P<title>[A-Z0-9][\w'’:-]*(?:\s+{_TITLE_WORDS}){{0,14}})\s+by\s+"
    rf"(?P<author>(?=[A-Z]){NAME})"
)


def capitalised_by_author(text: str) -> tuple[Citation, ...]:
    """Find a capitalised "Title by Author" anywhere in a sentence that asks for something."""
    match = _CAPITALISED_BY_AUTHOR.search(text)
    if not match:
        return ()
    title = clean_title(match.group("title"))
    author = match.group("author").rstrip(" .")
    return (Citation(title=title, author=author, span=match.span()),)


# "Is X by Y something you can get?": the question's opening word, before a capitalised title.
_ASKING_WORD = re.compile(r"^(?-i:Is|Are|Can|Could|Do|Does|Would|Will|Has|Have)\s+(?=[A-Z0-9])")


# "gett me The Sympathizer by viet thanh nguyen": a capitalised title, its author in lower case.
_TITLE_BY_LOWER = re.compile(rf"[A-Z0-9][\w'’:-]*(?:\s+{_TITLE_WORDS}){{0,14}}\s+by\s+(?-i:[a-z])")


def _title_by_lower_author(text: str) -> tuple[Citation, ...]:
    match = _TITLE_BY_LOWER.search(text)
    if not match:
        return ()
    title, author, _ = split_author(strip_filler(up_to_sentence_end(text[match.start() :])))
    return (Citation(title=clean_title(title), author=author),) if author else ()


def asked_about(text: str) -> tuple[Citation, ...]:
    """Find "Title by Author" in a message only the classifier read as a request, or ()."""
    found = capitalised_by_author(text) or _title_by_lower_author(text)
    if not found or not found[0].title:
        return found
    start = text.find(found[0].title)
    before = text[: max(start, 0)].rstrip()
    last = before.split()[-1] if before.split() else ""
    if before.endswith((",", ":", "-", "–", "—")) or last.istitle():
        return ()  # "Goodbye, Vitamin by ...": the title may begin before the words found
    title = _ASKING_WORD.sub("", found[0].title)  # (the core confirms what it read)
    return (replace(found[0], title=title),) if title else ()
