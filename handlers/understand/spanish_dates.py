"""Spanish dates and numbers, said the way the English date rules read them (money: spanish_money).

"para el 15 de diciembre" → "by December 15", "antes del viernes" → "before Friday",
"dentro de dos semanas" → "in 2 weeks".
Patterns are lower-case and accent-free (see spanish.shadow).
"""

from __future__ import annotations

import re

from handlers.understand.spanish import Replacement, rules

MONTHS = {
    "enero": "January", "febrero": "February", "marzo": "March", "abril": "April",
    "mayo": "May", "junio": "June", "julio": "July", "agosto": "August",
    "septiembre": "September", "setiembre": "September", "octubre": "October",
    "noviembre": "November", "diciembre": "December",
}  # fmt: skip
# Abbreviations, read only beside a day number ("15 dic", "sept 14"): "mar" is also the sea.
SHORT_MONTHS = {
    "ene": "Jan", "feb": "Feb", "mar": "Mar", "abr": "Apr", "may": "May", "jun": "Jun",
    "jul": "Jul", "ago": "Aug", "sep": "Sep", "sept": "Sep", "set": "Sep", "oct": "Oct",
    "nov": "Nov", "dic": "Dec",
}  # fmt: skip
WEEKDAYS = {
    "lunes": "Monday", "martes": "Tuesday", "miercoles": "Wednesday", "jueves": "Thursday",
    "viernes": "Friday", "sabado": "Saturday", "domingo": "Sunday",
}  # fmt: skip
SHORT_WEEKDAYS = {
    "lun": "Mon", "mar": "Tue", "mie": "Wed", "mier": "Wed", "jue": "Thu", "vie": "Fri",
    "sab": "Sat", "dom": "Sun",
}  # fmt: skip
NUMBERS = {
    "un": "1", "uno": "1", "una": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5",
    "seis": "6", "siete": "7", "ocho": "8", "nueve": "9", "diez": "10", "once": "11",
    "doce": "12", "quince": "15", "veinte": "20", "treinta": "30", "cincuenta": "50",
}  # fmt: skip
_UNITS = r"semanas?|dias?|meses|mes|copias?|ejemplares|ejemplar|dolares|dolar|centavos|libros"

_MONTH = "|".join(MONTHS)
_SHORT_MONTH = "|".join(sorted(SHORT_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_SHORT_WEEKDAY = "|".join(sorted(SHORT_WEEKDAYS, key=len, reverse=True))
# What a date already said in English starts with, for the need-by words before it.
_ENGLISH_DATE = (
    r"(?=(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|"
    r"Sun|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|tomorrow|today|the day after|"
    r"next |this week|the end|the weekend|mid-|early |late |a week|in \d|\d|Christmas|"
    r"Thanksgiving|New Year|Martin Luther|MLK|Independence Day|Labor Day|Memorial Day|Halloween|"
    r"Presidents|Veterans|Mother's|Father's|Valentine's|Good Friday|Easter))"
)


# "hasta 10 dólares" is an amount, not a date: the money rules read it.
_NOT_MONEY = (
    r"(?!\d+(?:[.,]\d+)?\s*(?:dolares|dolar|dolaritos|dolarcitos|dlls?|dls|usd|bucks|centavos)\b)"
)


def _word(table: dict[str, str], group: int = 1) -> Replacement:
    def say(match: re.Match[str], _original: str) -> str:
        return table[match.group(group)]

    return say


_LOAN_BEFORE = re.compile(r"\b(?:de|loan|libro|pedido|prestamo|préstamo)\s+$")


def _weekday(match: re.Match[str], original: str) -> str:
    """Say a weekday in English, unless it is a name ("Domingo Faustino Sarmiento")."""
    word = original[match.start(1) : match.end(1)]
    after = original[match.end() :].lstrip()
    if word[:1].isupper() and after[:1].isupper() and match.start(1) > 0:
        return original[match.start() : match.end()]
    if word[:1].isupper() and original[: match.start()].endswith("the one by "):
        return original[match.start() : match.end()]  # "the one by Martes con mi viejo profesor"
    if original[match.start() : match.start(1)].strip() == "Los":
        return original[match.start() : match.end()]  # "de Los lunes al sol": a title's words
    titled = word[:1].isupper() and re.match(r"(?:de|del)\s+[A-ZÁÉÍÓÚÑ]", after)
    if titled and _LOAN_BEFORE.search(original[: match.start()]):
        return original[match.start() : match.end()]  # "mi loan de Viernes de Dolores"
    return WEEKDAYS[match.group(1)]


def _month_alone(match: re.Match[str], original: str) -> str:
    """Say a month named alone ("para octubre"), unless it is a name ("Julio Cortázar")."""
    word = original[match.start() : match.end()]
    after = original[match.end() :].lstrip()
    if word[:1].isupper() and after[:1].isupper():
        return word
    if word[:1].isupper() and match.start() > 0 and re.match(r"de\s+[A-ZÁÉÍÓÚÑ]", after):
        return word  # "mi pedido de Diciembre de Andrés Neuman": a title by its author
    if _NAMED_BEFORE.search(original[: match.start()]) and _NAME_AFTER.match(after):
        return word  # "el de julio cortazar": Julio is whose book it is
    return MONTHS[match.group(1)]


_NAMED_BEFORE = re.compile(r"\b(?:el|lo|la|los|libro|algo)\s+de\s+$", re.IGNORECASE)
_NAME_AFTER = re.compile(
    r"(?!(?:de|del|y|o|para|pa|que|en|por|hasta|antes|a|al|mas|pasado|proximo|que\s+viene)\b)"
    r"[^\W\d_]{3,}"
)


# A holiday's name opening a title: "4 ejemplares de Navidad en las montañas", "pedir Navidad
# en el barrio" (a capital, after an item or request word, with lower-case words after it).
_ITEM_BEFORE = re.compile(
    r"\b(?:ejemplares|copias|copia|libro|novela|cuento|audiolibro|pedir|solicitar|quiero|quisiera"
    r"|necesito|ocupo|conseguir(?:me)?|consiguen|leer)\s+(?:de\s+|el\s+|la\s+)?$",
    re.IGNORECASE,
)
_TITLE_GOES_ON = re.compile(r"\s+(?:en|de|del|con|y|para|sin)\s+[a-záéíóúñ]")


def _holiday(english: str) -> Replacement:
    """Say a holiday's name in English, unless it opens a title the patron asks for."""

    def say(match: re.Match[str], original: str) -> str:
        written = original[match.start() : match.end()]
        if (
            written[:1].isupper()
            and _ITEM_BEFORE.search(original[: match.start()])
            and _TITLE_GOES_ON.match(original, match.end())
        ):
            return written
        return english

    return say


def _day_month(match: re.Match[str], _original: str) -> str:
    day, month, year = match.group(1), match.group(2), match.group(3)
    name = MONTHS.get(month) or SHORT_MONTHS[month]
    return f"{name} {int(day)}" + (f", {year}" if year else "")


def _day_first(match: re.Match[str], _original: str) -> str:
    """Say "15/12" and "3/12" (day first, as Spanish writes them) as "December 15", "December 3"."""
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    name = _ENGLISH_MONTHS[month - 1]
    said = f"{name} {day}"
    if year:
        said += f", {year if len(year) == 4 else '20' + year}"
    return said


_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _day_of_month(match: re.Match[str], _original: str) -> str:
    """Say "para el 20" as "by the 20th"."""
    day = int(match.group(1))
    if not 1 <= day <= 31:
        return match.group(0)
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10 if day not in (11, 12, 13) else 0, "th")
    return f"by the {day}{suffix}"


def _number(match: re.Match[str], _original: str) -> str:
    return f"{NUMBERS[match.group(1)]} {match.group(2)}"


DATES = rules(
    [
        (r"\bmejor\s+(?=para\b)", ""),
        # "pa finales de marzo", "pa'l lunes": para, said short
        (
            r"\bpa'?\s+(?=(?:el|la|finales|fines|mediados|principios|inicios|antes|este|esta)\b)",
            "para ",
        ),
        (r"\bpa'?l\b", "para el"),
        (r"\bpara\s+(?=antes\s+de)", ""),
        (r"\b(?:el\s+)?dia\s+de\s+martin\s+luther\s+king\b", "Martin Luther King Day"),
        (r"\b(?:el\s+)?dia\s+de\s+la\s+independencia\b", "Independence Day"),
        (r"\b(?:el\s+)?dia\s+del\s+trabajo\b", "Labor Day"),
        (r"\b(?:el\s+)?dia\s+de\s+los\s+caidos\b", "Memorial Day"),
        (r"\b(?:la\s+)?noche\s+de\s+brujas\b", "Halloween"),
        (r"\bun\s+(dolar|mes)\b", r"1 \1"),
        (r"\buna\s+(semana)\b", r"1 \1"),
        (rf"\b({'|'.join(n for n in NUMBERS if not n.startswith('un'))})\s+({_UNITS})\b", _number),
        (r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b", _day_first),
        (
            rf"\b(?:el\s+)?(\d{{1,2}})\s+(?:de\s+)?({_MONTH})(?:\s+(?:de|del)\s+(\d{{4}}))?\b",
            _day_month,
        ),
        (rf"\b(?:el\s+)?(\d{{1,2}})\s+(?:de\s+)?({_SHORT_MONTH})\.?(?=\W|$)()", _day_month),
        (rf"\b({_MONTH})\s+(\d{{1,2}})\b", lambda m, o: f"{MONTHS[m.group(1)]} {m.group(2)}"),
        (
            rf"\b({_SHORT_MONTH})\.?\s+(\d{{1,2}})\b",
            lambda m, o: f"{SHORT_MONTHS[m.group(1)]} {m.group(2)}",
        ),
        # holidays, as the English holiday reader names them; Epiphany on its fixed day
        (r"\b(?:el\s+)?dia\s+de\s+(?:los\s+)?(?:santos\s+)?reyes(?:\s+magos)?\b", "January 6"),
        (r"\b(?:el\s+)?(?:dia\s+de\s+)?accion\s+de\s+gracias\b", "Thanksgiving"),
        (r"\b(?:el\s+)?dia\s+de\s+(?:los\s+)?presidentes\b", "Presidents' Day"),
        (r"\b(?:el\s+)?dia\s+de\s+(?:los\s+)?caidos\b", "Memorial Day"),
        (r"\b(?:el\s+)?dia\s+del\s+trabajo\b", "Labor Day"),
        (r"\b(?:el\s+)?dia\s+de\s+(?:los\s+)?veteranos\b", "Veterans Day"),
        (r"\b(?:el\s+)?dia\s+de\s+(?:las\s+madres|la\s+madre)\b", "Mother's Day"),
        (r"\b(?:el\s+)?dia\s+del\s+padre\b", "Father's Day"),
        (r"\b(?:el\s+)?dia\s+de\s+san\s+valentin\b", "Valentine's Day"),
        (r"\b(?:el\s+)?dia\s+de\s+martin\s+luther\s+king\b", "MLK Day"),
        (r"\b(?:el\s+)?viernes\s+santo\b", "Good Friday"),
        (r"\b(?:el\s+)?(?:domingo\s+de\s+)?pascua\b", "Easter"),
        (r"\b(?:la\s+)?nochebuena\b|\b(?:la\s+)?noche\s+buena\b", "Christmas Eve"),
        (r"\b(?:la\s+)?navidad(?:es)?\b", _holiday("Christmas")),
        (r"\b(?:el\s+)?ano\s+nuevo\b", "New Year's Day"),
        (r"\bpasado\s+manana\b", "the day after tomorrow"),
        (r"\b(?:por|de|en)\s+la\s+manana\b", "in the morning"),
        (r"\bmanana\b", "tomorrow"),
        (r"\bhoy(?:\s+mismo)?\b", "today"),
        (r"\b(?:dentro\s+de|en)\s+(\d+)\s+semanas?\b", r"in \1 weeks"),
        (r"\b(?:dentro\s+de|en)\s+(\d+)\s+dias?\b", r"in \1 days"),
        (r"\b(?:dentro\s+de|en)\s+(?:1|una)\s+semana\b", "in a week"),
        (
            r"\b(?:la\s+)?(?:proxima|siguiente)\s+semana\b|\bla\s+semana\s+(?:que\s+viene|proxima"
            r"|entrante)\b",
            "next week",
        ),
        (r"\besta\s+semana\b", "this week"),
        (
            r"\b(?:el\s+)?(?:fin|final|finales|fines)\s+(?:de|del)\s+(?:este\s+)?mes\b",
            "the end of the month",
        ),
        (r"\b(?:el\s+)?fin\s+de\s+semana\b", "the weekend"),
        (
            r"\b(?:el\s+)?(?:fin|final)\s+(?:de|del)\s+(?:semestre|trimestre|cuatrimestre|curso"
            r"|periodo)\b",
            "the end of term",
        ),
        (
            rf"\b(?:a|para)\s+(?:mediados|la\s+mitad)\s+de\s+({_MONTH})\b",
            lambda m, o: f"by mid-{MONTHS[m.group(1)]}",
        ),
        (
            rf"\b(?:a|para)\s+(?:principios|comienzos|inicios)\s+de\s+({_MONTH})\b",
            lambda m, o: f"by early {MONTHS[m.group(1)]}",
        ),
        (
            rf"\b(?:a|para)\s+(?:finales|fines)\s+de\s+({_MONTH})\b",
            lambda m, o: f"by late {MONTHS[m.group(1)]}",
        ),
        # "para la clase de mi hija el lunes": needed for an occasion on a day (need-by)
        (
            r"\bpara\s+(?:mi|la|el|su|nuestra|nuestro)\s+(?:clase|examen|exposicion|presentacion"
            r"|tarea|reunion|club|viaje|cita|proyecto|grupo)(?:\s+de\s+[^,.;!?\n]{1,25}?)?\s+"
            rf"(?:el|este|del)\s+(?=(?:proximo\s+)?(?:{_WEEKDAY})\b|(?:{'|'.join(_ENGLISH_MONTHS).lower()})\s+\d)",
            "for my class on ",
        ),
        (rf"\b(?:el\s+)?(?:proximo\s+)({_WEEKDAY})\b", lambda m, o: f"next {WEEKDAYS[m.group(1)]}"),
        (rf"\b(?:el\s+)?({_WEEKDAY})\s+que\s+viene\b", lambda m, o: f"next {WEEKDAYS[m.group(1)]}"),
        (rf"(?<!antes )\bdel\s+({_WEEKDAY})\b", lambda m, o: f"on {WEEKDAYS[m.group(1)]}"),
        (rf"\b(?:el\s+|los\s+)?({_WEEKDAY})\b", _weekday),
        (rf"\b(?:el\s+)?({_SHORT_WEEKDAY})\.(?=\s|$)", _word(SHORT_WEEKDAYS)),
        (rf"\b({_MONTH})\b", _month_alone),
        # need-by words before a date now said in English
        # (not "los necesito antes de que empiecen las clases": a clause, no date)
        (r"\b(?:lo|la|los|las)\s+necesito\s+(?:para|antes\s+de)\b(?!\s+que\b)", "I need it by"),
        (
            r"\b(?:a\s+mas\s+tardar|no\s+mas\s+tarde\s+de(?:l)?)\s+(?:el\s+)?" + _ENGLISH_DATE,
            "no later than ",
        ),
        # "antes del 15", "no del 15": a day of this month
        (
            r"\bantes\s+del\s+(\d{1,2})\b(?!\s*(?:de\b|/|[.,:]\d|\$|dolar))",
            lambda m, o: "before " + _day_of_month(m, o).removeprefix("by "),
        ),
        # "…, no del 15": a date turned down is neither need-by nor date
        (r"\s*,\s*no\s+(?:del|el|para\s+el)\s+\d{1,2}\b(?!\s*(?:de\b|/))", ""),
        (r"\bantes\s+de(?:l|\s+el)?\s+" + _ENGLISH_DATE, "before "),
        (r"\ba\s+mas\s+tardar\b|\bcomo\s+muy\s+tarde\b", "at the latest"),
        # "mejor para el 20": a day of this month, as "by the 20th"
        (r"\b(?:mejor\s+)?para\s+el\s+(\d{1,2})\b(?!\s*(?:de\b|/|[.,:]\d))", _day_of_month),
        (r"\bpara\s+(?:el\s+|la\s+|este\s+|esta\s+)?" + _ENGLISH_DATE, "by "),
        (r"\bpor\s+(?:el\s+)?" + _ENGLISH_DATE, "by "),
        (
            r"\b(?:cambia|cambie|cambien|cambiar|mueve|mueva|muevan|pasa|pase)\s+(?:la\s+)?fecha"
            r"\s+(?:al|a\s+el|a|para\s+el|para)\s+",
            "change the date to ",
        ),
        (r"\bhasta\s+(?:el\s+)?" + _NOT_MONEY + _ENGLISH_DATE, "until "),
        (
            r"\b(?:en|de)\s+(?=(?i:January|February|March|April|May|June|July|August|September|"
            r"October|November|December)\b)",
            "in ",
        ),
    ]
)
