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
    r"^(?:that\s+one\s*,?\s*)?(?:(?:i'?ll\s+take|i\s+(?:want|choose|pick|mean|meant)"
    r"|(?:let'?s\s+|i'?ll\s+)?go\s+(?:with|for)|choose|pick|take|make\s+it)\s+)?(?:the\s+)?"
    rf"(?:(?:option|choice|number|no\.?)\s*(?:(?P<labelled>\d{{1,2}})|(?P<named>{_ORDINAL_WORDS}))"
    rf"|#?(?P<digit>[1-9])|(?P<word>{_ORDINAL_WORDS}))"
    r"(?:\s+(?:one|option|choice|item|request|book|article))?"
    r"(?:\s*[,.!]?\s*(?:please|pls|plz|thanks|thank\s+you))*\s*[.!)]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RefReading:
    """The request numbers a patron named, and where."""

    refs: tuple[int, ...] = ()
    spans: tuple[Span, ...] = ()

    @property
    def ref(self) -> int | None:
        """Return the first reference named."""
        return self.refs[0] if self.refs else None


def read_ref(text: str) -> RefReading:
    """Read every request reference (ILL-7, ill 7, #7, request 7) in a message, in order."""
    refs: list[int] = []
    spans: list[Span] = []
    for match in _REF.finditer(text):
        number = int(match.group("ill") or match.group("request") or match.group("hash"))
        spans.append(match.span())
        if number not in refs:
            refs.append(number)
    return RefReading(tuple(refs), tuple(spans))


def read_choice(text: str) -> int | None:
    """Read a numbered pick when the whole message is one ("2", "the second one")."""
    match = _CHOICE.match(text.strip())
    if not match:
        return None
    word = match.group("word") or match.group("named")
    if word:
        return ORDINALS[word.lower()]
    number = int(match.group("labelled") or match.group("digit"))
    return number if number >= 1 else None
