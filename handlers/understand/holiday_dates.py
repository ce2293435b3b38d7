"""Holidays named as need-by dates: "by Thanksgiving", "before MLK day", "by Arbor Day".

Public holidays come from the `holidays` package for the library's region: a country, or a
country and state ("US", "US-NE"). A few days that are not public holidays (Christmas Eve,
Halloween, Easter) are reckoned here when the package does not list them for the region.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from handlers.understand.seasons import nth_weekday, recent_or_next

DEFAULT_REGION = "US"
# A holiday comes round every year: "by Memorial Day" said in September means next May. Only
# one just gone ("by Christmas" on Dec 27) is taken as a slip the core asks about.
_JUST_PASSED = timedelta(days=14)
Resolver = Callable[[re.Match[str], date], date | None]

# What patrons write, and how the official name begins (lower case, apostrophes dropped).
_SAID: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"thanksgiving(?:\s+(?:day|break))?", ("thanksgiving",)),
    (r"(?:christmas|xmas)\s+eve", ("christmas eve",)),
    (r"(?:christmas|xmas)(?:\s+(?:day|break))?", ("christmas day",)),
    (r"new\s+year'?s\s+eve", ("new years eve",)),
    (r"new\s+year'?s(?:\s+day)?", ("new years day",)),
    (r"labou?r\s+day", ("labor day",)),
    (r"memorial\s+day", ("memorial day",)),
    (r"independence\s+day|(?:the\s+)?fourth\s+of\s+july", ("independence day",)),
    (r"(?:mlk|martin\s+luther\s+king(?:\s+jr\.?)?)(?:'?s)?(?:\s+(?:day|birthday))?",
     ("martin luther king", "dr. martin luther king")),
    (r"presidents?'?\s+day|president'?s\s+day|washington'?s\s+birthday",
     ("washingtons birthday", "presidents day", "george washington")),
    (r"juneteenth", ("juneteenth",)),
    (r"veterans?'?\s+day", ("veterans day",)),
    (r"columbus\s+day|indigenous\s+peoples?'?\s+day", ("columbus day", "indigenous peoples day")),
    (r"election\s+day", ("election day",)),
    (r"good\s+friday", ("good friday",)),
    (r"easter(?:\s+sunday)?", ("easter sunday",)),
    (r"halloween", ("halloween",)),
    (r"valentine'?s(?:\s+day)?", ("valentines day",)),
    (r"mother'?s\s+day", ("mothers day",)),
    (r"father'?s\s+day", ("fathers day",)),
    (r"st\.?\s+patrick'?s\s+day|saint\s+patrick'?s\s+day", ("st patricks day",)),
)  # fmt: skip
# A word part every name in _SAID holds, to skip the search when none is there.
_STEMS = (
    "thanksgiv", "christmas", "xmas", "year", "labo", "memorial", "independence", "july", "mlk",
    "king", "president", "washington", "juneteenth", "veteran", "columbus", "indigenous",
    "election", "good friday", "easter", "halloween", "valentine", "mother", "father", "patrick",
)  # fmt: skip
_NAMED_GROUPS = "|".join(f"(?P<h{i}>{pattern})" for i, (pattern, _) in enumerate(_SAID))
SAID = re.compile(rf"\b(?:{_NAMED_GROUPS})\b", re.I)


def _reckoned(name: str, year: int) -> date | None:
    """Return the days the package may not list: observances and Easter's moving feasts."""
    fixed = {"christmas eve": (12, 24), "new years eve": (12, 31), "halloween": (10, 31),
             "valentines day": (2, 14), "st patricks day": (3, 17), "christmas day": (12, 25),
             "new years day": (1, 1)}  # fmt: skip
    if name in fixed:
        return date(year, *fixed[name])
    moving = {"easter sunday": easter(year), "good friday": easter(year) - timedelta(days=2),
              "mothers day": nth_weekday(year, 5, 6, 2), "fathers day": nth_weekday(year, 6, 6, 3),
              "election day": nth_weekday(year, 11, 0, 1) + timedelta(days=1)}  # fmt: skip
    return moving.get(name)


def _plain(name: str) -> str:
    return re.sub(r"['’]", "", name.lower()).replace("(observed)", "").strip()


@lru_cache(maxsize=64)
def _official(region: str, year: int) -> tuple[tuple[date, str], ...]:
    """Return the region's public holidays of a year as (day, plain name), one per name part."""
    import holidays  # imported when first needed: it takes a tenth of a second

    country, _, state = region.upper().partition("-")
    try:
        listed = holidays.country_holidays(country, subdiv=state or None, years=year)
    except (NotImplementedError, KeyError, ValueError):  # a region the package does not know
        return ()
    days = []
    for day, names in sorted(listed.items()):
        if "observed" in names.lower():
            continue  # the day off in lieu, not the holiday a patron names
        days += [(day, _plain(part)) for part in re.split(r";|\s/\s", names) if part.strip()]
    return tuple(days)


def _on(region: str, starts: tuple[str, ...], year: int) -> date | None:
    for day, name in _official(region, year):
        if name.startswith(starts):
            return day
    return next(filter(None, (_reckoned(start, year) for start in starts)), None)


# "Martin Luther King Jr." and "MLK" without "Day" are a person (an author) unless need-by
# words lead into them ("before MLK", "need it by MLK"; not "Chaos or Community? by MLK").
_PERSON = re.compile(r"^(?:mlk|martin\s+luther\s+king(?:\s+jr\.?)?)$", re.I)
_PERSON_LED = re.compile(
    r"(?:(?P<before>\S*)\s+|^)(?P<lead>before|until|till|til|for|on|by)\s+$", re.I
)


def _a_person(m: re.Match[str]) -> bool:
    if not _PERSON.match(m.group(0)):
        return False
    led = _PERSON_LED.search(m.string, max(0, m.start() - 60), m.start())
    if not led:
        return True
    before = led.group("before") or ""
    # "... Community? by MLK", "Why We Can't Wait by Martin Luther King": a title, then its author
    titled = before[-1:] in "?!:" or before[:1].isupper()
    return led.group("lead").lower() == "by" and titled


# "Happy Thanksgiving!", "Merry Christmas to all": a holiday wished, not a date asked for.
_GREETED = re.compile(r"\b(?:happy|merry|joyous|blessed)\s+(?:belated\s+)?$", re.I)


def _said_resolver(region: str) -> Resolver:
    def resolve(m: re.Match[str], today: date) -> date | None:
        index = int(next(key for key, value in m.groupdict().items() if value)[1:])
        if _a_person(m) or _GREETED.search(m.string, 0, m.start()):
            return None
        starts = _SAID[index][1]
        return recent_or_next(today, lambda year: _on(region, starts, year), _JUST_PASSED)

    return resolve


def _said_word(word: str) -> str:
    """Return a pattern for one word of a name, apostrophe optional ("Patriots'", "Seward's")."""
    if word.endswith("s") and len(word) > 3:
        return re.escape(word[:-1]) + r"['’]?s['’]?"
    return re.escape(word)


@lru_cache(maxsize=16)
def _named_pattern(region: str, year: int) -> re.Pattern[str] | None:
    """Return a pattern for every holiday name the package lists for the region in a year."""
    names = {name for _, name in _official(region, year) if len(name) > 3}
    said = sorted((r"\s+".join(map(_said_word, name.split())) for name in names), key=len)
    if not said:
        return None
    return re.compile(r"\b(?P<name>" + "|".join(reversed(said)) + r")(?!\w)", re.I)


def _named_resolver(region: str) -> Resolver:
    def resolve(m: re.Match[str], today: date) -> date | None:
        if _GREETED.search(m.string, 0, m.start()):
            return None
        name = _plain(re.sub(r"\s+", " ", m.group("name")))
        return recent_or_next(today, lambda year: _on(region, (name,), year), _JUST_PASSED)

    return resolve


# A holiday named only by the package (a state's "Arbor Day") ends in one of these words.
_NAMED_HINT = re.compile(r"\b(?:day|birthday|gras)\b", re.I)


def holiday_forms(
    text: str, today: date, region: str | None
) -> tuple[tuple[re.Pattern[str], Resolver], ...]:
    """Return the holiday patterns to look for in `text`, with their resolvers."""
    region = region or DEFAULT_REGION
    lower = text.lower()
    forms: list[tuple[re.Pattern[str], Resolver]] = []
    if any(stem in lower for stem in _STEMS):  # most messages name no holiday: skip the search
        forms.append((SAID, _said_resolver(region)))
    named = _named_pattern(region, today.year) if _NAMED_HINT.search(text) else None
    if named is not None:
        forms.append((named, _named_resolver(region)))
    return tuple(forms)
