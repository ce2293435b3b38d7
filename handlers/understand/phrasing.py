"""Read an item named in plain words: "can you get me Discipline and Punish by Michel Foucault"."""

from __future__ import annotations

import re

from handlers.understand.citation import Citation, clean_title, year_in
from handlers.understand.cues import first_action
from handlers.understand.material import read_material
from handlers.understand.titles import (
    AUTHOR,
    NAME,
    journal_after,
    looks_like_title,
    quoted_titles,
    several_by_author,
    split_author,
    split_journal,
    strip_filler,
    take_year,
    title_from,
)

_VERB = r"(?:get|find|order|request|borrow|obtain|locate|source|send|track\s+down|ill)"
_ME = r"(?:\s+(?:me|us|for\s+me|for\s+us))?"
_LEAD_IN = re.compile(
    r"\b(?:"
    rf"(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|plz\s+|kindly\s+)?"
    rf"(?:help\s+me\s+)?(?:{_VERB}|look\s+for|search\s+for){_ME}"
    rf"|(?:please|pls|plz|kindly)\s+{_VERB}{_ME}"
    r"|(?:i|we)\s*(?:'d|’d|\s+would)\s+(?:like|love)"
    r"(?:\s+to\s+(?:request|borrow|get|order|have|read|see|obtain))?"
    r"|(?:i|we)\s+(?:really\s+|also\s+|urgently\s+|still\s+)?(?:need|want|require)"
    r"(?:\s+to\s+(?:request|borrow|get|order|read|see|obtain))?"
    r"|(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:looking|searching|hoping)\s+"
    r"(?:for|to\s+(?:get|borrow|find|request))"
    r"|looking\s+for"
    r"|(?:can|could|may)\s+(?:i|we)\s+(?:please\s+)?(?:get|have|request|borrow|order)"
    r"|help\s+me\s+(?:find|get|locate)"
    r"|do\s+you\s+have"
    r"|is\s+it\s+possible\s+to\s+(?:get|borrow|request|order)"
    r"|(?:make|place|put\s+in|submit|file|start)\s+(?:a|an)\s+(?:new\s+)?"
    r"(?:ill\s+|interlibrary[\s-]+loan\s+)?request\s+for"
    r"|(?:ill|interlibrary[\s-]+loan)\s+(?:request\s+)?(?:for|of)"
    r"|(?<!my\s)(?<!the\s)(?<!your\s)(?<!this\s)(?<!that\s)request\s+for"
    rf"|^(?:get|find|order|request|borrow|send){_ME}|^(?:need|want)"
    r")\b",
    re.IGNORECASE,
)
# Verbs that only ever mean "make an ILL request", so the object need not look like a title.
_STRONG = re.compile(r"\b(?:request|borrow|order|ill|interlibrary)\b", re.I)
# Articles and material nouns are matched in lower case only: "the Book Thief" keeps its title.
_ARTICLE = r"(?-i:(?:a|an|the|this|that|these|those|some)\s+)"
_MATERIAL_NOUN = (
    r"(?-i:(?:new\s+)?(?:books?\s+on\s+(?:cd|CD|tape)|book|novel|e-?book|article|paper"
    r"|journal\s+article|dvd|DVD|blu-?ray|Blu-?ray|film|movie|documentary|video|cd|CD|album"
    r"|audio\s*-?book|thesis|dissertation|text\s*-?book|course\s+(?:text|book|reader)"
    r"|required\s+text|chapter|issue|volume|monograph))"
)
_OBJECT_PREFIX = re.compile(
    rf"^\s*:?\s*{_ARTICLE}?"
    r"(?:(?:(?:print|paper|physical|pdf|electronic|digital|scanned)\s+)?"
    rf"(?:cop(?:y|ies)|scans?|pdf|version|edition)\s+(?:of|from)\s+{_ARTICLE}?)?"
    rf"(?:(?:\d+(?:st|nd|rd|th)|first|second|third|latest|newest|new|revised)\s+edition\s+of\s+"
    rf"{_ARTICLE}?)?"
    rf"(?:(?:whole|entire|complete|full|back)\s+(?:issue|volume)s?\s+of\s+{_ARTICLE}?)?"
    rf"(?:(?:chapter|ch\.?)\s+\w+\s+(?:of|from|in)\s+{_ARTICLE}?"
    rf"|(?:pages?|pp\.?)\s*\d+\s*(?:-|–|to)\s*\d+\s+(?:of|from|in)\s+{_ARTICLE}?)?"
    rf"(?:{_MATERIAL_NOUN}\s*:?\s+)?"
    r"(?:(?:called|titled|entitled|named)\s+|of\s+)?",
    re.IGNORECASE,
)
# Where the object of a request ends; a capital initial ("A. Student") is not a sentence end.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bDr)(?<!\bSt)(?<!\bMr)(?<!\bMs)[.?!;](?:\s|$)|\s[-–]\s"
    r"|,\s+(?=(?:can|could|would|will|please|thanks|thank|i|i'm|it's|it\s+is|needed|due)\b)",
    re.IGNORECASE,
)
_TITLE_BY_AUTHOR = re.compile(r"^(?P<title>[^,;?!\"“”]{2,120}?)\s+by\s+(?P<rest>.+)$")
_TITLE_WORDS = r"(?:[A-Z0-9][\w'’:-]*|of|and|the|in|on|a|an|to|for|with|from|at|&)"
_CAPITALISED_BY_AUTHOR = re.compile(
    rf"(?P<title>[A-Z0-9][\w'’:-]*(?:\s+{_TITLE_WORDS}){{0,14}})\s+by\s+"
    rf"(?P<author>(?=[A-Z]){NAME})"
)
_QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|which|is|are|does|do|can|could|would|will|please|hi|hey"
    r"|hello|thanks)\b",
    re.I,
)


def _up_to_sentence_end(text: str) -> str:
    end = _SENTENCE_END.search(text)
    return text[: end.start()] if end else text


def _from_quotes(text: str, lead_in: bool) -> tuple[Citation, ...]:
    """Read each quoted title, with the author, journal and year written just after it."""
    quotes = quoted_titles(text)
    citations = []
    for index, (title, start, end) in enumerate(quotes):
        if not lead_in and (_QUESTION_START.match(text) or len(title.split()) < 2):
            continue  # 'what does "renew" mean?' quotes a word, it asks for nothing
        following = quotes[index + 1][1] if index + 1 < len(quotes) else len(text)
        after = _up_to_sentence_end(text[end:following])
        author = AUTHOR.match(after)
        citations.append(
            Citation(
                title=clean_title(title),
                author=author.group("author").rstrip(" .") if author else None,
                journal=journal_after(after),
                year=year_in(after),
                span=(start, end),
            )
        )
    return tuple(citations)


def _without(text: str, *parts: str | None) -> str:
    for part in parts:
        if part:
            text = text.replace(part, " ")
    return text


def _from_object(text: str, lead: re.Match[str]) -> tuple[Citation, ...]:
    """Read the object of a request verb: "[get me] the book X by Y"."""
    obj = _up_to_sentence_end(text[lead.end() :])
    prefix = _OBJECT_PREFIX.match(obj)
    prefix_text = prefix.group(0) if prefix else ""
    body = obj[len(prefix_text) :]
    if re.match(r"\s*to\b", body, re.IGNORECASE) or _starts_with_action(obj):
        return ()  # "I need to renew ...", "I need more time": an action, not an item
    span = (lead.start(), lead.end() + len(obj))
    pairs = several_by_author(body)
    if pairs:
        named = read_material(prefix_text)
        return tuple(
            Citation(title=clean_title(title), author=author, material=named, span=span)
            for title, author in pairs
        )
    body, author, _ = split_author(body)
    body, journal = split_journal(body, read_material(prefix_text))
    body, year = take_year(body)
    title = title_from(body)
    named = read_material(_without(obj, title, journal))  # "The Book Thief" names no material
    if title and not (_STRONG.search(lead.group(0)) or author or named or looks_like_title(title)):
        return ()  # "can you get me a coffee"
    definite = bool(re.match(r"\s*:?\s*(?:the|this|that)\b", prefix_text, re.IGNORECASE))
    if not title and not (named and not definite):
        return ()  # "I need it by Friday", "I need the book": about a request already made
    return (Citation(title, author, journal, year, named, span),)


def _from_title_by_author(text: str) -> tuple[Citation, ...]:
    """Read a message that is only "Title by Author"."""
    stripped = strip_filler(text.strip())
    match = _TITLE_BY_AUTHOR.match(stripped)
    if not match or _QUESTION_START.match(stripped):
        return ()
    body, author, after = split_author(stripped)
    title = clean_title(body)
    if not (author and title) or after.strip(" .!?") or first_action(title):
        return ()  # words left over, or "renew the book by Foucault": a sentence, not a title
    if not (looks_like_title(title) or looks_like_title(author)):
        return ()  # "sorted by date"
    title, year = take_year(title)
    return (Citation(title=clean_title(title), author=author, year=year, span=(0, len(text))),)


def _capitalised_by_author(text: str) -> tuple[Citation, ...]:
    """Find a capitalised "Title by Author" anywhere in a sentence that asks for something."""
    match = _CAPITALISED_BY_AUTHOR.search(text)
    if not match:
        return ()
    title = clean_title(match.group("title"))
    author = match.group("author").rstrip(" .")
    return (Citation(title=title, author=author, span=match.span()),)


def _starts_with_action(obj: str) -> bool:
    action = first_action(obj)
    return action is not None and len(obj[: action[0]].split()) <= 2


def lead_in_at(text: str) -> int | None:
    """Return where the first request wording ("get me", "I need") starts, if any."""
    lead = _LEAD_IN.search(text)
    return lead.start() if lead else None


def read_asked_items(text: str) -> tuple[Citation, ...]:
    """Read the items a request sentence names; () when the words ask for no item."""
    lead = _LEAD_IN.search(text)
    quoted = _from_quotes(text, lead_in=bool(lead))
    if quoted:
        return quoted
    if lead:
        # "my thesis needs Discipline and Punish by Foucault, can you get it?"
        return _from_object(text, lead) or _capitalised_by_author(text)
    return _from_title_by_author(text)
