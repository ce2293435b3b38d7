"""Mend the common typos and shorthands patrons use for the words the bot listens for."""

from __future__ import annotations

import re
from functools import lru_cache

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
    "whens": "when's",
    "hows": "how's",
    "thks": "thanks",
    "tnx": "thanks",
    "hlp": "help",
    "cn": "can",
    "b4": "before",
    "tmrw": "tomorrow",
    "tmw": "tomorrow",
    "tmr": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2day": "today",
    "nxt": "next",
    "wk": "week",
    "wks": "weeks",
    "abt": "about",
    "smth": "something",
    "wat": "what",
    "r": "are",
    "wher": "where",
    "stil": "still",
    "whr": "where",
    "teh": "the",
    "cna": "can",
    "yuo": "you",
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
# Four-letter keywords are mended only for swapped letters ("tlak", "hlep"): one changed letter
# turns too many real words into them.
SHORT_KEYWORDS = ("talk", "help")
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
# Names of kinds of material, mended only after "a", "an", "the" ("an artcle", "the chaptr"),
# so that a mistyped kind is not read as a title.
MATERIAL_NOUNS = ("article", "chapter", "journal", "audiobook", "textbook", "edition", "thesis")
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|my|one|your)\s+$", re.IGNORECASE)
# Real words one letter away from a keyword: never "mend" these.
_REAL_WORDS_TEXT = """
    cancer cancers candle statue statues stratus bequest bequests burrow burrows sorrow barrow
    borrows morrow renee arrives derived extent intend attend extends renews rented renter
    arched marches starch fridays mondays sundays requester requested stats expend states
    state stature rene wren particle articles chapters journals editions textbooks theses
    chapel arrive tuesdays wednesdays thursdays saturdays estatus
"""
_REAL_WORDS = frozenset(_REAL_WORDS_TEXT.split())
# A whole word only: the "r" of "ríos" is no texting "are".
_TOKEN = re.compile(r"(?<![^\W\d_])[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:'[A-Za-z]+)?(?![^\W\d_])")


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


@lru_cache(maxsize=4096)
def _closest(word: str, keywords: tuple[str, ...]) -> str | None:
    lower = word.lower()
    if len(lower) < 4 or lower in _REAL_WORDS:
        return None
    # A four-letter word is mended only for a dropped letter ("renw"), never a changed one.
    fits = [k for k in keywords if _within_one_edit(lower, k) and (len(lower) > 4 or len(k) == 5)]
    return fits[0] if fits else None


def _swapped(word: str) -> str | None:
    lower = word.lower()
    for keyword in SHORT_KEYWORDS:
        same_letters = lower != keyword and sorted(lower) == sorted(keyword)
        if same_letters and _within_one_edit(lower, keyword):
            return keyword
    return None


@lru_cache(maxsize=4096)
def mend_word(word: str) -> str:
    """Return the keyword a mistyped word stands for, or the word itself."""
    lower = word.lower()
    if word[:1].isupper() and (len(word) == 1 or word.isupper()):
        return word  # "U", "ILL", "USA": initials and acronyms are not typos
    if lower in ALIASES:
        return ALIASES[lower]
    if lower in KEYWORDS:
        return word
    plain = _STRETCHED.sub(r"\1", lower)
    if plain in KEYWORDS:
        return plain  # "renewwww" → "renew"
    return _closest(word, KEYWORDS) or _swapped(word) or word


_DATE_AFTER = re.compile(r"\s*\d")
_DAY_BEFORE = re.compile(r"\b(?:by|next|this|on|until|till|before|coming)\s+$", re.IGNORECASE)


def _mend_date_word(text: str, match: re.Match[str]) -> str | None:
    """Mend a mistyped month or day name where a date is plainly meant ("Octber 1").

    Also a mistyped kind of material after "a"/"an"/"the" ("an artcle").
    """
    word = match.group(0)
    mended = None
    if _DATE_AFTER.match(text, match.end()):
        mended = _closest(word, MONTH_NAMES)
    if not mended and _DAY_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        mended = _closest(word, DAY_NAMES)
    near = max(0, match.start() - 6)
    if not mended and word.islower() and _DETERMINER_BEFORE.search(text, near, match.start()):
        mended = _closest(word, MATERIAL_NOUNS)  # "an artcle" is an article, not a title
    if not mended or mended == word.lower():
        return None  # a name spelt right keeps its capital ("Until Tuesday by ...": a title)
    return mended.capitalize() if word[:1].isupper() else mended


def _sentence_start(text: str, start: int) -> bool:
    """Tell whether a word at `start` opens a sentence or a line (after . ! ? : or a new line)."""
    at = start
    while at > 0 and text[at - 1].isspace():
        if text[at - 1] == "\n":
            return True
        at -= 1
    return start == 0 if at == 0 else text[at - 1] in ".!?:"


def _with_one_deleted(word: str) -> set[str]:
    return {word[:at] + word[at + 1 :] for at in range(len(word))}


_EVERY_WORD = (*KEYWORDS, *SHORT_KEYWORDS, *MONTH_NAMES, *DAY_NAMES, *MATERIAL_NOUNS)
# Every word listened for, and each with one letter deleted: a word one edit away from one of
# them (a letter added, dropped, changed or two swapped) shares a member of this set with it.
_NEAR = frozenset(w for word in _EVERY_WORD for w in {word, *_with_one_deleted(word)})


# "renewwww", "cancelll": a letter held down for stress.
_STRETCHED = re.compile(r"([a-z])\1{2,}")


@lru_cache(maxsize=8192)
def _could_mend(lower: str) -> bool:
    """Tell whether a word could be mended at all: a shorthand, or near a word listened for."""
    if lower in ALIASES or _STRETCHED.sub(r"\1", lower) in KEYWORDS:
        return True
    if len(lower) < 4 or lower in _REAL_WORDS:
        return False
    return lower in _NEAR or not _NEAR.isdisjoint(_with_one_deleted(lower))


@lru_cache(maxsize=4096)
def mend(text: str) -> str:
    """Return `text` with shorthands expanded and keyword typos corrected, case kept elsewhere."""

    def mended(match: re.Match[str]) -> str:
        """Return the mended form of one word of `text`."""
        word = match.group(0)
        if not _could_mend(word.lower()):
            return word  # most words: nothing near them to mend to
        date_word = _mend_date_word(text, match)
        if date_word:
            return date_word
        if word[:1].isupper() and not _sentence_start(text, match.start()):
            return word  # a capitalised word mid-sentence is a name or a title word
        return mend_word(word)

    if not any(_could_mend(word.lower()) for word in _TOKEN.findall(text)):
        return text  # most messages: nothing to mend, no word-by-word rewrite
    return _TOKEN.sub(mended, text)
