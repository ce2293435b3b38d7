"""Read need-by dates ("by Oct 1", "next Friday", "in 2 weeks") relative to a given day."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from handlers.understand import day_forms, relative_dates, seasons
from handlers.understand.day_forms import ANY_WEEKDAY, ORDINAL_WORD
from handlers.understand.holiday_dates import holiday_forms
from handlers.understand.reading import DEFAULT_TERMS, Terms
from handlers.understand.seasons import MONTH, MONTHS, WEEKDAY, day_in, recent_or_next
from handlers.understand.title_words import in_title, joins_title

Span = tuple[int, int]

_MONTH = MONTH
_WEEKDAY = WEEKDAY
_ORDINAL = r"(?:st|nd|rd|th)?"

# What makes a date a need-by date, written just before it ...
_CUE_BEFORE = re.compile(
    r"\b(?:(?:(?:i|we)(?:'d|\s+would|'ll|\s+will)?\s+(?:really\s+)?)?"
    r"(?:need|want)(?:\s+(?:it|this|that|them|these|those|the\s+\w+))?|needed"
    r"|want(?:\s+(?:it|them))?|required|due(?:\s+date)?|deadline(?:\s+is)?|by|before|until|till|til"
    r"|no\s+later\s+than|not\s+later\s+than|latest|(?-i:NB|N\.B\.)|in\s+time\s+for"
    # "change the date to Oct 2", "move the deadline to the 20th"
    r"|(?:change|move|push|set|make)\s+(?:the\s+|my\s+)?(?:need[\s-]by\s+|due\s+)?(?:date|deadline)\s+to"
    # "need it for my class on Monday", "needs to be here before my trip on Friday"
    # (only the last words are taken out with the date: the title before them stays)
    r"|(?:need|needs|needed)\s+(?:it|them|this|these|that|to\s+be\s+here)\b[^.?!;\n]{0,30}?"
    r"\b(?P<near>on|by|before|for)(?=\s)"
    # "need the DVD of X for my class on Thursday": the day of what it is needed for
    r"|(?:need|needs|needed)\b[^.?!;\n]{0,60}?"
    r"\b(?P<event>for\s+(?:my|our|the|a)\s+\w+(?:\s+\w+)?\s+on"
    # "we need 8 copies for January 12", "need 15 copies of Night for the week of Jan 25"
    r"|(?<=copies\s)for|for\s+the\s+week\s+of"
    # "need it for a seminar a week from Friday": the event may run straight into its day
    r"|for\s+(?:my|our|the|a|an)\s+(?:[\w&'’-]+\s+){0,3}?(?:class|seminar|course|meeting|exam"
    r"|midterm|final|presentation|conference|talk|lecture|workshop|trip|session|paper|report)s?)"
    r"(?=\s)"
    # "for my sports & society class on Monday", "in time for our meeting on Nov 18": the day of
    # an event of the patron's own is when they need the item, "need" said or not
    r"|\b(?P<own>(?:in\s+time\s+)?for\s+(?:my|our|his|her|their)\s+(?:[\w&'’-]+\s+){0,3}?"
    r"[\w&'’-]+\s+on)(?=\s)"
    # "before finals (dec 10)": the event, then its day in brackets
    r"|\b(?P<bracketed>(?:by|before|until|for)\s+(?:my\s+|our\s+|the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?"
    r"\s*\())"
    r"\s*(?:on|by|for|is|:)?\s*(?:the\s+)?(?:next\s+|this\s+|coming\s+)?$",
    re.IGNORECASE,
)
# ... or just after it.
# ("Fahrenheit 451, tomorrow if u can", "a week from today please": a wish for a date)
_CUE_AFTER = re.compile(
    r"^\s*,?\s*(?:at\s+the\s+latest|latest|deadline|or\s+sooner|(?:please|pls|plz)\s*[.!]*\s*$"
    r"|if\s+(?:at\s+all\s+)?(?:possible|(?:you|u)\s+can)"
    # "a conference on Feb 3, so I'd need it by then"
    r"|[^.?!;\n]{0,12}?\b(?:so\s+)?(?:(?:i|we)(?:'d|’d|\s+would|'ll|\s+will)?\s+)?need\s+(?:it|them)"
    r"\s+(?:by|before)\s+then\b)",
    re.I,
)
# Words that may sit around a date in a reply that is only a date ("Oct 1 works, thanks").
_FILLER = re.compile(
    r"\b(?:i|we|need|needed|it|them|this|that|the|by|before|on|for|please|pls|plz|thanks?|thank"
    r"|you|ok|okay|is|fine|works|would|be|great|good|at|latest|no|later|than|not|due|deadline"
    r"|until|till|date|how|about|maybe|around|then|sometime|would|will|do|does|work|should"
    r"|ideally|hopefully|if|possible|preferably|say|let's|lets|want|end|of|me|us|perfect|hello"
    r"|hi|hey|dear|regards|best|cheers|change|move|push|set|make|to|can|could|you|instead|deadline"
    r"|sorry|oops|so|actually|um|uh|hmm|err)\b"
    r"|[\s.,;:!?-]",
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
    due: bool = False  # the wording was "due" ("it's due Oct 12"): a loan's own date


@dataclass(frozen=True)
class DateReading:
    """The need-by date and bare date answer read from a message."""

    need_by: date | None = None
    date: date | None = None
    spans: tuple[Span, ...] = ()  # the stretches used, cue words included
    # A need-by date that has already passed ("by Aug 3" on Sept 1): it is not read as next
    # year's, and not as the need-by either; the core asks which date the patron means.
    past: datetime.date | None = None  # (the field `date` hides the type here)
    # The need-by was said with "due" ("renew ILL-18, it's due Oct 12"): on a status, renewal
    # or cancel that is the loan's own due date, not a date the patron needs something by.
    due: bool = False


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
    if month_text in ("may", "march") and (m.re is _DAY_MONTH or m.group("dayword")):
        return None  # "chapter 10 may help", "you may first check": verbs, not months
    month = MONTHS[month_text.lower()]
    return _explicit(m.group("year"), month, day_forms.day_number(m), today)


def _weekday(m: re.Match[str], today: date) -> date | None:
    target = day_forms.weekday_number(m.group("weekday"))
    return day_forms.weekday_after(today, target, m.group("modifier") or "")


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
                mention = _with_cue(text, when, start, end)
                if not _NEGATED.search(text, max(0, mention.start - 12), mention.start):
                    mentions.append(replace(mention, weak=weak))  # not "No, not by Friday"
            working = working[:start] + " " * (end - start) + working[end:]
    return sorted(mentions, key=lambda mention: mention.start)


def _with_weekday(working: str, match: re.Match[str]) -> int:
    """Return where a calendar date starts, a weekday just before included ("Monday Sept 14")."""
    if match.re not in (_MONTH_DAY, _DAY_MONTH):
        return match.start()
    before = _WEEKDAY_BEFORE.search(working, max(0, match.start() - 16), match.start())
    return before.start() if before else match.start()


_DUE = re.compile(r"\s*(?:is\s+|it'?s\s+)?due\b", re.I)
# "within a week", "in 10 days": a time limit is need-by wording of its own.
_LIMIT = re.compile(r"^(?:within|in)\b", re.I)


def _with_cue(text: str, when: date, start: int, end: int) -> DateMention:
    """Widen a date's span over the need-by wording around it, and note whether there was any."""
    before = _CUE_BEFORE.search(text[:start])
    after = _CUE_AFTER.match(text[end:])
    limit = _LIMIT.match(text[start:end])
    if before:
        groups = ("near", "event", "own", "bracketed")
        near = next((group for group in groups if before.group(group)), None)
        start = before.start(near) if near else before.start()
    if after:
        end += after.end()
    due = bool(before and _DUE.match(before.group(0)))
    return DateMention(when, start, end, cued=bool(before or after or limit), due=due)


# "Hi Maria, by Friday please": a greeting, with the name of whom it greets, opens an answer.
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))(?:\s+[A-Z][\w'’-]*)?\s*[,!.:-]",
    re.I,
)


def _only_dates(text: str, mentions: list[DateMention]) -> bool:
    """Tell whether the message is nothing but a date, as in an answer to "by when?"."""
    greeting = _GREETING.match(text)
    if greeting:
        text = " " * greeting.end() + text[greeting.end() :]
    rest = list(text)
    for mention in mentions:
        rest[mention.start : mention.end] = " " * (mention.end - mention.start)
    return not _FILLER.sub("", "".join(rest)).strip()


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
    only = alone and bool(mentions) and _only_dates(text, mentions)
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
