"""What follows "by" when it is no capitalised name: a name typed in lower case, a carrier.

"by ariel lawhon for me", "by bessel van der kolk", "by UPS", "narrated by ...": titles.split_author
reads a capitalised name itself and asks here about the rest.
"""

from __future__ import annotations

import re

NOT_A_NAME = r"(?!(?:the|a|an|my|our|next|this|end|early|mid|late)\b)"
# "bessel van der kolk": the lower-case particles of a name, not counted among its words.
_LOWER_PARTICLES = r"(?:\s+(?:van|von|der|den|de|del|la|le|da|di|du|bin|ibn|al))*"
_NOT_A_DAY = (
    r"(?!(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b|wednesday\b|saturday\b"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|tomorrow|tmrw|tonight|noon)"
)
_AUTHOR_ANY_CASE = re.compile(
    # (not "by the first week of January", "by next month": a time, not a name)
    rf"^\s*,?\s*by\s+{NOT_A_NAME}"
    rf"(?P<author>[a-z][\w.'’\-]*{_LOWER_PARTICLES}(?:\s+[a-z][\w.'’\-]*){{0,2}}?)"
    r"(?:\s+et\s+al\.?)?$"
)
# "by ariel lawhon for me n my sister", "by devah pager in american journal of sociology": a
# lower-case name of two or three words, then a word that starts what follows it (a name's own
# words are never these small words).
_LOWER_AUTHOR_THEN = re.compile(
    rf"^\s*,?\s*by\s+{NOT_A_NAME}{_NOT_A_DAY}"
    rf"(?P<author>[a-z][\w'’\-]*{_LOWER_PARTICLES}(?:\s+[a-z][\w'’\-]*){{1,2}}?)"
    r"(?=\s+(?:for|to|in|from|b4|before|by|because|cuz|bc|so|as|if|thx|pls|plz|please|n|and"
    r"|asap|on|at|via|lol|when|since)\b|\s*[,;!?]|\s*\.(?:\s|$))"
)
# How a book is sent, not who wrote it: "by UPS", "by mail", "by courier".
CARRIER = re.compile(r"^(?:UPS|USPS|FedEx|DHL|mail|post|courier|email|e-mail)$", re.I)
# "Atomic Habits narrated by James Clear": who reads an audiobook aloud is not its author.
NARRATED = re.compile(r",?\s+(?:narrated|read|performed)\s$", re.I)
# "Kafka on the Shore written by Haruki Murakami": the verb before "by" is not a title word.
WRITTEN = re.compile(
    r",?\s+(?:written|authored|edited|compiled)$"
    # "Four Thousand Weeks, i think by ...", "— possibly by Evie Woods": a hedged byline
    r"|\s*[,\-–—]?\s*(?:i\s+think|i\s+believe|possibly|probably|maybe|perhaps|i\s+guess)"
    r"(?:\s+(?:it'?s|it\s+is|it\s+was))?$",
    re.I,
)


def lower_byline(stripped: str, tail: str) -> re.Match[str] | None:
    """Match "by" and a lower-case name: the whole `stripped` tail, or a name before more words."""
    return _AUTHOR_ANY_CASE.match(stripped) or _LOWER_AUTHOR_THEN.match(tail)
