"""Spanish word orders that put the author first, and titles that end in a cue word.

Read on the patron's own text before any cue is rewritten, since capitals tell the shapes:
"Elena Poniatowska La noche de Tlatelolco" and "de Isabel Allende quiero La casa de los
espíritus" name the author before the title (said "Title de Author", the order the rules
read); "Y tu mamá también" opens with "Y" and closes with "también", and both words are the
title's (quoted, so that "también" is not read as "also").
"""

from __future__ import annotations

import re

from handlers.understand.spanish import shadow

_CAP = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’-]+"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{1,2}}"
# Where a title closes: punctuation, the message's end, or the terms after it.
_TITLE_END = (
    r"(?=\s*(?:[,.;!?\n]|$)|\s+(?:porfa|por\s+favor|pls|xfa|gracias|hasta|antes"
    r"|en\s+(?:DVD|dvd|audiolibro|letra)|(?:para|pa)\s+(?:el|la|mi|mis|su|sus|nuestr[oa]s?"
    r"|mañana|hoy|Navidad|\d))\b)"
)
# "Elena Poniatowska La noche de Tlatelolco": a full name, then a title opening with an article.
_NAME_THEN_TITLE = re.compile(
    rf"(?<![\w'’])(?<![A-ZÁÉÍÓÚÑ]\w\s)(?P<name>{_NAME}),?\s+"
    rf"(?P<title>(?:El|La|Los|Las|Un|Una)\s+[a-záéíóúñ][^,.;!?\n]*?){_TITLE_END}"
)
# "de Isabel Allende quiero La casa de los espíritus": the author, the wish, then the title.
_AUTHOR_WISH = re.compile(
    rf"^(?P<lead>\s*)(?:[Dd]el?)\s+(?P<name>{_NAME})\s*,?\s+(?P<verb>quiero|quisiera|necesito"
    rf"|busco|ocupo)\s+(?P<title>[A-ZÁÉÍÓÚÑ¿¡][^,.;!?\n]*?){_TITLE_END}"
)
# "ver Y tu mamá también en DVD": a capital "Y" in mid-sentence opening a title that "también"
# closes ("Quiero Rayuela también" has no such "Y").
_Y_TAMBIEN = re.compile(r"(?<=[a-záéíóúñ,:] )Y\s+[^,.;:!?\n\"]{1,40}?\s+también\b")


def reordered(text: str) -> str:
    """Return the text with an author named first put after the title, "Y … también" quoted."""
    if "Y " in text and "también" in text:
        text = _Y_TAMBIEN.sub(lambda m: f'"{m.group(0)}"', text)
    if text.lstrip()[:3] in ("de ", "De ", "del", "Del"):
        text = _AUTHOR_WISH.sub(_wish, text)
    if " El " not in text and " La " not in text and " Los " not in text and " Las " not in text:
        return text
    return _NAME_THEN_TITLE.sub(_name_then_title, text)


def _wish(match: re.Match[str]) -> str:
    lead, verb, title, name = match.group("lead", "verb", "title", "name")
    return f"{lead}{verb} {title} de {name}"


def _name_then_title(match: re.Match[str]) -> str:
    """Say "Name Title" as "Title de Name" unless the "name" is everyday words ("Buenas Tardes")."""
    from handlers.understand.language import SPANISH_WORDS

    words = shadow(match.group("name")).split()
    if any(word in SPANISH_WORDS for word in words):
        return match.group(0)
    return f"{match.group('title')} de {match.group('name')}"
