"""Read need-by dates ("by Oct 1", "next Friday", "in 2 weeks") relative to a given day."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from handlers.understand import seasons
from handlers.understand.reading import DEFAULT_TERMS, Terms
from handlers.understand.seasons import MONTH, MONTHS, WEEKDAY, WEEKDAYS

Span = tuple[int, int]

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip

_MONTH = MONTH
_WEEKDAY = WEEKDAY
_AMOUNT = r"(?P<amount>\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_ORDINAL = r"(?:st|nd|rd|th)?"

# What makes a date a need-by date, written just before it ...
_CUE_BEFORE = re.compile(
    r"\b(?:needed|need(?:\s+(?:it|this|that|them|these|those|the\s+\w+))?|want(?:\s+(?:it|them))?"
    r"|required|due(?:\s+date)?|deadline(?:\s+is)?|by|before|until|till|til"
    r"|no\s+later\s+than|not\s+later\s+than|latest)"
    r"\s*(?:on|by|for|is|:)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# ... or just after it.
_CUE_AFTER = re.compile(r"^\s*,?\s*(?:at\s+the\s+latest|latest|deadline|or\s+sooner)", re.I)
# Words that may sit around a date in a reply that is only a date ("Oct 1 works, thanks").
_FILLER = re.compile(
    r"\b(?:i|we|need|needed|it|them|this|that|the|by|before|on|for|please|pls|plz|thanks?|thank"
    r"|you|ok|okay|is|fine|works|would|be|great|good|at|latest|no|later|than|not|due|deadline"
    r"|until|till|date|how|about|maybe|around|then|sometime|would|will|do|does|work|should"
    r"|ideally|hopefully|if|possible|preferably|say|let's|lets|want|end|of)\b|[\s.,;:!?-]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """One date found in a message."""

    when: date
    start: int
    end: int
    cued: bool  # need-by wording ("by", "before", "due") came with it
    weak: bool = False  # a date only with need-by wording, or alone ("by October", "the 20th")


@dataclass(frozen=True)
class DateReading:
    """The need-by date and bare date answer read from a message."""

    need_by: date | None = None
    date: date | None = None
    spans: tuple[Span, ...] = ()  # the stretches used, cue words included


def _next_occurrence(today: date, month: int, day: int) -> date | None:
    """Return the first month/day on or after today (Feb 29 waits for a leap year)."""
    for year in range(today.year, today.year + 5):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _explicit(year: str | None, month: int, day: int, today: date) -> date | None:
    if year is None:
        return _next_occurrence(today, month, day)
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    try:
        return date(full_year, month, day)
    except ValueError:
        return None


def _iso(m: re.Match[str], today: date) -> date | None:
    return _explicit(m.group("year"), int(m.group("month")), int(m.group("day")), today)


def _month_name(m: re.Match[str], today: date) -> date | None:
    month_text = m.group("month")
    if m.re is _DAY_MONTH and month_text == "may":
        return None  # "chapter 10 may help" is not 10 May
    month = MONTHS[month_text.lower()]
    return _explicit(m.group("year"), month, int(m.group("day")), today)


def _weekday(m: re.Match[str], today: date) -> date | None:
    target = WEEKDAYS[m.group("weekday").lower()]
    modifier = (m.group("modifier") or "").lower()
    if modifier == "next":
        # "next Friday" is the Friday of next week (weeks run Monday to Sunday)
        next_monday = today + timedelta(days=7 - today.weekday())
        return next_monday + timedelta(days=target)
    ahead = (target - today.weekday()) % 7
    if modifier == "this" and ahead == 0:
        return today
    return today + timedelta(days=ahead or 7)


def _relative_day(m: re.Match[str], today: date) -> date | None:
    word = m.group(0).lower()
    if "after" in word:
        return today + timedelta(days=2)
    return today + timedelta(days=1) if word.startswith("tomorrow") else today


def _in_amount(m: re.Match[str], today: date) -> date | None:
    raw = m.group("amount").lower()
    amount = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = m.group("unit").lower()
    if unit == "day":
        return today + timedelta(days=amount)
    if unit == "week":
        return today + timedelta(weeks=amount)
    return today + relativedelta(months=amount)


def _period_end(m: re.Match[str], today: date) -> date | None:
    unit = m.group("unit").lower()
    later = 1 if m.group("next") else 0
    if unit == "week":
        # the working week: a need-by on Friday is the safer reading of "end of the week"
        friday = today + timedelta(days=4 - today.weekday())
        return friday + timedelta(weeks=later)
    if unit == "month":
        first_of_next = (today + relativedelta(months=later + 1)).replace(day=1)
        return first_of_next - timedelta(days=1)
    return date(today.year + later, 12, 31)


def _month_end(m: re.Match[str], today: date) -> date | None:
    month = MONTHS[m.group("month").lower()]
    first = _next_occurrence(today.replace(day=1), month, 1)
    return None if first is None else first + relativedelta(months=1) - timedelta(days=1)


def _next_period(m: re.Match[str], today: date) -> date | None:
    if m.group("unit").lower() == "week":
        return today + timedelta(days=7 - today.weekday())
    return (today + relativedelta(months=1)).replace(day=1)


_ISO = re.compile(r"\b(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\b")
_US_SLASHED = re.compile(
    r"(?<![\w/.])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\w/])"
)
_US_DASHED = re.compile(r"(?<![\w/.-])(?P<month>\d{1,2})-(?P<day>\d{1,2})-(?P<year>\d{4})(?![\w-])")
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s*(?P<day>\d{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<year>\d{{4}})\b)?", re.I
)
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}})\b)?",
    re.I,
)
_WEEKDAY_RE = re.compile(rf"\b(?:(?P<modifier>next|this|coming)\s+)?{_WEEKDAY}", re.I)
_RELATIVE_DAY = re.compile(
    r"\b(?:the\s+)?day\s+after\s+tomorrow\b|\btomorrow\b|\btoday\b|\btonight\b"
    r"|\bthis\s+(?:morning|afternoon|evening)\b|\b(?:the\s+)?end\s+of\s+(?:the\s+)?day\b",
    re.I,
)
_IN_AMOUNT = re.compile(rf"\b(?:in|within)\s+{_AMOUNT}\s+(?P<unit>day|week|month)s?\b", re.I)
_AMOUNT_FROM_NOW = re.compile(
    rf"\b{_AMOUNT}\s+(?P<unit>day|week|month)s?\s+from\s+(?:now|today)\b", re.I
)
_PERIOD_END = re.compile(
    r"\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|(?P<next>next)\s+)?(?P<unit>week|month|year)\b",
    re.I,
)
_MONTH_END = re.compile(rf"\b(?:the\s+)?end\s+of\s+{_MONTH}", re.I)
_NEXT_PERIOD = re.compile(r"\bnext\s+(?P<unit>week|month)\b", re.I)

Resolver = Callable[[re.Match[str], date], date | None]
Form = tuple[re.Pattern[str], Resolver, bool]  # pattern, resolver, needs need-by wording


def _forms(terms: Terms) -> tuple[Form, ...]:
    """Return the date forms, longer and more specific first: each find blanks its text out."""
    return (
        (_ISO, _iso, False),
        (_US_DASHED, _iso, False),
        (_US_SLASHED, _iso, False),
        (seasons.TERM_END, lambda m, today: seasons.term_end(m, today, terms), False),
        (_MONTH_END, _month_end, False),
        (_PERIOD_END, _period_end, False),
        (seasons.MONTH_PART, seasons.month_part, False),
        (_MONTH_DAY, _month_name, False),
        (_DAY_MONTH, _month_name, False),
        (seasons.WEEKDAY_AND_DAY, seasons.weekday_and_day, False),
        (_RELATIVE_DAY, _relative_day, False),
        (seasons.WEEKEND, seasons.weekend, False),
        (_WEEKDAY_RE, _weekday, False),
        (_IN_AMOUNT, _in_amount, False),
        (_AMOUNT_FROM_NOW, _in_amount, False),
        (_NEXT_PERIOD, _next_period, False),
        (seasons.HOLIDAY, seasons.holiday, False),
        (seasons.DAY_OF_MONTH, seasons.day_of_month, True),
        (seasons.MONTH_ONLY, seasons.month_only, True),
    )


# "(2019, March 5)" in an APA citation is a publication date, never a deadline.
_PUBLICATION_DATE = re.compile(r"\(\s*\d{4}[a-z]?,\s*$")


def find_dates(text: str, today: date, terms: Terms = DEFAULT_TERMS) -> list[DateMention]:
    """Find every date in `text`, resolved against `today`, in the order written."""
    mentions: list[DateMention] = []
    working = text
    for pattern, resolve, weak in _forms(terms):
        for match in pattern.finditer(working):
            when = resolve(match, today)
            if when is None or _PUBLICATION_DATE.search(working[: match.start()]):
                continue
            mention = _with_cue(text, when, match.start(), match.end())
            mentions.append(replace(mention, weak=weak))
            working = working[: match.start()] + " " * len(match.group(0)) + working[match.end() :]
    return sorted(mentions, key=lambda mention: mention.start)


# "within a week", "in 10 days": a time limit is need-by wording of its own.
_LIMIT = re.compile(r"^(?:within|in)\b", re.I)


def _with_cue(text: str, when: date, start: int, end: int) -> DateMention:
    """Widen a date's span over the need-by wording around it, and note whether there was any."""
    before = _CUE_BEFORE.search(text[:start])
    after = _CUE_AFTER.match(text[end:])
    limit = _LIMIT.match(text[start:end])
    if before:
        start = before.start()
    if after:
        end += after.end()
    return DateMention(when, start, end, cued=bool(before or after or limit))


def _only_dates(text: str, mentions: list[DateMention]) -> bool:
    """Tell whether the message is nothing but a date, as in an answer to "by when?"."""
    rest = list(text)
    for mention in mentions:
        rest[mention.start : mention.end] = " " * (mention.end - mention.start)
    return not _FILLER.sub("", "".join(rest)).strip()


def read_dates(
    text: str, today: date, terms: Terms = DEFAULT_TERMS, *, alone: bool = True
) -> DateReading:
    """Read the need-by date (and a bare date answer) from a message.

    `alone` is False when other things were taken out of `text` first (identifiers): then the
    message is more than a date even if only a date is left.
    """
    mentions = find_dates(text, today, terms)
    only = alone and bool(mentions) and _only_dates(text, mentions)
    if mentions and not only:
        # "March" or "the 2nd" without need-by wording is a word in a sentence, not a date
        mentions = [mention for mention in mentions if mention.cued or not mention.weak]
    if not mentions:
        return DateReading()
    if only:
        first = mentions[0]
        return DateReading(first.when, first.when, ((first.start, first.end),))
    cued = next((mention for mention in mentions if mention.cued), None)
    # A date without need-by wording counts only as a bare answer, and only if still ahead.
    bare = next((m for m in mentions if not m.cued and m.when >= today), None)
    used = [mention for mention in (cued, bare) if mention is not None]
    return DateReading(
        need_by=cued.when if cued else None,
        date=bare.when if bare and not cued else None,
        spans=tuple((mention.start, mention.end) for mention in used),
    )
