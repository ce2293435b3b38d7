"""Read which request a patron means (ILL-7, "the Foucault book") or which option they picked."""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

_NOT_A_REF_AFTER = (
    r"(?!\s*(?:books?|articles?|items?|cop(?:y|ies)|titles?|things|more|of|dvds?|chapters?"
    r"|scans?|%|days?|weeks?))"
)
_REF = re.compile(
    r"\bILL\s*[-#:]?\s*(?P<ill>\d{1,6})\b"
    rf"|\brequest\s*(?:no\.?|number|num\.?|nr\.?|#)?\s*#?\s*(?P<request>\d{{1,6}})\b{_NOT_A_REF_AFTER}"
    r"|(?<![\w&#])#\s?(?P<hash>\d{1,6})\b",
    re.IGNORECASE,
)

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
# The whole message must be the pick: "2", "#2", "option 2", "the second one please".
_CHOICE = re.compile(
    r"^(?:(?:i'?ll\s+take|i\s+(?:want|choose|pick|mean|meant)|(?:let'?s\s+)?go\s+with"
    r"|choose|pick|take|make\s+it)\s+)?(?:the\s+)?"
    rf"(?:(?:option|choice|number|no\.?)\s*(?P<labelled>\d{{1,2}})"
    rf"|#?(?P<digit>[1-9])|(?P<word>{_ORDINAL_WORDS}))"
    r"(?:\s+(?:one|option|choice|item|request|book|article))?"
    r"(?:\s*[,.!]?\s*(?:please|pls|plz|thanks|thank\s+you))*\s*[.!)]?$",
    re.IGNORECASE,
)

# Words that say which kind of thing or action a patron means, never which title.
_STOP_TEXT = """
    all every elsewhere found usually long take takes normally typically always ones renewed
    cancelled canceled been
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
    yes ok okay sure stop withdraw forget
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class RefReading:
    """The request number a patron named, and where."""

    ref: int | None = None
    span: Span | None = None


def read_ref(text: str) -> RefReading:
    """Read the first request reference (ILL-7, ill 7, #7, request 7) in a message."""
    match = _REF.search(text)
    if not match:
        return RefReading()
    number = match.group("ill") or match.group("request") or match.group("hash")
    return RefReading(int(number), match.span())


def read_choice(text: str) -> int | None:
    """Read a numbered pick when the whole message is one ("2", "the second one")."""
    match = _CHOICE.match(text.strip())
    if not match:
        return None
    if match.group("word"):
        return ORDINALS[match.group("word").lower()]
    number = int(match.group("labelled") or match.group("digit"))
    return number if number >= 1 else None


def read_ref_hint(text: str) -> str | None:
    """Return the words that name a request by its title or author ("foucault")."""
    words = []
    for raw in _WORD.findall(text):
        word = raw.lower().replace("’", "'")
        word = word.removesuffix("'s")
        if word not in _STOP_WORDS and len(word) > 1:
            words.append(word)
    return " ".join(words) or None
