"""Recognise a library's own material types from the words its profile gives for them.

The reader (handlers/understand/material.py) knows only the standard types. A library that
borrows microfilm or maps names them in `[material_words]`; after a message is read, an item the
patron calls by one of those words takes that type, over the standard reading ("the microfilm of
the Gazette" is microfilm, not a book). A word naming what an item is about does not count
("a book about microfilm preservation" is a book), nor does a word in a capitalised title ("The
Map of Knowledge"): titles carry their own words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from handlers.understand import Item, Reading

MaterialWords = dict[str, tuple[str, ...]]

# What separates one item of a list from the next ("X and Y", "X; Y", a new line, a bullet).
_SEPARATOR = re.compile(r"\band\b|\bplus\b|\balso\b|[;\n•]|(?:^|\s)\d[.)]\s|\s[-–]\s", re.I)
# Words before a match that make it a topic: "about microfilm", "a book on the history of maps".
# A bare "on" is a format ("the Gazette on microfilm"); after a kind of work it is a topic.
_TOPIC = re.compile(
    r"(?:\b(?:about|regarding|concerning)"
    r"|\b(?:books?|articles?|papers?|chapters?|essays?|thesis|theses|dissertations?|films?"
    r"|videos?|documentar(?:y|ies)|anything|something|stuff|information|research|works?)"
    r"\s+(?:on|into))"
    r"\s+(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
# The patron's phrase read as a title: "the (piano) score(s) of …", "the microfilm reels for …".
_LEAD = re.compile(r"(?:(?:the|a|an)\s+)?(?:[a-z]+\s+)?", re.I)
_FOLLOW = re.compile(r"(?:\s+[a-z]+)?\s+(?:of|for)\s+")


def with_library_words(reading: Reading, words: MaterialWords, text: str = "") -> Reading:
    """Give each item the library's own material type its words name, in every action read."""
    if not words:
        return reading
    text = reading.text or text
    items = reading.entities.items
    several = len(items) > 1
    named = tuple(_recognised(item, text, several, words) for item in items)
    also = tuple(with_library_words(a, words, text) for a in reading.also)
    if named == items and also == reading.also:
        return reading
    return replace(reading, entities=replace(reading.entities, items=named), also=also)


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One material's words as a whole-word, case-insensitive pattern, plurals included."""
    spelled = sorted((r"\s+".join(map(re.escape, w.split())) for w in words), key=len)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(reversed(spelled))})(?:e?s)?(?![\w-])", re.I)


def _recognised(item: Item, text: str, several: bool, words: MaterialWords) -> Item:
    """Return the item with the library's type its words name, its title freed of them."""
    entry = _entry(text, item) if several else text
    if entry is None:
        return item
    title = item.title or ""
    start = _find(entry, title)
    found: list[tuple[bool, int, str, re.Match[str]]] = []  # (not a format, where, type, match)
    for material, own in words.items():
        for match in _pattern(tuple(own)).finditer(entry):
            counted = _counts(entry, match, start, title)
            if counted is not None:
                found.append((not counted, match.start(), material, match))
    if not found:
        return item
    _, _, material, match = min(found, key=lambda f: f[:2])  # a format first, else the first
    inside = start is not None and start <= match.start() < start + len(title)
    return replace(
        item, material=material, title=_trimmed(title, start, match) if inside else title
    )


def _counts(entry: str, match: re.Match[str], start: int | None, title: str) -> bool | None:
    """Tell whether a match names the item's type: None if not, True if a format ("on X")."""
    before = entry[: match.start()]
    if _TOPIC.search(before):
        return None
    format_words = re.search(r"\b(?:on|in)\s+$", before, re.I) is not None
    if start is not None and start <= match.start() < start + len(title):
        # Inside the title read: only the patron's own lower-case phrase, at its head
        # ("microfilm of the Gazette") or as a format ("Gazette on microfilm").
        if not match.group(0).islower():
            return None
        head = _LEAD.fullmatch(entry[start : match.start()]) is not None
        followed = _FOLLOW.match(entry[match.end() :]) is not None
        return format_words if format_words or (head and followed) else None
    if start is None and title and match.group(0).lower() in title.lower():
        return None  # the title was not found as written: its words are its own
    return format_words


def _find(entry: str, title: str) -> int | None:
    """Return where the title read stands in the patron's words, or None."""
    if not title:
        return None
    at = entry.find(title)
    at = at if at >= 0 else entry.lower().find(title.lower())
    return at if at >= 0 else None


def _trimmed(title: str, start: int | None, match: re.Match[str]) -> str:
    """Drop the type's words from a title read from them ("microfilm of the Gazette")."""
    offset = match.start() - (start or 0)
    rest = title[offset + len(match.group(0)) :]
    head = _FOLLOW.match(rest)
    if head and _LEAD.fullmatch(title[:offset]):
        trimmed = rest[head.end() :]
    else:
        lead = re.search(r"\s+(?:on|in)\s+$", title[:offset], re.I)
        cut = lead.start() if lead else offset
        trimmed = f"{title[:cut]}{rest}"
    trimmed = " ".join(trimmed.split())
    return trimmed or title


def _entry(text: str, item: Item) -> str | None:
    """Return the list entry that names an item: from the separator before it to the one after."""
    for anchor in (item.title, item.isbn, item.doi, item.pmid, item.issn, item.journal):
        at = _find(text, anchor or "")
        if at is None:
            continue
        before = [m.end() for m in _SEPARATOR.finditer(text, 0, at)]
        after = _SEPARATOR.search(text, at + len(anchor or ""))
        return text[(before[-1] if before else 0) : (after.start() if after else len(text))]
    return None
