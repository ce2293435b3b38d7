"""Spanish greetings, sign-offs and filler, said in English before anything else is read.

"Hola" → "hello", "Atentamente," → "regards", "por favor" / "porfa" / "xfa" → "please",
"también" dropped: the English rules know these never belong to a title.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules


def _one_by(match: re.Match[str], original: str) -> str:
    """Say "el de Galeano" as "the one by Galeano"; "el de la tregua" stays as written."""
    if original[match.end() : match.end() + 1].isupper():
        return "the one by "
    return original[match.start() : match.end()]


_EXCLAIMED_TITLE = re.compile(r"[A-ZÁÉÍÓÚÑ][^!?\n]*!\s+(?:de|by)\s+[A-ZÁÉÍÓÚÑ]")
_ASKED_TITLE = re.compile(r"[A-ZÁÉÍÓÚÑ][^!?\n]*\?\s+(?:de|by)\s+[A-ZÁÉÍÓÚÑ]")


def _opening_mark(match: re.Match[str], original: str) -> str:
    """Drop ¿ and ¡, except the ¡ a title opens with ("¡No, David! de David Shannon")."""
    if match.group(0) == "¡" and _EXCLAIMED_TITLE.match(original, match.end()):
        return "¡"
    # "necesito ¿Por qué fracasan los países? de Acemoglu": a title asked for mid-sentence
    if (
        match.group(0) == "¿"
        and re.search(r"\w\s+$", original[: match.start()])
        and _ASKED_TITLE.match(original, match.end())
    ):
        return "¿"
    return ""


BEFORE = rules(
    [
        (r"[¿¡]", _opening_mark),
        (r"\b(?:muy\s+)?(?:buenos\s+dias|buenas\s+tardes|buenas\s+noches|buen\s+dia)\b", "hello"),
        (r"^\s*saludos\b", "hello"),
        # "Buenas," alone (the day's part left out) greets as "Buenas tardes" does
        (r"^\s*(?:buenas|buenos|buen\s+dia)\s*(?=[,.!:;\n])", "hello"),
        (r"\b(?:hola|holi|ola|saludos\s+(?=\w+\s*[,:\n]))(?=\W|$)", "hello"),
        (
            r"\bestimad[oa]s?(?:\s+(?:senor(?:es|a|as)?|senorita|(?:equipo|personal)(?:\s+de\s+(?:la\s+)?"
            r"biblioteca)?|bibliotecari[oa]s?))?\b",
            "hello",
        ),
        (
            r"^\s*(?:apreciad[oa]s?|querid[oa]s?)(?:\s+(?:bibliotecari[oa]s?|senor(?:es|a|as)?|senorita"
            r"|amig[oa]s?|equipo))?\b",
            "hello",
        ),
        # "Buenos días:" opens a letter; said "hello:" it would read as a field ("title: X")
        (r"^(\s*hello\b[^\n:]{0,60}):(?=[ \t]*\n)", r"\1,"),
        # a formal letter's ways of asking: "me permito solicitar", "Lo necesitaría", "Estoy
        # dispuesta a pagar", "a través del préstamo interbibliotecario"
        (r"\bme\s+permito\s+(?:solicitar|pedir)(?:le|les)?\b", "I'd like to request"),
        (
            r",?\s*a\s+traves\s+del?\s+(?:servicio\s+de\s+)?prestamo[s]?\s+interbibliotecario[s]?\s*,?",
            "",
        ),
        (
            r"\b(?:lo|la|los|las)\s+(?:necesitaria|necesitariamos|ocuparia|requeriria)\b",
            "I need it",
        ),
        (r"\b(?:estoy|estamos)\s+dispuest[oa]s?\s+a\s+pagar\b", "I can pay"),
        # ", si es posible," set inside the ask: no words of the request
        (
            r"\s*,\s*(?:si\s+es\s+posible|si\s+se\s+puede|de\s+ser\s+posible|si\s+no\s+es\s+"
            r"molestia|si\s+(?:fuera|fuese)\s+posible)\s*,\s*",
            " ",
        ),
        (r"\bsi\s+(?:fuera|fuese)\s+posible\b", "if possible"),
        (
            r"\b(?:le|les|te)\s+agradeceria(?:mos)?\s+(?:mucho\s+)?que\s+(?:me\s+)?(?:lo|la|los|las)\s+"
            r"(?:pidiera|pidieran|consiguiera|consiguieran|solicitara|solicitaran)\b",
            "please get it",
        ),
        (
            r"\b(?:agradezco|agradecemos)\s+(?:de\s+antemano\s+)?(?:su|tu|vuestra)\s+atencion\b",
            "thank you",
        ),
        (
            r"\b(?:equipo|departamento|servicio)\s+de\s+prestamo[s]?\s+interbibliotecario[s]?",
            "ILL team",
        ),
        (
            r",\s*(?:mediante|por|via)\s+(?:el\s+)?prestamo[s]?\s+interbibliotecario[s]?\s*,",
            "",
        ),
        (r"\b(?:mediante|por|via)\s+(?:el\s+)?prestamo[s]?\s+interbibliotecario[s]?\b", ""),
        (r"\bprestamo[s]?\s+interbibliotecario[s]?\b", "interlibrary loan"),
        (r"\b(?:necesito|quiero|quisiera)\s+que\s+(?:me\s+)?(?=renuev|cancel|renov)", "please "),
        (
            r"\bespero\s+que\s+(?:se\s+encuentren?|este|estes|esten)\s+(?:muy\s+)?bien\b",
            "I hope this finds you well",
        ),
        (
            r"\b(?:de\s+antemano\s+)?(?:muchas|muchisimas|mil)\s+gracias(?:\s+de\s+antemano)?\b",
            "many thanks",
        ),
        (r"\bgracias\s+de\s+antemano\b", "thanks in advance"),
        (r"\b(?:el\s+)?(?:dia\s+de\s+)?accion\s+de\s+gracias\b", "Thanksgiving"),
        (r"\bpor\s+(?:su|tu|vuestra)\s+ayuda\b", "for your help"),
        (r"\b(?:se\s+lo\s+agradezco|le\s+agradezco|te\s+agradezco|agradezco)\b", "thank you"),
        (r"\bgracias\b|\bgrax\b|\bgrasias\b", "thanks"),
        (
            r"\b(?:un\s+)?(?:cordial\s+)?saludos?(?:\s+cordiales)?\b|\batentamente\b|"
            r"\bcordialmente\b|\bun\s+abrazo\b|\bbendiciones\b",
            "regards",
        ),
        (r"\benviado\s+desde\s+mi\s+(\w+)", r"Sent from my \1"),
        (r"\b(?:por\s+favor|porfa(?:vor)?|porfis|xfa|x\s+favor|plis|pls)\b", "please"),
        (r"\b(?:les|le|te)\s+pido\s+(?:(?:de|por)\s+favor|please)\s+que\b", "please"),
        # a second wish: "y también quiero renovar ILL-1", "…. También quisiera pedir X"
        (
            r"(?:[.!?]\s*|,?\s+y\s+)(?:tambien|ademas)\s+(?:quisiera|quiero|me\s+gustaria|"
            r"necesito)\s+(?:pedir|solicitar)\b",
            ", and also request",
        ),
        (r"\s+y\s+(?:tambien|ademas)\s+(?=\w)", " and also "),
        # a message opening "Y también ISBN …": the "y" joins it to the last one, never a title
        (r"^\s*y\s+(?:tambien|ademas)\s+(?=\w)", "also "),
        # filler, never a title's: "pedir también X" (a last "también" may be: "Y tu mamá también")
        (r"\s*\b(?:tambien|ademas)\b(?!\s*[?.!,\"”»]|\s*$)", ""),
        (r"\bto'\s*(?=mis\b|los\b|las\b)", "todos "),
        (r"\bpa'?l\b", "para el"),
        (r"^\s*(?:oye|oiga|oigan|mira|mire)\b", "hey"),
        (r"^\s*(?:ay|uy|ups|huy)\b", "oh"),
        (r"^\s*(?:favor\s+de|hagame\s+el\s+favor\s+de|haganme\s+el\s+favor\s+de)\b", "please"),
        (r"^\s*k\s+onda\b", "que onda"),
        (r"\b(?:ahorita|ahora\s+mismo)\b", "right now"),
        (r"\blo\s+de\s+(?=\w)", _one_by),
        (r"\bpor\s+medio\s+de\s+la\s+presente\s*,?", ""),
        (r"\bquedo\s+(?:atent[oa]|a\s+la\s+espera)(?:\s+a\s+su\s+respuesta)?\s*[.,]?", ""),
        (
            r"\bque\s+no\s+encontre\s+en\s+el\s+catalogo\b",
            "which I could not find in the catalogue",
        ),
        (
            r"\b(?:lo\s+antes\s+posible|cuanto\s+antes|lo\s+mas\s+pronto\s+posible|lo\s+mas\s+rapido"
            r"\s+posible)\b",
            "please",
        ),
        (
            r"\bsi\s+(?:se\s+puede|es\s+posible)\b(?!\s+(?:solicitar|pedir|conseguir|renovar"
            r"|cancelar|extender))",
            "if possible",
        ),
        (r"^\s*q\b|\bq\b(?=\s+\w)", "que"),
        # "pedir prestado", "tomar prestado": to borrow, said as the plain verb
        (r"\b(?:pedir|tomar|sacar)\s+prestad[oa]s?\b", "pedir"),
        (r"\bdel\s+(?=(?:dra?|doctora?|prof|profesora?)\.?\s)", "de "),
        # "¿ya se puede recoger el de Martes con mi viejo profesor?": is that one ready
        (
            r"\bya\s+(?:se\s+)?(?:puede|puedo|podemos)\s+(?:pasar\s+a\s+)?(?:recoger|buscar)\s+(?:el|la)"
            r"\s+de\s+([^?.!\n]+)",
            lambda m, o: f"is the one by {o[m.start(1) : m.end(1)]} ready for pickup",
        ),
        # "el de Galeano", "la de Isabel Allende": the one by that author
        (r"\b(?:el|la)\s+de\s+(?=\w)", _one_by),
        (r"\b(?:xq|pq|porq|x\s+que)\b", "por que"),
        (r"\b(?:kiero|qiero|kisiera)\b", "quiero"),
        (r"\bpa\s*'?\s*(?=el\b|la\b|mañana|manana|\d)", "para "),
        (r"\b(?:disculpe|disculpa|disculpen|perdon|perdone|perdona|lo\s+siento)\b", "sorry"),
    ]
)


def without_signature(text: str) -> str:
    """Drop the lines under a sign-off now said in English ("Cordialmente," → "regards,")."""
    if "\n" not in text:
        return text
    from handlers.understand.signoffs import drop_signature

    kept = drop_signature(text)
    return kept if len(kept.split()) > 3 else text  # only "Atentamente,\nJosé": thanks
