"""Pick titles, author names, journals and years out of the words that follow a request verb."""

from __future__ import annotations

import re
from functools import lru_cache

from handlers.understand.bylines import CARRIER, NARRATED, NOT_A_NAME, WRITTEN, lower_byline
from handlers.understand.citation import ISSUE_DATE, clean_title, year_in

# A name is initials ("E. P.") and capitalised words; a full stop after a word ends it.
NAME = (
    r"(?:(?:Dr|Dra|Prof)\.\s+)?(?:[A-Z]\.|[A-Za-zÀ-ÖØ-Þ][\w'’\-]*)(?:\s*[A-Z]\.|\s+(?:St\.|"
    # a capital with an accent starts a name word too ("Miguel Ángel Asturias"); Spanish joins
    # two authors with "y" ("Daron Acemoglu y James A. Robinson")
    r"(?!(?:AND|OR|PLUS)\b)[A-ZÀ-ÖØ-Þ][\w'’\-]*|de|van|von|der|den|del|la|le|da|di|du|bin|ibn"
    r"|al|y)(?![\w'’\-]))*"
)
# "by Steven D. Levitt and Stephen J. Dubner": a second author of two or more name words
# (one capitalised word after "and" is more often a second title: "by Toni Morrison and Sula").
_CO_AUTHOR = (
    rf"(?:\s*,?\s+(?:and|&)\s+(?!(?:The|A|An)\s)(?=[A-Z][\w'’.\-]*\s+[A-Z]){NAME}"
    # "Levitt & Dubner", "by Lilly, Cullen and Ball": surnames joined by "&", or a list of
    # them with commas that ends in "and" (one surname after a plain "and" may be a title)
    rf"|(?:\s*,\s+(?!(?:The|A|An)\s)(?=[A-Z]){NAME})*\s*,?\s+&\s+(?=[A-Z]){NAME}"
    rf"|(?:\s*,\s+(?!(?:The|A|An)\s)(?=[A-Z]){NAME})+\s*,?\s+and\s+(?!(?:The|A|An)\s)(?=[A-Z]){NAME})?"
)
# "by Acemoglu and Robinson" closing the entry: two surnames ("by Morrison and Sula" is rare).
_SURNAME_PAIR = re.compile(r"^\s+and\s+(?P<other>[A-Z][\w'’\-]+)(?=\s*(?:[,.;!?)]|$))")
AUTHOR = re.compile(rf"^\s*,?\s*by\s+{NOT_A_NAME}(?P<author>{NAME}{_CO_AUTHOR})")
_ET_AL = re.compile(r"^,?\s+et\s+al\b\.?")
_BY = re.compile(r"\s+by\s+")
_QUOTED = re.compile(r"[\"“](?P<a>[^\"“”]{2,200}?)[\"”]|(?<!\w)['‘](?P<b>.{2,200}?)['’](?!\w)")
_MONTH_WORD = (
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April"
    r"|June|July|August|September|October|November|December)\b)"
)
_JOURNAL = re.compile(
    # (not "the edition from Penguin Classics": a publisher)
    r"(?<!edition\s)(?<!version\s)(?<!printing\s)"
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
    r"|(?:(?:it\s+)?is\s+)?for\s+my\s+\w+|in\s+english|instead"
    # "..., not the download": the form not wanted
    r"|(?-i:not\s+(?:the\s+|an?\s+)?(?:download|e-?book|digital|kindle|paperback|hardcover|print|pdf)"
    r"(?:\s+(?:version|one|copy|edition))?)"
    r"|(?-i:(?:an?\s+|the\s+)?(?:scan|pdf|photocopy|copy|print\s+copy)\s+(?:is\s+|would\s+be\s+)?(?:fine|ok"
    r"|okay|good|great|perfect))|(?:the\s+|an?\s+)?(?:english\s+)?translation"
    r"\s+(?:in|into)\s+english|urgently|soon|again|too|ideally|preferably|hopefully|as\s+well|scanned|copied|sent|delivered"
    # "for BIO 330": the course it is for
    r"|for\s+(?:my\s+|our\s+)?(?-i:[A-Z]{2,5})\s?\d{2,4}[A-Z]?"
    r"|(?:on|in)\s+audio|(?:cd|CD)\s+or\s+whatever|or\s+whatever|whichever"
    # "the Dog Man books too, any of them", "X or something like that": not the title's words
    r"|(?-i:(?:any|all|either)\s+(?:one\s+)?(?:of\s+)?(?:them|those|one)"
    r"(?:\s+(?:is|are|would\s+be)\s+fine)?|or\s+something(?:\s+like\s+(?:that|it))?"
    r"|(?:i\s+think|i\s+believe|maybe|probably))"
    r"|(?:through|thru)\s+(?:ill|interlibrary(?:\s+loan)?|inter-library\s+loan|you|u)|via\s+ill"
    r"|for\s+(?:class|school|work|uni|college)"
    # the edition or pages asked for, after the title: "2nd ed.", "the 2006 edition",
    # "30th anniversary edition", "edition 3rd", "pp. 450-478" (read as fields from the text)
    r"|(?:the\s+)?(?:\d+(?:st|nd|rd|th)|(?:19|20)\d\d|first|second|third|fourth|fifth|sixth"
    r"|latest|newest|revised)(?:\s+(?:anniversary|revised|updated|international|student))?"
    r"\s+ed(?:ition|n)?\.?|edition\s+(?:\d+(?:st|nd|rd|th)?|no\.?\s*\d+)|ed\.\s*\d{1,2}"
    r"|(?:pp?\.?|pages?)\s*\d+\s*(?:[-–—]|to)\s*\d+|scan|(?-i:[a-z]+\s+)?(?-i:translation)"
    # "-- the complete issue, not an article", "(the whole thing)": an issue asked for whole
    r"|(?:the\s+)?(?:whole|entire|complete|full)\s+thing|not\s+an?\s+article"
    r"|all\s+(?:the\s+)?issues"
    r"|(?:narrated|unabridged|abridged|any)\s+(?:version"
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
    # a lower-case word left before a date taken out: "Paris Is Burning for my class on"
    r"|(?-i:on|by|before|until|till)"
    r"|\?|!|\.|,|\)|[-–—])\s*$",
    re.IGNORECASE,
)
# A name ending in an abbreviation keeps its full stop.
_ABBREVIATED = re.compile(r"(?:\b(?:Jr|Sr|al)|(?<![\w.])[A-Z])$")
_PIECE_REACH = 48  # the longest piece ("the audiobook version if possible") fits in this
# Where a piece can begin: the first space of a run, or a punctuation mark.
_PIECE_STARTS = re.compile(r"(?<!\s)\s|[,;:\-–—(?!.)]")
# "(Rachel Carson, 1962)", "(Verso, 2006)", "(2018)" after a title: author and year in brackets.
# (not the issue in "Archaeology 12(2)": a volume and its issue)
_PARENTHETICAL = re.compile(r"(?<!\d)\s*\((?P<inside>[^()]{1,80})\)\s*$")
_BRACKET_AUTHOR = re.compile(
    r"^(?P<name>(?:(?:[A-Z]\.\s?)+|[A-Z][\w'’\-]+)(?:\s+[A-Z][\w.'’\-]*)+(?:\s+et\s+al\.?)?"
    # "(Edin & Shaefer)", "(Thaler and Sunstein)"; "(Atwood)" when the brackets hold it alone
    r"|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?(?:\s+(?:&|and)\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)+"
    r"|(?-i:[A-Z][a-z][\w'’\-]+)(?=$))\s*(?:,|$)"
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


@lru_cache(maxsize=4096)
def strip_filler(text: str) -> str:
    """Drop the "please", "thanks", "asap" and punctuation that trail a request."""
    end = len(text)
    while end:
        start = _last_piece(text, end)
        if start is None or start == end or _title_courtesy(text, start, end):
            break
        end = start
    stripped = text[:end]
    if text[end : end + 1] == "." and _ABBREVIATED.search(stripped):
        stripped += "."  # "Martin Luther King Jr.", "Smith et al.": the full stop is the name's
    if stripped.count("(") > stripped.count(")") and text.find(")", len(stripped)) >= 0:
        # "Silent Spring (Rachel Carson)", "(Vintage, 2nd edition)": a bracket opened in the
        # words kept is closed with them, whatever it holds
        close = text.find(")", len(stripped)) + 1
        return text[:close] if text[:close].count("(") <= text[:close].count(")") else stripped
    return stripped


# What the last word of a filler piece can be: a cheap test before the pieces are tried.
_PIECE_END_TEXT = """
    please pls plz thanks you thx asap me possible it can class course group club seminar
    research thesis dissertation paper essay project exam student students urgently soon again
    too ideally preferably hopefully well scanned copied sent delivered audio whatever whichever
    ill loan interlibrary ed edn edition scan translation thing article issues version unabridged
    abridged book audiobook ebook kindle paperback hardcover hardback print pdf dvd ray bluray cd
    copy format fine preferred only need needed want wanted this them copies on by before until
    till english instead ok okay good great perfect download digital them those one that it
    something think believe maybe probably thru through u school work uni college
"""
_PIECE_END_WORDS = frozenset(_PIECE_END_TEXT.split())


def _may_end_a_piece(tail: str) -> bool:
    """Tell whether `tail` may end in a filler piece: a cheap test before the pieces are tried.

    A piece ends in punctuation, a figure ("3rd", "BIO 330"), one of the words above, or "for
    my <word>" / "before the <word>".
    """
    tail = tail.rstrip()
    if not tail or not tail[-1].isalpha():
        return True
    at = len(tail)
    while at and tail[at - 1].isalpha():
        at -= 1
    if tail[at:].lower() in _PIECE_END_WORDS or (at and tail[at - 1].isdigit()):
        return True
    words = tail.lower().split()[-3:]
    return len(words) == 3 and words[0] in ("for", "before") and words[1] in ("my", "our", "the")


_CAPITALISED_BEFORE = re.compile(r"(?-i:[A-Z])[\w'’]*\s$")


def _title_courtesy(text: str, start: int, end: int) -> bool:
    """Tell whether a capitalised "Please" ends a title ("Yes Please"), not a request."""
    piece = text[start:end].strip()
    return piece == "Please" and bool(_CAPITALISED_BEFORE.search(text, 0, start + 1))


def _last_piece(text: str, end: int) -> int | None:
    """Return where the filler piece ending at `end` begins, if one does.

    Pieces are peeled off the end one at a time, trying only the places one can begin: the
    last few words are all that is ever looked at, however long the message.
    """
    low = max(0, end - _PIECE_REACH)
    if not _may_end_a_piece(text[low:end]):
        return None  # the last word can end no piece: most titles and names
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
    found = list(_BY.finditer(rest))
    for index in range(len(found) - 1, -1, -1):
        match = found[index]
        tail = rest[match.start() :]
        author = lower_byline(strip_filler(tail).rstrip(" .!?"), tail) or AUTHOR.match(tail)
        if author and index and CARRIER.match(author.group("author")):
            continue  # "The Warrior Ethos by Steven Pressfield by UPS": sent by, not written by
        names = re.split(r"\s+(?:and|&)\s+", author.group("author")) if author else []
        if author and all(len(name.split()) <= 6 for name in names):
            name = author.group("author").rstrip(" ")
            if name.endswith(".") and not _ABBREVIATED.search(name[:-1]):
                name = name.rstrip(" .")  # the sentence's full stop; "Jr." keeps its own
            after = tail[author.end() :]
            pair = _SURNAME_PAIR.match(after) if " " not in name else None
            if pair and not strip_filler(after[pair.end() :]).strip(" .!?,"):
                name, after = f"{name}{after[: pair.end()]}", after[pair.end() :]
            et_al = _ET_AL.match(after)
            if et_al:  # "Stuart Hall et al", as written
                name, after = f"{name}{et_al.group(0)}".rstrip(), after[et_al.end() :]
            narrator = NARRATED.search(rest, 0, match.start() + 1)
            if narrator:  # the reader of an audiobook: the author, if any, is named before
                title, author_name, _ = split_author(rest[: narrator.start()])
                return title, author_name, after
            return WRITTEN.sub("", rest[: match.start()]), name, after
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
        if not NARRATED.search(f" {match.group('title')} "):
            pairs.append((match.group("title"), match.group("author").rstrip(" .")))
        position = match.end()
    if len(pairs) > 1 and not body[position:].strip():
        return pairs
    return _bracketed_pairs(body)


# "Wild Swans (Jung Chang) and The Good Earth (Pearl S. Buck)": each title with its author in
# brackets after it (two or more name words, so "(2019)" or "(pbk)" is no author).
_BRACKET_PAIR = re.compile(
    rf"\s*(?P<title>(?-i:[A-Z0-9])[^;()]*?)\s*\((?P<author>(?-i:[A-Z])[\w'’.\-]*(?:\s+{NAME}))\)"
    r"\s*(?:[,;]\s*(?:and\s+)?|and\s+|&\s+|$)"
)


def _bracketed_pairs(body: str) -> list[tuple[str, str]]:
    """Read "X (A) and Y (B)" as (title, author) pairs; [] unless two or more fill the text."""
    pairs: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        match = _BRACKET_PAIR.match(body, position)
        if not match or match.end() == position:
            break
        pairs.append((match.group("title"), match.group("author")))
        position = match.end()
    return pairs if len(pairs) > 1 and not body[position:].strip(" .!?") else []


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
    if title and _TOPIC.match(title) and not _titled_lead(title):
        # "a book on cancer, The Emperor of All Maladies": the title follows the topic
        named_after = re.search(r"[,:]\s+(?=[A-Z0-9])", title)
        return clean_title(title[named_after.end() :]) if named_after else None
    return None if title and _NOT_A_TITLE.match(title) else title


def _titled_lead(title: str) -> bool:
    """Tell whether a capitalised "On"/"About" opens a title ("On the Run: Wanted Men")."""
    # (a topic is typed in lower case: "on cancer, The Emperor of All Maladies")
    head = re.split(r"[,:]", title, maxsplit=1)[0]
    return title[:1].isupper() and len(head.split()) >= 2 and title_case(head)


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


# Words before a title that say what of it is wanted: "Our book club needs 6 copies of", "Cd
# audiobook of", "audiobook version of", "introduction (pages 1-24) of". Lower-case words only
# (a capitalised first word may open the sentence), so "A Copy of Evil" keeps its words.
_WANTED_PART = re.compile(
    r"^(?:[A-Z][a-z]*\s+)?(?-i:[a-z0-9'’]+\s+){0,6}?(?:(?:\d{1,3}|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve)\s+)?(?-i:cop(?:y|ies)|scans?|editions?|versions?|audio\s*-?books?"
    r"(?:\s+version)?|dvds?|DVDs?|[Cc][Dd]s?|blu-?rays?|introduction|preface|foreword)"
    r"(?:\s*\([^()]{1,30}\))?\s+(?:of|from)\s+(?=[A-Z0-9\"“'‘])"
)


# "the Dog Man books", "the Wings of Fire series": a series named by its capitalised name and a
# lower-case word saying it is a series. The name is the title; the core confirms it.
SERIES = re.compile(r"^(?P<name>(?-i:[A-Z0-9])[^,;:]*?)\s+(?-i:books|series|novels|comics)$")


def without_series_word(title: str | None) -> str | None:
    """Drop the lower-case "books" / "series" after a series' name ("Dog Man books")."""
    match = SERIES.match(title or "")
    return match.group("name") if match and looks_like_title(match.group("name")) else title


def without_wanted_part(title: str | None) -> str | None:
    """Drop "6 copies of" and the like from the front of a title read whole."""
    if not title:
        return title
    match = _WANTED_PART.match(title)
    rest = title[match.end() :] if match else ""
    return rest if match and title_case(rest) else title
