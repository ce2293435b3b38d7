"""Spanish amounts said in English: "hasta 5 dólares" → "up to $5", "gratis" → "free only".

Read after the dates (spanish_dates.DATES), on the lower-case, accent-free shadow: what is left
is money, a refusal to pay or a wish to pay nothing. A policy question on cost ("¿es gratis?")
was said in English before (spanish_policy), so "gratis" here is the terms of a request.
"""

from __future__ import annotations

from handlers.understand.spanish import rules

MONEY = rules(
    [
        (r"\$\s*(\d+),(\d{2})\b", r"$\1.\2"),
        (r"\b(\d+),(\d{2})\s*(?=dolares|dolar|usd)", r"\1.\2 "),
        (
            r"\b(\d+(?:\.\d{1,2})?)\s*(?:dolares|dolar|dolaritos|dolarcitos|dolarito|dlls?|dls|usd|bucks)\b",
            r"$\1",
        ),
        (r"\b(\d+)\s*centavos\b", r"\1 cents"),
        (
            r"\bno\s+(?:puedo|podemos|quiero|queremos)\s+pagar\s+mas\s+de\s+(?=\$|\d+ cents)",
            "I can pay no more than ",
        ),
        (r"\bno\s+(?:me|nos)\s+cobren\s+mas\s+de\s+(?=\$|\d+ cents)", "no more than "),
        (
            r"\bno\s+(?:puedo|podemos|quiero|queremos|voy\s+a)\s+pagar(?:\s+nada)?\b(?!\s+(?:eso|esa|ese))"
            r"|\bno\s+pago(?:\s+nada)?\b",
            "I won't pay",
        ),
        (
            r"\b(?:solo\s+)?(?:gratis|gratuito|sin\s+costo)\s*,?\s*(?:nada\s+mas|nomas|solamente"
            r"|unicamente|solo)\b|\bsolo\s+(?:gratis|si\s+es\s+gratis)\b",
            "free only",
        ),
        (r"\bpuedo\s+pagar\b", "I can pay"),
        (r"\bpagaria\b", "I would pay"),
        (r"\bhasta\s+(?=\$|\d+ cents)", "up to "),
        (
            r"(?:\s*,)?\s*\bque\s+no\s+(?:pase|pasen|cueste|cuesten|exceda|excedan|supere|superen)"
            r"\s+(?:de\s+)?(?=\$|\d+ cents)",
            ", up to ",
        ),
        (r"\bno\s+mas\s+de\s+(?=\$|\d+ cents)", "no more than "),
        (r"\bmenos\s+de\s+(?=\$|\d+ cents)", "under "),
        (r"\b(?:como\s+)?(?:maximo|max\.?|a\s+lo\s+sumo|tope\s+de|tope)\s*(?=\$)", "max "),
        (r"(\$[\d.]+)\s+(?:como\s+maximo|maximo|max|a\s+lo\s+sumo|de\s+tope)\b", r"\1 max"),
        (r"\bsolo\s+si\s+es\s+(?:gratis|gratuito|sin\s+costo)\b", "only if it's free"),
        (
            r"\bno\s+(?:quiero|puedo|voy\s+a)\s+pagar(?:\s+nada)?\b|\bno\s+pago(?:\s+nada)?\b",
            "I won't pay",
        ),
        # "gratis" in a request is a wish to pay nothing wherever it stands ("gratis, y para el 1
        # de noviembre", "Gratis de preferencia"); "¿es gratis?" asks about cost instead.
        (
            r"(?<!\bes\s)(?<!\bson\s)(?<!\bsera\s)(?<!\bsale\s)(?<!\bsalen\s)(?<!\bsi\s)"
            r"\b(?:gratis|gratuito|gratuita|sin\s+costo(?:\s+alguno)?|sin\s+cargo(?:s)?"
            r"|sin\s+pagar)\b",
            "free only",
        ),
        (r"\b(?:gratis|gratuito|gratuita|sin\s+costo)\b", "free"),
        (r"\bfree\s*,?\s*(?:nomas|nada\s+mas|de\s+preferencia|si\s+se\s+puede)\b", "free only"),
        (
            r"\b(?:lo|la|los|las)\s+(?:pago|pagaria|puedo\s+pagar)\s+(?=hasta|max|up|\$)",
            "I can pay ",
        ),
        (r"\bpago\s+(?:los\s+|el\s+)?(?=\$)", "I'll pay the "),
        (r"\b(?:el\s+)?cargo\s+de\s+(?=\$)", "the fee of "),
    ]
)
