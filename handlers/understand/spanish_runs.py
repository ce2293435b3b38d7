"""Where a Spanish message holds a title's own words, which no cue rewriting may touch.

"Necesito Martes con mi viejo profesor de Mitch Albom": from a capitalised word in mid-sentence
to the "de" that names the author, every word is the title's ("Martes" is no Tuesday there).
Also the shadow every Spanish rule matches on: the text lower-cased without accents.
"""

from __future__ import annotations

import re
import unicodedata

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


def title_runs(text: str) -> list[tuple[int, int]]:
    """Return the spans of titles that run up to their author: no cue word inside is read.

    "Necesito Martes con mi viejo profesor de Mitch Albom antes del viernes": from a capitalised
    word in mid-sentence to the " de " that names the author, every word is the title's own
    ("Martes" is no Tuesday there, "Gracias por llegar tarde" no thanks).
    """
    if " de " not in text and " by " not in text:
        return []
    runs = opening_run(text)
    for match in _TITLE_RUN.finditer(text):
        before = text[: match.start()].split()
        # a capital after a capital in mid-sentence is inside a name ("Pam Muñoz Ryan")
        opening = len(before) < 2 or not before[-2][-1:].isalnum()
        if not before or not before[-1][:1].isupper() or before[-1] == "I" or opening:
            runs.append(match.span())
    return runs


def opening_run(text: str) -> list[tuple[int, int]]:
    """Return the span of a title that opens the message and runs up to its author, if any.

    "Agosto, octubre de Andrés Barba", "Los ojos de mi princesa de Carlos Cuauhtémoc Sánchez":
    nothing but the title stands before the author, so none of its words is a cue ("Agosto"
    no month, "mi" no "my"). A run holding a request word is a sentence, not a title.
    """
    match = _OPENING_RUN.match(text)
    if not match:
        return []
    if text.lstrip().startswith("¡") and match.group("run").endswith("!"):
        return [match.span("run")]  # "¡Hola, Tomás! de Ana María Machado": exclaimed, a title
    words = _PLAIN_WORD.findall(shadow(match.group("run")))
    if not words or words[0] in _CLITICS or words[0] in _NOT_TITLES:
        return []
    if words[0] in _ALSO or (words[0] == "y" and words[1:2] and words[1] in _ALSO):
        return []  # "(Y) también Rayuela de Julio Cortázar": a second wish, not a title
    # Before a full name ("de Chris Anderson") everyday words are a title's too ("Gratis",
    # "Cinco semanas en globo"); only a request word makes the run a sentence.
    full_name = len(re.findall(r"[A-ZÁÉÍÓÚÑ]\w", match.group("name"))) >= 2
    framed = ":" in match.group("run") or not _FRAME_WORDS.isdisjoint(words)  # "Dos copias de"
    if not may_be_a_title(words) and (framed or not full_name or has_request_word(words)):
        return []
    return [match.span("run")]


def may_be_a_title(words: list[str]) -> bool:
    """Tell whether words may all be a title's: no request word, verb form or command."""
    from handlers.understand.language import SPANISH_WORDS

    if has_request_word(words):
        return False
    return not any(word in SPANISH_WORDS and word not in _TITLE_OK for word in words)


def has_request_word(words: list[str]) -> bool:
    """Tell whether any word is a request word, a request verb or a gerund ("buscando")."""
    return any(
        word in _OPENING_CUES or word.startswith(_OPENING_STEMS) or word.endswith(_GERUND)
        for word in words
    )


def in_a_title(text: str, at: int) -> bool:
    """Tell whether a capitalised word at `at` follows a word or a quote mark (a title's)."""
    start = at + len(text[at:]) - len(text[at:].lstrip())
    word = text[start:].split(maxsplit=1)[0] if text[start:].strip() else ""
    if not word[:1].isupper() or word.isupper():
        return False  # lower case, or "DVD", "ISBN": no title word
    before = text[:start].rstrip()
    if before.endswith(("¿", "¡")):  # "necesito ¿Por qué fracasan…?": a title mid-sentence
        before = before[:-1].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in "\"'«“‘")


# A personal name: capitalised words, with the particles names carry ("Sor Juana Inés de la
# Cruz", "Gabriel García Márquez"), ending the message or its clause.
NAME = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:de la|del|de|y|[A-ZÁÉÍÓÚÑ][\w'’.-]*))*"
CLAUSE_END = (
    r"(?=\s*(?:[^\w\s]|$|\n|\s(?:please|for|by|in|up|and|I|which|ISBN|para|por|en|que|lo|la"
    r"|con|si|antes|hasta|porfa|gracias|pls|plis|xfa|tambien|también|before|until|tomorrow|today"
    r"|next|no|lo|es|pa|pal|a|mid|y)\b))"
)
# A date said in English by now ("next Monday necesito"), or a holiday ("Día de Reyes", "Acción
# de Gracias"): no title starts there.
_NO_RUN_START = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|June|July|August|September|October|November|December)\b|(?:D[ií]a|Acci[oó]n)\s+de\s)"
)
_TITLE_RUN = re.compile(
    r"(?<=[\w\"'«“‘:][ \t])(?<!\bby\s)(?<!\bde\s)(?!I\b|I['’]|[A-Z]{2,}\b)"
    + _NO_RUN_START
    + r"[¿¡]?[A-ZÁÉÍÓÚÑ][^.?!\n]*?"
    r"(?=,?\s+(?:de|del autor|de la autora|by)\s+"
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:de la|del|de|y|[A-ZÁÉÍÓÚÑ][\w'’.-]*))*" + CLAUSE_END + ")"
)
_OPENING_RUN = re.compile(
    r"\s*[\"'«“‘]?(?P<run>¡[A-ZÁÉÍÓÚÑ][^.?\n]*!|[A-ZÁÉÍÓÚÑ][^.?!\n]*)(?=,?\s+(?:de|by)\s+"
    + f"(?P<name>{NAME})"
    + CLAUSE_END
    + ")"
)
_PLAIN_WORD = re.compile(r"[a-z]+")
# Words that make an opening run a sentence rather than a title (accent-free, lower case).
_OPENING_CUES_TEXT = """
    necesito necesita necesitamos quiero quiere quieren quisiera quisieramos busco buscamos
    pedir pido solicitar solicito ocupo ocupa requiero podrian podria puede pueden
    puedes podes podeis consigue consiguen consigues hola buenas buenos favor gracias renovar
    renueva renueve renuevan cancela cancele cancelen cancelar anula estado leer hay tienen
    tiene tengo llego pedi mande para antes hasta urge gustaria interesa deseo traen traigan
    paso llega esta estan ese esa este ya libro libros articulo pedido solicitud audiolibro
    ejemplar dvd
    hello please thanks could would can want need like request renew cancel status i
"""
_OPENING_CUES = frozenset(_OPENING_CUES_TEXT.split())
# Verb stems that make it a sentence whatever their ending ("escanean", "renuévenme").
_OPENING_STEMS = (
    "escane", "renov", "renuev", "cancel", "consig", "conseg", "pidan", "pidame", "pide",
    "busc", "echa", "ayud",
)  # fmt: skip
_GERUND = ("ando", "iendo")
_CLITICS = frozenset({"me", "te", "nos", "se", "le", "les"})
# What opens a line "from" someone rather than a title ("Saludos de Ana Ruiz").
_NOT_TITLES = frozenset(
    ["saludos", "saludo", "besos", "abrazos", "bendiciones", "mensaje", "pregunta", "consulta"]
)
_ALSO = frozenset(["tambien", "ademas"])
# Words that say what of a title is wanted, or on what terms ("Dos copias de", "Solo si es").
_FRAME_WORDS = frozenset(
    ["copias", "copia", "ejemplares", "ejemplar", "si", "solo", "es", "version", "capitulo", "tomo"]
)
# Spanish words (language.SPANISH_WORDS) that titles are made of: articles, prepositions,
# possessives, question words, months and weekdays ("Agosto, octubre", "Por qué fracasan…").
_TITLE_OK_TEXT = """
    el la los las un una unos unas del al de y o que en con sin sobre entre desde mi mis su sus
    tu por como cuando donde quien cual cuales nada todo todos muy mas si no dias semana fin mes
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre lunes martes miercoles jueves viernes sabado domingo hoy manana ayer ahora
    despues primera primero segunda segundo tercera tercero buenos buenas noches tardes amor
"""
_TITLE_OK = frozenset(_TITLE_OK_TEXT.split())
