"""The need-by wording around a date ("by", "need it for my class on"), and what a date reads as."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from datetime import date

Span = tuple[int, int]

# What makes a date a need-by date, written just before it ...
_CUE_BEFORE = re.compile(
    r"\b(?:(?:(?:i|we)(?:'d|\s+would|'ll|\s+will)?\s+(?:really\s+)?)?"
    r"(?:need|want)(?:\s+(?:it|this|that|them|these|those|the\s+\w+))?|needed"
    r"|want(?:\s+(?:it|them))?|required"
    # "due date for me is 10/30", "my deadline is the 12th"
    r"|due(?:\s+date(?:\s+for\s+(?:me|us|it|this))?(?:\s+is)?)?|deadline(?:\s+is)?|by|before|until|till|til|thru"
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
    r"|midterm|final|presentation|conference|talk|lecture|workshop|trip|session|paper|report"
    # "for a reading group that meets a week from Friday"
    r"|group|club)s?(?:\s+(?:that|which)\s+(?:meets|starts|begins))?)"
    r"(?=\s)"
    # "for my sports & society class on Monday", "in time for our meeting on Nov 18": the day of
    # an event of the patron's own is when they need the item, "need" said or not
    r"|\b(?P<own>(?:in\s+time\s+)?for\s+(?:my|our|his|her|their)\s+(?:[\w&'’-]+\s+){0,3}?"
    r"[\w&'’-]+\s+on)(?=\s)"
    # "before finals (dec 10)": the event, then its day in brackets
    r"|\b(?P<bracketed>(?:by|before|until|for)\s+(?:my\s+|our\s+|the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?"
    r"\s*\()"
    # "need X by Y (Vintage 2nd ed) for Tues", "please for tomorrow": the day it is wanted for
    r"|(?:need|needs|needed|needing)\b[^.?!;\n]{0,80}?\s(?P<forday>for|in)"
    r"|\b(?:please|pls|plz)\s+(?P<pleasefor>for)"
    # "before spring break starts mar 13": an event of the patron's, then the day it begins
    r"|\b(?P<starts>(?:by|before|until)\s+(?:my\s+|our\s+|the\s+)?(?:[\w'’-]+\s+){1,3}?"
    r"(?:starts|begins|ends|is|on))(?=\s)"
    # "by spring break march 9": an event in lower case, then its day
    r"|\b(?P<eventday>(?:by|before|until)\s+(?:my\s+|our\s+|the\s+)?(?:(?-i:[a-z][\w'’-]*)\s+)?"
    r"(?:break|finals|midterms?|exams?|vacation|holidays?|recess|trip|graduation|surgery))(?=\s))"
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
    r"\s+(?:by|before)\s+then\b"
    # "Would tomorrow be possible?": the date asked for if possible ("tomorrow if you can");
    # "Oct 15 would be great" stays a bare date (CONVENTIONS, Dates)
    r"|(?:would\s+|will\s+)?be\s+possible\b)",
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


_DUE = re.compile(r"\s*(?:is\s+|it'?s\s+)?due\b", re.I)
# "within a week", "in 10 days": a time limit is need-by wording of its own.
_LIMIT = re.compile(r"^(?:within|in)\b", re.I)


# "pls get Four Thousand Weeks, a week from friday": a date set apart at the very end of a
# message is the day it is wanted by.
_CLAUSE_BEFORE = re.compile(r"(?:,|\s[-–—])\s*$")
_MESSAGE_END = re.compile(r"^\s*(?:,?\s*(?:please|pls|plz|thanks|thx|ty)\b)?\s*[.!]*\s*$", re.I)


def with_cue(text: str, when: date, start: int, end: int) -> DateMention:
    """Widen a date's span over the need-by wording around it, and note whether there was any."""
    before = _CUE_BEFORE.search(text[:start])
    after = _CUE_AFTER.match(text[end:])
    limit = _LIMIT.match(text[start:end])
    apart = _CLAUSE_BEFORE.search(text[:start]) and _MESSAGE_END.match(text[end:])
    if before:
        groups = ("near", "event", "own", "bracketed", "forday", "pleasefor", "starts", "eventday")
        near = next((group for group in groups if before.group(group)), None)
        start = before.start(near) if near else before.start()
    if after:
        end += after.end()
    due = bool(before and _DUE.match(before.group(0)))
    return DateMention(when, start, end, cued=bool(before or after or limit or apart), due=due)


# "Hi Maria, by Friday please": a greeting, with the name of whom it greets, opens an answer.
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))(?:\s+[A-Z][\w'’-]*)?\s*[,!.:-]",
    re.I,
)


def only_dates(text: str, mentions: list[DateMention]) -> bool:
    """Tell whether the message is nothing but a date, as in an answer to "by when?"."""
    greeting = _GREETING.match(text)
    if greeting:
        text = " " * greeting.end() + text[greeting.end() :]
    rest = list(text)
    for mention in mentions:
        rest[mention.start : mention.end] = " " * (mention.end - mention.start)
    return not _FILLER.sub("", "".join(rest)).strip()
