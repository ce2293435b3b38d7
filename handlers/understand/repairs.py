"""Corrections of what the patron just asked for: "actually make that the audiobook version".

A correction is read as a request for the corrected item, never sure (the core shows what it
would record and asks), with `ref_hint` naming what it replaces when the patron says so ("I meant
Deep Work, not Atomic Habits"). The core applies it to the draft or request in question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.understand.fields import read_edition
from handlers.understand.hints import hint_words
from handlers.understand.items import assemble
from handlers.understand.material import read_material
from handlers.understand.phrasing import read_asked_items
from handlers.understand.reading import Item

# ("oh and make it the 2nd ed": "and", "also" join a correction to what was said before)
_OPENER = (
    r"(?:(?:oh|ok|okay|actually|wait|hmm+|um+|sorry|ah|so|well|no|oops|nah|and|also)"
    r"\s*[,.!-]*\s+)*"
)
_CORRECTION = re.compile(
    rf"^\s*{_OPENER}(?:(?:i|we)\s+(?:actually\s+)?meant(?:\s+to\s+(?:say|ask\s+for|request|get))?"
    r"|i\s+mean|(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:make|change|switch)\s+(?:that|it|this"
    r"|mine)(?:\s+one)?(?:\s+(?:to|into))?|(?:it|that)\s+should\s+(?:be|have\s+been)"
    r"|i\s+(?:actually\s+)?wanted|(?:i'd|i\s+would)\s+rather\s+have)\b\s*:?\s*(?P<object>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_REPLACED = re.compile(
    r"(?:\s*,\s*|\s+)(?:and\s+)?(?:not|instead\s+of|rather\s+than)\s+(?:the\s+)?(?P<replaced>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# What is left of "the audiobook version" once the format is read: no title of its own.
_NO_TITLE = frozenset({"version", "edition", "copy", "format", "one", "kind", "type", ""})
# "actually the DVD instead": a form named alone, then "instead" (a title there is a new request).
_FORM_INSTEAD = re.compile(
    rf"^\s*{_OPENER}(?:(?:the|an?)\s+)?(?P<object>[\w'’-]+(?:\s+[\w'’-]+)?)\s+instead\s*[.!]*$",
    re.IGNORECASE,
)
# "sorry, the 4th edition, not the 3rd", "actually the 2nd edition is fine too", "Correction to
# my last email: the article is in volume 52, not 25": one field of the item asked for changes.
_FIELD_FIX = re.compile(
    rf"^\s*(?:correction\b[^:\n]{{0,40}}:\s*)?{_OPENER}(?:(?:the|my)\s+(?P<thing>article|book|chapter"
    r"|paper)\s+is\s+(?:in|from)\s+)?(?:(?:the\s+)?(?P<edition>\w+)\s+(?:edition|ed\.?)"
    r"|vol(?:ume)?\.?\s*(?P<volume>\d+))(?:\s*,?\s*(?:not|instead\s+of)\s+(?:the\s+)?[\w.]+"
    r"(?:\s+(?:edition|one))?|\s+(?:is|would\s+be)\s+(?:fine|ok|okay|good)(?:\s+too)?|\s+instead)?"
    r"[\s.!]*(?:\n\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?[\s.]*)?$",
    re.IGNORECASE,
)
_THING_MATERIAL = {"article": "article", "paper": "article", "book": "book", "chapter": "chapter"}
_INSTEAD = re.compile(r"[\s,]*\binstead\b[\s.!]*$|[\s.!?]+$", re.IGNORECASE)


# A correction naming only a form: each form word and the material (and edition) it gives.
_FORMS: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (re.compile(r"\blarge[\s-]?(?:print|type)\b", re.I), "book", "large print"),
    (
        re.compile(r"\baudio\s*-?books?\b|\baudio\b|\bcds?\b|\bbooks?\s+on\s+cd\b", re.I),
        "audiobook",
        None,
    ),
    (re.compile(r"\bdvds?\b|\bblu-?rays?\b", re.I), "media", None),
    (
        re.compile(r"\be-?books?\b|\bkindle\b|\bpaperback\b|\bhard(?:cover|back)\b", re.I),
        "book",
        None,
    ),
)
# Words that may surround the form in such a correction and name nothing of their own ("can I
# have it as an audiobook instead", "could ILL-13 be the CD version instead").
_FORM_FILLER_TEXT = """
    the a an it that this mine one version edition copy format as to into be have can could
    would you i me we please pls plz instead not rather than make change switch swap mean meant
    actually oh ok okay wait hold on hmm um sorry oops so no nah well is fine better for prefer
    i'd id get just print download digital regular normal physical hard of too also ill if
    that's thats possible want wanted book books thx ty should small quick request
"""
_FORM_FILLER = frozenset(_FORM_FILLER_TEXT.split())
# ... and at least one of these, which make it a change rather than a new remark.
_CHANGE_TEXT = (
    "instead not rather make change switch swap mean meant actually better prefer sorry oops should"
)
_CHANGE_WORDS = frozenset(_CHANGE_TEXT.split())
# ... or nothing but these with the form: the whole message names the form.
_FORM_ALONE_TEXT = "version copy format"
_FORM_ALONE = frozenset(_FORM_ALONE_TEXT.split())
# "the 5th edition", "2nd ed.", "not the 4th": an edition named in a change of form.
_EDITION_WORDS = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|newest|latest|older|newer|earlier)\b(?:\s+(?:edition|ed)\b\.?)?",
    re.I,
)
_NOT_THAT = re.compile(r"\bnot\b|\binstead\s+of\b|\brather\s+than\b", re.I)
_FORM_WORD = re.compile(r"[a-z][a-z'’-]*", re.I)


def read_form_change(text: str) -> Correction | None:
    """Read a change of format alone: "dvd instead pls", "make ILL-3 the audiobook".

    `text` has references, dates and amounts blanked out; every word left must be a form word
    or filler, and one must say it is a change ("instead", "make", "not print").
    """
    # "the audiobook, not the paperback": the form wanted is the one before "not"; "not the
    # ebook, the audiobook": the one after the form turned down
    turned = _NOT_THAT.search(text)
    before, after = (text[: turned.start()], text[turned.end() :]) if turned else (text, "")
    found = [(material, edition) for pattern, material, edition in _FORMS if pattern.search(before)]
    edition = read_edition(before) if not found else None
    if edition:  # "request 7 should be the 5th edition, not the 4th"
        found = [("book", edition)]
    if not found and after:
        named = [m for m in (p.search(after) for p, _, _ in _FORMS) if m]
        turned_down = min(named, key=lambda m: m.start()) if named else None
        rest_after = after[turned_down.end() :] if turned_down else ""
        found = [(m, e) for pattern, m, e in _FORMS if pattern.search(rest_after)]
    if len(found) != 1:
        return None
    rest = _EDITION_WORDS.sub(" ", text)
    for pattern, _, _ in _FORMS:
        rest = pattern.sub(" ", rest)
    words = [word.lower().replace("’", "'") for word in _FORM_WORD.findall(rest)]
    # "audiobook", "large print?": a form named alone answers "which format?" (with courtesy
    # around it, "the audiobook please" may be a new wish: it is left to the rest of the reader)
    alone = set(words) <= _FORM_ALONE and len(words) <= 1
    if not all(word in _FORM_FILLER for word in words) or not (_CHANGE_WORDS & set(words) or alone):
        return None
    material, edition = found[0]
    return Correction((Item(material=material, edition=edition),))


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# Words that ask for something new: a sentence with one is no aside to a change of form.
_ASKING = re.compile(r"\b(?:need|get|request|want|find|order|borrow|send|looking)\b", re.I)


def form_change_in_sentences(text: str) -> Correction | None:
    """Read a change of form said in one sentence of a longer message ("Hi,\nCould you change
    request #22 to the audiobook? My eyes aren't great.\nThanks"), the rest asides."""
    sentences = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    changes = [(s, c) for s, c in ((s, read_form_change(s)) for s in sentences) if c]
    if len(changes) != 1 or len(sentences) < 2:
        return None
    asides = [s for s in sentences if s != changes[0][0]]
    named = any(p.search(s) for s in asides for p, _, _ in _FORMS)
    return None if named or any(_ASKING.search(s) for s in asides) else changes[0][1]


def _no_title(title: str | None) -> bool:
    """Tell whether what was read as a title only names a format or an edition."""
    words = (title or "").lower().split()
    return not words or words[-1] in _NO_TITLE


@dataclass(frozen=True)
class Correction:
    """What a correction asks for instead, and the words naming what it replaces."""

    items: tuple[Item, ...]
    replaced: str | None = None


def _form_only(wanted: str) -> Correction | None:
    """Read a correction that changes only the format or the edition ("the DVD", "2nd ed.")."""
    material, edition = read_material(wanted), read_edition(wanted)
    if not (material or edition):
        return None
    return Correction((Item(material=material or "book", edition=edition),))


def looks_like_correction(text: str) -> bool:
    """Tell whether a message opens as a correction ("I meant ...", "the 4th edition, not ...")."""
    shaped = _CORRECTION.match(text) or _FIELD_FIX.match(text) or _FORM_INSTEAD.match(text)
    return bool(shaped or read_form_change(text))


def read_correction(text: str) -> Correction | None:
    """Read "I meant X, not Y" / "make that the audiobook"; None when it is not a correction.

    `text` has identifiers, dates, references and amounts blanked out.
    """
    changed = read_form_change(text)
    if changed:
        return changed
    fix = _FIELD_FIX.match(text)
    if fix and fix.group("volume"):
        material = _THING_MATERIAL.get((fix.group("thing") or "article").lower(), "article")
        return Correction((Item(volume=fix.group("volume"), material=material),))
    if fix:
        edition = read_edition(f"{fix.group('edition')} edition")
        if edition:
            return Correction((Item(material="book", edition=edition),))
    form = _FORM_INSTEAD.match(text)
    if form:
        return _form_only(form.group("object"))
    match = _CORRECTION.match(text)
    if not match:
        return None
    wanted = match.group("object")
    replaced = _REPLACED.search(wanted)
    if replaced:
        wanted = wanted[: replaced.start()]
    wanted = _INSTEAD.sub("", wanted).strip()
    if not wanted:
        return None
    sentence = f"I need {wanted}"
    items = assemble(sentence, (), read_asked_items(sentence))
    if not items or all(_no_title(item.title) for item in items):
        # "the audiobook version", "the second edition": only the format or edition changes
        only = _form_only(wanted)
        items = only.items if only else ()
    if not items:
        return None  # "I meant to renew it": not an item, the action words decide
    replaces = hint_words(replaced.group("replaced"), title=True) if replaced else None
    return Correction(items, replaces)
