"""Spanish words for the actions on a request, and for answers, said in English.

A person, help and why; status and arrival; renew and cancel; yes and no ("¿ya llegó?" → "has it
arrived", "renuévenme" → "renew", "claro que sí" → "sure"). The first part of
spanish_words.WORDS: patterns are lower-case and accent-free (see spanish.shadow), the longer
phrase before the shorter one it contains.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import Replacement

_ORDINALS = {
    "primera": 1, "primero": 1, "primer": 1, "segunda": 2, "segundo": 2, "tercera": 3,
    "tercero": 3, "tercer": 3, "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
}  # fmt: skip
_ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _nth(number: int) -> str:
    return f"{number}{_SUFFIX.get(number, 'th')}"


def _option(match: re.Match[str], _original: str) -> str:
    """Say "la primera opción", "opción uno", "la 2" as "option 1", the English answer."""
    said = match.group(1)
    return f"option {_ORDINALS[said] if said in _ORDINALS else int(said)}"


def _one(match: re.Match[str], _original: str) -> str:
    """Say "el tercero, el de tapa dura" as "the third one" (the choice, its description aside)."""
    return f"the {_nth(_ORDINALS[match.group(1)])} one"


def _numbered_one(match: re.Match[str], _original: str) -> str:
    """Say "el 2do que pedí" as "the 2nd one"."""
    return f"the {_nth(int(match.group(1)))} one"


def _requested(match: re.Match[str], original: str) -> str:
    """Say "pedí Pedro Páramo hace dos semanas" as "I requested Pedro Páramo …"."""
    if original[match.end() : match.end() + 1].isupper():
        return "I requested "
    return original[match.start() : match.end()]


def _not_the(match: re.Match[str], _original: str) -> str:
    """Say "…, no la primera" after an edition as ", not the 1st"."""
    return f", not the {_nth(_ORDINALS[match.group(1)])}"


ACTIONS: list[tuple[str, Replacement]] = [
    # a person, help, why
    (
        r"\b(?:quiero|quisiera|necesito|puedo|me\s+gustaria|podria|deseo)\s+hablar\s+con\b",
        "I want to talk to",
    ),
    (
        r"\bhablar\s+con\s+(?:una\s+persona|alguien|un\s+humano|un\s+bibliotecario|una\s+"
        r"bibliotecaria|el\s+personal|un\s+empleado|una\s+persona\s+real)\b",
        "talk to a person",
    ),
    (
        r"\b(?:una\s+persona\s+real|un\s+ser\s+humano|un\s+humano|una\s+persona|alguien\s+del"
        r"\s+personal|un\s+bibliotecario|una\s+bibliotecaria)\b",
        "a person",
    ),
    (r"\beres\s+(?:un\s+)?(?:robot|bot|maquina)\b|\beres\s+real\b", "are you a bot"),
    (r"\b(?:eres|es)\s+una\s+persona\b", "are you a person"),
    (
        r"\b(?:me\s+)?(?:puede|pueden|podria|podrian)\s+(?:comunicar|pasar|conectar)\s+con\s+"
        r"(?:la|el|un|una)\s+(?:bibliotecari[oa]|persona|encargad[oa]|empleado)\b",
        "can you put me through to a person",
    ),
    (
        r"\bhay\s+alguien\s+(?:que\s+hable\s+\w+\s+)?con\s+quien\s+(?:pueda|puedo)\s+hablar\b",
        "is there someone I can talk to",
    ),
    (r"\b(?:no\s+entiendo\s+)?por\s+que\s+(?=cancelaron|rechazaron|negaron)", "why did you "),
    (
        r"\bno\s+entiendo\s+como\s+(?:pedir|solicitar|hacer\s+una\s+solicitud)\b",
        "I don't understand how to request",
    ),
    (r"\bno\s+entiendo\b", "I don't understand"),
    (r"\bpor\s+que\s+(me\s+lo|lo|la|se|rechazaron|negaron)\b", r"why \1"),
    (r"\bpor\s+que\s+no\b", "why not"),
    (r"\bpor\s+que\b", "why"),
    (r"\bporque\b", "because"),
    (r"\bque\s+(?:puedes|puede|pueden|sabes)\s+hacer\b", "what can you do"),
    (r"\bcomo\s+funciona(?:\s+esto)?\b", "how does this work"),
    (r"\b(?:necesito\s+)?ayuda\b|\bayudame\b|\bayudeme\b", "help"),
    # status, arrival
    (r"\b(?:cual|como)\s+(?:es|esta|va)\s+el\s+estado\s+de\b", "what is the status of"),
    (r"\b(?:el\s+)?estado\s+(?:de|del)\b", "the status of"),
    (
        r"\b(?:queria|quisiera|quiero|me\s+gustaria)\s+saber\s+si\s+(?=(?:me\s+)?(?:pueden|puede"
        r"|podrian|podria|es\s+posible|seria\s+posible)\b)",
        "",
    ),
    (r"\b(?:queria|quisiera|quiero|me\s+gustaria)\s+saber\s+si\b", "I'd like to know if"),
    (
        r"\b(?:me|nos)\s+(?:dicen|dice|dices|diran|dira|decis)\b(?=\s+(?:como|que|si|cuando|donde))",
        "could you tell me",
    ),
    (
        r"\b(?:quiero|quisiera|me\s+gustaria|necesito)\s+(?:ver|saber|consultar|revisar)\b",
        "I'd like to know",
    ),
    (
        r"\b(?:me\s+)?(?:podrian|podria|puede|pueden|puedes|podes|podeis)\s+(?:informarme|decirme"
        r"|decir)\b",
        "could you tell me",
    ),
    (
        r"\b(?:(?:les?|te)\s+escribo\s+para\s+)?preguntar\s+por\b",
        "to ask about the status of",
    ),
    (r"\bcuando\s+vence(?:n)?\s+(ILL-?\s*\d+|#\s*\d+)", r"when is \1 due"),
    # "¿cuándo tengo que devolverlo?", "para cuándo lo tengo que devolver": its due date
    (
        r"\b(?:para\s+)?cuando\s+(?:vence|vencen|(?:lo|la|los|las)?\s*(?:hay|tengo|tenemos)"
        r"\s+que\s+(?:devolver|regresar|entregar)(?:lo|la|los|las)?)\b",
        "when is it due",
    ),
    (r"\b(?:ya\s+)?(?:mandaron|enviaron|despacharon)\b", "has it been sent"),
    (r"\blist[oa]s?\s+para\s+recoger\b", "ready for pickup"),
    (r"\bya\s+(?:esta|estan)\s+disponibles?\b", "has it arrived"),
    (r"\b(?:esta|estan)\s+disponibles?\b", "is available"),
    (r"\bsaber\s+(?:como|en\s+que)\s+(?:va|van|anda|andan)\b", "know the status of"),
    (r"\b(?:mi|my)\s+otr[oa]\s+(?:pedido|solicitud)\b", "my other request"),
    (r"\b(?:lo|la|los|las)\s+(?:pedi|solicite|encargue)\b", "I requested it"),
    (r"\b(?:pedi|solicite|encargue)\s+(?=\w)", _requested),
    (
        r"\s*(?:,\s*)?y\s+no\s+(?:he|hemos)\s+(?:sabido|tenido\s+noticias|recibido)\s+nada\b",
        " and heard nothing",
    ),
    (r"\b(?:como|en\s+que)\s+(?:va|anda)(?=\s*\?|\s*$)", "how it is going"),
    (r"\bhace\s+(\d+)\s+semanas?\b", r"\1 weeks ago"),
    (r"\bhace\s+(\d+)\s+dias?\b", r"\1 days ago"),
    (r"\bestado\b", "status"),
    (
        r"\b(?:en\s+que|como)\s+(?:va|van|anda|andan)\b|\bque\s+onda\s+con\b",
        "what's the status of",
    ),
    (r"\bque\s+paso\s+con\b", "what happened to"),
    (r"\b(?:todavia|aun)\s+no\s+(?:llega|llegan|ha\s+llegado|llego)\b", "has it arrived yet"),
    (
        r"\b(?:me\s+)?(?:pueden|puede|podrian|podria)\s+dar\s+mas\s+tiempo\s+(?:con|para)\b",
        "can you renew",
    ),
    (r"\b(?:esta|estan|ya\s+esta|ya\s+estan)\s+list[oa]s?\b", "is ready"),
    (
        r"\b(?:alguna\s+novedad|novedades|sabe\s+algo|saben\s+algo)\s+(?:con|de|sobre)\b",
        "any news on",
    ),
    (r"\bque\s+(?:pedi|solicite)\b", "I requested"),
    (r"\bla\s+semana\s+pasada\b", "last week"),
    (
        r"\b(?:donde|en\s+donde)\s+(?:esta|estan|anda|andan)\s+(?=mis?\b|el\s+libro|los\s+libros"
        r"|la\s+solicitud|el\s+pedido|el\s+ill|ill)",
        "where is ",
    ),
    (r"\b(?:ya\s+)?(?:llego|llegaron|ha\s+llegado|han\s+llegado)\b", "has it arrived"),
    (r"\bque\s+(?:tengo|pedi)\s+(?:pendiente|prestado)s?\b", "what do I have out"),
    # renew, cancel
    (r"\b(?:sera|seria|es)\s+posible\s+(?=renov|renuev|extend|prorrog|ampli)", "can you "),
    (r"\bse\s+(?:puede|podra|podria)\s+(?=renov|renuev|extend|prorrog|cancel)", "can I "),
    (r"\bpuedo\s+tener(?:lo|la)?\b", "can I keep"),
    (
        r"\b(?:quiero|quisiera|necesito|me\s+gustaria|deseo)\s+(?=renov|renuev|cancel|anul"
        r"|extend)",
        "I want to ",
    ),
    (
        r"\b(?:borra|borre|borren|borrar|borrame|quita|quite|quiten|elimina|elimine|eliminen"
        r"|olvida|olvide|olviden)\s+(?=la\b|el\b|mi\b|my\b|ill|request|the\b|esa\b|ese\b)"
        # ("olvidé el título / el nombre del autor": what the patron forgot, no cancel)
        r"(?!(?:el|la|my|mi|the)\s+(?:titulo|nombre|autor|autora|isbn|numero|contrasena|pin|nip"
        r"|clave|tarjeta|credencial)\b)",
        "cancel ",
    ),
    (r"\bno\s+importa\s+(?=si\b|que\b|cual\b|el\b|la\b)", "it doesn't matter "),
    (r"\bno\s*,?\s*(?:dejalo|dejelo|dejenlo)\s+(?:asi|como\s+esta)\b", "no, leave it"),
    (r"\bno\s+(?:lo|la)\s+(?:canceles|cancele|cancelen)\b", "don't cancel it"),
    (
        r"\b(?:me\s+(?:lo\s+|la\s+)?|(?:lo|la)\s+)?(?:puede|pueden|podria|podrian|puedes|podes"
        r"|podeis)\s+(?:renovar|extender|prorrogar|ampliar)(?:me|nos|lo|la|melo|mela)?\b",
        "can you renew",
    ),
    (
        r"\b(?:renov[a-z]*|renuev[a-z]*|extender|extiendan|extienda|prorrogar|"
        r"ampliar\s+el\s+plazo\s+de)\b",
        "renew",
    ),
    (r"\b(?:puedo\s+)?quedarme\s+con\s+(?:el|la|ello|ella)?\s*", "can I keep "),
    (r"\b(?:1|una)\s+semana\s+mas\b|\bunos\s+dias\s+mas\b", "a bit longer"),
    (r"\b(renew)\s+(?:el\s+)?prestamo\s+(?:de|del)\s+", r"\1 "),
    (r"\bmas\s+tiempo\b", "longer"),
    (r"\b(?:me\s+)?(?:puede|pueden|podria|puedes)\s+(?:cancelar|anular)\b", "can you cancel"),
    (
        r"\b(?:cancel[a-z]+|anul[a-z]+)\b",
        "cancel",
    ),
    (r"\bya\s+no\s+(?:necesito|quiero|ocupo)\b", "I no longer need"),
    (r"\bya\s+no\s+(?:lo|la|los|las)\s+(?:necesito|quiero)\b", "I don't need it anymore"),
    (
        r"\b(?:olvidalo|olvidelo|olvidenlo|olvidate|olvidese|no\s+importa|dejalo|dejelo|"
        r"mejor\s+no)\b",
        "never mind",
    ),
    # answers: which of the options offered
    (rf"\s*,\s*no\s+(?:la|el)\s+({_ORDINAL})(?:\s+edicion)?(?=\s*[.!]*\s*$)", _not_the),
    (
        r"\s*,\s*no\s+(?:la|el)\s+(\d+)\s*(?:a|o|ª|º|da|ra|ta|va|na|ma)?\.?(?:\s+edicion)?"
        r"(?=\s*[.!]*\s*$)",
        lambda m, o: f", not the {_nth(int(m.group(1)))}",
    ),
    (r"\b(?:es|era)\s+(?=(?:la|el)\s+\d+\s*(?:a|o|ª|º|da|ra|ta)?\.?\s+edicion)", ""),
    (rf"^\s*(?:la|el)\s+({_ORDINAL})\s+opcion\b", _option),
    (rf"\b(?:la\s+)?opcion\s+(?:numero\s+)?({_ORDINAL}|\d+)\b", _option),
    (rf"^\s*(?:el\s+|la\s+)?(?:numero|num\.?)\s*({_ORDINAL}|\d+)(?=\s*[.!]*\s*$)", _option),
    (r"^\s*(?:la|el)\s+(\d)(?=\s*[.!]*\s*$)", _option),
    (rf"^\s*(?:la|el)\s+({_ORDINAL})\s*,\s*(?:el|la)\s+(?:de|que|en|con)\b[^.!?]*$", _one),
    (
        r"\b(?:el|la)\s+(\d)\s*(?:ro|er|ra|do|da|to|ta|vo|va|mo|ma|no|na|o|a|º|ª)\b(?!\s*\.?\s*ed)",
        _numbered_one,
    ),
    # answers
    (
        r"^\s*si(?=\s*(?:[,.!]|$|please|thanks|claro|yes|por|renew|cancel|pago|i\b|quiero))",
        "yes",
    ),
    (r"\bsi\s*,\s*(?=please|thanks)", "yes, "),
    (r"\bclaro(?:\s+que\s+si)?\b|\bpor\s+supuesto\b", "sure"),
    (r"\b(?:de\s+acuerdo|esta\s+bien|vale|dale|orale|listo|perfecto|okey)\b", "ok"),
    (
        r"^\s*(?:va|sale|dale|listo|perfecto|por\s+supuesto|sip|simon|sii+)(?:\s+pues)?\s*[.!]*"
        r"(?=\s*(?:,?\s*(?:thanks|gracias|please)\s*[.!]*)?\s*$)",
        "yes",
    ),
    (r"^\s*(?:nel|nop|nones|para\s+nada)\s*[.!]*\s*$", "no"),
    (r"\bno\s*,?\s*(?=thanks)", "no "),
    (r"\bsi\b(?=\s*$)", "yes"),
    (r"\bsí\b", "yes"),
]
