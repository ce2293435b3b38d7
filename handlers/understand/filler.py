"""Drop the courtesy, hedges and wanted parts that trail a title: "Dune, 2nd ed., pls" → "Dune".

A request often ends in words that are not the title's own: "please", "for my class", ", the
audiobook", "just chapter 12", "if possible". They are peeled off the end one piece at a time;
a cheap test of the last word keeps the costly pattern off most texts.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
    r"|latest|newest|revised|expanded|updated|international)"
    r"(?:\s+(?:anniversary|revised|updated|international|student))?"
    r"\s+ed(?:ition|n)?\.?|edition\s+(?:\d+(?:st|nd|rd|th)?|no\.?\s*\d+)|ed\.\s*\d{1,2}"
    # "..., just chapter 12", "just the chapter on the heart", "chapter 2 only": the part wanted
    r"|(?-i:(?:(?:just|only)\s+)?(?:the\s+)?(?:chapters?|ch\.)\s+(?:\d+(?:\s*[-–]\s*\d+)?"
    r"|(?:on|about)\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)(?:\s+only)?)"
    r"|(?:pp?\.?|pages?)\s*\d+\s*(?:[-–—]|to)\s*\d+|scan"
    # "the Pevear translation", "the Chris Andrews translation": which translation is wanted
    r"|(?:the\s+)?(?-i:(?:[A-Za-z][\w'’.-]*\s+){0,2}translation)"
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

    A piece ends in punctuation, a figure ("3rd", "BIO 330"), one of the words above, "for
    my <word>" / "before the <word>", or a few words after "chapter".
    """
    tail = tail.rstrip()
    if not tail or not tail[-1].isalpha():
        return True
    at = len(tail)
    while at and tail[at - 1].isalpha():
        at -= 1
    if tail[at:].lower() in _PIECE_END_WORDS or (at and tail[at - 1].isdigit()):
        return True
    if "chapter" in tail.split()[-5:]:
        return True  # "..., just the chapter on the heart"
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
