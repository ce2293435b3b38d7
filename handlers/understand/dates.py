"""Read need-by dates ("by Oct 1", "next Friday", "in 2 weeks") relative to a given day."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from handlers.understand import day_forms, relative_dates, seasons
from handlers.understand.date_cues import DateMention, DateReading, only_dates, with_cue
from handlers.understand.day_forms import ANY_WEEKDAY, ORDINAL_WORD
from handlers.understand.holiday_dates import holiday_forms
from handlers.understand.reading import DEFAULT_TERMS, Terms
from handlers.understand.seasons import MONTH, MONTHS, WEEKDAY, day_in, recent_or_next
from handlers.understand.title_words import in_title, joins_title

Span = tuple[int, int]

_MONTH = MONTH
_WEEKDAY = WEEKDAY
_ORDINAL = r"(?:st|nd|rd|th)?"


def _explicit(year: str | None, month: int, day: int, today: date) -> date | None:
    if year is None:
        return recent_or_next(today, lambda candidate: day_in(candidate, month, day))
    return day_in(int(year) + 2000 if len(year) == 2 else int(year), month, day)


def _iso(m: re.Match[str], today: date) -> date | None:
    month, day = int(m.group("month")), int(m.group("day"))
    if month > 12 and day <= 12 and m.re is not _ISO:
        month, day = day, month  # "until 15/12": day first, as most of the world writes it
    return _explicit(m.group("year"), month, day, today)


def _month_name(m: re.Match[str], today: date) -> date | None:
    month_text = m.group("month")
    # "1 of march" is a date; "chapter 10 may help" is not
    verb = not _OF_MONTH.search(m.group(0)) if m.re is _DAY_MONTH else bool(m.group("dayword"))
    if month_text in ("may", "march") and verb:
        return None  # "chapter 10 may help", "you may first check": verbs, not months
    month = MONTHS[month_text.lower()]
    return _explicit(m.group("year"), month, day_forms.day_number(m), today)


def _weekday(m: re.Match[str], today: date) -> date | None:
    target = day_forms.weekday_number(m.group("weekday"))
    return day_forms.weekday_after(today, target, m.group("modifier") or "")


_OF_MONTH = re.compile(r"\d\s+of\s", re.I)
_ISO = re.compile(r"\b(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\b")
_US_SLASHED = re.compile(
    r"(?<![\w/.])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\w/])"
)
_US_DASHED = re.compile(r"(?<![\w/.-])(?P<month>\d{1,2})-(?P<day>\d{1,2})-(?P<year>\d{4})(?![\w-])")
# "Deadline 15.12.2026": a dotted date with its year is written day first (never a version number
# or a price: the four-digit year is required).
_DOTTED = re.compile(
    r"(?<![\w.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\w]|\.\d)"
)
# "Oct. the 3rd", "October third", "12 September 2026"; a weekday just before ("Monday Sept
# 14") is taken in with the date, see _with_weekday.
_DAY = rf"(?:(?P<day>\d{{1,2}}){_ORDINAL}\b|{ORDINAL_WORD})"
_YEAR = r"(?:,?\s+(?P<year>\d{4})\b)?"
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s*(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)\b|[a-z]))?{_DAY}{_YEAR}", re.I
)
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}{_YEAR}", re.I
)
_WEEKDAY_BEFORE = re.compile(rf"\b{ANY_WEEKDAY},?\s+(?:the\s+)?$", re.I)
_WEEKDAY_RE = re.compile(rf"\b(?:(?P<modifier>next|this|coming)\s+)?{_WEEKDAY}", re.I)
Resolver = Callable[[re.Match[str], date], date | None]
Form = tuple[re.Pattern[str], Resolver, bool]  # pattern, resolver, needs need-by wording


# Cheap tests of what a message holds, so that only the forms it could hold are searched.
_ANY_MONTH = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.I)
_ANY_DAY_NAME = re.compile(rf"\b(?:{ANY_WEEKDAY})", re.I)
_RELATIVE_WORD = re.compile(r"tomorrow|today|tonight|this\s|end\s+of", re.I)
_TERM_WORD = re.compile(r"\b(?:term|semester|quarter|session)", re.I)


def _forms(text: str, today: date, terms: Terms, region: str | None) -> tuple[Form, ...]:
    """Return the date forms, longer and more specific first: each find blanks its text out.

    Forms the message cannot hold (no digit, no month or day name) are left out.
    """
    lower = text.lower()
    digit = any(c.isdigit() for c in text)
    month = _ANY_MONTH.search(text) is not None
    day = _ANY_DAY_NAME.search(text) is not None
    ended = "end" in lower or re.search(r"\beo[wmy]\b", lower) is not None  # "by eow"
    forms: list[Form] = []
    if digit:
        forms += [(_ISO, _iso, False), (_US_DASHED, _iso, False), (_US_SLASHED, _iso, False)]
        forms.append((_DOTTED, _iso, False))
    if _TERM_WORD.search(text):
        term_end = seasons.term_end
        forms.append((seasons.TERM_END, lambda m, today: term_end(m, today, terms), False))
    if month and ended:
        forms.append((relative_dates.MONTH_END, relative_dates.month_end, False))
    if ended:
        forms.append((relative_dates.PERIOD_END, relative_dates.period_end, False))
    if month:
        forms += [
            (seasons.MONTH_PART, seasons.month_part, False),
            (_MONTH_DAY, _month_name, False),
            (_DAY_MONTH, _month_name, False),
        ]
    # holidays before the weekdays: "Good Friday" is a holiday, not a Friday
    forms += [(pattern, resolve, False) for pattern, resolve in holiday_forms(text, today, region)]
    if day and digit:
        forms.append((seasons.WEEKDAY_AND_DAY, seasons.weekday_and_day, False))
    if " from " in text:
        forms.append((day_forms.WEEK_FROM, day_forms.week_from, False))
    if _RELATIVE_WORD.search(text):
        forms.append((relative_dates.RELATIVE_DAY, relative_dates.relative_day, False))
    if "weekend" in lower:
        forms.append((seasons.WEEKEND, seasons.weekend, False))
    if day:
        forms += [
            (_WEEKDAY_RE, _weekday, False),
            (day_forms.SHORT_WEEKDAY, day_forms.short_weekday, False),
        ]
    if "day" in lower or "week" in lower or "month" in lower:
        forms += [
            (relative_dates.IN_AMOUNT, relative_dates.in_amount, False),
            (relative_dates.AMOUNT_FROM_NOW, relative_dates.in_amount, False),
        ]
    if "next" in lower:
        forms.append((relative_dates.NEXT_PERIOD, relative_dates.next_period, False))
    if digit:
        forms.append((seasons.DAY_OF_MONTH, seasons.day_of_month, True))
    if month:
        forms.append((seasons.MONTH_ONLY, seasons.month_only, True))
    return tuple(forms)


# A full stop a date may end in that belongs to it: "Oct.", "Thurs.".
_ABBREVIATED = re.compile(
    r"\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|weds|thu|thur|thurs"
    r"|fri|sat|sun)\.$",
    re.I,
)
# "No, not by Friday": a date the patron turns down is neither a need-by nor an answer.
_NEGATED = re.compile(r"\bnot\s*$", re.I)
# "(2019, March 5)" in an APA citation is a publication date, never a deadline.
_PUBLICATION_DATE = re.compile(r"\(\s*\d{4}[a-z]?,\s*$")


def find_dates(
    text: str, today: date, terms: Terms = DEFAULT_TERMS, region: str | None = None
) -> list[DateMention]:
    """Find every date in `text`, resolved against `today`, in the order written.

    A date word inside a title ("The Thursday Murder Club") is passed over, and blanked so
    that no shorter form reads it either.
    """
    mentions: list[DateMention] = []
    working = text
    title_end = -1  # where the last date word read as a title word ended
    for pattern, resolve, weak in _forms(text, today, terms, region):
        for match in pattern.finditer(working):
            start, end = _with_weekday(working, match), match.end()
            if working[end - 1 : end] == "." and not _ABBREVIATED.search(working, start, end):
                end -= 1  # "by 3 November.": the full stop ends the sentence, not the date
            if (title_end >= 0 and joins_title(text, title_end, start)) or in_title(
                text, start, end
            ):
                title_end = end
            else:
                when = resolve(match, today)
                if when is None or _PUBLICATION_DATE.search(working[:start]):
                    continue
                if _recurring(text, start, end):
                    working = working[:start] + " " * (end - start) + working[end:]
                    continue  # "we meet the first Thursday of the month": no one day
                mention = with_cue(text, when, start, end)
                if not _NEGATED.search(text, max(0, mention.start - 12), mention.start):
                    mentions.append(replace(mention, weak=weak))  # not "No, not by Friday"
            working = working[:start] + " " * (end - start) + working[end:]
    return sorted(mentions, key=lambda mention: mention.start)


# "every Thursday", "the first Thursday of the month": a day that comes round, not a date.
_EVERY_BEFORE = re.compile(r"\b(?:every|each)\s+(?:other\s+)?$", re.I)
_NTH_BEFORE = re.compile(r"\b(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+$", re.I)
_OF_MONTH_AFTER = re.compile(r"^\s+(?:of\s+)?(?:the|each|every)\s+month\b", re.I)


def _recurring(text: str, start: int, end: int) -> bool:
    """Tell whether a weekday is one that comes round ("every Thursday"), not one date."""
    if not _ANY_DAY_NAME.match(text, start):
        return False
    before = text[max(0, start - 20) : start]
    if _EVERY_BEFORE.search(before):
        return True
    return bool(_NTH_BEFORE.search(before) and _OF_MONTH_AFTER.match(text[end:]))


def _with_weekday(working: str, match: re.Match[str]) -> int:
    """Return where a calendar date starts, a weekday just before included ("Monday Sept 14")."""
    if match.re not in (_MONTH_DAY, _DAY_MONTH):
        return match.start()
    before = _WEEKDAY_BEFORE.search(working, max(0, match.start() - 16), match.start())
    return before.start() if before else match.start()


def read_dates(
    text: str,
    today: date,
    terms: Terms = DEFAULT_TERMS,
    *,
    alone: bool = True,
    region: str | None = None,
) -> DateReading:
    """Read the need-by date (and a bare date answer) from a message.

    `alone` is False when other things were taken out of `text` first (identifiers): then the
    message is more than a date even if only a date is left. `region` ("US", "US-NE") says
    whose public holidays "by Labor Day" means; the default is the United States'.
    """
    mentions = find_dates(text, today, terms, region)
    only = alone and bool(mentions) and only_dates(text, mentions)
    if mentions and not only:
        # "March" or "the 2nd" without need-by wording is a word in a sentence, not a date
        mentions = [mention for mention in mentions if mention.cued or not mention.weak]
    if not mentions:
        return DateReading()
    if only:
        return _need_by(mentions[0], today, answer=True)
    cued = next((mention for mention in mentions if mention.cued), None)
    # A date without need-by wording counts only as a bare answer, and only if still ahead.
    bare = next((m for m in mentions if not m.cued and m.when >= today), None)
    reading = _need_by(cued, today, answer=False) if cued else DateReading()
    if bare is None:
        return reading
    return replace(
        reading,
        date=None if cued else bare.when,
        spans=(*reading.spans, (bare.start, bare.end)),
    )


def _need_by(mention: DateMention, today: date, *, answer: bool) -> DateReading:
    """Read one need-by mention; one already past is kept apart as `past`."""
    span = ((mention.start, mention.end),)
    if mention.when < today:
        return DateReading(spans=span, past=mention.when, due=mention.due)
    return DateReading(mention.when, mention.when if answer else None, span, due=mention.due)
