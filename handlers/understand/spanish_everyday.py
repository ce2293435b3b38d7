"""Renew, cancel, status, off-topic and answers in everyday Spanish, said in English.

"¿me da más tiempo con Rayuela?", "alárgame el de …", "no he terminado de leer …, ¿me lo
alargan?", "cancelen todo lo que pedí", "ya no ocupo La sombra del viento", "¿ya puedo pasar a
recoger …?": the action and its reference. Library words about other things ("pagar la multa de
mis libros atrasados", "reservar la sala de estudio", "escanear un documento") are off-topic;
"correcto", "ándale", "la segunda está bien" are answers. Read right after
spanish_frames.FRAMES; patterns are lower-case and accent-free (see spanish.shadow).
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules

_LOAN = r"\b((?:\s+(?:el|mi)\s+(?:prestamo|plazo))?)"
_NTH = {"primer": "first", "segund": "second", "tercer": "third", "ultim": "last"}


def _fine(match: re.Match[str], original: str) -> str:
    """Say "el primero está bien" as the English answer "the first one is fine"."""
    return f"the {_NTH[match.group(1)[:-1]]} one is fine"


def _no_longer(match: re.Match[str], original: str) -> str:
    """Cancel a request named by its title ("ya no ocupo La sombra del viento")."""
    if original[match.end() : match.end() + 1].isupper():
        return "cancel "
    return original[match.start() : match.end()]


EVERYDAY = rules(
    [
        # more time with it: a renewal ("¿me da más tiempo con Rayuela?", "alárgame el de …")
        (
            r"\b(?:me|nos)\s+(?:da|dan|das|daria|darian|(?:puede|pueden|podria|podrian|puedes)\s+dar)"
            r"\s+(?:(?:un\s+poco\s+)?mas\s+(?:tiempo|dias|plazo)|unos\s+dias\s+mas|otra\s+semana"
            r"|una\s+semana\s+mas)(?:\s+(?:con|para|de))?\b",
            "can you renew",
        ),
        (
            r"\b(?:me\s+|nos\s+)?(?<!lo\s)(?<!la\s)(?<!los\s)(?<!las\s)(?:pueden|puede|podrian|podria"
            r"|puedes|podrias|se\s+puede)\s+(?:alargar|extender|ampliar|prolongar)(?:me|nos|lo|la|los|las)?"
            + _LOAN,
            r"can you extend\1",
        ),
        (
            r"\b(?:alargame|alarguenme|alarguen|alargue|alarga|extiendeme|extiendanme|extiendan"
            r"|extienda|extiende|amplienme|amplien|ampliame|prolonguen|prolongame|alargar|extender"
            r"|prolongar)(?:lo|la|los|las)?" + _LOAN,
            r"extend\1",
        ),
        (
            r"\bno\s+(?:he|hemos)\s+(?:terminado|acabado)(?:\s+de\s+leer(?:lo|la|los|las)?)?\s*,?\s*",
            "",
        ),
        (
            r"\b(?:me|nos)\s+(?:lo|la|los|las)\s+(?:alargan|alarga|alargas|extienden|extiende"
            r"|extiendes|amplian|prolongan)\b",
            "can you renew it",
        ),
        (
            r"\b(?:necesito|ocupo|quiero|quisiera)\s+(?:mas\s+(?:dias|tiempo)|unos\s+dias\s+mas"
            r"|otra\s+semana)\s+(?:con|para)\s+",
            "can you renew ",
        ),
        (r"\bse\s+(?:vence|vencen|tiene\s+que\s+devolver)\s+(?=el|la|hoy|manana)", "it's due "),
        (
            r"\b(?:me|nos)\s+(?:deja|dejan|dejas|permite|permiten)\s+(?:tenerlo|tenerla|tenerlos"
            r"|tenerlas|quedarme\s+con\s+(?:el|ella|ellos|ellas))\b",
            "can I keep it",
        ),
        # every one of them: "ambos", "todos", "todo lo que pedí"
        (r"\b(extend|renew|cancel)\s+(?:todos|todas)\b", r"\1 all"),
        (r"\b(?:de\s+)?(?:ambos|ambas)(?:\s+(?:libros|pedidos|prestamos|solicitudes))?\b", "both"),
        (
            r"\btodo\s+lo\s+que\s+(?:pedi|he\s+pedido|solicite|tengo\s+pedido|encargue)\b",
            "everything I requested",
        ),
        (
            r"\bya\s+no\s+(?:quiero|necesito|ocupo)\s+ninguno\s+de\s+los\s+dos\b",
            "I don't need them anymore",
        ),
        (r"\bya\s+no\s+(?:me\s+)?(?:hace\s+falta|necesito|ocupo|quiero)\s+(?=\w)", _no_longer),
        (
            r"\bya\s+(?:lo|la)\s+(?:consegui|compre|encontre)(?:\s+prestad[oa])?\b",
            "I got it already",
        ),
        # status in everyday words
        (
            r"\bya\s+(?:puedo|podemos)\s+(?:pasar\s+a\s+)?(?:recoger|buscar|pasar\s+por)\s+(\w[^?.!\n]*)",
            r"is \1 ready for pickup",
        ),
        (r"\bque\s+tengo\s+(?:pedido|solicitado|encargado)\b", "what do I have requested"),
        (r"\bhay\s+(?:noticias|novedades)\s+(?:de|sobre)\s+", "any news on "),
        (
            r"\b(?:ya\s+)?(?:esta|estan)\s+(?:list[oa]s?)\s+(?:el|la|los|las)\s+(?!primer|segund|tercer|cuart|ultim)(\w+)\s+que\s+"
            r"(?:pedi|solicite|encargue)\b",
            r"is the \1 I requested ready",
        ),
        # off-topic, whatever their library words
        (
            r"\b(?:tienen|tiene|hay)\s+(?=[^?.!\n]{2,80}?\s+en\s+(?:el\s+estante|la\s+estanteria"
            r"|los\s+estantes|existencia|la\s+coleccion)\b)",
            "is this in your catalog: ",
        ),
        (r"\ben\s+(?:el\s+estante|la\s+estanteria|los\s+estantes|existencia)\b", "in your catalog"),
        (
            r"\b(?:apartar|reservar|aparta|reserva|apartame|reservame)\s+(?:el|un|los|unos)\s+pases?"
            r"\s+(?:para|de|del|al)\s+(?:el\s+|la\s+)?(?:museo|zoologico|zoo|parque|acuario)\b",
            "reserve the museum pass",
        ),
        (
            r"\b(?:(?:puedo|como|donde)\s+(?:pago|pagar)|i\s+can\s+pay)\s+(?:la|mi|mis|las)\s+multas?"
            r"(?:\s+de(?=\s+mis?\b))?",
            "can I pay my library fine for",
        ),
        (r"\bcuanto\s+(?:debo|pago|es)\s+de\s+multas?\b", "how much is my library fine"),
        (r"\b(?:mis\s+)?libros\s+atrasados\b", "my overdue books"),
        (r"\ben\s+linea\b", "online"),
        (
            r"\b(?:me\s+|nos\s+)?(?:(?:pueden|puede|podrian|podria|puedes)\s+)?(?:reservar|apartar)(?:me|nos)?"
            r"\s+(?:la|una|el|un)\s+(?:sala|salon|cuarto|cubiculo)(?:\s+de\s+(?:estudio|juntas|reuniones"
            r"|conferencias|computo))?(?:\s+del\s+\w+\s+piso)?",
            "can you book a study room",
        ),
        (
            r"\b(?:se\s+puede|puedo|pueden|me\s+pueden)\s+(?:escanear|imprimir|fotocopiar|copiar)\s+"
            r"(?:un|unos|mi|mis|el|los|una|unas)\s+(?:documentos?|papeles|papel|formularios?|formas?"
            r"|hojas?|paginas?)\b",
            "can I print a document",
        ),
        (
            r"\bperdi\s+(?:mi|la)\s+tarjeta(?:\s+de\s+(?:la\s+)?biblioteca)?\b",
            "I lost my library card",
        ),
        (
            r"\bcomo\s+(?:pido|saco|consigo|obtengo|tramito)\s+(?:otra|una\s+nueva|otra\s+nueva)\b",
            "how do I get another",
        ),
        (r"\b(?:mis\s+)?libros\s+normales\b", "my regular library books"),
        (r"\blos\s+que\s+saque\s+aqui(?:\s+mismo)?\b", "the ones I checked out here"),
        (
            r"\bno\s+los\s+de(?:l)?\s+(?:prestamo\s+interbibliotecario|interlibrary\s+loan)\b",
            "not the interlibrary ones",
        ),
        (
            r"\b(?:puedo|podemos|se\s+puede)\s+usar\s+el\s+(?:servicio|prestamo\s+interbibliotecario"
            r"|interlibrary\s+loan)\s+si\s+no\s+vivo\s+en\b",
            "can I use interlibrary loan if I don't live in",
        ),
        # a person
        (
            r"\b(?:me\s+)?(?:comunica|comunican|pasa|pasan)\s+con\s+(?:la|el|un|una)\s+(?=bibliotecari)",
            "can I talk to the ",
        ),
        (r"\bbibliotecari[oa]\b", "librarian"),
        (
            r"\bhay\s+alguien\s+que\s+hable\s+espanol(?:\s+para\s+(?:atenderme|ayudarme))?\b",
            "is there someone who speaks Spanish to help me",
        ),
        # answers
        (
            r"^\s*¿?\s*(?:y\s+)?(?:eso\s+)?(?:por\s+que(?:\s+no)?|why(?:\s+not)?)(?:\s+se\s+puede"
            r"|\s+puedo|\s+pueden)?\s*[?!.]*\s*$",
            "why is that?",
        ),
        (r"^\s*(?:andale|correcto|exacto|eso\s+mismo|eso\s+es|asi\s+es)\b", "yes"),
        (
            r"^\s*(?:el|la)\s+(primer[oa]|segund[oa]|tercer[oa]|ultim[oa])\s+(?:esta|va)\s+bien\b",
            _fine,
        ),
        (
            r"^\s*(?:ninguno|ninguna|ningun[oa]?\s+de\s+(?:los|las|ellos|ellas)(?:\s+dos)?)"
            r"\s*[.!]*\s*$",
            "none of them",
        ),
        (r"^\s*'?ta\s+bien\b", "ok"),
        (r"\ben\s+(?:formato|version)\s+(?:electronico|electronica|digital)\b", "as an ebook"),
    ]
)
