"""Days named in words: "by sat", "next wed", "a week from Friday", "October the third"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from handlers.understand.seasons import ALL_WEEKDAYS, ANY_WEEKDAY_NAME

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip
AMOUNT = r"(?P<amount>\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"

_DAY_NAMES = ANY_WEEKDAY_NAME
ANY_WEEKDAY = rf"(?:{_DAY_NAMES})\b\.?"

_UNIT_TEXT = """
    first second third fourth fifth sixth seventh eighth ninth
"""
_UNITS = _UNIT_TEXT.split()
_TEEN_TEXT = """
    tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth
    nineteenth
"""
_TEENS = _TEEN_TEXT.split()
ORDINAL_WORDS = {word: n for n, word in enumerate(_UNITS, start=1)}
ORDINAL_WORDS |= {word: n for n, word in enumerate(_TEENS, start=10)}
ORDINAL_WORDS |= {"twentieth": 20, "thirtieth": 30, "thirty-first": 31, "thirty first": 31}
ORDINAL_WORDS |= {f"twenty{joint}{word}": 20 + n for n, word in enumerate(_UNITS, start=1)
                  for joint in ("-", " ")}  # fmt: skip
ORDINAL_WORD = r"(?P<dayword>" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r")\b"

SHORT_WEEKDAY = re.compile(
    r"\b(?:(?P<modifier>next|this|coming)\s+)?(?P<weekday>wed|sat|sun)\b\.?", re.I
)
_DAY_LEAD = re.compile(
    r"\b(?:by|before|until|till|til|on|due|for|needed|need\s+it|latest|or)\s*,?\s*$", re.I
)
_WHOLE_ANSWER_AFTER = re.compile(
    r"^\s*(?:(?:works|is\s+(?:fine|good|ok|okay|great)|would\s+(?:be\s+(?:great|fine|good)|work))"
    r"(?:\s+for\s+(?:me|us))?|ok|okay|please|pls|then|at\s+the\s+latest)?\s*[?.!,]*\s*$",
    re.I,
)
WEEK_FROM = re.compile(
    rf"\b{AMOUNT}\s+(?P<unit>day|week)s?\s+from\s+(?:(?P<modifier>next|this|coming)\s+)?"
    rf"(?P<base>tomorrow|today|(?P<weekday>{_DAY_NAMES}))\b\.?",
    re.I,
)


def weekday_after(today: date, target: int, modifier: str = "") -> date:
    """Return the day a weekday name means: the next one ("next Friday": next week's)."""
    if modifier.lower() == "next":
        # "next Friday" is the Friday of next week (weeks run Monday to Sunday)
        next_monday = today + timedelta(days=7 - today.weekday())
        return next_monday + timedelta(days=target)
    ahead = (target - today.weekday()) % 7
    if modifier.lower() == "this" and ahead == 0:
        return today
    return today + timedelta(days=ahead or 7)


def weekday_number(name: str) -> int:
    """Return Monday=0 … Sunday=6 for a day name or abbreviation ("Thurs.", "sat")."""
    return ALL_WEEKDAYS[name.lower().rstrip(".")]


def short_weekday(m: re.Match[str], today: date) -> date | None:
    """Resolve "by sat", "next wed", "sun?"; None where the word is not a day ("Sun Tzu")."""
    text = m.string
    # "by Sun Tzu", "Sat Nam": the start of a name; not "by Wed.\nThanks", a new line or sentence
    if not m.group(0).endswith(".") and re.match(r"[ \t]+[A-Z][a-z]", text[m.end() :]):
        return None
    led = m.group("modifier") or _DAY_LEAD.search(text, 0, m.start())
    whole = not text[: m.start()].strip() and _WHOLE_ANSWER_AFTER.match(text[m.end() :])
    if not (led or whole):
        return None
    return weekday_after(today, weekday_number(m.group("weekday")), m.group("modifier") or "")


def week_from(m: re.Match[str], today: date) -> date | None:
    """Resolve "a week from Friday", "two weeks from Monday", "a week from tomorrow"."""
    raw = m.group("amount").lower()
    amount = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    base_word = m.group("base").lower()
    if m.group("weekday"):
        base = weekday_after(today, weekday_number(base_word), m.group("modifier") or "")
    else:
        base = today + timedelta(days=1 if base_word == "tomorrow" else 0)
    unit = timedelta(weeks=1) if m.group("unit").lower() == "week" else timedelta(days=1)
    return base + unit * amount


def day_number(m: re.Match[str]) -> int:
    """Return the day of the month a match names in figures ("3rd") or words ("third")."""
    word = m.groupdict().get("dayword")
    return ORDINAL_WORDS[re.sub(r"\s+", " ", word.lower())] if word else int(m.group("day"))
