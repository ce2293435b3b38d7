"""Tell whether a date or an amount found in a message is really a word of a title.

"The Thursday Murder Club", "Christmas Days by Jeanette Winterson", "The $100 Startup": the
patron wrote a title, and the day, holiday or amount inside it must stay in it. A date that
need-by wording leads into ("by Friday", "before Christmas") is always a date.
"""

from __future__ import annotations

import re

from handlers.understand.titles import quoted_titles

# Need-by words: a date after them is a date ("by Friday"), unless a title runs on to its
# author ("until Tuesday by Luis Carlos Montalván" is still a date; see in_title).
_FIRM_LEAD_TEXT = "by before until till til due latest than"
_FIRM_LEADS = frozenset(_FIRM_LEAD_TEXT.split())
# Capitalised words that follow a date without making it a title ("Friday Thanks", "Monday I").
_NOT_TITLE_TEXT = """
    I I'm I'd I'll I've ILL ILLs OK Ok Okay Thanks Thank Thx Please Pls Plz Cheers Best Regards
    PM AM EST EDT CST CDT PST PDT Noon Morning Afternoon Evening Night ASAP Can Could Would Will
    Is Are Do Does Did Also And But So Or If When Let Hi Hello Hey My We You It This That Then
    Sorry Yes No Sure Works Ideally Latest Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec
    January February March April June July August September October November December Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Weds Thu Thur Thurs Fri
    Sat Sun Day Eve Break Weekend
"""
_NOT_TITLE = frozenset(_NOT_TITLE_TEXT.split())
_ARTICLES = frozenset({"The", "A", "An"})
_WORD_BEFORE = re.compile(r"(?P<word>[\w'’$.&-]+)[ \t]+$")
_WORD_AFTER = re.compile(r"^(?:['’]s)?[ \t]+(?P<word>[\w'’&-]+)")  # "Monday's Not Coming"
# Lower-case words after "the thursday ...": a time or a function word keeps it a date.
_DATE_NOUN_TEXT = """
    of after before at in on the a is works would will morning afternoon evening night noon
    deadline latest or and at please pls by then if works
"""
_DATE_NOUNS = frozenset(_DATE_NOUN_TEXT.split())
_SMALL = r"(?:and|or|of|the|a|an|in|on|to|for|with|at|from|&)"
# "Sunday in the Park with George": small words, then a capitalised title word.
_SMALL_THEN_WORD = re.compile(rf"^(?:\s+{_SMALL}){{1,3}}\s+(?P<word>[A-Z][\w'’-]*)")
# After the date: more title words (commas only in lists such as "X, and X"), then "by Name".
_RUN_TO_AUTHOR = re.compile(
    rf"^(?:['’]s)?(?:(?:,\s+{_SMALL}|\s+{_SMALL})*\s+[A-Z0-9][\w'’:-]*)*[?!]?"
    r"(?:,?\s+by\s+|\s*\(\s*)(?P<name>[A-Z][\w'’.-]*)"
    # "Independence Day by richard ford?": a name in lower case closing its clause
    r"|^,?\s+by\s+(?P<lower>[a-z][\w'’-]+(?:\s+[a-z][\w'’-]+){1,2})(?=\s*(?:[?!.,;]|$))"
)


# An APA reference's title runs from "(2019). " to its closing full stop.
# (after the authors' initials: "by David Garland (1990). I should be ..." is no reference)
_APA_TITLE = re.compile(
    r"(?:(?<=[A-Z]\.\s)|(?<=[A-Z]\.)|(?<=[A-Z]\.,\s))"
    r"\(\s*\d{4}[a-z]?(?:,[^()]{0,40})?\)\.\s+(?P<title>[^.?!\n]{3,300})"
)


def _before(text: str, start: int) -> str | None:
    match = _WORD_BEFORE.search(text, 0, start)
    return match.group("word") if match else None


def _after(text: str, end: int) -> str | None:
    match = _WORD_AFTER.match(text[end : end + 60])
    return match.group("word") if match else None


def _capitalised_title_word(word: str | None) -> bool:
    """Tell whether a neighbouring word can be a title's own word: capitalised, not a filler."""
    if not word or not word[:1].isupper():
        return False
    return word.split("-")[0] not in _NOT_TITLE  # "ILL-5" is a reference, not a title word


def in_quotes(text: str, start: int) -> bool:
    """Tell whether `start` lies inside a quoted stretch, or a pasted reference's title.

    '"Friday Night Lights"', and APA's "(2019). Working on Sunday: ..." alike.
    """
    if any(begin < start < end for _, begin, end in quoted_titles(text)):
        return True
    return "(" in text and any(m.start("title") <= start < m.end("title")
                               for m in _APA_TITLE.finditer(text))  # fmt: skip


def leads_to_author(text: str, end: int) -> bool:
    """Tell whether the words after `end` run on as a title into "by Author"."""
    match = _RUN_TO_AUTHOR.match(text[end : end + 200])
    if match is not None and match.group("lower"):
        return not _NOT_LOWER_NAME.search(match.group("lower"))
    return match is not None and match.group("name") not in _NOT_TITLE


def joins_title(text: str, title_end: int, start: int) -> bool:
    """Tell whether a capitalised word at `start` is joined by "and" to title words before it.

    "Tomorrow, and Tomorrow, and Tomorrow": once the first is a title word, so are the rest.
    """
    gap = text[title_end:start]
    # "Sunday Bloody Sunday": capitalised title words only between the two
    joined = r",?\s+(?:and|or|&)\s+|\s+(?:[A-Z][\w'’-]*\s+){1,3}"
    return bool(re.fullmatch(joined, gap)) and text[start : start + 1].isupper()


def in_title(text: str, start: int, end: int) -> bool:
    """Tell whether text[start:end] (a date or an amount) is part of a title the patron wrote.

    It is when quoted, when it follows a capitalised "The"/"A"/"An", when a capitalised title
    word follows it, or when it starts a run of title words that ends in "by Author".
    A lower-case lead ("by", "before", "next") makes it a date or amount whatever follows.
    """
    if in_quotes(text, start):
        return True
    first = text[start:end][:1]
    before = _before(text, start)
    if first.islower():
        return (
            _lower_case_title(before, _after(text, end))
            or _lower_timed_title(text, before, end)
            or _lower_authored(text, before, end)
            or _lower_dashed(text, before, end)
        )
    opening = text[start:end].split()[0].lower()
    if opening in _FIRM_LEADS and before and before.isalpha() and before.islower():
        # "request Until August, Márquez": a capitalised "Until" mid-sentence opens a title
        return True
    if text[end - 1 : end] == ".":
        titled_after = authored = False  # "Need it Thursday. The Fire Next Time ...": ended
    else:
        titled_after = (
            _capitalised_title_word(_after(text, end))
            or _title_word_follows(text, end)
            or _time_then_title(text, end)
            or _subtitle_follows(text, before, end)
        )
        authored = leads_to_author(text, end)
    if before in _FIRM_LEADS:
        if before == "by" and _BY_AUTHOR_NEXT.match(text, end) and _titled_by(text, start):
            return True  # "Gone by Tuesday by Marla Quintero", "Home by Christmas by X"
        return titled_after and authored  # "by Friday" is a date, "by Friday Black by X" not
    if _THE_MID_SENTENCE.match(text, start) and _mid_sentence(text, start):
        return True  # "by Mon pls: The Weekend Is a Lie": a capitalised "The" opens a title
    if before in _SMALL_WORDS and _titled_before(text, start):
        return True  # "Gardens of Tomorrow", "Sister of the Wednesday Moon"
    if (before or "").lower() in _OWNING and (_after(text, end) or "").lower() in _NAMING:
        return True  # "my Labor Day book", "cancel the Independence Day one": a request's name
    if before in _ARTICLES or (before and before[:1].isupper() and before.endswith(("'s", "’s"))):
        return True  # "The Thursday Murder Club", "Zevin's Tomorrow, and Tomorrow"
    return titled_after or authored or _title_run_before(text, start) or _repeated(text, start, end)


# "Tomorrow, and Tomorrow, and Tomorrow": a capitalised date word said again after "and".
_AND_AGAIN = re.compile(r",?[ \t]+(?:and|&)[ \t]+(?P<word>[A-Z][\w'’-]*)")


def _repeated(text: str, start: int, end: int) -> bool:
    again = _AND_AGAIN.match(text, end)
    held = (_before(text, start) or "").lower() in _DATE_HOLDERS  # "get it Friday, and ..."
    return again is not None and again.group("word") == text[start:end] and not held


# Two capitalised title words right before a date word, the first inside its sentence or a
# capitalised article: "I requested The Man Who Was Thursday (ILL-9)".
_RUN_BEFORE = re.compile(
    r"(?:(?P<lead>[^\s.!?:])[ \t]+|(?P<article>\b(?:The|A|An)[ \t]+))"
    r"(?P<one>[A-Z][\w'’-]*)[ \t]+(?P<two>[A-Z][\w'’-]*)[ \t]+$"
)


def _title_run_before(text: str, start: int) -> bool:
    match = _RUN_BEFORE.search(text, max(0, start - 80), start)
    if match is None or match.end() != start:
        return False
    return all(match.group(name) not in _NOT_TITLE for name in ("one", "two"))


# "my Labor Day book": a capitalised date between these and a noun naming a request.
_OWNING = frozenset({"my", "the", "that", "this"})
_NAMING = frozenset({"book", "one", "request", "novel", "dvd", "audiobook", "article", "loan"})
# Lower-case words after "by" that make it a time, not a name ("by next week", "by the 5th").
_NOT_LOWER_NAME = re.compile(
    r"\b(?:the|next|this|end|week|weeks|month|tomorrow|today|tonight|then|mail|email|noon)\b"
)
_SMALL_WORDS = frozenset({"of", "and", "the", "in", "on", "at", "for", "from", "with", "a", "an"})
# "Gardens of " before the date word: a capitalised word (not a sentence's first) and small words.
_TITLED_BEFORE = re.compile(
    r"(?P<lead>^|[.!?\n:]\s*|\S\s+)(?P<word>[A-Z][\w'’-]*)(?:\s+(?:of|and|the|in|on|at|for|from|with|a|an))+\s+$"
)


def _titled_before(text: str, start: int) -> bool:
    """Tell whether a capitalised title word and small words lead to `start` ("Gardens of")."""
    match = _TITLED_BEFORE.search(text, max(0, start - 60), start)
    if not match:
        return False
    opening = not match.group("lead").strip() or match.group("lead").strip()[-1:] in ".!?:"
    if opening and not _JOINING_BEFORE.search(text, 0, start):
        return False  # the sentence's first word is capitalised anyway: "Due on Friday"
    return _capitalised_title_word(match.group("word"))


# "Letters of Tomorrow": "of" or "and" joins title words; "on", "by", "for" lead into dates.
_JOINING_BEFORE = re.compile(r"\b(?:of|and|&)\s+(?:the\s+)?$")


# "Gone by Tuesday by Marla Quintero": a title word, "by", the date, then "by Name".
_BY_AUTHOR_NEXT = re.compile(r"[ \t]+by[ \t]+[A-Z][\w'’.-]*[ \t]+[A-Z]")
_TITLED_BY = re.compile(r"(?:^|(?P<lead>\S)[ \t]+)(?P<word>[A-Z][\w'’-]*)[ \t]+by[ \t]+$")
_THE_MID_SENTENCE = re.compile(r"(?-i:The|This)\s")
# "Monday Morning Ghosts": a time of day, then a capitalised title word.
_TIME_THEN_WORD = re.compile(
    r"^[ \t]+(?:Morning|Afternoon|Evening|Night|Noon)[ \t]+(?P<word>[A-Z][\w'’-]*)"
)


def _titled_by(text: str, start: int) -> bool:
    match = _TITLED_BY.search(text, max(0, start - 60), start)
    return (
        match is not None
        and (match.group("lead") or "a") not in ".!?"
        and (_capitalised_title_word(match.group("word")))
    )


def _mid_sentence(text: str, start: int) -> bool:
    """Tell whether `start` is inside a sentence (not its first word)."""
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?\n"


def _time_then_title(text: str, end: int) -> bool:
    match = _TIME_THEN_WORD.match(text[end : end + 40])
    return match is not None and _capitalised_title_word(match.group("word"))


def _title_word_follows(text: str, end: int) -> bool:
    """Tell whether a capitalised title word follows after small words ("Sunday in the Park")."""
    match = _SMALL_THEN_WORD.match(text[end : end + 40])
    return match is not None and _capitalised_title_word(match.group("word"))


def _lower_case_title(before: str | None, after: str | None) -> bool:
    """Tell whether a date typed in lower case sits in a title: "the thursday murder club"."""
    if not before or before.lower() not in {"the", "a", "an"} or not after:
        return False
    return after.isalpha() and after.islower() and after not in _DATE_NOUNS


# "the thursday night widow": a time of day after the day word, then a word no time takes.
_LOWER_TIME_THEN = re.compile(
    r"^[ \t]+(?:night|morning|afternoon|evening)[ \t]+(?P<word>[a-z][\w'’-]*)"
)


def _lower_timed_title(text: str, before: str | None, end: int) -> bool:
    """Tell whether "the <day> night <word>" typed in lower case is a title's words."""
    found = _LOWER_TIME_THEN.match(text[end : end + 40])
    if not before or before.lower() not in {"the", "a", "an"} or not found:
        return False
    return found.group("word") not in _DATE_NOUNS


# "get me november 9 by colleen hoover": a lower-case name closing the message after "by".
# "get tomorrow will be different by sarah mcbride": more title words may come before "by".
_LOWER_BY_NAME = re.compile(
    r"(?:[ \t]+(?!by\b)[a-z][\w'’-]*){0,5}?"
    r"[ \t]+by[ \t]+[a-z][\w'’-]+(?:[ \t]+[a-z][\w'’-]+){1,2}[ \t]*"
    r"(?:pls|plz|please|thx)?(?:[?!.]*\s*$|,)"
)
# Words a requested title follows ("get me", "request"), never need-by words.
_OBJECT_LEADS = frozenset({"me", "get", "request", "borrow", "find", "order"})


def _lower_authored(text: str, before: str | None, end: int) -> bool:
    """Tell whether a lower-case date right after "get me" runs into "by author name"."""
    held = before is not None and before.lower() in _OBJECT_LEADS
    return held and _LOWER_BY_NAME.match(text, end) is not None


# "the man who was thursday - chesterton": a lower-case title, a dash and its author, then the end.
_DASH_NAME_END = re.compile(r"[ \t]+[-–—][ \t]+[a-z][\w'’.-]*(?:[ \t]+[a-z][\w'’.-]*){0,2}[ \t]*$")
_NOT_TITLE_BEFORE = _FIRM_LEADS | {"on", "next", "this", "coming", "it", "them", "me", "for", "of"}


def _lower_dashed(text: str, before: str | None, end: int) -> bool:
    held = before is None or before.lower() in _NOT_TITLE_BEFORE or not before.islower()
    return not held and _DASH_NAME_END.match(text, end) is not None


# "Thanksgiving: The Biography of an American Holiday": a subtitle after the date word.
_SUBTITLE_NEXT = re.compile(r":[ \t]+(?:(?:The|A|An)[ \t]+)?[A-Z][\w'’-]*")
# Words a date follows in a sentence ("need it Friday: The Overstory ..."): no title opens so.
_DATE_HOLDERS = frozenset({"it", "them", "this", "that", "one", "me", "us", "on", "for", "next"})


def _subtitle_follows(text: str, before: str | None, end: int) -> bool:
    """Tell whether a colon and a capitalised subtitle follow the date word."""
    held = before is not None and before.lower() in _DATE_HOLDERS
    return not held and _SUBTITLE_NEXT.match(text, end) is not None
