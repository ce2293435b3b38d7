"""Read the words that name a request the patron already has: "the Foucault book" → "foucault"."""

from __future__ import annotations

import re

# Words that say which kind of thing or action a patron means, never which title.
_STOP_TEXT = """
    all every elsewhere found usually long take takes normally typically always ones renewed
    cancelled canceled been everything anything something nothing stuff
    a an the my our your his her their its it it's this that these those one ones of for to on
    in at by about from with and or is are was were be been has have had did does do done any
    some book books article articles request requests requested item items copy copies loan
    loans order orders dvd dvds paper papers chapter chapters thesis film movie cd audiobook
    textbook ill interlibrary library please pls plz can could would will you u i me we im i'm
    i'd i'll cancel renew renewal extend extension status where what when which whats what's
    where's how news update updates arrived arrive arriving come came coming in yet ready here
    there still waiting wait check called titled named dont don't do not no need needed
    anymore longer more time keep never mind get got out checked due back return returned so
    just also thanks thank hi hello hey now today want like should let lets know tell up
    another two few couple extra little bit while week weeks day days month months again
    already sent ship shipped pick picked is isn't hasn't haven't happened happening going on
    yes ok okay sure stop withdraw forget novel ebook doi isbn issn pmid pending yesterday
    getting bother kill scratch disregard changed remove call off yeah go ahead possible
    word heard if wondering track delivered through soon how's when's show list past help
    dissertation hang last checking working we r are am being hold holding using use finish
    ticket ahead date ugh oh oops um hmm well hi movement progress idea currently guys onto
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CLAUSE_END = re.compile(r"[.!?;,\n]+(?:\s|$)|\s[-–]\s")
# "the Foucault one", "my Morrison request": a request named in a message that asks nothing.
_NAMED = re.compile(
    r"\b(?:the|my|that|this)\s+(?P<words>(?:[\w'’-]+\s+){1,6}?)"
    r"(?:one|book|request|article|loan|dvd|order|copy|novel|ill)\b",
    re.IGNORECASE,
)


def hint_words(text: str) -> str | None:
    """Return the title or author words of `text`, lower case, generic words left out."""
    words = []
    for raw in _WORD.findall(text):
        word = raw.lower().replace("’", "'").removesuffix("'s")
        if word not in _STOP_WORDS and len(word) > 1:
            words.append(word)
    return " ".join(words) or None


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def read_ref_hint(text: str, around: int | None = None) -> str | None:
    """Return the words naming the request an action is about.

    With `around` (where the action word sits), only its clause counts, or the clause before
    it ("my Foucault request, any news?"): "I found it at Barnes & Noble, cancel the Baldwin
    request" is about the Baldwin request, not a bookshop.
    """
    if around is None:
        return hint_words(text)
    clauses = _clauses(text)
    here = next((i for i, (start, end) in enumerate(clauses) if start <= around <= end), 0)
    for index in (here, here - 1):
        if 0 <= index < len(clauses):
            start, end = clauses[index]
            words = hint_words(text[start:end])
            if words:
                return words
    return None


def read_named_request(text: str) -> str | None:
    """Return the words of a request named as "the X one/book/request", or None."""
    match = _NAMED.search(text)
    return hint_words(match.group("words")) if match else None
