"""An author typed in lower case straight after a capitalised title: "Radio Silence alice oseman".

Texting patrons often write the title as it appears on the cover and the author as they say
it, with no "by" between. Where the title's capitalised words stop and one to three lower-case
words that are no library, courtesy or chat word close the entry, those words are the author.
A title's own words would be capitalised like the rest ("The End of the Affair").
"""

from __future__ import annotations

import re

from handlers.understand.hints import generic_word
from handlers.understand.titles import title_case

_NAME_WORD = re.compile(r"^(?-i:[a-zà-ÿ][a-zà-ÿ'’-]+)$")
# Lower-case words of names ("bessel van der kolk") and words that are never one.
_PARTICLE_TEXT = "van der de la le du del von da di bin al"
_PARTICLES = frozenset(_PARTICLE_TEXT.split())
_NEVER_TEXT = """
    hardcover hardback paperback ebook audiobook kindle print large edition version copy pdf
    please thanks asap urgent soon tho lol pls plz thx ty sequel prequel series trilogy summary
    collection anthology omnibus set box boxed illustrated unabridged abridged translation
    english spanish
"""
_NEVER = frozenset(_NEVER_TEXT.split())


def _name(words: list[str]) -> bool:
    """Tell whether lower-case words can be a person's name ("min jin lee", "graham greene")."""
    if not words or words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    for word in words:
        if word in _PARTICLES:
            continue
        if not _NAME_WORD.match(word) or word in _NEVER or generic_word(word):
            return False
    return True


def lower_name(words: str) -> bool:
    """Tell whether one to three lower-case words are a name, not chat ("ehrenreich")."""
    return 1 <= len(words.split()) <= 3 and _name(words.split())


# "nickel and dimed - ehrenreich": a spaced dash, then the author in lower case.
_DASH = re.compile(r"\s+[-–—]\s+")


def split_dash_lower_author(body: str) -> tuple[str, str | None]:
    """Split "nickel and dimed - ehrenreich" into (title, author), or (body, None)."""
    parts = _DASH.split(body.strip())
    if len(parts) == 2 and parts[0].strip() and lower_name(parts[1]):
        return parts[0].strip(), parts[1].strip()
    return body, None


def split_lower_author(body: str) -> tuple[str, str | None]:
    """Split "Capital in the Twenty-First Century piketty" into (title, author), or (body, None)."""
    words = body.split()
    for size in (3, 2, 1):
        head, tail = words[:-size], words[-size:]
        # Two capitalised words at least: a sentence-case title ("El laberinto de la soledad",
        # "Esperanza renace") opens with one, and its lower-case words are its own.
        if sum(word[:1].isupper() or word[:1].isdigit() for word in head) < 2:
            continue
        if not head[-1][:1].isupper() and not head[-1][:1].isdigit():
            continue  # "The End of the": the title's capitalised words must run up to the name
        if _name(tail) and title_case(" ".join(head)):
            return " ".join(head), " ".join(tail)
    return body, None
