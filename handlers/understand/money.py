"""Read the most a patron will pay for a request ("up to $10", "free only")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.understand.title_words import in_title

Span = tuple[int, int]

_NUMBER = r"(?P<amount>\d{1,4}(?:\.\d{1,2})?)"
_WITH_UNIT = re.compile(
    rf"(?:\$|\bUSD\s?|\bUS\$\s?)\s?{_NUMBER}\b"
    rf"|\b{_NUMBER.replace('amount', 'amount2')}\s?(?:dollars?|bucks|usd)\b"
    # "5$", "10 $": the sign after the number, as many writers put it
    rf"|\b{_NUMBER.replace('amount', 'amount3')}\s?\$(?!\w)",
    re.IGNORECASE,
)
_WORD_AMOUNTS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100, "hundred": 100,
}  # fmt: skip
_WORDS = "|".join(sorted(_WORD_AMOUNTS, key=len, reverse=True))
_IN_WORDS = re.compile(rf"\b(?P<words>{_WORDS})\s+(?:dollars?|bucks)\b", re.IGNORECASE)
_CENTS = re.compile(r"\b(?P<cents>\d{1,2})\s?(?:cents?|¢)", re.IGNORECASE)
# A number after a spending word is money unless a unit says otherwise ("up to 2 weeks").
_WITH_CUE = re.compile(
    r"\b(?:up\s+to|max(?:imum)?|at\s+most|no\s+more\s+than|not\s+more\s+than|pay|spend"
    r"|budget(?:\s+(?:of|is))?|limit(?:\s+(?:of|is))?|under|cap(?:\s+(?:of|is|at))?)\s*:?\s*"
    # "i can pay like 10", "pay about 5": a hedge before the amount
    r"(?:(?:like|about|around|maybe|roughly)\s+)?"
    rf"{_NUMBER}\b"
    r"(?!\s*(?:%|¢|cents?\b|days?|weeks?|months?|years?|pages?|items?|books?|articles?|copies|hours?"
    r"|minutes?|chapters?|requests?|times?))",
    re.IGNORECASE,
)
_ZERO = re.compile(
    r"\bfree\s+only\b|\bonly\s+(?:if\s+(?:it'?s|it\s+is)\s+)?free\b|\bno\s+(?:fees?|charges?|costs?)\b"
    r"|\b(?:won'?t|will\s+not|can'?t|cannot|can\s+not|don'?t|do\s+not|not\s+willing\s+to"
    r"|unwilling\s+to|not\s+going\s+to|unable\s+to)\s+(?:want\s+to\s+|be\s+able\s+to\s+)?pay\b"
    r"|\bnot\s+paying\b|\brather\s+not\s+pay\b|\bpay\s+nothing\b|\bnothing\s+at\s+all\b|\bzero\s+dollars\b"
    r"|\bnot\s+a\s+(?:cent|penny|dime)\b|\bfree\s+of\s+charge\b|\bcan'?t\s+afford\b"
    r"|\bpay\s+(?:anything|a\s+(?:cent|penny|thing))\b"
    r"|\bpay\s+(?:only\s+)?if\s+(?:it'?s|it\s+is)\s+free\b"
    # "Demon Copperhead by Barbara Kingsolver, free", "... for free?", "(free)", "...Atlantic?
    # free": a lower-case "free" after a title asks for it free ("Born Free" is a title word).
    r"|(?:[,;:(.?!]|\s[-–—])\s*(?-i:free)\b(?:\s*,?\s+(?:only|please|pls|if\s+possible))*\s*[.!?)]*\s*$"
    # "..., free, need by 12/1": the same between commas; "isbn 9780316769481 free": right
    # after an identifier (read out before amounts are looked for: a run of blanks)
    r"|,\s*(?-i:free)\s*,|(?<=\s{5})(?-i:free)\b"
    r"|\bfor\s+(?-i:free)\b|\b(?:has|have|needs?)\s+to\s+be\s+(?-i:free)\b|\bmust\s+be\s+free\b"
    r"|\bonly\s+if\s+(?:it'?s\s+)?free\b"
    # "I only want it if it's free", "as long as it's free", "if it's free of charge"
    r"|\bonly\s+(?:want|need|take)\s+(?:it|them|this)\s+if\s+(?:it'?s|it\s+is|they'?re)\s+free\b"
    r"|\bas\s+long\s+as\s+(?:it'?s|it\s+is|they'?re)\s+free\b"
    # "Free if possible.", "preferably free": a wish to pay nothing is a limit of nothing
    r"|\bfree\s*,?\s+if\s+(?:at\s+all\s+)?(?:possible|(?:you|u)\s+can)\b"
    r"|\b(?:preferably|ideally|hopefully)\s+(?:for\s+)?free\b",
    re.IGNORECASE,
)
# "2 bucks max", "$5 tops": the words of limit after an amount belong to it.
_TRAIL = re.compile(r"^\s*(?:max(?:imum)?|tops|at\s+(?:the\s+)?most|or\s+less|limit)\b\.?", re.I)
# The words that lead into an amount belong to it ("max $15", "I can pay up to $3"): they are
# taken out with it, so they are never read as part of a title.
_LEAD = re.compile(
    r"(?:\b(?:i\s+can|i'?ll|i\s+will|i'?m\s+willing\s+to|willing\s+to|happy\s+to|able\s+to)\s+)?"
    r"(?:\b(?:pay|spend)\s+)?(?:\b(?:up\s+to|max(?:imum)?|at\s+most|no\s+more\s+than|not\s+more"
    r"\s+than|under|budget(?:\s+(?:of|is))?|limit(?:\s+(?:of|is))?|cap(?:\s+(?:of|is|at))?)\s*:?\s*)?$",
    re.IGNORECASE,
)
# A whole reply that is only "nothing", "free", "0" or an amount answers "how much will you pay?".
_FILLER = r"(?:\s*[,.!]?\s*(?:please|pls|plz|thanks|thank\s+you|i\s+guess|then))*\s*[.!]?"
_ZERO_ANSWER = re.compile(
    rf"^\s*(?:nothing|none|zero|free|nada|\$?\s?0(?:\.0{{1,2}})?(?:\s?dollars)?){_FILLER}$",
    re.IGNORECASE,
)
_BARE_AMOUNT = re.compile(
    rf"^\s*\$?\s?{_NUMBER}\s*(?:dollars?|bucks|usd)?{_FILLER}$", re.IGNORECASE
)
# A whole reply that is an amount with a word of limit after it, or "I can do 15": an answer to
# "how much will you pay?" ("20 tops", "10 max", "15 at most").
_AMOUNT_ANSWER = re.compile(
    rf"^\s*(?:(?:ok|okay|um+|hmm+|well)\s*,?\s*)?(?:i\s+can\s+(?:do|go\s+(?:up\s+)?to|manage|stretch\s+to)\s+)?"
    rf"\$?\s?{_NUMBER}\s*(?:dollars?|bucks|usd)?\s*(?:tops|max(?:imum)?|at\s+most|at\s+the\s+most)?"
    rf"{_FILLER}$",
    re.IGNORECASE,
)


# What every amount, and every way of saying "free only", holds.
_MONEY_HINT = re.compile(
    r"\d|dollar|buck|free|fee|charge|cost|pay|nothing|none|zero|nada|cent|penn|dime|afford|¢", re.I
)
# A price stated, not a limit: "its like $200", "it costs $40", "priced at $30".
_PRICE_BEFORE = re.compile(
    r"\b(?:costs|costing|it\s+cost|priced\s+at|sells?\s+for|retails?\s+(?:for|at)"
    r"|(?:it'?s|its|is)\s+like)"
    r"\s*(?:about\s+|around\s+|like\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class MoneyReading:
    """The most the patron will pay, in USD, and where it was said."""

    max_cost: float | None = None
    span: Span | None = None


def _amount(match: re.Match[str]) -> float:
    groups = match.groupdict()
    value = groups.get("amount") or groups.get("amount2") or groups.get("amount3") or "0"
    return float(value)


def _with_lead(text: str, span: Span) -> Span:
    """Widen an amount's span over the words that lead into it ("up to", "max")."""
    lead = _LEAD.search(text, 0, span[0])
    trail = _TRAIL.match(text[span[1] :])
    end = span[1] + trail.end() if trail else span[1]
    return (lead.start() if lead and lead.group(0).strip() else span[0], end)


def _first_amount(text: str) -> re.Match[str] | None:
    """Return the first amount that is not a title's own ("The $100 Startup")."""
    for pattern in (_BARE_AMOUNT, _AMOUNT_ANSWER, _WITH_UNIT, _WITH_CUE):
        for match in pattern.finditer(text):
            if pattern is _WITH_UNIT and _PRICE_BEFORE.search(text, 0, match.start()):
                continue  # "it's like $200", "it costs $40": what it costs, not what they'll pay
            if pattern in (_WITH_CUE, _AMOUNT_ANSWER) or not in_title(
                text, match.start(), match.end()
            ):
                return match
    return None


def read_max_cost(text: str) -> MoneyReading:
    """Read the patron's maximum cost from a message; 0.0 means free only."""
    if not _MONEY_HINT.search(text):
        return MoneyReading()  # no figure and no word any amount or refusal to pay is said with
    match = _first_amount(text)
    if match:
        # An amount wins over refusal words: "won't pay more than $5" means 5.
        return MoneyReading(_amount(match), _with_lead(text, match.span()))
    # "Five Dollars and a Pork Chop Sandwich": an amount in words may be a title's own
    words = next(
        (m for m in _IN_WORDS.finditer(text) if not in_title(text, m.start(), m.end())), None
    )
    if words:
        amount = float(_WORD_AMOUNTS[words.group("words").lower()])
        return MoneyReading(amount, _with_lead(text, words.span()))
    cents = _CENTS.search(text)
    if cents:
        return MoneyReading(int(cents.group("cents")) / 100, _with_lead(text, cents.span()))
    zero = _ZERO_ANSWER.search(text) or _ZERO.search(text)
    if zero:
        return MoneyReading(0.0, zero.span())
    return MoneyReading()
