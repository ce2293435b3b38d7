"""Messages that are nothing but a title: "Sapiens", or "Why Nations Fail by Daron Acemoglu".

A title may open with a word that is also an order or a question ("Status Anxiety", "Help!",
"Why Nations Fail"); written as a title (capitalised words, "by Author") it names a book. A bare
title with no author is read too, but the core confirms it before recording anything.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand.bare_titles import split_comma_author, split_dash_author
from handlers.understand.citation import Citation, clean_title, take_year
from handlers.understand.hints import hint_words
from handlers.understand.lower_authors import split_lower_author
from handlers.understand.titles import AUTHOR, split_author, strip_filler, take_parenthetical

# Words a title may keep in lower case ("Gone with the Wind").
_SMALL_TEXT = """
    a an the of and or but nor in on at to for with from by as into onto over upon vs via per
    than de la le du del von van
"""
_SMALL = frozenset(_SMALL_TEXT.split())
# After an action word, these show an order ("Renew The Fire Next Time", "Cancel My Request").
_ORDER_TEXT = """
    the a an my our your this that these those it them all both everything every ill request
    requests number loan loans book books order
"""
_ORDER_OBJECT = frozenset(_ORDER_TEXT.split())
_ACTION_WORDS = frozenset(["cancel", "renew", "extend", "status", "keep", "withdraw", "remove"])
_GREETING = re.compile(
    r"^\s*(?:(?:hi|hello|hey|hiya|dear\s+\w+|good\s+(?:morning|afternoon|evening))\b[\s,!.:-]*)+",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^\s*(?:(?:please|pls|plz|ok|okay|so|also|and|oh\s+and)\b[\s,:]*)*(?:(?:(?:can|could|would)\s+(?:you|u)\s+"
    r"(?:please\s+)?)?(?:get|find|order|request|borrow)(?:\s+me)?|i\s+(?:really\s+)?(?:need|want)"
    r"|i'?d\s+like|i\s+would\s+like|looking\s+for|requesting|(?:req|request|need|wanted)\s*:)?\s*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\w'’-]*")
_GIBBERISH = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}|(.)\1\1", re.IGNORECASE)
MAX_WORDS = 10
MAX_WORDS_WITH_SUBTITLE = 16
_SENTENCES = re.compile(r"[.!?;]\s|[\"“”]|\s-\s")
# The full stop of "Mrs. Dalloway", "Dr. No", "St. Petersburg": an abbreviation's, not a sentence's.
_ABBREVIATION_DOT = re.compile(r"\b(?:Mrs|Mr|Ms|Dr|St|Jr|Sr|Mt|Vs|vs|[A-Z])\.(?=\s)")


def _title_case(title: str) -> bool:
    """Tell whether every word of `title` is capitalised, a number, or a small joining word."""
    words = _WORD.findall(title)
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL for w in words)


def _wordlike(title: str) -> bool:
    """Tell whether the words read as words, not keyboard noise ("Asdfgh")."""
    words = _WORD.findall(title)
    return all(
        w in _TITLES_OF_ADDRESS or (re.search(r"[aeiouy\d]", w, re.I) and not _GIBBERISH.search(w))
        for w in words
    )


_TITLES_OF_ADDRESS = frozenset({"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr"})


def _an_order(title: str) -> bool:
    """Tell whether a title-cased phrase is really an order ("Renew The Fire Next Time")."""
    words = [w.lower() for w in _WORD.findall(title)]
    if not words or words[0] not in _ACTION_WORDS:
        return False
    return len(words) == 1 or words[1] in _ORDER_OBJECT


def _body(text: str) -> tuple[str, int, bool]:
    """Strip greetings and "please" from the front: (what is left, where it starts, greeted)."""
    greeting = _GREETING.match(text)
    start = greeting.end() if greeting else 0
    lead = _LEAD.match(text, start)
    start = lead.end() if lead else start
    return text[start:], start, bool(greeting)


def title_by_author(text: str) -> Citation | None:
    """Read a message that is only "Title by Author" with a title-cased title, or None.

    This is what reads titles that open with an order or a question word, which the sentence
    readers take for that order.
    """
    if "\n" in text.strip():
        return None
    body, start, _ = _body(text)
    head, author, after = split_author(body.strip())
    if not author or strip_filler(after).strip(" .!?,") or not AUTHOR.match(f" by {author}"):
        return None
    title = clean_title(head)
    if not title or len(_WORD.findall(title)) > 12 or not _title_case(title):
        return None
    if _an_order(title) or not author[:1].isupper():
        return None
    return Citation(title=title, author=author, span=(start, len(text)))


# "title is X", "the book's called X", "it's called X": the patron names the title they mean,
# most often for a request already being drafted.
_NAMING = re.compile(
    r"^\s*(?:(?:oh|and|also|ok|okay|sorry|actually|so|um|hm+|wait)\b[\s,.!:-]*)*"
    r"(?:(?:the\s+|its\s+|it's\s+)?(?:full\s+|actual\s+|exact\s+|real\s+)?(?:title|name)"
    r"(?:\s+of\s+(?:it|the\s+\w+))?\s*(?:is|was|:|=|-|would\s+be|should\s+be)"
    r"|(?:the\s+)?(?:book|article|chapter|paper|film|movie|dvd|audiobook|one)\s*(?:is|was|'s)?"
    r"\s+(?:called|titled|named)"
    r"|it(?:'s|\s+is|\s+was|’s)\s+(?:called|titled|named)|(?:it'?s\s+)?(?:called|titled))"
    r"\s*[:,-]?\s+(?=\S)",
    re.IGNORECASE,
)


def named_title(text: str) -> Citation | None:
    """Read "title is The Social Life of Guns" (or "it's called X"): the title named, or None."""
    naming = _NAMING.match(text)
    if not naming or "\n" in text.strip():
        return None
    found = bare_title(text[naming.end() :])
    if found is None or found.span is None:
        return None
    return replace(found, span=(naming.end() + found.span[0], naming.end() + found.span[1]))


def bare_title(text: str) -> Citation | None:
    """Read a message that is only a title-cased title, without author ("Middlemarch")."""
    if "\n" in text.strip():
        return None
    body, start, greeted = _body(text)
    title, author, year = _named_parts(strip_filler(body))
    if not title or _SENTENCES.search(_ABBREVIATION_DOT.sub(" ", title)):
        return None  # several sentences, or quotes: not a bare title ("Mrs. Dalloway" is one)
    words = _WORD.findall(title)
    longest = MAX_WORDS_WITH_SUBTITLE if ": " in title else MAX_WORDS  # "Caste: The Origins of ..."
    if not words or len(words) > longest or (greeted and len(words) < 2):
        return None  # "Hi Sarah" greets someone
    if len(words) == 1 and (len(words[0]) < 3 or hint_words(words[0]) is None):
        return None  # "Actually", "Thanks": a word, not a title
    if not (_title_case(title) and _wordlike(title)) or _an_order(title):
        return None
    return Citation(title=title, author=author, year=year, span=(start, len(text)))


def _named_parts(body: str) -> tuple[str | None, str | None, int | None]:
    """Split a bare title from the author and year written with it: (title, author, year).

    "Punished, Victor Rios, 2011", "Where the Red Fern Grows, Wilson Rawls", "The Body Keeps
    the Score - Bessel van der Kolk", "One Hundred Years of Solitude (Gregory Rabassa
    translation)": a bracket that names no author is dropped.
    """
    body, year = take_year(body.strip())
    body, bracket_author, bracket_year = take_parenthetical(body)
    author = bracket_author
    if author is None:
        for split in (split_comma_author, split_dash_author, split_lower_author):
            head, named = split(body)
            if named:
                body, author = head, named
                break
    return clean_title(body), author, year or bracket_year
