"""Details a patron adds to an item in words: the edition, the chapter, how many copies."""

from __future__ import annotations

import re

_ORDINAL = (
    r"\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|latest|newest|most\s+recent|current|revised|\d{4}"
)
_EDITION = re.compile(
    rf"\b(?P<before>(?:{_ORDINAL})(?:\s+(?:anniversary|revised|updated|expanded|international))?)"
    r"\s+(?:ed(?:ition|\.|n\.?)?)(?![\w])"
    r"|\bedition\s*(?:no\.?|number|#)?\s*:?\s*(?P<after>\d{1,2}(?:st|nd|rd|th)?)\b"
    r"|\bed\.\s*(?P<short>\d{1,2})\b"
    r"|\b(?P<kind>expanded|revised|updated|international)\s+ed(?:ition|\.)(?![\w])"
    # "in large print", "a large-print copy": the large-print edition
    r"|\b(?P<large>large[\s-]?(?:print|type))\b",
    re.IGNORECASE,
)
_CHAPTER_NUMBER = (
    r"\d{1,3}|[ivxlc]{1,6}\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
)
_CHAPTER = re.compile(
    rf"\b(?:chapters?|chap\.|ch\.?)\s*(?P<chapter>(?:{_CHAPTER_NUMBER})"
    rf"(?:\s*(?:-|–|—|to|and|&)\s*(?:{_CHAPTER_NUMBER}))?)(?![\w])",
    re.IGNORECASE,
)
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "a couple of": 2,
}  # fmt: skip
_COUNT = r"\d{1,3}|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))
_COPIES = re.compile(
    rf"\b(?P<count>{_COUNT})\s+(?:(?:print|physical|paper|separate|extra)\s+)?copies\b"
    r"|\bcopies\s*(?:needed)?\s*[:=]\s*(?P<listed>\d{1,3})\b"
    # "the library only has one copy. Could you get us 7 more?"
    r"|\b(?:get|order|find|borrow)\s+(?:us|me)\s+(?P<more>\d{1,3})\s+more\b",
    re.IGNORECASE,
)


def read_edition(text: str) -> str | None:
    """Return the edition asked for, as written: "3rd", "2019", "latest"; None if none."""
    match = _EDITION.search(text)
    if not match:
        return None
    if match.group("large"):
        return "large print"
    value = match.group("before") or match.group("after") or match.group("short")
    value = value or (match.group("kind") or "").lower()
    return re.sub(r"\s+", " ", value)


def read_chapter(text: str) -> str | None:
    """Return the chapter (or chapters) to scan, as written: "3", "7-8"; None if none."""
    match = _CHAPTER.search(text)
    if not match:
        return None
    return re.sub(r"\s*(?:-|–|—|to)\s*", "-", match.group("chapter").strip())


def read_copies(text: str) -> int | None:
    """Return how many copies the patron asks for ("we need 6 copies"); None when not said."""
    match = _COPIES.search(text)
    if not match:
        return None
    raw = (match.group("count") or match.group("listed") or match.group("more")).lower()
    count = int(raw) if raw.isdigit() else _COUNT_WORDS[re.sub(r"\s+", " ", raw)]
    return count if count > 1 else None
