"""Spanish words that lead into a request, said in English so that they never join the title.

"Mi mamá quiere leer Mujeres del alma mía", "me urge El coronel…", "Un favor, el libro Delirio",
"la versión en audiolibro de …", "puedes hacer request de Educated": whoever wants it and however
it is asked, what follows is the item. Read after the authors are marked, before the cue words
(spanish_words.WORDS); patterns are lower-case and accent-free (see spanish.shadow).
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules

# Who a patron asks for: "mi hijo de 8 años", "mi esposo y yo", "mi abuelita".
KIN = (
    r"(?:mama|mami|madre|papa|papi|padre|hij[oa]s?|nin[oa]s?|espos[oa]|marido|mujer|abuel[oa]s?"
    r"|abuelit[oa]s?|niet[oa]s?|herman[oa]s?|sobrin[oa]s?|tia|tio|prim[oa]|alumn[oa]s?"
    r"|estudiantes|familia)"
)
# Whose class it is ("para mis alumnos de cuarto grado"): never the title's words.
CLASS_OF = (
    r"(?:\s+de\s+(?:\w+\s+)?(?:grado|ano|primaria|secundaria|prepa|preparatoria|kinder|clase"
    r"|salon)\b)?"
)
_WANTS = (
    r"(?:quiere|quieren|necesita|necesitan|busca|buscan|ocupa|ocupan|quisiera|quisieran"
    r"|quisieramos|queremos|necesitamos|buscamos|pide|piden|tiene\s+que|tienen\s+que|debe|deben)"
)


def _it_is(match: re.Match[str], original: str) -> str:
    """Drop "Es" before a title that follows the question ("¿Me lo consiguen? Es Pedro Páramo")."""
    if original[match.end() : match.end() + 1].isupper():
        return ""
    return original[match.start() : match.end()]


# How it is to be read ("leer juntos", "ver otra vez"): never the title's words.
_TOGETHER = r"(?:\s+(?:juntos|juntas|en\s+familia|otra\s+vez|de\s+nuevo))?"
_FORMS = r"(?:audiolibro|audio|ebook|e-?libro|libro\s+electronico|dvd|cd|letra\s+grande|blu-?ray)"

# Who a reading group belongs to ("el club de lectura de la tercera edad").
_OWNERS = (
    r"(?:tercera\s+edad|parroquia|iglesia|escuela|colegio|comunidad|barrio|vecindario"
    r"|universidad|trabajo|oficina|biblioteca|prepa|secundaria|primaria)"
)

LEADS = rules(
    [
        # typing slips in the words a request opens with
        (r"\b(?:livro|lirbo|libor)\b", "libro"),
        # someone else wants it: the patron asks for them
        (
            r"\b(?:mi|mis|su|sus|my)\s+"
            + KIN
            + r"(?:\s+de\s+\d+\s+anos)?(?:\s+y\s+yo)?\s+"
            + _WANTS
            + r"(?:\s+(?:leer|ver|escuchar)"
            + _TOGETHER
            + r")?\b",
            "I'd like to request",
        ),
        (
            r"\b(?:me\s+interesa|me\s+interesaria|quiero|quisiera|quisieramos|queremos|deseo"
            r"|deseamos|me\s+gustaria|nos\s+gustaria)\s+(?:leer|ver|escuchar)" + _TOGETHER + r"\b",
            "I would like",
        ),
        # whom it is for, and "en CD": never the title's words
        (
            r"\bpara\s+(?:leer|ver|escuchar)(?:lo|la|los)?\s+(?:con|a)\s+(?:mis?|los|las|nuestr[oa]s?"
            r"|sus?)\s+\w+",
            "for my kids",
        ),
        (
            r"\bpara\s+(?:mis?|sus?|nuestr[oa]s?|el|la|los|las)\s+"
            + KIN
            + r"(?:\s+de\s+\d+\s+anos)?\b"
            + CLASS_OF,
            "for my kids",
        ),
        (
            r"\s*,?\s*\bpara\s+(?:el|la|mi|su)\s+(?:grupo|taller|club)\s+de\s+\w+\b"
            # whose group it is ("de la tercera edad", "de la parroquia"): no author's "de"
            r"(?:\s+del?\s+(?:la\s+|el\s+)?" + _OWNERS + r"\b)?",
            "",
        ),
        (
            r"\s*,?\s*\bpara\s+(?:la\s+escuela|el\s+colegio|la\s+prepa|la\s+uni|la\s+universidad"
            r"|la\s+escuelita)\b",
            "",
        ),
        (r"\s*,?\s+en\s+(?:cd|disco\s+compacto)\b(?=\s*(?:[,.;!?]|$))", " on CD"),
        # "la necesito antes del…", "lo ocupo", "es para mañana": the patron's need, no title
        # "lo ocupo pa' el lunes: El túnel …": the date first, then the item
        (
            r"^\s*(?:lo|la|los|las)\s+(?:necesito|ocupo|requiero)\s+(by\s+[^:\n]+?)\s*:\s*",
            r"\1: I'd like to request ",
        ),
        (
            r"(?<!no\s)\b(?:lo|la|los|las)\s+(?:necesito|ocupo|requiero|necesitamos|ocupamos)\b",
            lambda match, _original: "I need them" if match.group(0)[2] == "s" else "I need it",
        ),
        # "su maestra le pidió leer …": a reading set by a teacher, wanted by the patron
        (
            r"\b(?:le|les|me|nos)\s+(?:pidio|pidieron|dejo|dejaron|encargo|encargaron|asigno)\s+"
            r"(?:leer|que\s+lea|que\s+leyera)\b",
            "I need",
        ),
        (r"\s*,\s*(?:es|son)\s+(?=by\s)", ", I need it "),
        (r"\b(?:mande|envie)\s+(?:un|otro)\s+(?:msj|mensaje|correo|mail)\b", "I wrote"),
        (r"\bno\s+se\s+si\s+(?:le|les|te)\s+(?:llego|llegaron)\b", "not sure you got it"),
        (
            r"^\s*no\s+(?:era|es)\s+(?:ese|esa|eso)\s*,\s*(?:era|es|quise\s+decir)\s+",
            "no, I meant ",
        ),
        (
            r"\b(?:se\s+puede\s+|pueden\s+|puede\s+)?cambiar\s+(ill-?\s*\d+|#\s*\d+)\s+a\s+(?:el\s+|la\s+)?"
            r"(?=audiolibro|audio|dvd|ebook|libro\s+electronico|letra\s+grande)",
            r"make \1 ",
        ),
        (r"\bes\s+(?:un\s+)?libro\s+de\s+texto\b", "it's a textbook"),
        # "¿me lo consiguen?", "¿me lo pueden conseguir?": asking for the item named before
        (
            r"\b(?:me|nos)\s+(?:lo|la|los|las)\s+(?:(?:pueden|puede|podrian|podria|puedes|podes)\s+)?"
            r"(?:consiguen|consigues|consigue|conseguir|pides|piden|pedir|traen|traer|encargan|encargar)\b",
            "can you get it for me",
        ),
        (r"(?<=[.?!:]\s)(?:es|son|se\s+trata\s+de)\s+(?=\w)", _it_is),
        # "mejor no, cancela lo de …": a change of mind leading into the action, no "never mind"
        (
            r"^\s*(?:mejor\s+no|pensandolo\s+bien|sabes\s+que)\s*,\s*(?=cancel|anul|renuev|renov"
            r"|pide|pidan|quiero|necesito)",
            "actually, ",
        ),
        # urgency is no part of the title
        (r"\b(?:me|nos)\s+urge\b", "I need"),
        (
            r"\b(?:necesito|ocupo|quiero|busco)\s+(?:urgente|urgentemente|con\s+urgencia)\b",
            "I need",
        ),
        # "Un favor, el libro …", "pedirle de favor", "hágame el favor": please
        (r"^\s*(?:un\s+favor|please)\s*[,:.]?\s*(?=(?:el|un)\s+libro\b)", "I'd like "),
        (r"^\s*(?:un|por)\s+favor\s*[,:.]?\s*", ""),
        (r"\b(?:de|por)\s+favor\b", "please"),
        # "la versión en audiolibro de …": the form, no title word
        (r"\b(?:la\s+|una\s+)?version\s+(?:en\s+)?(?=" + _FORMS + r")", ""),
        # Spanglish: "puedes hacer request de Educated", "hacer renew de ILL-9"
        (
            r"\b(?:me\s+)?(?:puedes|puede|pueden|podrias|podria|podrian|podes)\s+hacer\s+"
            r"(?:un\s+|el\s+|una\s+)?(request|renew|cancel)\s*(?:de|del|a|al|para|of)?\s+",
            r"can you \1 ",
        ),
        (r"\bcheck(?:ar|ear|a|en)?\s+(?:el\s+)?status\s+(?:de|del)\s+", "check the status of "),
        # "un libro que no tienen aquí en la biblioteca, se llama …": the book called
        (
            r"\b(?:un|el|este)\s+libro\s+que\s+no\s+(?:tienen|tiene|hay|encuentro|encontre"
            r"|esta|estan)(?:\s+aqui)?(?:\s+en\s+(?:la|esta|su)\s+biblioteca)?\s*,?\s*(?:que\s+)?"
            r"(?=se\s+llama|called)",
            "the book ",
        ),
        # a bare verb opening the message: "pedir El laberinto de la soledad, Octavio Paz"
        # ("Solicito por favor X": the politeness goes before, not into the title)
        (
            r"^\s*(?:pido|solicito)\s+(?:por\s+favor|porfa|please)\b",
            "please, I'd like to request",
        ),
        (r"^\s*(?:pedir|solicitar|pido|solicito|encargar)\b", "request"),
        # a scan of part of a book
        (
            r"\b(?:me\s+)?(?:escanean|escanea|escaneas|escaneen|escanees|escanearian|escanearias)\b",
            "could you scan",
        ),
        (r"\b(?:la\s+)?introduccion\s+(?:de|del)\s+", "the introduction of "),
        (r"\b(?:el\s+)?prologo\s+(?:de|del)\s+", "the preface of "),
        # no longer wanted, with the request named: a cancel
        (
            r"\bya\s+no\s+(?:me\s+|nos\s+)?(?:hace\s+falta|hacen\s+falta|necesito|ocupo|quiero)"
            r"\s+(?=the\s+one\b|(?:el|la)\s+(?:de|libro|solicitud|pedido)\b|ill|#|request)",
            "cancel ",
        ),
        (
            r"\bya\s+no\s+(?:lo|la|los|las)\s+(?:ocupo|ocupamos|necesito|necesitamos|quiero)\b",
            "I don't need it anymore",
        ),
    ]
)
