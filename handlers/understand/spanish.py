"""Read a Spanish message by saying its request words in English, leaving the patron's titles.

The English rules already read titles, dates, amounts, references and formats well; Spanish
differs from them in its cue words ("renovar", "para el 15 de diciembre", "hasta 5 dólares"),
not in how a title sits in a message. So a message detected as Spanish has its cue phrases
rewritten ("para el 15 de diciembre" → "by December 15") and is then read by the same rules.
Only fixed phrases are rewritten, never a title's own words ("La casa de los espíritus" keeps
its "la" and "de"); matching ignores case and accents, and the text kept is the patron's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from handlers.understand.language import detect, has_spanish

# A replacement: a template with \1-style groups (taken from the patron's own text), or a
# function of the match on the accent-free shadow and the original text.
Replacement = str | Callable[[re.Match[str], str], str]
Rule = tuple[re.Pattern[str], Replacement]


_PLAIN = str.maketrans("áéíóúüñàèìòùâêîôûäëïö", "aeiouunaeiouaeiouaeio")


def shadow(text: str) -> str:
    """Return the text lower-cased with accents removed, character for character."""
    plain = text.lower().translate(_PLAIN)
    if len(plain) != len(text):  # a character whose lower case is longer ("İ"): one by one
        return "".join(c.lower().translate(_PLAIN) if len(c.lower()) == 1 else c for c in text)
    if plain.isascii():
        return plain
    return "".join(
        unicodedata.normalize("NFD", c)[0] if not c.isascii() and c.isalpha() else c for c in plain
    )


def rules(pairs: Sequence[tuple[str, Replacement]]) -> list[Rule]:
    """Compile (pattern, replacement) pairs; patterns are written lower-case, without accents."""
    return [(re.compile(pattern), replacement) for pattern, replacement in pairs]


def _expand(template: str, match: re.Match[str], original: str) -> str:
    def group(found: re.Match[str]) -> str:
        start, end = match.span(int(found.group(1)))
        return original[start:end] if start >= 0 else ""

    return re.sub(r"\\(\d)", group, template)


def rewrite(text: str, table: Sequence[Rule], titles: bool = False) -> str:
    """Apply each rule in turn, matching on the shadow and replacing in the original.

    `titles` True leaves a match alone when it is capitalised in mid-sentence: "pedir El
    libro de arena" names a title, and its words are the patron's.
    """
    plain = shadow(text)
    for pattern, replacement in table:
        pieces, last = [], 0
        for match in pattern.finditer(plain):
            if titles and _in_a_title(text, match.start()):
                continue
            pieces.append(text[last : match.start()])
            if callable(replacement):
                pieces.append(replacement(match, text))
            else:
                pieces.append(_expand(replacement, match, text))
            last = match.end()
        if pieces:
            pieces.append(text[last:])
            text = "".join(pieces)
            plain = shadow(text)
    return text


def _in_a_title(text: str, at: int) -> bool:
    """Tell whether a capitalised word at `at` follows a word or a quote mark (a title's)."""
    start = at + len(text[at:]) - len(text[at:].lstrip())
    word = text[start:].split(maxsplit=1)[0] if text[start:].strip() else ""
    if not word[:1].isupper() or word.isupper():
        return False  # lower case, or "DVD", "ISBN": no title word
    before = text[:start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in "\"'«“‘")


# A personal name: capitalised words, with the particles names carry ("Sor Juana Inés de la
# Cruz", "Gabriel García Márquez"), ending the message or its clause.
_NAME = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:de la|del|de|y|[A-ZÁÉÍÓÚÑ][\w'’.-]*))*"
_CLAUSE_END = (
    r"(?=\s*(?:[^\w\s]|$|\n|\s(?:please|for|by|in|up|and|I|which|ISBN|para|por|en|que|lo|la"
    r"|con|si|antes|hasta|porfa|gracias|pls|plis|xfa|tambien|también|before|until|tomorrow|today"
    r"|next|no|lo|es|pa|pal|a|mid)\b))"
)
_AUTHOR_BY = re.compile(r"(,?\s+)(?:de|del autor|de la autora|escrito por)\s+(" + _NAME + ")"
                        + _CLAUSE_END)  # fmt: skip
_PARTICLES = {"de", "del", "la", "y"}
# One-word names after "de" that are places, not authors ("Historia de España").
_PLACES_TEXT = """
    espana mexico chile cuba roma america europa colombia peru argentina venezuela bolivia
    ecuador uruguay paraguay guatemala honduras nicaragua panama madrid barcelona sevilla
    granada lima bogota caracas quito santiago asturias castilla cataluna galicia andalucia
    dios macondo
"""
_PLACES = frozenset(_PLACES_TEXT.split())
_AUTHOR_WORD = re.compile(r",?\s+(?:de|del autor|de la autora|escrito por)\s")
# "el audiolibro de Pedro Páramo", "6 ejemplares de …": what follows is the title, not an author.
_FORMAT_BEFORE = re.compile(
    r"(?:audiolibro|audio|ejemplares|copias|copia|edicion|capitulo\s*[\d-]*|pags?\.?\s*[\d-]+"
    r"|paginas\s*[\d-]+|escaneo|escanear|dvd|pelicula|electronico|digital)\s*,?\s*$"
)
# A message that is a title and its author and nothing else, once its Spanish is English.
_ONLY_TITLED = re.compile(r"^\s*[A-ZÁÉÍÓÚÑ¿\"“«'][^\n]*?(?:\sby\s|,\s*)" + _NAME + r"\s*[.!]*\s*$")
_COMMA_AUTHOR = re.compile(r",\s*(" + _NAME + r")\s*[.!]*\s*$")
_CUE = re.compile(
    r"\b(?:request|renew|cancel|status|need|like|get|help|why|thanks|please|hello|looking|"
    r"want|by\s+(?:the|next|mid|early|late|tomorrow|today)|[Ii])\b"
)


_AUTHOR_FIRST = re.compile(
    r"\b(?:el|un)\s+libro\s+de\s+(" + _NAME + r")\s*,\s*([A-ZÁÉÍÓÚÑ][^,.;!?\n]*?)\s*(?=[,.;!?\n]|$)"
)


def _author_first(text: str) -> str:
    """Say "el libro de Paulo Freire, Pedagogía del oprimido" as "the book … by Paulo Freire"."""
    return _AUTHOR_FIRST.sub(lambda m: f"the book {m.group(2)} by {m.group(1)}", text)


# Given names, for an author written in lower case by a patron texting ("… de gabriel garcia
# marquez"): a lower-case "de" + one of these + a surname is the author too.
_GIVEN_TEXT = """
    gabriel isabel julio jorge mario pablo juan carlos laura elena rosario octavio miguel jose
    maria luis ana ernesto roberto alejo rosa sor gioconda rigoberta rómulo romulo augusto
    mariano horacio alfonsina gabriela rubén ruben césar cesar eduardo manuel fernando javier
    antonio federico benito camilo alejandra clarice esmeralda sandra junot reinaldo
    guillermo samanta valeria yuri elena paulo carmen ernesto isabel
"""
_GIVEN = frozenset(_GIVEN_TEXT.split())
_LOWER_AUTHOR = re.compile(
    r"(\s+)de\s+((?:[a-záéíóúñ]+)(?:\s+(?:de\s+|del\s+)?[a-záéíóúñ]+){1,3})" + _CLAUSE_END
)


def _lower_author(text: str) -> str:
    """Say a lower-case author with "by" when it opens with a given name ("de isabel allende")."""
    starts = (m.start() for m in re.finditer(r"\s+de\s", text))
    matches = (_LOWER_AUTHOR.match(text, at) for at in starts)
    found = [m for m in matches if m and shadow(m.group(2).split()[0]) in _GIVEN]
    if not found or " by " in text:
        return text
    match = found[-1]
    return text[: match.start()] + match.group(1) + "by " + match.group(2) + text[match.end() :]


def _author_by(text: str) -> str:
    """Say the author of "Cien años de soledad de Gabriel García Márquez" with "by".

    The last " de " followed by a personal name is the author's: a title's own "de" comes
    before it. A name is two capitalised words at least ("Historia de España" has no author),
    or one after a comma ("Ficciones, de Borges").
    """
    found = []
    for start in _AUTHOR_WORD.finditer(text):
        match = _AUTHOR_BY.match(text, start.start())
        if match and _is_name(match) and not _FORMAT_BEFORE.search(shadow(text[: match.start()])):
            found.append(match)
    if not found:
        return text
    match = found[-1]
    before = text[: match.start()].split()
    if len(match.group(2).split()) == 1 and before and before[-1][:1].isupper():
        # "Antoine de Saint-Exupéry": the "de" is the name's own; the author starts earlier
        match = next((m for m in found if m.end() == match.end()), match)
    return text[: match.start()] + match.group(1) + "by " + match.group(2) + text[match.end() :]


def _is_name(match: re.Match[str]) -> bool:
    words = [w for w in match.group(2).split() if w not in _PARTICLES]
    if match.group(1).startswith(","):
        return len(words) >= 1
    if len(words) == 1 and shadow(words[0]) not in _PLACES:
        return True  # "El Aleph de Borges", "Mafalda 1 de Quino"
    return len(words) >= 2 or bool(
        re.match(r"\s+(?:del autor|de la autora|escrito)", match.group(0))
    )


def as_english(text: str) -> str:
    """Return a Spanish message with its cue phrases in English (titles and names kept)."""
    from handlers.understand.spanish_dates import DATES, MONEY
    from handlers.understand.spanish_filler import BEFORE
    from handlers.understand.spanish_questions import QUESTIONS
    from handlers.understand.spanish_words import AFTER, WORDS

    text = rewrite(text, BEFORE)
    text = rewrite(text, DATES)
    text = rewrite(text, MONEY)
    text = _lower_author(_author_by(_author_first(text)))
    text = rewrite(text, QUESTIONS, titles=True)
    text = rewrite(text, WORDS, titles=True)
    text = rewrite(text, AFTER, titles=True)
    if _ONLY_TITLED.match(text) and not _CUE.search(text):
        text = _COMMA_AUTHOR.sub(r" by \1", text)
        # "Cien años de soledad de Gabriel García Márquez": Spanish titles are written in
        # sentence case, which the English bare-title reader does not take for a title.
        text = "I'd like to request " + text
    return text


_WRITTEN_EDITION = re.compile(
    r"\b(\d+)\s*(a|ª|da|ra|ta|va|na|ma|o|º)\.?\s+edici[oó]n", re.IGNORECASE
)


def written_edition(edition: str | None, original: str) -> str | None:
    """Return an edition read as "2nd" the way the patron wrote it ("la 2a edición": "2a")."""
    found = _WRITTEN_EDITION.search(original)
    if edition and found and edition.startswith(found.group(1)) and not edition.isdigit():
        return found.group(1) + found.group(2)
    return edition


def prepare(text: str, written_in: str | None = None) -> str:
    """Return the text the rules read: a Spanish message's cue phrases in English, else as is."""
    language = written_in if written_in is not None else detect(text)
    # A message too short to tell ("vale", "la primera", "gratis") is read both ways: its
    # English words have no Spanish phrase to rewrite.
    if language == "es" or (language is None and has_spanish(text)):
        return as_english(text)
    return text
