"""Pick titles, author names, journals and years out of the words that follow a request verb."""

from __future__ import annotations

import re

from handlers.understand.citation import clean_title, year_in

# A name is initials ("E. P.") and capitalised words; a full stop after a word ends it.
NAME = (
    r"(?:[A-Z]\.|[A-Za-z][\w'’\-]*)(?:\s*[A-Z]\.|\s+(?:[A-Z][\w'’\-]*"
    r"|de|van|von|der|den|del|la|le|da|di|du|bin|ibn|al)(?![\w'’\-]))*"
)
AUTHOR = re.compile(rf"^\s*,?\s*by\s+(?P<author>{NAME})")
_AUTHOR_ANY_CASE = re.compile(r"^\s*,?\s*by\s+(?P<author>[a-z][\w.'’\-]*(?:\s+[a-z][\w.'’\-]*)?)$")
_BY = re.compile(r"\s+by\s+")
_QUOTED = re.compile(r"[\"“](?P<a>[^\"“”]{2,200}?)[\"”]|(?<!\w)['‘](?P<b>.{2,200}?)['’](?!\w)")
_JOURNAL = re.compile(
    r"\b(?:from|in|published\s+in)\s+(?:the\s+)?(?:journal\s+)?"
    r"(?P<journal>[A-Z][\w&:'’\-]*(?:\s+(?:[A-Z][\w&:'’\-]*|of|and|the|for|in|on|&))*)"
)
_JOURNAL_SPLIT = re.compile(r"\s+(?:from|in|published\s+in)\s+(?=[A-Z])")
_JOURNAL_LIKE = re.compile(r"\b(?:Journal|Review|Quarterly|Studies|Annals|Bulletin)\b")
_TRAILING_FILLER = re.compile(
    r"(?:\s*[,;:\-–(]?\s*(?:please|pls|plz|thanks|thank\s+you|thx|asap|for\s+me|if\s+(?:you\s+can"
    r"|possible)|for\s+my\s+\w+|urgently|soon|again|too|as\s+well|scanned|copied|sent|delivered"
    r"|\?|!|\.|,|\)))+\s*$",
    re.IGNORECASE,
)
_NOT_A_TITLE = re.compile(
    r"^(?:it|this|that|them|these|those|one|something|anything|some|more|help|to\b.*|a\s+\w+"
    r"|the\s+\w+|your\s+help|more\s+time|information.*|info.*|an?\s+update.*"
    r"|(?:\d+|two|three|four|five|several|some|a\s+few)\s+(?:books?|articles?|items?|things"
    r"|cop(?:y|ies))|\d{5,})$",
    re.IGNORECASE,
)
_TOPIC = re.compile(r"^(?:about|on|regarding|for)\b", re.IGNORECASE)
_YEAR_IN_TITLE = re.compile(r"\s*\(\s*(\d{4})\s*\)|,\s*(\d{4})\s*$")
# "X by A and Y by B": one title-author pair after another.
_BY_PAIR = re.compile(rf"\s*(?P<title>[^;]+?)\s+by\s+(?P<author>{NAME})\s*(?:[,;]\s*|and\s+|$)")


def strip_filler(text: str) -> str:
    """Drop the "please", "thanks", "asap" and punctuation that trail a request."""
    return _TRAILING_FILLER.sub("", text)


def looks_like_title(words: str) -> bool:
    """Tell whether unquoted words look like a title: a capitalised word or a number."""
    return any(
        re.match(r"[A-Z][a-z]|\d", word) and word not in {"I", "I'm", "I'd"}
        for word in words.split()
    )


def split_author(rest: str) -> tuple[str, str | None, str]:
    """Split "Title by Author ..." at the last "by" followed by a name: (title, author, after)."""
    for match in reversed(list(_BY.finditer(rest))):
        tail = rest[match.start() :]
        author = AUTHOR.match(tail) or _AUTHOR_ANY_CASE.match(tail.rstrip(" .!?"))
        if author and len(author.group("author").split()) <= 4:
            return rest[: match.start()], author.group("author").rstrip(" ."), tail[author.end() :]
    return rest, None, ""


def several_by_author(body: str) -> list[tuple[str, str]]:
    """Read "X by A and Y by B" as (title, author) pairs; [] unless there are two or more."""
    body = strip_filler(body)
    pairs: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        match = _BY_PAIR.match(body, position)
        if not match or match.end() == position:
            break
        pairs.append((match.group("title"), match.group("author").rstrip(" .")))
        position = match.end()
    return pairs if len(pairs) > 1 and not body[position:].strip() else []


def quoted_titles(text: str) -> list[tuple[str, int, int]]:
    """Return every quoted stretch as (words, start, end)."""
    return [
        (match.group("a") or match.group("b") or "", match.start(), match.end())
        for match in _QUOTED.finditer(text)
    ]


def journal_after(text: str) -> str | None:
    """Read the journal named by "from/in <Journal>" in `text`."""
    match = _JOURNAL.search(text)
    return clean_title(match.group("journal")) if match else None


def split_journal(body: str, material: str | None) -> tuple[str, str | None]:
    """Split "Title from Journal of Y" when the item is (or reads as) an article."""
    match = _JOURNAL_SPLIT.search(body)
    if not match:
        return body, None
    tail = body[match.start() :]
    if material not in ("article", "periodical_issue") and not _JOURNAL_LIKE.search(tail):
        return body, None  # "Letters from Iceland" is a title, not a journal
    return body[: match.start()], journal_after(tail)


def take_year(body: str) -> tuple[str, int | None]:
    """Pull a "(1975)" or trailing ", 1975" publication year out of a title."""
    match = _YEAR_IN_TITLE.search(body)
    if not match:
        return body, None
    year = year_in(match.group(1) or match.group(2))
    return (body[: match.start()] + body[match.end() :], year) if year else (body, None)


def title_from(body: str) -> str | None:
    """Trim an object down to its title; None when it is a topic or a pronoun, not a title."""
    title = clean_title(strip_filler(body))
    if title and _TOPIC.match(title):
        # "a book on cancer, The Emperor of All Maladies": the title follows the topic
        named_after = re.search(r"[,:]\s+(?=[A-Z0-9])", title)
        return clean_title(title[named_after.end() :]) if named_after else None
    return None if title and _NOT_A_TITLE.match(title) else title
