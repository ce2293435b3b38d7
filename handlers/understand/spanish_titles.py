"""Spanish titles written in lower case, quoted so that the English title rules read them whole.

Patrons texting write "me consigues crónica de una muerte anunciada de garcia marquez?" or only
"la sombra del viento". The English rules take a title from its capitals or its quote marks, so a
lower-case run after a request cue, or a message that is nothing but title words, is quoted
("could you get me "crónica de una muerte anunciada" by garcia marquez"); quote marks are never
part of the title read, and the words stay the patron's.
"""

from __future__ import annotations

import re

from handlers.understand.language import SPANISH_WORDS, is_english_word
from handlers.understand.spanish import may_be_a_title, shadow
from handlers.understand.try_again import asks_again

# Words a title is built with around its content words.
_JOINING = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "de",
        "del",
        "y",
        "e",
        "en",
        "con",
        "sin",
        "a",
        "al",
        "o",
        "u",
        "lo",
    ]
)
# Words that are never a bare title's: answers, formats, corrections, things asked about.
_NOT_TITLE_TEXT = """
    opcion numero mejor letra grande tapa dura blanda version formato copia fecha pues era
    sale ay ok okay horario horarios wifi internet computadora compu impresora parqueo
    estacionamiento bano banos sala salas evento eventos clase clases tarjeta multa multas
    cuenta contrasena pin correo telefono cita pasaporte impuestos trabajo solicitud dinero
    ingles espanol idioma ninguno ninguna otro otra mismo misma igual cambio favor ebook
    audio audiolibro dvd cd pdf kindle edicion capitulo pagina paginas articulo revista
    nomas ahorita rapido pronto urgente luego ntp humano persona alguien bibliotecario
    bibliotecaria empleado encargado encargada gerente sucursal centro piso calle edificio
    estante seccion mostrador entrada salida oficina fiesta club taller talleres curso cursos
    programa reunion junta
    """
_NOT_TITLE = frozenset(_NOT_TITLE_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")
_STOPS = (
    r"by|for|please|before|until|free|up|para|pa|ntp|si|porfa|xfa|in|por|asap|why|because|pero|xq"
)
_STOP = rf"(?:{_STOPS}|en)\b"
# "en" ends a title only before a form or a language ("el principito en español"), in the wide
# reading tried first: "el amor en los tiempos del colera" keeps its "en".
_FORM_WORDS = (
    r"espanol|español|ingles|inglés|letra|audio\w*|dvd|cd|e-?book|pdf"
    r"|formato|version|versión|kindle"
)
_WIDE_STOP = rf"(?:{_STOPS}|en(?=[ \t]+(?:{_FORM_WORDS})\b))\b"


def _run(stop: str) -> str:
    return (
        r"(?P<title>[a-záéíóúñü][\w'’]*(?:[ \t]+[a-záéíóúñü0-9][\w'’]*)*?)"
        rf"(?:[ \t]+de[ \t]+(?P<author>(?!{stop})[a-záéíóúñü][\w'’]+"
        rf"(?:[ \t]+(?!{stop})[a-záéíóúñü][\w'’]+){{1,2}}))?"
        rf"(?=[ \t]*(?:[?!.,;:]|$)|[ \t]+{stop})"
    )


_RUN = _run(_STOP)
_CUES = (
    r"(?P<cue>\b(?:could you get me|can you get me|I need|I'm looking for|I'd like to request"
    r"|I would like|I'd like|request)\s+(?:(?:on DVD|as an audiobook|as an ebook)\s+)?"
    # "quiero en dvd la peli el laberinto del fauno": the form named before the title
    r"(?:the\s+(?:film|DVD|audiobook|ebook)\s+(?:of\s+)?)?)"
)
_CALLED = re.compile(r"(?P<cue>\bcalled\s+)" + _run(_WIDE_STOP))
_CUE = re.compile(_CUES + _RUN)
_CUE_WIDE = re.compile(_CUES + _run(_WIDE_STOP))
# a lower-case author set off by a comma after the quoted title: '"la vegetariana", de han kang'
_SET_OFF = re.compile(
    r'(?<=")\s*,\s*de\s+([a-záéíóúñü][\w\'’]+(?:\s+[a-záéíóúñü][\w\'’]+){1,2})(?=\s*(?:[?!.,;:]|$))'
)
_OPENING = re.compile(r"(?P<cue>^[ \t]*)" + _RUN)


def _content(word: str) -> bool:
    """Tell whether a word may be a title's content word (no Spanish or English cue word)."""
    plain = shadow(word)
    return not (plain in SPANISH_WORDS or plain in _NOT_TITLE or is_english_word(word))


# A verb written alone: an infinitive (with its pronoun: "releerlo", "apartarlos") or a command
# with its pronoun ("háblame", "escríbeme", "mándenmelo").
_VERB_FORM = re.compile(
    r"^[a-z]{2,}(?:(?:ar|er|ir)(?:se|me|te|nos|le|les)?(?:lo|la|los|las)?"
    r"|[aei](?:n)?(?:me|nos)(?:lo|la|los|las)?)$"
)


# An infinitive with its pronoun ("buscarlo", "pedírmelo"): a verb, hardly ever a title's word.
_WITH_PRONOUN = re.compile(r"^[a-z]{2,}(?:ar|er|ir)(?:se|me|te|nos|le|les)?(?:lo|la|los|las)$")


def _title_words(words: list[str]) -> bool:
    """Tell whether lower-case words read as a title: content words, joined the Spanish way."""
    if not words or shadow(words[0]) in SPANISH_WORDS - {"el", "la", "los", "las"}:
        return False
    content = [w for w in words if shadow(w) not in _JOINING]
    # "la ladrona de libros": a noun the cue rules know may end a title, after its first word
    kept = [w for w in content[1:] if shadow(w) not in ("libros", "libro")]
    if not content or not all(_content(w) for w in content[:1] + kept):
        return False
    if len(content) == 1 and _VERB_FORM.match(shadow(content[0])):
        return False  # "quiero releerlo", "apartarlo", "practicar": a verb, never a title
    if any(_WITH_PRONOUN.match(shadow(w)) for w in content) or asks_again(" ".join(words)):
        return False  # "vuelvan a buscarlo": staff asked to try again, not a title
    return len(content) >= 2 or (len(content[0]) >= 5 and len(words) <= 2)


def _author_words(words: list[str]) -> bool:
    return all(_content(w) and shadow(w) not in _JOINING for w in words)


def quote_lower_titles(text: str, original: str, opening: bool = False) -> str:
    """Quote a lower-case title after a request cue, and say its lower-case author with "by".

    Only the patron's own words are quoted: never English the cue rules wrote ("textbooks").
    `opening` True reads a title opening the message with no cue before it ("el principito
    para el martes"), as a request.
    """
    written = set(_WORD.findall(shadow(original)))

    def say(match: re.Match[str]) -> str:
        title, author = match.group("title"), match.group("author")
        if author and not _author_words(author.split()):
            title, author = f"{title} de {author}", None
        words = title.split()
        if not _title_words(words) or not {shadow(w) for w in words} <= written:
            return match.group(0)
        cue = match.group("cue") if match.group("cue").strip() else "I'd like to request "
        return f'{cue}"{title}"' + (f" by {author}" if author else "")

    called = _CALLED.sub(say, text) if "called" in text else text
    # with no "en" in the text the wide reading is the narrow one: read it once
    quoted = (_CUE_WIDE if " en " in called else _CUE).sub(say, called)
    if quoted == text and " en " in called:
        quoted = _CUE.sub(say, text)
    if quoted != text and '"' in quoted:
        quoted = _SET_OFF.sub(
            lambda m: f" by {m.group(1)}" if _author_words(m.group(1).split()) else m.group(0),
            quoted,
        )
    return _OPENING.sub(say, quoted, count=1) if opening and quoted == text else quoted


def bare_title(text: str) -> str | None:
    """Return a request for a message that is only a title in lower or sentence case, or None.

    "la sombra del viento", "harry potter y el caliz de fuego": content words joined by
    articles and prepositions, nothing else. The core confirms a bare title before recording it.
    """
    stripped = text.strip().rstrip("?!.").lstrip("¿¡")  # "¿Hombres de maíz?": a title asked for
    words = stripped.split()
    if not 2 <= len(words) <= 8 or any(not w.isalpha() for w in words):
        return None
    if not any(shadow(w) in _JOINING for w in words[1:]):
        return None
    lowered = [words[0].lower(), *words[1:]]
    if any(w[:1].isupper() for w in words[1:]) or not _title_words(lowered):
        return None
    if not may_be_a_title([shadow(w) for w in lowered]):
        return None  # "busco la casa…": a request verb, not a title's word
    return f'I\'d like to request "{stripped}"'


# What may follow a title in a message that only names it and its terms ("Cien años de soledad
# by May 20, free", "the film Coco on DVD for my kids"), once said in English.
_TERMS = re.compile(
    r"^\s*(?:(?:the\s+(?:film|book|audiobook|DVD|ebook))\s+)?([A-ZÁÉÍÓÚÑ][^,\n]*?)\s*,?\s+(?:"
    r"(?:by|before|until)\s+[A-Z\d]|as an audiobook|as an ebook|on DVD|in large print|free\b"
    r"|up to \$)"
)


def title_with_terms(text: str) -> bool:
    """Tell whether a message is a title followed by its form, date or amount, and nothing else.

    "Cien años de soledad para el 20 de mayo, gratis" asks for the title as surely as "Cien años
    de soledad, por favor": the English rules read it once a request opens it.
    """
    match = _TERMS.match(text)
    if not match:
        return False
    words = [shadow(w) for w in _WORD.findall(match.group(1))]
    return bool(words) and words[0] not in _NOT_TITLE and may_be_a_title(words)


# "la ciudad y los perros - vargas llosa": a lower-case title and its author set off by a dash,
# the whole message (the capitalised form is spanish_authors.SET_OFF_AUTHOR's).
_LOWER_DASHED = re.compile(
    r"^\s*([a-záéíóúñü][^\n\-–—]{2,60}?)\s+[-–—]\s+([a-záéíóúñü][\w'’]+(?:\s+[a-záéíóúñü][\w'’]+){0,2})"
    r"\s*[.!]*\s*$"
)


def dashed_author(text: str) -> str:
    """Say "title - author" in lower case as "title by author" when both read as such."""
    match = _LOWER_DASHED.match(text)
    if not match or not _title_words(match.group(1).split()):
        return text
    if not _author_words(match.group(2).split()):
        return text
    return f"{match.group(1)} by {match.group(2)}"
