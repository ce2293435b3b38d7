"""Split a list of items into its entries, and trim what a title's words say is wanted of it.

"Dune, Emma, and Beloved" is three entries; "Tomorrow, and Tomorrow, and Tomorrow by X" one.
"6 copies of X" asks for X; "the Dog Man books" names the series Dog Man.
"""

from __future__ import annotations

import re

from handlers.understand.filler import strip_filler
from handlers.understand.title_shape import looks_like_title, title_case

# Where one entry of a list ends and the next begins. Plain "and" is not one: titles hold it
# ("Discipline and Punish"); "X by A and Y by B" is read by titles.several_by_author.
_BREAK = re.compile(
    r"\n\s*(?:[-*•·]|\d{1,2}[.)])\s+|\n|\s*•\s*|(?:^|\s)\d{1,2}\)\s+|(?:^|\s)\d{1,2}\.\s+(?=[A-Z])"
    r"|\s*;\s*|,?\s+and\s+also\s+|,\s+(?:also|plus)\s+|,\s+(?:and|plus)\s+(?=[A-Z\"“'‘]|the\b|an?\b|\s|$)"
    r"|\s+plus\s+",
    re.IGNORECASE,
)


# "... by Gabrielle Zevin", "... (Gabrielle Zevin)": an author named after the title.
_AUTHORED = re.compile(r"\sby\s+[A-Z]|\(\s*[A-Z][\w'’.-]+\s+[A-Z]")
# "Zevin's Tomorrow, ...": a possessive author before the title.
_OWNER = re.compile(r"^\s*(?:\S+\s+){0,6}?[A-Z][\w-]+['’]s\s+[A-Z0-9]")


def _one_title(text: str, joined: tuple[int, int], gap_start: int, rest: tuple[int, int]) -> bool:
    """Tell whether ", and" joins the words of one title ("Guns, Germs, and Steel by X").

    Only an author named after ("by X") or before ("X's") shows a single work is meant:
    "Dune, Emma, and Beloved" alone stays a list.
    """
    if not re.fullmatch(r",\s+(?:and|or|&)\s+", text[gap_start : rest[0]]):
        return False
    before, after = text[joined[0] : gap_start], strip_filler(text[rest[0] : rest[1]])
    words = after.split()
    last, first = (before.split() or [""])[-1], (words or [""])[0]
    then = words[1] if len(words) > 1 and first == last else ""
    if last[:1].isupper() and last == first.strip(",") and not then[:1].isupper():
        return True  # "Tomorrow, and Tomorrow, and Tomorrow on cd": one word said again
    if " by " in before or not (_AUTHORED.search(after) or _OWNER.match(before)):
        return False  # "Dune by Frank Herbert, and Emma": two items
    return title_case(before.split(":")[-1]) and title_case(after.split(" by ")[0])


def entries(text: str) -> list[tuple[int, int]]:
    """Return the stretches of `text` between list breaks, empty ones left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return _joined_titles(text, spans)


def _joined_titles(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join entries split inside one title: "Tomorrow, and Tomorrow, and Tomorrow by X"."""
    joined: list[tuple[int, int]] = []
    for index, span in enumerate(spans):
        if joined and _one_title(text, joined[-1], spans[index - 1][1], (span[0], spans[-1][1])):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    return joined


# Words before a title that say what of it is wanted: "Our book club needs 6 copies of", "Cd
# audiobook of", "audiobook version of", "introduction (pages 1-24) of". Lower-case words only
# (a capitalised first word may open the sentence), so "A Copy of Evil" keeps its words.
_WANTED_PART = re.compile(
    r"^(?:[A-Z][a-z]*\s+)?(?-i:[a-z0-9'’]+\s+){0,6}?(?:(?:\d{1,3}|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve)\s+)?(?-i:cop(?:y|ies)|scans?|editions?|versions?|audio\s*-?books?"
    r"(?:\s+version)?|dvds?|DVDs?|[Cc][Dd]s?|blu-?rays?|introduction|preface|foreword)"
    r"(?:\s*\([^()]{1,30}\))?\s+(?:of|from)\s+(?=[A-Z0-9\"“'‘])"
)


# "the Dog Man books", "the Wings of Fire series": a series named by its capitalised name and a
# lower-case word saying it is a series. The name is the title; the core confirms it.
SERIES = re.compile(r"^(?P<name>(?-i:[A-Z0-9])[^,;:]*?)\s+(?-i:books|series|novels|comics)$")


def without_series_word(title: str | None) -> str | None:
    """Drop the lower-case "books" / "series" after a series' name ("Dog Man books")."""
    match = SERIES.match(title or "")
    return match.group("name") if match and looks_like_title(match.group("name")) else title


def without_wanted_part(title: str | None) -> str | None:
    """Drop "6 copies of" and the like from the front of a title read whole."""
    if not title:
        return title
    match = _WANTED_PART.match(title)
    rest = title[match.end() :] if match else ""
    return rest if match and title_case(rest) else title


# Where an entry runs past its sentence: a stop, then a capital (abbreviations aside).
_SENTENCE_INSIDE = re.compile(r"(?P<word>[\w.]*)[.?!]\s+(?=[A-Z])")
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "vol", "no", "ed", "pp", "jr", "sr"})


def sentence_ended(entry: str) -> bool:
    """Tell whether a list entry runs past the end of its sentence (not "Dr. Seuss")."""
    return any(
        len(m.group("word")) > 1 and m.group("word").lower().strip(".") not in _ABBREVIATIONS
        for m in _SENTENCE_INSIDE.finditer(entry)
    )
