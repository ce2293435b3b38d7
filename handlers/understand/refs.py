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
    r"\bILL\s*[-#:]?\s*(?:no\.?\s*|number\s*)?(?P<ill>\d{1,6})\b"
    rf"|\brequests?\s*(?:no\.?|number|num\.?|nr\.?|#)?\s*#?\s*(?P<request>\d{{1,6}})\b{_NOT_A_REF_AFTER}"
    # "order number 17", "loan no. 4": with the marker only ("order 1984" is a title)
    r"|\b(?:order|loan)\s*(?:no\.?|number|num\.?|nr\.?|#)\s*#?\s*(?P<order>\d{1,6})\b"
    # ("my hold here is #40 in line": a place in a queue, not a request)
    r"|(?<![\w&#])#\s?(?P<hash>\d{1,6})\b(?!\s+(?:in\s+(?:the\s+)?(?:line|queue)|on\s+the\s+(?:wait|hold)))"
    # "number 12" alone or after an action ("cancel number 12"), never "vol 3 number 2"
    r"|(?:^\s*|\b(?:cancel|renew|extend|status\s+(?:of|on)|update\s+on|news\s+on|about|check\s+on"
    r"|scrap|kill|drop|undo|stop|delete|remove"
    r"|is|has|did|was|where's|where\s+is"
    rf"|with)\s+(?:the\s+|my\s+)?)(?P<numbered>(?:number|no\.|nr\.?)\s*#?\s*(?P<number>\d{{1,6}}))\b"
    rf"{_NOT_A_REF_AFTER}",
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
    r"^(?:(?:hmm+|uh+|um+|ok|okay|so|well)\s*[,.]*\s+)*"
    r"(?:that\s+one\s*,?\s*)?(?:(?:i'?ll\s+take|i\s+(?:want|choose|pick|mean|meant)"
    r"|(?:let'?s\s+|i'?ll\s+)?go\s+(?:with|for)|choose|pick|picking|i'?m\s+picking|take|make\s+it"
    r"|it'?s)\s+)?(?:the\s+)?"
    rf"(?:(?:option|choice|entry)\s*(?:(?P<labelled>\d{{1,2}})|(?P<named>{_ORDINAL_WORDS}))"
    # "number 2" picks an option; "number 12" names a request (see _REF)
    rf"|(?:number|no\.?)\s*(?:(?P<numbered>[1-9])|(?P<numbered_word>{_ORDINAL_WORDS}))"
    rf"|#?(?P<digit>[1-9])|(?P<word>{_ORDINAL_WORDS}))"
    r"(?:\s+(?:one|option|choice|item|request|book|article))?"
    r"(?:\s+(?:of\s+(?:those|these|them|the\s+(?:list|options))|i\s+guess|works|is\s+fine))?"
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
        digits = match.group("ill") or match.group("request") or match.group("hash")
        digits = digits or match.group("order")
        number = int(digits or match.group("number"))
        spans.append(match.span() if digits else match.span("numbered"))
        if number not in refs:
            refs.append(number)
        if match.group("ill") or match.group("request"):
            # "request 4 and 5", "ILL 11, 12 and 14": the marker is written once for the list
            end = match.end()
            while more := _LISTED_NUMBER.match(text, end):
                listed = int(more.group("n"))
                spans.append(more.span("n"))
                if listed not in refs:
                    refs.append(listed)
                end = more.end()
    if not refs:
        return _bare_numbers(text)
    return RefReading(tuple(refs), tuple(spans))


_LISTED_NUMBER = re.compile(
    rf"\s*(?:,|and|&|\+|or)\s*#?\s*(?P<n>\d{{1,6}})\b{_NOT_A_REF_AFTER}", re.I
)
# "cancel 12 and 14", "renew 7": a whole message that is an action and plain request numbers.
_ACTION_NUMBERS = re.compile(
    r"^\s*(?:please\s+|pls\s+)?(?:cancel|renew|extend|withdraw)\s+(?P<numbers>\d{1,6}"
    r"(?:\s*(?:,|and|&|\+)\s*\d{1,6})*)\s*(?:,?\s*(?:please|pls|plz|thanks|thx))?\s*[.!]*\s*$",
    re.IGNORECASE,
)


def _bare_numbers(text: str) -> RefReading:
    match = _ACTION_NUMBERS.match(text)
    if not match:
        return RefReading()
    found = [(int(m.group(0)), m.span()) for m in re.finditer(r"\d+", text[: match.end("numbers")])]
    found = [(n, span) for n, span in found if span[0] >= match.start("numbers")]
    numbers = list(dict.fromkeys(n for n, _ in found))
    return RefReading(tuple(numbers), tuple(span for _, span in found))


_THANKS_AFTER = re.compile(
    r"\n\s*(?:many\s+)?(?:thanks?|thank\s+you|thx|ty|cheers|best|regards|kind\s+regards)"
    r"(?:\s*,?\s*(?-i:[A-Z][\w'’.-]*))?\s*[,.!]*\s*$",
    re.I,
)


def read_choice(text: str) -> int | None:
    """Read a numbered pick when the whole message is one ("2", "the second one")."""
    # "Option 3, please.\n\nThanks,": the sign-off kept under a pick adds nothing to it
    match = _CHOICE.match(_THANKS_AFTER.sub("", text).strip())
    if not match:
        return None
    word = match.group("word") or match.group("named") or match.group("numbered_word")
    if word:
        return ORDINALS[word.lower()]
    number = int(match.group("labelled") or match.group("digit") or match.group("numbered"))
    return number if number >= 1 else None


# "the second one I asked for", "my first request", "that last one": a request by its place in
# the order the patron asked (1-based; -1 is the latest).
_PLACES = {"last": -1, "latest": -1, "newest": -1, "most recent": -1, "oldest": 1, "earliest": 1}
_CARDINALS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
_PLACE_NAMES = [*(word for word in ORDINALS if word not in _CARDINALS), *_PLACES]
_PLACE_WORDS = "|".join(sorted(_PLACE_NAMES, key=len, reverse=True)).replace(" ", r"\s+")
_ORDINAL = re.compile(
    rf"\b(?:the|my|that|this)\s+(?:very\s+)?(?P<place>{_PLACE_WORDS})"
    r"(?:\s+(?:(?:one|request|book|item|article|loan|order|thing|ill|title|dvd|scan|copy)s?\b"
    r"|(?=(?:(?:that|which)\s+)?(?:i|we)\s+(?:\w+\s+)?(?:asked|requested|ordered|made|placed"
    r"|sent|put|submitted|wanted)\b))"
    # "renew the first one and cancel the second": the place word ends the phrase
    r"|(?=\s*(?:[.,;!?]|$|\s(?:please|pls|too|as\s+well)\b)))",
    re.IGNORECASE,
)
# "renew both", "all my books", "everything I have out": every request the action may apply to.
_EVERY = re.compile(
    r"\b(?:both|eve?r?y?thing|every\s+(?:\w+\s+)?(?:one|single|book|item|loan|request|article|title|thing)s?\b"
    r"|(?<!at\s)(?<!first\sof\s)(?<!most\sof\s)(?<!best\sof\s)(?<!that's\s)(?<!that\sis\s)"
    r"(?<!is\sthat\s)all(?!\s+(?:set|good|done|right|the\s+best|day|week|night|year|time|good"
    r"|sorted|fine|clear|ok|okay))\b)",
    re.IGNORECASE,
)


def read_ordinal(text: str) -> int | None:
    """Read which request by its place in order ("the second one I asked for": 2; last: -1)."""
    match = _ORDINAL.search(text)
    if not match:
        return None
    place = " ".join(match.group("place").lower().split())
    return _PLACES.get(place) or ORDINALS.get(place)


def names_every(text: str) -> bool:
    """Tell whether the patron means every request or loan at once ("renew both please")."""
    return bool(_EVERY.search(text))
