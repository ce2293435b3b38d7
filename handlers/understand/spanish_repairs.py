"""Spanish corrections, short answers and formal asks, said the way the English rules read them.

"quise decir Rayuela, no Ficciones" → "I meant Rayuela, not Ficciones", "mejor en DVD" → "make
it the DVD", "déjelo así" → "keep it as it is", "número 1" → "number 1", and the usted forms of
a formal email ("Les ruego me consigan…", "Les agradecería que me renovaran…") → "please …".
Read before the other cue tables, which know these verbs only in their everyday forms.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules, shadow

# The forms a correction may name, as "make it …" says them in English.
_FORMS = {
    "dvd": "DVD",  # spanish_words says "dvd" as "the DVD" afterwards
    "blu-ray": "DVD",
    "bluray": "DVD",
    "audiolibro": "the audiobook",
    "audio": "the audiobook",
    "letra grande": "large print",
    "ebook": "the ebook",
    "e-book": "the ebook",
    "libro electronico": "the ebook",
    "pasta dura": "hardcover",
    "tapa dura": "hardcover",
}
_FORM = "|".join(sorted(_FORMS, key=len, reverse=True)).replace(" ", r"\s+").replace("-", r"-?")


def _make_it(match: re.Match[str], original: str) -> str:
    """Say "mejor en DVD" / "en letra grande mejor" as "make it the DVD" / "make it large print"."""
    form = re.sub(r"\s+", " ", match.group(2) or match.group(3)).replace("blu ray", "blu-ray")
    said = _FORMS.get(form) or _FORMS.get(form.replace("-", ""), "it")
    return f"{match.group(1) or ''}make it {said}"


# Formal asks: "les ruego (que) me …", "le agradecería que me …" before a verb of the request.
_POLITE = (
    r"\b(?:le|les|te)\s+(?:ruego|rogamos|suplico|agradeceria(?:mos)?(?:\s+mucho)?)\s+(?:que\s+)?"
)
_VERBS = {
    "renov": "renew",
    "cancel": "cancel",
    "anul": "cancel",
    "consig": "get me",
    "pid": "get me",
    "solicit": "request",
    "dig": "tell me",
    "dije": "tell me",
    "avis": "tell me",
}


def _polite(match: re.Match[str], original: str) -> str:
    """Say a formal ask as "please" and its verb ("les ruego cancelar" → "please cancel")."""
    verb = match.group(1)
    said = next((english for stem, english in _VERBS.items() if verb.startswith(stem)), None)
    return f"please {said}" if said else original[match.start() : match.end()]


# Words that make a short message Spanish though language.detect cannot tell ("mejor en DVD").
SHORT_SPANISH = re.compile(
    r"\b(?:mejor\s+(?:en|el|la)|\w+\s+mejor$|quise\s+decir|queria\s+decir|me\s+equivoque|dejelo"
    r"|dejalo|dejenlo|numero)\b"
    # an amount in Spanish money words alone ("5 dlls", "10 dolaritos")
    r"|\d\s*(?:dlls?|dls|dolares|dolaritos|dolarcitos|centavos)\b"
)

REPAIRS = rules(
    [
        # corrections: "quise decir X, no Y", "me equivoqué, es X"
        (r"\bquise\s+decir\b|\bqueria\s+decir\b", "I meant"),
        (
            r"\b(?:me\s+equivoque|me\s+confundi|perdon|perdone|disculpe)\s*[:,;]?\s+(?:es|era|"
            r"queria|quise\s+decir)\s+",
            "sorry, I meant ",
        ),
        (r"\b(i\s+meant\s+[^,\n]+?),\s+no\s+(?=\S)", r"\1, not "),
        # a change of form: "mejor en DVD", "en letra grande mejor", "ay no, mejor el audiolibro"
        (
            rf"^(\s*(?:ay\s+|oh\s+)?no\s*,\s*)?(?:mejor\s+(?:en\s+|el\s+|la\s+)?({_FORM})|(?:en\s+|el\s+)"
            rf"({_FORM})\s+mejor)\b",
            _make_it,
        ),
        (r"^\s*(?:ay|oh)\s+no\b", "no"),
        # answers: "déjelo así" keeps what the bot has (no), "número 1" picks a choice
        (
            r"^\s*(?:no\s*,?\s*)?(?:dejelo|dejalo|dejenlo|dejemoslo)\s+(?:asi|como\s+esta)\b",
            "keep it as it is",
        ),
        (r"^\s*(?:el\s+|la\s+)?(?:numero|num\.?|no\.)\s*(?=\d{1,2}\b)", "number "),
        (r"^\s*¿?\s*y\s+(?=(?:el|la|los|las|mi|mis)\s)", "and "),
        # help: "no sé cómo pedir un libro"
        (
            r"\bno\s+se\s+como\s+(?:pedir|solicitar|hacer\s+un\s+pedido)\b",
            "I don't know how to request",
        ),
        (r"\b(?:me\s+)?(?:explica|explican|explicas)\s*\?", "can you explain?"),
        (
            r"\bno\s+(?:se|entiendo)\s+como\s+(?:funciona|usar|se\s+usa)\s+(?:esto|esta\s+pagina|este"
            r"\s+chat|este\s+sitio|el\s+sistema|la\s+pagina|el\s+chat|aqui)\b",
            "how does this work?",
        ),
        # small talk: it came and was liked (a statement, no status question)
        (r"\bya\s+me\s+(?:llego|llegaron)\b(?![^.!\n]*\?)", "I got"),
        (r"\bme\s+(?:encanto|encantaron|gusto\s+mucho)\b", "I loved it"),
        # formal asks
        (_POLITE + r"(?:me\s+|nos\s+)?([a-z]+)", _polite),
    ]
)


def short_spanish(text: str) -> bool:
    """Tell whether a short correction or answer is Spanish ("mejor en DVD", "quise decir X")."""
    return bool(SHORT_SPANISH.search(shadow(text)))
