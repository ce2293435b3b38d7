"""Mend the common typos and shorthands patrons use for the words the bot listens for."""

from __future__ import annotations

import re

# Shorthands mapped to the word they stand for.
ALIASES = {
    "plz": "please",
    "pls": "please",
    "plse": "please",
    "pleas": "please",
    "plase": "please",
    "u": "you",
    "ur": "your",
    "thx": "thanks",
    "thanx": "thanks",
    "thnx": "thanks",
    "ty": "thanks",
    "tysm": "thanks",
    "thankyou": "thank you",
    "thanku": "thank you",
    "cancell": "cancel",
    "cancellation": "cancel",
    "nvm": "never mind",
    "nevermind": "never mind",
    "wanna": "want to",
    "gonna": "going to",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "im": "i'm",
    "whats": "what's",
    "wheres": "where's",
}
# Words worth mending when a patron mistypes them by one letter ("reneew", "cancle", "stauts").
KEYWORDS = (
    "renew",
    "renewal",
    "cancel",
    "status",
    "request",
    "requests",
    "borrow",
    "librarian",
    "arrived",
    "extend",
    "tomorrow",
)
# Month and day names are mended only where a date is plainly meant ("Octber 1", "by Firday"),
# so a title word such as "Marsh" is never turned into "march".
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "august",
    "september",
    "october",
    "november",
    "december",
)
DAY_NAMES = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
# Real words one letter away from a keyword: never "mend" these.
_REAL_WORDS_TEXT = """
    cancer cancers candle statue statues stratus bequest bequests burrow burrows sorrow barrow
    borrows morrow renee arrives derived extent intend attend extends renews rented renter
    arched marches starch fridays mondays sundays requester requested stats expend
"""
_REAL_WORDS = frozenset(_REAL_WORDS_TEXT.split())
_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def _within_one_edit(word: str, keyword: str) -> bool:
    """Tell whether one insertion, deletion, substitution or swap turns `word` into `keyword`."""
    if abs(len(word) - len(keyword)) > 1 or word == keyword:
        return word == keyword
    if len(word) == len(keyword):
        diffs = [i for i, (a, b) in enumerate(zip(word, keyword, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        first, second = diffs[0], diffs[-1]
        swapped = len(diffs) == 2 and second == first + 1
        return swapped and word[first] == keyword[second] and word[second] == keyword[first]
    shorter, longer = sorted((word, keyword), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _closest(word: str, keywords: tuple[str, ...]) -> str | None:
    lower = word.lower()
    if len(lower) < 5 or lower in _REAL_WORDS:
        return None
    return next((keyword for keyword in keywords if _within_one_edit(lower, keyword)), None)


def mend_word(word: str) -> str:
    """Return the keyword a mistyped word stands for, or the word itself."""
    lower = word.lower()
    if word[:1].isupper() and (len(word) == 1 or word.isupper()):
        return word  # "U", "ILL", "USA": initials and acronyms are not typos
    if lower in ALIASES:
        return ALIASES[lower]
    if lower in KEYWORDS:
        return word
    return _closest(word, KEYWORDS) or word


_DATE_AFTER = re.compile(r"\s*\d")
_DAY_BEFORE = re.compile(r"\b(?:by|next|this|on|until|till|before|coming)\s+$", re.IGNORECASE)


def _mend_in_context(text: str, match: re.Match[str]) -> str:
    word = match.group(0)
    if _DATE_AFTER.match(text, match.end()):
        month = _closest(word, MONTH_NAMES)
        if month:
            return month
    if _DAY_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        day = _closest(word, DAY_NAMES)
        if day:
            return day
    return mend_word(word)


def mend(text: str) -> str:
    """Return `text` with shorthands expanded and keyword typos corrected, case kept elsewhere."""
    return _TOKEN.sub(lambda match: _mend_in_context(text, match), text)
