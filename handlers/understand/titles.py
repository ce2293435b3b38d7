"""Pick titles, author names, journals and years out of the words that follow a request verb."""

from __future__ import annotations

import re

from handlers.understand.citation import ISSUE_DATE, clean_title, year_in

# A name is initials ("E. P.") and capitalised words; a full stop after a word ends it.
NAME = (
    r"(?:[A-Z]\.|[A-Za-z][\w'’\-]*)(?:\s*[A-Z]\.|\s+(?:St\.|[A-Z][\w'’\-]*"
    r"|de|van|von|der|den|del|la|le|da|di|du|bin|ibn|al)(?![\w'’\-]))*"
)
# "by Steven D. Levitt and Stephen J. Dubner": a second author of two or more name words
# (one capitalised word after "and" is more often a second title: "by Toni Morrison and Sula").
_CO_AUTHOR = rf"(?:\s*,?\s+(?:and|&)\s+(?!(?:The|A|An)\s)(?=[A-Z][\w'’.\-]*\s+[A-Z]){NAME})?"
_NOT_A_NAME = r"(?!(?:the|a|an|my|our|next|this|end|early|mid|late)\b)"
AUTHOR = re.compile(rf"^\s*,?\s*by\s+{_NOT_A_NAME}(?P<author>{NAME}{_CO_AUTHOR})")
_AUTHOR_ANY_CASE = re.compile(
    # (not "by the first week of January", "by next month": a time, not a name)
    rf"^\s*,?\s*by\s+{_NOT_A_NAME}"
    r"(?P<author>[a-z][\w.'’\-]*(?:\s+[a-z][\w.'’\-]*){0,2}?)(?:\s+et\s+al\.?)?$"
)
_ET_AL = re.compile(r"^\s+et\s+al\b\.?")
_BY = re.compile(r"\s+by\s+")
# "Atomic Habits narrated by James Clear": who reads an audiobook aloud is not its author.
_NARRATED = re.compile(r",?\s+(?:narrated|read|performed)\s$", re.I)
# "Kafka on the Shore written by Haruki Murakami": the verb before "by" is not a title word.
_WRITTEN = re.compile(r",?\s+(?:written|authored)$", re.I)
_QUOTED = re.compile(r"[\"“](?P<a>[^\"“”]{2,200}?)[\"”]|(?<!\w)['‘](?P<b>.{2,200}?)['’](?!\w)")
_MONTH_WORD = (
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April"
    r"|June|July|August|September|October|November|December)\b)"
)
_JOURNAL = re.compile(
    r"\b(?:from|in|published\s+in)\s+(?:the\s+)?(?:journal\s+)?"
    rf"(?P<journal>{_MONTH_WORD}[A-Z][\w&:'’\-]*(?:\s+(?:[A-Z][\w&:'’\-]*|of|and|the|for|in|on|&))*)"
)
_JOURNAL_SPLIT = re.compile(r"\s+(?:from|in|published\s+in)\s+(?=[A-Z])")
_JOURNAL_LIKE = re.compile(r"\b(?:Journal|Review|Quarterly|Studies|Annals|Bulletin)\b")
# One piece of what trails a request: "please", "for my class", ", audiobook", "?".
_FILLER_PIECE = re.compile(
    r"\s*[,;:\-–(]?\s*(?:(?<![\w'’])(?:please|pls|plz|thanks|thank\s+you|thx|asap|for\s+me|if\s+(?:you\s+can"
    r"(?:\s+find\s+it)?|possible)|for\s+(?:my|our|a|the)\s+(?:\w+\s+){0,2}?(?:class|course"
    r"|group|club|seminar|research|thesis|dissertation|paper|essay|project|exam|students?)"
    r"|for\s+my\s+\w+|urgently|soon|again|too|ideally|preferably|hopefully|as\s+well|scanned|copied|sent|delivered"
    r"|through\s+(?:ill|interlibrary(?:\s+loan)?|inter-library\s+loan)|via\s+ill"
    r"|\d+(?:st|nd|rd|th)\s+ed(?:ition)?\.?|(?:narrated|unabridged|abridged|any)\s+(?:version"
    r"|edition)|unabridged|before\s+(?:my|our|the)\s+\w+(?:\s+on)?"
    # format words after a title: "Educated by Tara Westover, audiobook", "..., the ebook"
    # (in lower case only: the titles "Fine Print" and "Out of Print" keep their last word)
    r"|(?:(?:as|in|on)\s+)?(?:the\s+|an?\s+)?(?-i:audio\s*-?book|e-?book|kindle|paperback|hard"
    r"(?:cover|back)|large[\s-]print|pdf|PDF|print|dvd|DVD|blu-?ray|cd|CD)"
    r"(?:\s+(?:version|edition|copy|format))?"
    r"(?:\s+(?:is\s+fine|if\s+possible|preferred|only))?"
    r"|(?-i:(?:[iI]\s+)?(?:need(?:ed)?|want(?:ed)?)(?:\s+(?:it|this|them))?)"
    r"|(?:(?:we|i)\s+need\s+)?(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"\s+copies)(?![\w'’])"
    r"|\?|!|\.|,|\)|[-–—])\s*$",
    re.IGNORECASE,
)
_PIECE_REACH = 48  # the longest piece ("the audiobook version if possible") fits in this
# Where a piece can begin: the first space of a run, or a punctuation mark.
_PIECE_STARTS = re.compile(r"(?<!\s)\s|[,;:\-–—(?!.)]")
# "(Rachel Carson, 1962)", "(Verso, 2006)", "(2018)" after a title: author and year in brackets.
_PARENTHETICAL = re.compile(r"\s*\((?P<inside>[^()]{1,80})\)\s*$")
_BRACKET_AUTHOR = re.compile(
    r"^(?P<name>(?:(?:[A-Z]\.\s?)+|[A-Z][\w'’\-]+)(?:\s+[A-Z][\w.'’\-]*)+)\s*(?:,|$)"
)
# "three books: Dune ...", "the following book for my research: Imagined Communities": a lead
# before a colon, in lower case, announces the titles that follow.
_ANNOUNCED = re.compile(r"^[^:A-Z]{0,60}:\s+(?=\S)")
_NOT_A_TITLE = re.compile(
    r"^(?:it|this|that|them|these|those|one|something|anything|some|more|help|to\b.*"
    r"|(?-i:an?|the|A|An)\s+\w+|your\s+help|more\s+time|information.*|info.*|an?\s+update.*|and|or|plus|also"
    r"|both|(?:an?\s+|the\s+)?(?:books?|articles?|papers?|dvds?|cop(?:y|ies)|chapters?|items?"
    r"|scans?|thesis|journals?)"
    r"|(?:\d+|two|three|four|five|several|some|a\s+few)\s+(?:books?|articles?|items?|things"
    r"|cop(?:y|ies))|\d{5,})$",
    re.IGNORECASE,
)
_TOPIC = re.compile(r"^(?:about|on|regarding|for)\b", re.IGNORECASE)
# "X by A and Y by B": one title-author pair after another.
_BY_PAIR = re.compile(rf"\s*(?P<title>[^;]+?)\s+by\s+(?P<author>{NAME})\s*(?:[,;]\s*|and\s+|$)")


def strip_filler(text: str) -> str:
    """Drop the "please", "thanks", "asap" and punctuation that trail a request."""
    end = len(text)
    while end:
        start = _last_piece(text, end)
        if start is None or start == end:
            break
        end = start
    stripped = text[:end]
    if stripped.count("(") > stripped.count(")") and text[len(stripped) :].lstrip()[:1] == ")":
        return stripped + ")"  # "Silent Spring (Rachel Carson)": the bracket is the author's
    return stripped


def _last_piece(text: str, end: int) -> int | None:
    """Return where the filler piece ending at `end` begins, if one does.

    Pieces are peeled off the end one at a time, trying only the places one can begin: the
    last few words are all that is ever looked at, however long the message.
    """
    low = max(0, end - _PIECE_REACH)
    starts = [low, *(m.start() for m in _PIECE_STARTS.finditer(text, low, end))]
    for start in starts:
        piece = _FILLER_PIECE.match(text, start, end)
        if piece:
            return start
    return None


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
        author = _AUTHOR_ANY_CASE.match(strip_filler(tail).rstrip(" .!?")) or AUTHOR.match(tail)
        names = re.split(r"\s+(?:and|&)\s+", author.group("author")) if author else []
        if author and all(len(name.split()) <= 6 for name in names):
            name = author.group("author").rstrip(" .")
            after = tail[author.end() :]
            et_al = _ET_AL.match(after)
            if et_al:
                name, after = f"{name} et al.", after[et_al.end() :]
            narrator = _NARRATED.search(rest, 0, match.start() + 1)
            if narrator:  # the reader of an audiobook: the author, if any, is named before
                title, author_name, _ = split_author(rest[: narrator.start()])
                return title, author_name, after
            return _WRITTEN.sub("", rest[: match.start()]), name, after
    return rest, None, ""


def take_parenthetical(body: str) -> tuple[str, str | None, int | None]:
    """Pull a trailing "(Author, Year)", "(Publisher, Year)" or "(Year)": (body, author, year)."""
    match = _PARENTHETICAL.search(body.rstrip(" ?!.,"))
    if not match:
        return body, None, None
    inside = match.group("inside")
    name = _BRACKET_AUTHOR.match(inside)
    # "(entire issue)" or "(2nd ed.)" is dropped from the title but names no author or year.
    return body[: match.start()], name.group("name") if name else None, year_in(inside)


def strip_announcement(body: str) -> str:
    """Drop a lower-case lead before a colon: "three books: Dune" → "Dune"."""
    match = _ANNOUNCED.match(body)
    return body[match.end() :] if match else body


def several_by_author(body: str) -> list[tuple[str, str]]:
    """Read "X by A and Y by B" as (title, author) pairs; [] unless there are two or more."""
    body = strip_filler(body)
    pairs: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        match = _BY_PAIR.match(body, position)
        if not match or match.end() == position:
            break
        if not _NARRATED.search(f" {match.group('title')} "):
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


# "The Hidden Costs of Rewards, Journal of Economic Perspectives, 2003": a journal after a comma.
_COMMA_JOURNAL = re.compile(
    r",\s+(?P<journal>(?=[^,]*\b(?:Journal|Review|Quarterly|Studies|Annals|Bulletin)\b)[A-Z][^,]*?)"
    r"(?=\s*(?:,\s*\d{4}\s*)?$)"
)


def split_journal(body: str, material: str | None) -> tuple[str, str | None]:
    """Split "Title from Journal of Y" when the item is (or reads as) an article."""
    match = _JOURNAL_SPLIT.search(body)
    if match and material == "periodical_issue" and ISSUE_DATE.search(body, match.start()):
        return body, None  # "from May 2019" dates the issue; take_year reads it
    if not match:
        comma = _COMMA_JOURNAL.search(body) if material == "article" else None
        if comma:
            return body[: comma.start()] + body[comma.end() :], clean_title(comma.group("journal"))
        return body, None
    tail = body[match.start() :]
    if material not in ("article", "periodical_issue") and not _JOURNAL_LIKE.search(tail):
        return body, None  # "Letters from Iceland" is a title, not a journal
    return body[: match.start()], journal_after(tail)


def title_from(body: str) -> str | None:
    """Trim an object down to its title; None when it is a topic or a pronoun, not a title."""
    title = clean_title(strip_filler(body))
    if title and _TOPIC.match(title):
        # "a book on cancer, The Emperor of All Maladies": the title follows the topic
        named_after = re.search(r"[,:]\s+(?=[A-Z0-9])", title)
        return clean_title(title[named_after.end() :]) if named_after else None
    return None if title and _NOT_A_TITLE.match(title) else title


# Where one entry of a list ends and the next begins. Plain "and" is not one: titles hold it
# ("Discipline and Punish"); "X by A and Y by B" is read by titles.several_by_author.
_BREAK = re.compile(
    r"\n\s*(?:[-*•·]|\d{1,2}[.)])\s+|\n|\s*•\s*|(?:^|\s)\d{1,2}\)\s+|(?:^|\s)\d{1,2}\.\s+(?=[A-Z])"
    r"|\s*;\s*|,?\s+and\s+also\s+|,\s+(?:also|plus)\s+|,\s+(?:and|plus)\s+(?=[A-Z\"“'‘]|the\b|an?\b|\s|$)"
    r"|\s+plus\s+",
    re.IGNORECASE,
)


_SMALL_TEXT = """
    a an the and or of in on to for with at by from as but nor vs via into over about after
    before under upon than & is are be
"""
_SMALL_WORDS = frozenset(_SMALL_TEXT.split())


def title_case(words: str) -> bool:
    """Tell whether words are written as a title: every word capitalised but the small ones."""
    tokens = re.findall(r"[\w'’-]+", words)
    return bool(tokens) and all(
        t[:1].isupper() or t[:1].isdigit() or t.lower() in _SMALL_WORDS for t in tokens
    )


# "... by Gabrielle Zevin", "... (Gabrielle Zevin)": an author named after the title.
_AUTHORED = re.compile(r"\sby\s+[A-Z]|\(\s*[A-Z][\w'’.-]+\s+[A-Z]")
# "Zevin's Tomorrow, ...": a possessive author before the title.
_OWNER = re.compile(r"^\s*(?:\S+\s+){0,6}?[A-Z][\w-]+['’]s\s+[A-Z0-9]")


def _one_title(text: str, joined: tuple[int, int], gap_start: int, rest: tuple[int, int]) -> bool:
    """Tell whether ", and" joins the words of one title ("Guns, Germs, and Steel by X").

    Only an author named after ("by X") or before ("X's") shows a single work is meant:
    "Dune, Emma, and Beloved" alone stays a list.
    """
    if not re.fullmatch(r",\s+(?:and|or|&)\s+", text[gap_start : rest[0]]):
        return False
    before, after = text[joined[0] : gap_start], strip_filler(text[rest[0] : rest[1]])
    if " by " in before or not (_AUTHORED.search(after) or _OWNER.match(before)):
        return False  # "Dune by Frank Herbert, and Emma": two items
    return title_case(before.split(":")[-1]) and title_case(after.split(" by ")[0])


def entries(text: str) -> list[tuple[int, int]]:
    """Return the stretches of `text` between list breaks, empty ones left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return _joined_titles(text, spans)


def _joined_titles(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join entries split inside one title: "Tomorrow, and Tomorrow, and Tomorrow by X"."""
    joined: list[tuple[int, int]] = []
    for index, span in enumerate(spans):
        if joined and _one_title(text, joined[-1], spans[index - 1][1], (span[0], spans[-1][1])):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    return joined
