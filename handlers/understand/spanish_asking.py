"""Spanish ways of asking after a request already made, and everyday questions, in English.

ASKING runs with spanish_wishes.WISHES, before the dates and the request words: "ya está el de
Isabel Allende?", "¿dónde va mi request de X?", "sigue en proceso", "checa el status del último
request", "renuévame los 2", "vence mañana" (the loan's own date), "lo ocupo hasta el 20" (the
day a renewal is wanted until), "¿me pueden dar una semana más con X?"; and questions that are
not about ILL or that ask about the service ("¿dónde me estaciono?", "¿qué es ILL?"). Patterns are
lower-case and accent-free (see spanish.shadow).
"""

from __future__ import annotations

from handlers.understand.spanish import rules


def nth(number: int) -> str:
    """Say 20 as "20th", 1 as "1st"."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10 if number % 100 not in (11, 12, 13) else 0)
    return f"{number}{suffix or 'th'}"


ASKING = rules(
    [
        # asking after a request: "ya está el de Isabel Allende?", "¿dónde va mi request de X?",
        # "mi ILL-70 sigue en proceso?"
        (
            r"\bya\s+(?:esta|llego|vino|hay|estara)\s+(?:el|la)\s+de\s+([^?.!\n,]{2,60}?)\s*(?=[?.!\n,]|$)",
            r"has the \1 one arrived",
        ),
        (r"\bhay\s+(?=alguna\s+novedad\s+(?:con|de|sobre)\s+(?:ill|request|el\s+pedido))", ""),
        (
            r"\bantes\s+de\s+que\s+(?:empiecen|empiece|comiencen|comience|inicien|inicie|arranquen)\s+"
            r"(?:las\s+clases|el\s+semestre|el\s+curso|la\s+escuela)\b",
            "before classes start",
        ),
        (
            r"\b(?:a\s+|por\s+)?donde\s+(?:va|anda|esta|quedo)\s+(?=(?:mi|el|la)\s+(?:request|pedido"
            r"|solicitud|prestamo|ill)\b)",
            "where is ",  # ("mi pedido" is said "my request" by the request words)
        ),
        (
            r"\b(?:sigue|siguen|continua|va|esta)\s+(?:todavia\s+|aun\s+)?(?:en\s+proceso|en\s+tramite"
            r"|pendiente|en\s+camino)\b",
            "any news on it",
        ),
        # naming a request already made: "checa el status del último request", "lo último
        # que pedí", "renuévame los 2", "tmb", "así que"
        (r"\b(?:checa|checame|chequea|chequeame|checar|revisa|revisame)\b", "check"),
        (
            r"\b(?:del|de\s+la|el|la)\s+(?:ultimo|ultima)\s+(request|pedido|solicitud|prestamo)\b",
            "the last request",
        ),
        (r"\blo\s+ultimo\s+que\s+(?:pedi|solicite|encargue)\b", "the last one I requested"),
        (
            r"\b(renov\w*|renuev\w*|cancel\w*)\s+(?:los|las|mis)\s+(?:dos|2)\b(?:\s+(?:libros|prestamos))?"
            r"(?:\s+que\s+tengo(?:\s+prestad[oa]s)?)?",
            r"\1 both",
        ),
        (r"\b(?:tmb|tb|tambn)\b", "also"),
        (r"\basi\s+que\b", "so"),
        (r"\bya\s+(?:compre|consegui)\b", "I already bought"),
        (r"\bse\s+(?:lo|la)\s+(?:pueden|puede|podrian|podria)\s+renovar\b", "can you renew it"),
        # a loan's own due date: "renueva el de harry potter, vence mañana"
        (
            r"(?:\s*,)?\s*(?:y\s+)?(?:que\s+)?vencen?(?<!\bme\svence)(?<!\bme\svencen)\s+(?=(?:manana|hoy|"
            r"pasado|este|esta|el\s+(?:\d|"
            r"lunes|martes|miercoles|jueves|viernes|sabado|domingo|proximo)|lunes|martes|miercoles"
            r"|jueves|viernes|sabado|domingo|en\s+\d)\b)",
            "; it's due ",
        ),
        # the day a renewal is wanted until: "lo ocupo hasta el 20"
        (
            r"\b(?:lo|la|los|las)\s+(?:ocupo|necesito|quiero)\s+hasta\s+el\s+(\d{1,2})\b(?!\s+de\b)",
            lambda match, _original: f"can I keep it until the {nth(int(match.group(1)))}",
        ),
        (
            r"\bnadie\s+me\s+(?:ha|han|habia)\s+(?:avisado|dicho|llamado|escrito|contestado"
            r"|explicado)(?:\s+nada)?\b",
            "",  # (a complaint beside the question, which names no request)
        ),
        # "Antes del 15 de enero estaría bien.": the answer is the date alone
        (
            r"(?:\s*,)?\s+(?:estaria|seria|esta)\s+(?:bien|perfecto|genial)\b(?=\s*[.!]?\s*(?:\n|$))",
            "",
        ),
        # more ways of naming a request made, texted: "lo que pedí", "cancela lo de X", "hay
        # chance de renovarlo otra semana", "no lo ocupo ya", "¿cuántos libros tengo pedidos?"
        (r"\blo\s+(?:que|q)\s+(?:pedi|solicite|encargue)\b", "what I requested"),
        (
            r"\b(cancel\w*|renov\w*|renuev\w*)\s+lo\s+de\s+(?!(?:mi|mis|la|las)\s+multas?\b)",
            r"\1 el de ",
        ),
        (r"\b(?:hay|habra|habria)\s+chance\s+de\s+", "can you "),
        (r"\botra\s+semana(?:\s+mas)?\b", "a bit longer"),
        (r"\bno\s+(?:lo|la|los|las)\s+(?:ocupo|necesito|quiero)\s+ya\b", "I don't need it anymore"),
        (
            r"\bcuant[oa]s\s+(?:libros|pedidos|solicitudes|prestamos)\s+tengo(?:\s+(?:pedidos|pendientes"
            r"|en\s+camino|abiertos))?\b",
            "what's the status of my requests",
        ),
        (r"\b(gracias|thanks)\s+x\s+", r"\1 por "),
        # "necesito hablar con alguien": a person
        (
            r"\bhablar\s+con\s+alguien(?:\s+de\s+(?:verdad|carne\s+y\s+hueso)|\s+real)?\b",
            "talk to a person",
        ),
        # "¿me lo pueden mandar por correo / a mi casa?": how a loan reaches the patron
        (
            r"\b(?:me\s+)?(?:lo|la|los|las)\s+(?:pueden|puede|podrian|podria|puedes)\s+(?:mandar|enviar)"
            r"(?:me)?\s+(?:por\s+correo(?:\s+postal)?|a\s+(?:mi\s+)?casa|a\s+domicilio)\b",
            "can you mail it to me",
        ),
        # "¿me pueden dar una semana más con X?": a renewal
        (
            r"\b(?:me\s+|nos\s+)?(?:pueden|puede|podrian|podria|puedes|podrias)\s+(?:dar|regalar"
            r"|conceder)(?:me|nos)?\s+(?:una\s+semana|unos\s+dias|\d+\s+dias|\d+\s+semanas|mas"
            r"\s+tiempo|un\s+poco\s+mas\s+de\s+tiempo)(?:\s+mas)?\s+con\s+",
            "can you renew ",
        ),
        # a form of another office: "¿me ayudan a llenar la solicitud de ciudadanía?" (said with
        # a thing the off-topic reader knows, so that no request is read)
        (
            r"\b(?:llenar|rellenar|completar|hacer)\s+(?:la|una|mi|el|un)\s+(?:solicitud|formulario"
            r"|forma|aplicacion|tramite)\s+(?:de|para)\s+(?:la\s+|el\s+|mi\s+)?(?!prestamo|ill\b"
            r"|libro|articulo|renovacion)[a-z]+\b",
            "fill out my visa application",
        ),
        # small talk and questions the rules know in English
        (
            r"\b(?:en\s+)?donde\s+(?:me\s+)?(?:estaciono|estacionarme|parqueo|parquearme|aparco)\b",
            "where can I park",
        ),
        (
            r"\bcomo\s+(?:se|puedo\s+saber|saber|veo)\s+si\s+(?:un|el|algun|ese)\s+libro\s+(?:esta|lo"
            r"\s+tienen|hay)\s+(?:aqui\s+)?(?:en\s+la\s+biblio(?:teca)?)?",
            "how do I find a book in the library catalog",
        ),
        (
            r"\b(?:como|donde)\s+(?:cambio|cambiar|cambiarle|reseteo|resetear|restablezco|restablecer)\s+"
            r"(?:el|mi|la)\s+(?:pin|nip|contrasena|clave)\b",
            "how do I change my PIN",
        ),
        (r"\bcomo\s+le\s+(?:hago|hacemos|hace)\s+(?:para|pa)\s+", "how do I "),
        (r"\bque\s+es\s+(?:el\s+|un\s+)?(?=(?:ill|prestamo\s+interbibliotecario)\b)", "what is "),
        (
            r"^\s*(?:que|q)\s+(?:padre|bueno|bien|chido|genial|maravilla|lindo|bonito|chevere|bacano)\s+"
            r"(?:que|q)\s+[^?\n]*$",
            "that is great",
        ),
    ]
)
