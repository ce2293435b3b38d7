"""Read what a patron wants changed in a request: "make that the audiobook", "I meant X, not Y".

The reader (handlers/understand) says what a message asks for; these words only mean something
next to a request being put together or one already made, so the conversation reads them here.
Pure functions: no store.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from handlers.understand import Item, Reading
from handlers.understand.fields import read_chapter, read_edition

# Words that say the patron is correcting something already said.
_CUE = re.compile(
    r"\b(?:instead|actually|rather|prefer|change[ds]?|switch|swap|correction|update|wrong"
    r"|oops|sorry|wait|i\s+meant?|should\s+(?:be|have\s+been)|not\s+the"
    # the same in Spanish: "quise decir", "me refería a", "en vez de", "perdón"
    r"|quise\s+decir|quer[ií]a\s+decir|me\s+refer[ií]a|en\s+(?:vez|lugar)\s+de|perd[oó]n"
    r"|make\s+(?:it|that|this|them|the\s+request|my\s+request|ill[\s-]?\d+|#\d+|request\s+#?\d+)"
    r"|(?:can|could)\s+(?:it|that|you\s+make\s+it|ill[\s-]?\d+|#\d+)\s+be)\b",
    re.IGNORECASE,
)
_OPENING = re.compile(
    r"^\W*(?:(?:oh|ah|um+|hmm+|sorry|oops|wait|actually|no|ok(?:ay)?|so|well)\b[\s,.!:;-]*)+",
    re.IGNORECASE,
)
# Forms a patron may switch to: (words, material, format). The material stays when None.
_FORMS: tuple[tuple[re.Pattern[str], str | None, str | None], ...] = tuple(
    (re.compile(rf"\b(?:{words})\b", re.IGNORECASE), material, form)
    for words, material, form in (
        (r"audio\s*-?books?|audio\s+(?:version|edition|cds?)|books?\s+on\s+(?:cd|tape)",
         "audiobook", "audiobook"),
        (r"e-?books?|kindle(?:\s+edition)?|epub|(?:electronic|digital|online)\s+(?:copy|version"
         r"|edition)", "book", "ebook"),
        (r"print(?:ed)?\s+(?:copy|version|edition)|paper\s+copy|physical\s+(?:copy|book)"
         r"|hard\s*(?:cover|back)|paperback|in\s+print", "book", "print"),
        (r"dvds?|blu-?rays?|(?:the\s+)?(?:film|movie)(?:\s+version)?", "media", None),
        (r"scan(?:ned)?(?:\s+cop(?:y|ies))?|pdf|photocop(?:y|ies)", None, "scan"),
        (r"(?:regular|normal|ordinary|actual)\s+book|(?:the\s+)?book\s+(?:version|itself)"
         r"|book\s+instead", "book", None),
    )
)  # fmt: skip
_SHORT_WORDS = 7  # a message this short that names a form, next to a draft, is a change
_FILLER = re.compile(
    r"\b(?:the|a|an|please|pls|thanks|thank\s+you|version|format|edition|copy|instead|actually"
    r"|make|it|that|this|one|i'?d|like|prefer|rather|want|can|could|you|get|me|as|in|oh|ok"
    r"|okay|wait|sorry|no|yes|just|do|have)\b",
    re.IGNORECASE,
)
_TITLE_SAID = re.compile(
    r"^(?:i\s+meant(?:\s+to\s+say)?|i\s+mean|it\s+should\s+(?:be|have\s+been)|should\s+be"
    r"|change\s+(?:it|that|the\s+title)\s+to|(?:the\s+)?(?:correct\s+|right\s+)?title\s+is|title\s*[:=]"
    r"|it'?s\s+(?:actually\s+)?called|it\s+is\s+(?:actually\s+)?called|i\s+wanted"
    r"|quise\s+decir|quer[ií]a\s+decir|me\s+refer[ií]a\s+a)\s+"
    r"(?P<new>.+?)(?:\s*[,;]?\s+(?:not|instead\s+of|rather\s+than|no|en\s+(?:vez|lugar)\s+de)"
    r"\s+(?P<old>.+?))?\s*[.!]*$",
    re.IGNORECASE,
)
_NOT_BUT = re.compile(
    r"^not\s+(?P<old>.+?)\s*[,;]\s*(?:but\s+|i\s+meant\s+|i\s+want(?:ed)?\s+)?(?P<new>.+?)[.!]*$",
    re.IGNORECASE,
)
_X_NOT_Y = re.compile(r"^(?P<new>.+?)\s*,?\s+not\s+(?P<old>.+?)[.!]*$", re.IGNORECASE)
_AUTHOR_SAID = re.compile(
    r"\b(?:the\s+)?author(?:'s\s+name)?\s*(?:is|was|should\s+be|[:=])\s+(?P<a>[^,.;!?\n]+)"
    r"|\b(?:it'?s|it\s+is|it\s+was)\s+(?:written\s+)?by\s+(?P<b>[^,.;!?\n]+)"
    r"|\bwritten\s+by\s+(?P<c>[^,.;!?\n]+)",
    re.IGNORECASE,
)
_BY_ONLY = re.compile(r"^by\s+(?P<a>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*[.!]*$")
_BY_AUTHOR = re.compile(r"^(?P<title>.+?)\s+by\s+(?P<author>[^,;]+?)$", re.IGNORECASE)
_DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:mon|tue|tues|wed"
    r"|thu|thur|thurs|fri|sat|sun)(?:day)?\b|\btoday\b|\btomorrow\b|\bnext\b|\bend\s+of\b"
    r"|\bweek\b|\bmonth\b|\bterm\b|\d",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’«»`"
_LEAD_ARTICLE = re.compile(
    r"^(?:the\s+(?:book|one|title)\s+(?:called\s+)?|the\s+one\s+called\s+)", re.I
)
_PAGES = re.compile(r"\b(?:pp?\.?|pages?)\s*(?P<p>\d{1,5}(?:\s*(?:-|–|—|to)\s*\d{1,5})?)", re.I)
_COPIES = re.compile(
    r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
    r"\s+cop(?:y|ies)\b",
    re.IGNORECASE,
)
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip


@dataclass(frozen=True)
class Change:
    """What a message changes; None leaves a field as it was."""

    title: str | None = None
    author: str | None = None
    replaces: str | None = None  # the title the patron says they did not mean ("not Y")
    material: str | None = None
    format: str | None = None
    edition: str | None = None
    chapter: str | None = None
    pages: str | None = None
    copies: int | None = None
    need_by: date | None = None
    max_cost: float | None = None
    cued: bool = False  # the words say something is being corrected ("instead", "I meant")

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self) if f.name != "cued")

    @property
    def item_level(self) -> bool:
        """Tell whether the change is about the item itself (not only dates and money)."""
        names = ("title", "author", "material", "format", "edition", "chapter", "pages")
        return any(getattr(self, name) is not None for name in names)

    def to_data(self) -> dict[str, Any]:
        """Serialise for the conversation state."""
        data = asdict(self)
        data["need_by"] = self.need_by.isoformat() if self.need_by else None
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Change:
        """Rebuild a change from the conversation state."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("need_by"):
            values["need_by"] = date.fromisoformat(values["need_by"])
        return cls(**values)


def read_change(reading: Reading, *, in_draft: bool) -> Change:
    """Read the changes a message asks for; `in_draft`: a request is being put together.

    Next to a draft, a short message naming a form ("the audiobook please") is a change; about
    a request already made, only words that say so ("instead", "make it") are.
    """
    text = " ".join(reading.text.split())
    entities = reading.entities
    cued = bool(_CUE.search(text))
    body = _OPENING.sub("", text).strip()
    title, author, replaces = _title(body, reading, in_draft)
    material, form = _form(text, cued or in_draft, short=in_draft and _is_short(text))
    item = entities.items[0] if len(entities.items) == 1 else Item()
    named_form = material is None and in_draft and _is_short(text) and _form_only(item)
    if named_form:
        # "mejor el audiolibro": the reader named the form in the patron's own language
        material, form = item.material, "audiobook" if item.material == "audiobook" else None
    said_author = _author(body, reading)
    return Change(
        title=title,
        author=author or said_author,
        replaces=replaces,
        material=material,
        format=form,
        edition=item.edition or read_edition(text),
        chapter=item.chapter or read_chapter(text),
        pages=_pages(text),
        copies=entities.copies if entities.copies is not None else _copies(text),
        need_by=entities.need_by or entities.date,
        max_cost=entities.max_cost,
        # "the author is Harari", "wait the author is Jesmyn Ward": naming it is a correction
        cued=cued
        or named_form
        or title is not None
        or (said_author is not None and not _BY_ONLY.match(body)),
    )


def _form_only(item: Item) -> bool:
    """Tell whether the reader's item names a form and nothing else (no title, no identifier)."""
    named = (item.title, item.author, item.isbn, item.issn, item.doi, item.pmid, item.journal)
    return item.material not in (None, "book") and not any(named)


def _is_short(text: str) -> bool:
    return len(re.findall(r"[\w'’-]+", text)) <= _SHORT_WORDS


def _form(text: str, allowed: bool, *, short: bool) -> tuple[str | None, str | None]:
    """Return the (material, format) the words switch to, or (None, None)."""
    if not allowed:
        return None, None
    found = [(m.start(), material, form) for p, material, form in _FORMS for m in p.finditer(text)]
    if not found:
        return None, None
    # "the audiobook, not the paperback": the form named first is the one wanted.
    negated = re.compile(r"\bnot\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
    wanted = [f for f in sorted(found) if not negated.search(text[: f[0]])]
    if not wanted:
        return None, None
    _, material, form = wanted[0]
    if not (short or _CUE.search(text) or re.search(r"\bas\s+an?\b|\bversion\b", text, re.I)):
        return None, None
    return material, form


def _title(
    body: str, reading: Reading, in_draft: bool
) -> tuple[str | None, str | None, str | None]:
    """Return (new title, its author, the title replaced) from "I meant X, not Y"."""
    match = _TITLE_SAID.match(body) or _NOT_BUT.match(body)
    if match is None and (in_draft or body != reading.text.strip()):
        match = _X_NOT_Y.match(body)  # "oh wait, Deep Work, not Atomic Habits"
    if match is None and re.match(r"^\W*(?:i\s+meant|i\s+mean)\b", reading.text, re.I):
        match = _X_NOT_Y.match(body)
    if match is None:
        return None, None, None
    new, old = _clean(match.group("new")), _clean(match.group("old") or "")
    if not new or _names_a_field(new, reading):
        return None, None, None
    author = None
    by = _BY_AUTHOR.match(new)
    read = reading.entities.items[0] if len(reading.entities.items) == 1 else None
    if by and not _DATE_WORD.search(by.group("author")):
        new, author = _clean(by.group("title")), _clean(by.group("author"))
    elif read and read.title and read.author and new.startswith(read.title):
        # "quise decir El poder del ahora de Eckhart Tolle": the reader split title and author
        new, author = read.title, read.author
    return new or None, author or None, old or None


def _names_a_field(words: str, reading: Reading) -> bool:
    """Tell whether "I meant …" names a form, date, edition or count rather than a title."""
    if any(p.fullmatch(_FILLER.sub(" ", words).strip()) for p, _, _ in _FORMS):
        return True
    e = reading.entities
    if (e.need_by or e.date or e.max_cost is not None) and _DATE_WORD.search(words):
        return True
    return bool(read_edition(words) or read_chapter(words) or _COPIES.search(words))


def _author(body: str, reading: Reading) -> str | None:
    match = _AUTHOR_SAID.search(body)
    if match:
        name = match.group("a") or match.group("b") or match.group("c")
        if not _DATE_WORD.search(name):
            return _clean(name) or None
    by = _BY_ONLY.match(body)
    if by and not (reading.entities.need_by or reading.entities.date):
        return _clean(by.group("a")) or None
    return None


def _clean(words: str) -> str:
    words = words.strip().strip(_QUOTES + " .,;:!?").strip()
    words = _LEAD_ARTICLE.sub("", words).strip(_QUOTES + " ")
    words = re.sub(r"\s+(?:please|pls|thanks|thank you)$", "", words, flags=re.I).strip(" ,.")
    # "title is The Social Life of Guns or something like that": the hedge is no title word
    return re.sub(r",?\s+or\s+something(?:\s+like\s+(?:that|it))?$", "", words, flags=re.I)


def _pages(text: str) -> str | None:
    match = _PAGES.search(text)
    return re.sub(r"\s*(?:to|—|–)\s*", "-", match.group("p")).replace(" ", "") if match else None


def _copies(text: str) -> int | None:
    match = _COPIES.search(text)
    if not match:
        return None
    word = match.group("n").lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)


# Words that drop the request being put together, or keep one a patron was asked to cancel.
DROP = re.compile(
    r"^\W*(?:(?:oh|ah|actually|wait|ok(?:ay)?|hmm+|sorry|no|nah|so)\b[\s,.!-]*)*"
    r"(?:never\s*mind|nevermind|nvm|forget\s+(?:it|that|about\s+it|the\s+\w+|this)|scratch\s+that"
    r"|don'?t\s+bother|no\s+(?:thanks|thank\s+you|need)|not\s+any\s*more|drop\s+(?:it|that)"
    r"|cancel\s+(?:that|it|this)(?:\s+(?:one|request))?|i\s+(?:don'?t|no\s+longer)\s+need\s+it"
    r"|i\s+changed\s+my\s+mind|leave\s+it)\b",
    re.IGNORECASE,
)
KEEP = re.compile(
    r"\bkeep\s+(?:it|that|them|this|the\s+request|my\s+request|ill[\s-]?\d+)\b"
    r"|\bdon'?t\s+cancel\b|\bdo\s+not\s+cancel\b|\bleave\s+it\b|\bno,?\s+don'?t\b",
    re.IGNORECASE,
)


def drops(text: str) -> bool:
    """Tell whether the words drop what is being asked ("never mind", "forget it")."""
    return bool(DROP.search(text)) and not KEEP.search(text)


def keeps(text: str) -> bool:
    """Tell whether the words keep a request the patron was asked about ("keep it")."""
    return bool(KEEP.search(text))
