"""Spanish ways of naming an item that the English rules do not know, put in their order.

Read first of all, on the patron's own words: "la novela de Mario Vargas Llosa La fiesta del
Chivo" and "De Sandra Cisneros, La casa en Mango Street" name the author before the title;
"El juego del ángel del mismo autor" names the author said before; "la versión en letra grande
de X" says the edition before the title. Each is said as "Title by Author" (the edition is
given back from the patron's words by spanish_written).
"""

from __future__ import annotations

import re

from handlers.understand.spanish import has_request_word, may_be_a_title, rules, shadow

_CAPITAL = re.compile(r"[A-ZÁÉÍÓÚÑ][\w'’.-]*$")
_ARTICLES = frozenset({"El", "La", "Los", "Las", "Un", "Una", "Lo", "The", "A"})
# Where a title named after its author ends: punctuation, or a word that starts the next clause.
_SEGMENT = re.compile(
    r"[^,.;:!?\n]*?(?=\s*(?:[,.;:!?\n]|$|\s(?:para|pa|por|porque|xq|que|q|en|xfa|porfa|plis|pls"
    r"|gracias|si|antes|hasta|y|o|pero|ya|lo|es|tambien|también)\b))"
)

_TO_PUNCTUATION = re.compile(r"[^,.;:!?\n]+")


def _name_and_title(words: list[str]) -> tuple[str, str] | None:
    """Split "Mario Vargas Llosa La fiesta del Chivo" into its author and its title, if sure.

    The author is two or more capitalised words; the title starts at a capitalised article
    after them ("La fiesta del Chivo"), or at the last capitalised word before the title's
    lower-case words ("Benito Taibo Persona normal"). Capitals alone ("Jorge Ramos Stranger",
    "Gabriel García Márquez") do not say where a name ends: nothing is split then.
    """
    capitals = 0
    while capitals < len(words) and _CAPITAL.match(words[capitals]):
        capitals += 1
    article = next((i for i in range(2, capitals) if words[i] in _ARTICLES), None)
    if article is not None:
        start = article
    elif 3 <= capitals < len(words):
        start = capitals - 1  # "Benito Taibo Persona normal": the title's first word
    else:
        return None
    title = words[start:]
    # a capitalised title and its author are sure enough; a lower-case tail must hold no
    # request word ("Benito Taibo Persona normal", not "… Taibo Ahora necesito")
    if has_request_word([shadow(w) for w in title]):
        return None
    return " ".join(words[:start]), " ".join(title)


_LEAD = re.compile(
    r"\b(?:((?:el|la|un|una)\s+(?:libro|novela|cuento|poemario|ensayo))(?:\s+nuev[oa])?|el|la)"
    r"\s+de\s+"
)


def author_then_title(text: str) -> str:
    """Say "la novela de NAME TITLE" as "la novela TITLE de NAME", wherever it is sure."""
    if " de " not in text:
        return text
    plain = shadow(text)
    pieces, last = [], 0
    for match in _LEAD.finditer(plain):
        if match.start() < last or not text[match.end() : match.end() + 1].isupper():
            continue
        found = _SEGMENT.match(text, match.end())
        split = _name_and_title(found.group(0).split()) if found else None
        if not found or not split:
            continue
        name, title = split
        lead = text[match.start(1) : match.end(1)] + " " if match.start(1) >= 0 else ""
        pieces += [text[last : match.start()], f"{lead}{title} de {name}"]
        last = found.end()
    return "".join(pieces) + text[last:] if pieces else text


def _opening_author(text: str) -> str:
    """Say "De Sandra Cisneros, La casa en Mango Street" as "La casa … de Sandra Cisneros"."""
    match = re.match(r"\s*[Dd]e\s+((?:[A-ZÁÉÍÓÚÑ][\w'’.-]*\s+){1,3}[A-ZÁÉÍÓÚÑ][\w'’.-]*),\s+", text)
    if not match:
        return text
    title = _TO_PUNCTUATION.match(text, match.end())  # "La casa en Mango Street": all of it
    words = title.group(0).split() if title else []
    if not title or not words or not words[0][:1].isupper():
        return text
    if not may_be_a_title([shadow(w) for w in words]):
        return text
    return f"{title.group(0)} de {match.group(1)}" + text[title.end() :]


_NAMED_BEFORE = re.compile(
    r"\s(?:de|by)\s+((?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:de la|del|de|y|[A-ZÁÉÍÓÚÑ][\w'’.-]*))*)"
)


_TITLE_GOES_ON = re.compile(
    r"\s+(?!(?:y|e|o|and|por|para|en|con|que|de|del|tambi[eé]n|adem[aá]s)\b)[a-záéíóúñ]"
)


def _name_alone(match: re.Match[str], before: str) -> str | None:
    """Return the name a "de NAME" holds, cut before "y Title" when a second title follows.

    "de Mariana Enriquez y Los peligros de fumar…": the name ends at "y", where the second
    title opens; a capital followed by lower-case words opens a title, not a name.
    """
    name = match.group(1)
    if not _TITLE_GOES_ON.match(before, match.end()) and " y " not in name:
        return name
    if " y " in name:
        head, tail = name.rsplit(" y ", 1)
        if tail.split()[0] in _ARTICLES or not before[match.end() :].strip()[:1].isupper():
            return head
    return None if _TITLE_GOES_ON.match(before, match.end()) else name


def _same_author(match: re.Match[str], original: str) -> str:
    """Say "del mismo autor" as "de NAME", the author named before it, if any."""
    before = original[: match.start()]
    # "el audiolibro de Desierto sonoro de la misma autora": a capital followed by lower-case
    # words opens a title, not a name
    found = [_name_alone(m, before) for m in _NAMED_BEFORE.finditer(before)]
    named = [name for name in found if name]
    if not named:
        return original[match.start() : match.end()]
    return f" de {named[-1].removesuffix(' y')}"


def _volume(match: re.Match[str], original: str) -> str:
    """Say ", el número 3" after a titled book as its volume ("Diario de Greg …, el número 3")."""
    if re.search(r"\s(?:de|by)\s+[A-ZÁÉÍÓÚÑ]", original[: match.start()]):
        return ", volume "
    return original[match.start() : match.end()]  # "renueven el #2, el número 4": a request


ITEMS = rules(
    [
        # "¿me pueden hacer (un) order de …?": the Spanglish ask; its "de" names no author
        (
            r"\b(?:me\s+)?(?:pueden|puede|podrian|podria|puedes|podrias)\s+hacer\s+(?:una?\s+)?"
            r"(?:order|request|ill|solicitud|pedido|prestamo)\s+(?:de|del|para|for)\s+",
            "could you request ",
        ),
        (r",\s+el\s+(?:numero|no\.|num\.?|tomo|volumen|vol\.?|libro)\s+(?=\d{1,2}\b)", _volume),
        # ("Canaima, del mismo autor": the comma goes, so that the second item reads alone)
        (
            r"(?:\s*,)?\s+(?:del\s+mismo\s+autor|de\s+la\s+misma\s+autora|del\s+mismo)\b",
            _same_author,
        ),
        # the part of a book to scan, with its pages: "la introducción (páginas 1-20) de X"
        (
            r"\b(?:la\s+introduccion|el\s+prologo|el\s+epilogo|la\s+conclusion|el\s+prefacio"
            r"|la\s+presentacion)\s*[(,]\s*(?:paginas|pags?\.?|pp\.?)\s*(\d+\s*-\s*\d+)\s*[),]?,?"
            r"\s+de(?:l)?\s+",
            r"pages \1 of ",
        ),
        (r"\b(necesito|quiero|quisiera|ocupo)\s+escanear\s+(?=pages\s)", r"\1 a scan of "),
        # the edition before the title: the title is what follows
        (r"\b(?:la\s+)?(?:version|edicion)\s+en\s+letra\s+grande\s+de\s+", ""),
    ]
)


def read_items(text: str) -> str:
    """Put a Spanish message's items in the order the English rules read."""
    from handlers.understand.spanish import rewrite

    return rewrite(author_then_title(_opening_author(text)), ITEMS)
