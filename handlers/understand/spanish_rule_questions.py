"""Spanish questions about the ILL rules that name no loan of the patron's, said in English.

Read with the policy table (spanish_policy), before dates and amounts. Each rule is a shape of
asking about loans in general: a count ("¿cuántas solicitudes puedo hacer por semana?"), what
happens when ("¿qué pasa si lo devuelvo tarde?"), a condition on the patron ("¿puedo pedir
libros si no vivo en St. Joseph?") or an indefinite loan ("¿puedo renovar un préstamo?"). A
question about one loan ("¿puedo renovar mi préstamo de Rayuela?") names it, and is left alone.
"""

from __future__ import annotations

from handlers.understand.spanish import rules

# What a rule question counts or asks about: loans in general, never one of the patron's.
_THINGS = (
    r"(?:solicitudes|pedidos|libros|articulos|cosas|prestamos|titulos|materiales|peticiones"
    r"|items|ejemplares|dvds|peliculas|audiolibros|revistas)"
)
_ONE = r"(?:un|una|algun|alguna)\s+(?:libro|articulo|prestamo|pedido|material|dvd|cosa)"
_KEEP = r"(?:tener|quedar(?:me)?|usar|ver|leer|consultar|guardar)(?:lo|la|los|las)?"
_RETURN = r"(?:devuelvo|entrego|regreso|traigo|devolvemos)"
# "un préstamo de ILL", "un libro de otra biblioteca": still a loan in general.
_OF_ILL = (
    r"(?:\s+(?:de|del|por)\s+(?:ill|prestamo\s+interbibliotecario|interlibrary(?:\s+loan)?"
    r"|otras?\s+bibliotecas?))?"
)
# Who the patron is, when a rule depends on it ("si no vivo en", "si soy estudiante").
_CONDITION = r"si\s+(?:no\s+)?(?:vivo|soy|tengo|estudio|trabajo|resido|somos|vivimos)\b"

RULE_QUESTIONS = rules(
    [
        # limit: "¿cuántas solicitudes puedo hacer al mes?", "¿cuántos libros se pueden pedir?"
        (
            r"\bcuant[oa]s\s+" + _THINGS + r"\s+(?:puedo|podemos|se\s+pueden|me\s+dejan)\s+"
            r"(?:hacer|pedir|solicitar|tener|sacar)(?:\s+(?:a\s+la\s+vez|al\s+mismo\s+tiempo))?",
            "how many requests can I make",
        ),
        # loan period: "¿cuántas semanas lo puedo tener?", "¿por cuántos días puedo ver un
        # artículo escaneado?", "¿para cuándo hay que devolverlo?"
        (
            r"\b(?:por\s+|durante\s+)?cuant[oa]s?\s+(?:dias|semanas|meses|tiempo)\s+(?:me\s+)?"
            r"(?:lo\s+|la\s+|los\s+|las\s+)?(?:puedo|podre|me\s+dejan|dejan|se\s+puede)\s+" + _KEEP,
            "how long can I keep it",
        ),
        # "¿para cuándo hay que devolverlo?" asks when the patron's loan is due (status, as "¿cuándo
        # tengo que devolverlo?"); "… devolver los libros" asks about loans in general
        (
            r"\b(?:para\s+)?cuando\s+(?:hay|se\s+tiene)\s+que\s+(?:devolver|regresar|entregar)"
            r"(?:lo|la|los|las)\b",
            "when is it due back",
        ),
        (
            r"\b(?:para\s+)?cuando\s+(?:hay|se\s+tiene|tengo|tenemos)\s+que\s+(?:devolver|regresar"
            r"|entregar)\s+(?:los|las)\s+(?:libros|prestamos|materiales|articulos)\b",
            "when do I have to return books",
        ),
        # overdue: "¿qué pasa si devuelvo el libro tarde?", "si no lo devuelvo a tiempo"
        (
            r"\b(?:que\s+pasa|que\s+sucede|que\s+hago)\s+si\s+(?:lo\s+|la\s+|los\s+)?"
            + _RETURN
            + r"\b[^?.!]{0,30}?\b(?:tarde|con\s+retraso|con\s+atraso|despues)\b"
            r"|\b(?:que\s+pasa|que\s+sucede)\s+si\s+no\s+(?:lo\s+|la\s+|los\s+)?"
            + _RETURN
            + r"\b[^?.!]{0,30}?\ba\s+tiempo\b"
            r"|\b(?:que\s+pasa|que\s+sucede)\s+si\s+(?:lo|la|los)\s+(?:pierdo|dano|rompo)\b",
            "what happens if I return it late",
        ),
        # pickup: "¿qué pasa si no paso a recoger un libro?", "si no lo recojo"
        (
            r"\b(?:que\s+pasa|que\s+sucede)\s+si\s+no\s+(?:lo\s+|la\s+|los\s+)?(?:paso\s+a\s+"
            r"recoger|paso\s+por|voy\s+por|recojo|voy\s+a\s+recoger|puedo\s+recoger)\b[^?.!]*",
            "how long do I have to pick it up",
        ),
        (
            r"\b(?:puedo|se\s+puede|se\s+pueden|podemos)\s+(?:pedir|solicitar)\s+(?:revistas|numeros"
            r"|periodicos)\s+(?:completos|completas|enteros|enteras)\b",
            "can I request whole journal issues",
        ),
        # delivery time: "si pido un libro hoy, ¿llegaría para el 20?" (no request made yet)
        (
            r"\bsi\s+(?:pido|solicito|encargo)\s+" + _ONE + r"(?:\s+(?:hoy|ahora|manana))?\b"
            # (only when the question is when it comes: "si pido un libro, ¿cuánto cuesta?" is cost)
            r"(?=[^?]{0,40}\b(?:llegaria|llegara|llega|tarda|tardaria|tendria|estaria|lo\s+tendria)\b)",
            "how long would a book take to arrive if I request one",
        ),
        # pickup: "¿cómo me avisan cuando llega un libro que pedí?"
        (
            r"\bcomo\s+(?:me\s+|nos\s+)?(?:avisan|notifican|informan|van\s+a\s+avisar|entero)\b"
            r"(?:\s+(?:cuando|si)\s+(?:llega|llegan|esta\s+listo|ya\s+esta)(?:\s+(?:un|el|mi|algun)"
            r"\s+(?:libro|pedido|articulo|material))?(?:\s+que\s+(?:pedi|solicite|pido))?)?",
            "how will I be notified when a book is ready to pick up",
        ),
        (
            r"\bsi\s+no\s+(?:lo\s+|la\s+|los\s+)?(?:recojo|paso\s+a\s+recoger|paso\s+por|voy\s+por"
            r"|puedo\s+recoger)\b[^?.!]{0,30}?\bque\s+(?:pasa|sucede)\b",
            "how long do I have to pick it up",
        ),
        # cost: "¿cuántos pedidos son gratis por semestre?"
        (
            r"\bcuant[oa]s\s+" + _THINGS + r"\s+(?:son|salen|serian|me\s+salen)\s+(?:gratis"
            r"|gratuit[oa]s|sin\s+costo)\b",
            "do requests cost anything",
        ),
        # a limit asked after naming a need: "a veces necesito muchos libros. ¿Hay un límite?"
        (
            r"\b(?:a\s+veces|siempre|normalmente|seguido)\s+(?:necesito|ocupo|uso|pido)\s+(?:muchos|varios"
            r"|bastantes)\s+(?:libros|articulos|materiales)\b(?=[^?]{0,60}\blimite)",
            "I use many books",
        ),
        # eligibility: no card yet ("todavía no tengo tarjeta... ¿puedo pedir libros?")
        (
            r"\b(?:todavia\s+|aun\s+)?no\s+tengo\s+(?:una\s+|mi\s+)?(?:tarjeta|credencial)(?:\s+de"
            r"\s+(?:la\s+)?biblioteca)?\b[^?]{0,20}?[.,]?\s*(?:puedo|podemos|se\s+puede)\s+(?:pedir"
            r"|usar|solicitar)\b",
            "am I eligible to request",
        ),
        # eligibility: "¿puedo pedir libros si no vivo en St. Joseph?", "soy estudiante de
        # licenciatura, ¿puedo pedir libros o solo artículos?"
        (
            r"\b(?:puedo|podemos|se\s+puede)\s+(?:pedir|usar|solicitar)\b(?=[^?.!]{0,40}\b"
            + _CONDITION
            + ")",
            "am I eligible to request",
        ),
        (
            r"\bsoy\s+(?:un\s+|una\s+)?(?:estudiante|alumn[oa]|profesor[a]?|maestr[oa]|investigador[a]?"
            r"|egresad[oa]|exalumn[oa]|jubilad[oa]|visitante|residente)\b[^?.!]{0,40}?[,.]?\s*"
            r"(?:¿\s*)?(?:puedo|podemos)\s+(?:pedir|usar|solicitar)\b",
            "am I eligible to request",
        ),
        # materials: a book the library owns but has lent out; whole magazines
        (
            r"\b(?:puedo|se\s+puede|pueden|podemos)\s+(?:pedir|solicitar)" + _OF_ILL + r"\s+"
            r"(?:un\s+libro|libros|algo)\s+que\s+"
            r"(?:la\s+biblioteca\s+|ustedes\s+)?ya\s+(?:tiene|tienen|hay)\b[^?.!]*",
            "what can I request",
        ),
        # renewal: "¿puedo renovar un préstamo (de ILL)?", "¿se pueden renovar los libros que
        # vienen de otras bibliotecas?", "¿cómo funciona la renovación?"
        (
            r"\b(?:puedo|se\s+puede|podemos)\s+renovar\s+" + _ONE + _OF_ILL + r"\b(?=\s*\?|\s*$)",
            "can interlibrary loans be renewed",
        ),
        (
            r"\bse\s+pueden\s+renovar\s+(?:los|las)\s+" + _THINGS + r"\b(?:\s+que\s+"
            r"(?:vienen|llegan|mandan|traen|se\s+piden|pedimos)(?:\s+de\s+otras?\s+bibliotecas?)?"
            + _OF_ILL
            + r")?(?=\s*\?|\s*$)",
            "can interlibrary loans be renewed",
        ),
        (
            r"\bcomo\s+funciona(?:n)?\s+(?:el|la|las|los)\s+(?:renew|renovacion(?:es)?|renovar)\b",
            "how does renewing work",
        ),
        (
            r"\bsi\s+(?:pido|solicito)\s+(?:renovar|la\s+renovacion|una\s+renovacion)\b",
            "can I still renew it if",
        ),
        # the patron's own library card: "¿cómo renuevo mi tarjeta de residente?" (account)
        (
            r"\b(?:renovar|renuevo|renueva|renuevan|actualizar|actualizo|sacar|saco|tramitar|tramito"
            r"|reponer|repongo)\s+(?:mi|la|una)\s+(?:tarjeta|credencial)(?:\s+de\s+(?:la\s+"
            r"biblioteca|lector[a]?|usuari[oa]|soci[oa]))?\b(?!\s+de\s+residente)",
            "renew my library card",
        ),
        # off-topic with an ILL verb: a local fine ("quiero cancelar mi multa de $2"), a class
        # ("inscribirme en la clase de inglés del martes"); no amount and no date are read there
        (
            r"\b(?:cancelar|quitar|borrar|perdonar|anular)(?:me)?\s+(?:mi|la|una|las|mis)\s+multas?"
            r"\b[^?!\n]*",
            "how do I pay a library fine",
        ),
        (
            r"\b(?:inscribirme|apuntarme|registrarme|anotarme)\s+(?:(?:en|a|para)\s+(?:la|el|una|un"
            r"|los|las)|al|del)\s+(?:clases?|taller(?:es)?|eventos?|curso|club|hora\s+del\s+cuento|actividad)\b"
            r"[^?!\n]*",
            "sign up for a library event",
        ),
    ]
)
