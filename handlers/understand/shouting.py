"""Messages typed in capitals ("I NEED THE GOLDFINCH AUDIOBOOK BY FRIDAY"), read in ordinary case.

Capitals hide where a title starts and stops. The words patrons talk with (need, by, please,
audiobook, Friday ...) are put in lower case and the rest capitalised, as a patron writing
normally would; the reading is then given back the patron's own capitals (`as_written`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand.reading import Item, Reading

# Words of talk, courtesy and library business: lower case in an ordinary message.
_TALK_TEXT = """
    i i'm im i've ive i'd id i'll me my mine you your u ur we our us it it's its this that these
    those he she him her they them their there here is am are was were be been do does did don't
    can can't could would should will won't have has had get got find order request requested
    need needed want wanted like love looking look send borrow renew cancel status check please
    pls plz thanks thank thx ty hi hey hello ok okay yes no yeah sorry asap soon urgent today
    tomorrow tonight week weekend month by before until for from of on in at to with and or but
    so if about as a an the any some copy copies book books article audiobook ebook dvd cd
    edition version paperback hardcover print large scan chapter pages page ill interlibrary
    loan library what who why when where how which just also really still
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
"""
_TALK = frozenset(_TALK_TEXT.split())
# Day names stay capitalised as ordinary writing has them; "I" too.
_CAPITALISED_TEXT = "monday tuesday wednesday thursday friday saturday sunday i i'm i've i'd i'll"
_CAPITALISED = frozenset(_CAPITALISED_TEXT.split())
_ARTICLES = frozenset({"the", "a", "an"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_MIN_LETTERS = 10


def shouted(text: str) -> bool:
    """Tell whether a message is typed in capitals: three words or more, no lower-case letter."""
    letters = [c for c in text if c.isalpha()]
    words = _WORD.findall(text)
    return (
        len(letters) >= _MIN_LETTERS and len(words) >= 3 and not any(c.islower() for c in letters)
    )


def unshout(text: str) -> str | None:
    """Return a message typed in capitals in ordinary case, or None for any other message."""
    if not shouted(text):
        return None
    words = list(_WORD.finditer(text))
    out = list(text)
    for index, match in enumerate(words):
        word = match.group(0).lower()
        following = words[index + 1].group(0).lower() if index + 1 < len(words) else ""
        # "THE GOLDFINCH": an article before a title word opens the title
        opens = word in _ARTICLES and following and following not in _TALK
        if word in _CAPITALISED or (word not in _TALK) or opens:
            cased = word[:1].upper() + word[1:]
        else:
            cased = word
        out[match.start() : match.end()] = cased
    result = "".join(out)
    return result if len(result) == len(text) else None


def _written(value: str | None, text: str, lowered: str) -> str | None:
    """Return the patron's own capitals for words read from the recased message."""
    if not value:
        return value
    at = lowered.find(value.lower())
    return text[at : at + len(value)] if at >= 0 else value


def _item(item: Item, text: str, lowered: str) -> Item:
    return replace(
        item,
        title=_written(item.title, text, lowered),
        author=_written(item.author, text, lowered),
        authors=_written(item.authors, text, lowered),
        journal=_written(item.journal, text, lowered),
    )


def as_written(reading: Reading, text: str) -> Reading:
    """Return a reading of a recased message with its titles and names in the patron's capitals."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return reading
    entities = reading.entities
    items = tuple(_item(item, text, lowered) for item in entities.items)
    also = tuple(as_written(part, text) for part in reading.also)
    written = " ".join(text.split())
    return replace(reading, text=written, entities=replace(entities, items=items), also=also)
