"""Everything found in one message before deciding what the patron wants."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from handlers.understand.citation import Citation, read_citations
from handlers.understand.cues import first_action, leading_answer, only_pleasantries
from handlers.understand.dates import DateReading, read_dates
from handlers.understand.group_copies import group_copies_title
from handlers.understand.identifiers import (
    IdentifierScan,
    blank_out,
    mark_out,
    relocate,
    scan_identifiers,
)
from handlers.understand.lower_titles import lower_case_head, lower_case_title, lower_case_titled
from handlers.understand.money import read_max_cost
from handlers.understand.phrasing import read_asked_items
from handlers.understand.reading import Terms
from handlers.understand.refs import RefReading, read_choice, read_ref
from handlers.understand.repairs import looks_like_correction
from handlers.understand.series import read_series
from handlers.understand.spelling import mend
from handlers.understand.title_only import bare_title, named_title, title_by_author
from handlers.understand.titles import quoted_titles


@dataclass(frozen=True)
class Signals:
    """What was found in a message, before deciding what the patron wants."""

    cleaned: str  # markup removed: the patron's words as read, one line per line
    text: str  # typos mended and identifiers blanked out as well
    rest: str  # the same with dates, references and amounts blanked out too
    scan: IdentifierScan
    dates: DateReading
    refs: RefReading
    choice: int | None
    max_cost: float | None
    citations: tuple[Citation, ...]
    # "Why Nations Fail by Daron Acemoglu": a whole message that is a title, read as one
    titled: Citation | None = None

    @property
    def names_an_item(self) -> bool:
        """Tell whether the message names something to borrow (identifier or title)."""
        titled = any(c.title or c.journal for c in self.citations)
        return bool(self.scan.found or self.scan.bad_isbn or titled)

    @property
    def names_a_clear_item(self) -> bool:
        """Tell whether an item is named unmistakably: an identifier, a citation, a real title.

        "request a locker" names a "locker" only as a lower-case guess, so it may still be
        about something that is not a loan.
        """
        return bool(self.scan.found or self.scan.bad_isbn) or any(
            c.styled or c.author or c.journal or self.quoted(c) or _real_title(c.title or "")
            for c in self.citations
        )

    @property
    def asks_for_something(self) -> bool:
        """Tell whether the message asks for a kind of thing without naming it ("a book on X")."""
        return self.names_an_item or bool(self.citations)

    @property
    def action_text(self) -> str:
        """Return the text with quoted titles blanked, where action words are looked for."""
        return blank_out(self.text, [(start, end) for _, start, end in quoted_titles(self.text)])

    @cached_property
    def cue_text(self) -> str:
        """Return the action text with capitalised titles blanked too ("get me Status Anxiety")."""
        spans = []
        for citation in self.citations:
            title = citation.title or ""
            at = self.text.find(title) if title else -1
            if at >= 0 and (_capitalised(title) or citation.author):
                spans.append((at, at + len(title)))
        return blank_out(self.action_text, spans)

    @cached_property
    def action(self) -> tuple[int, str] | None:
        """Return the first action cue in the cue text, and where it starts."""
        return first_action(self.cue_text)

    @cached_property
    def bare(self) -> Citation | None:
        """Return the title a message of nothing but a title names ("Middlemarch")."""
        plain = not (self.scan.spans or self.dates.spans or self.refs.refs)
        if not plain or self.max_cost is not None:
            return None
        return named_title(self.cleaned) or bare_title(self.cleaned)

    @cached_property
    def lower_bare(self) -> Citation | None:
        """Return the title a message of nothing but a lower-case title names ("freakonomics")."""
        plain = not (self.scan.spans or self.dates.spans or self.refs.refs or self.citations)
        return lower_case_title(self.cleaned) if plain and self.max_cost is None else None

    def quoted(self, citation: Citation) -> bool:
        """Tell whether the patron put the citation's title in quote marks."""
        return any(words.strip() == citation.title for words, _, _ in quoted_titles(self.cleaned))


def _real_title(title: str) -> bool:
    """Tell whether a title read without quotes looks like one: a capitalised word, or "1984"."""
    words = title.split()
    capital = any(w[:1].isupper() and w[1:2].islower() and w not in ("I'm", "I'd") for w in words)
    return capital or title.strip().isdigit()


def _capitalised(title: str) -> bool:
    words = [w for w in title.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 >= len(words)


# Where a title written before its need-by date or price may end ("Killers of the Flower Moon
# by David Grann. I'll need it in two weeks", "The Thursday Murder Club, Richard Osman. I'll
# pay up to ten dollars"): a comma, a full stop, a bracket or a dash between spaces.
_HEAD_END = re.compile(r"\s*(?:,|\.(?=\s)|;|\(|\s[-–—]{1,2}\s)")
_HEAD_WORDS = 16  # a title and its author fit in this many words


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _a_date(words: str, today: date, terms: Terms, region: str | None) -> bool:
    """Tell whether words read as an author are a date ("by Tuesday", "by Christmas")."""
    found = read_dates(f"by {words}", today, terms, alone=True, region=region)
    return bool(found.spans) and found.spans[0][1] >= len(words) + 2


def _head(text: str) -> str:
    """Return a title's words before a cut, without the comma or dash (but "Jr." keeps its dot)."""
    head = text.rstrip(" ,;-–—(")
    last = head.split()[-1] if head.split() else ""
    if head.endswith(".") and not _ABBREVIATION.fullmatch(last):
        head = head[:-1].rstrip(" ,;-–—(")
    return head


# Words whose full stop is their own: "Martin Luther King Jr.", "H. G.", "Dr.".
_ABBREVIATION = re.compile(r"(?:[A-Z]|Jr|Sr|Dr|St|Mr|Mrs|Ms|Prof|Rev|Ed|Eds|Vol|No)\.", re.I)


def title_before_answers(text: str, last: int) -> tuple[Citation | None, bool]:
    """Read a message opening with a title (and author) before its date or amount.

    `last` is where the last date or amount starts; the title ends at a comma, full stop,
    bracket or dash before it, and what follows asks for no action. Returns the citation and
    whether it has its author ("Title by Author"); a bare title is confirmed first.
    """
    if "\n" in text.strip():
        return None, False
    cuts = sorted({m.start() for m in _HEAD_END.finditer(text, 0, last)} | {last}, reverse=True)
    heads = [(_head(text[:cut]), cut) for cut in cuts]
    heads = [(head, cut) for head, cut in heads if head and len(head.split()) <= _HEAD_WORDS]
    for head, cut in heads:
        if first_action(text[cut:], sentence_start=False) is not None:
            return None, False  # "Beloved, renew it by Friday": the rest gives an order
        titled = title_by_author(head)
        if titled:
            return titled, True
        asked = read_asked_items(head)  # "The Thursday Murder Club, Richard Osman"
        whole = len(asked) == 1 and asked[0].span == (0, len(head))
        if whole and asked[0].author and asked[0].title:
            return asked[0], True
    for head, cut in heads:
        separated = cut < last or text[last : last + 1] in ",;.(-–—"
        if not separated or leading_answer(head) or only_pleasantries(head):
            continue  # "Happy Friday!", "No, I do not want to pay": no title, an answer or chat
        bare = bare_title(head) or lower_case_head(head)  # "the overstory, by friday pls"
        if bare:
            return bare, False
    return None, False


def gather(cleaned: str, today: date, terms: Terms, region: str | None = None) -> Signals:
    """Find identifiers, dates, references, amounts and items in a cleaned message."""
    scan = scan_identifiers(cleaned)
    # Mending changes word lengths ("pls" → "please"): identifiers are found again afterwards.
    marked = mend(mark_out(cleaned, scan))
    scan = relocate(scan, marked)
    text = blank_out(marked, scan.spans)
    dates = read_dates(text, today, terms, alone=not scan.spans, region=region)
    rest = blank_out(text, dates.spans)
    refs = read_ref(rest)
    rest = blank_out(rest, refs.spans)
    money = read_max_cost(rest)
    rest = blank_out(rest, [money.span] if money.span else [])
    citations = read_citations(rest) or read_asked_items(rest)
    if not citations and not scan.spans:
        group = group_copies_title(rest)  # "my book club is reading X and we need 8 copies"
        citations = (group,) if group else ()
    if not scan.spans and not any(c.styled for c in citations):
        series = read_series(rest)  # "any of the Dog Man books", "the 4th Cormoran Strike book"
        # ("Edward St Aubyn's Never Mind ... It is the first of the Patrick Melrose books": the
        # book asked for is named with its author; the series only says where it belongs)
        named_apart = (
            any(c.author and (series.title or "") not in (c.title or "") for c in citations)
            if series
            else False
        )
        if series and first_action(rest) is None and not named_apart:
            citations = (series,)
    titled = None if citations or scan.spans or refs.refs else title_by_author(cleaned)
    if titled is None and not (citations or scan.spans or refs.refs or dates.spans):
        titled = lower_case_titled(cleaned)  # "keep going by austin kleon"
    if titled and titled.author and dates.spans and _a_date(titled.author, today, terms, region):
        titled = None  # "Atomic Habits, by Tuesday": the "author" is the need-by date
    answers = [*dates.spans, *([money.span] if money.span else [])]
    plain = not (citations or titled or scan.spans or refs.refs or looks_like_correction(rest))
    if answers and plain:
        head, by_author = title_before_answers(text, max(start for start, _ in answers))
        if head is not None and head.span is not None:
            if _overlaps(head.span, answers):  # "Home by Christmas by Lenny Ashford, by Dec 20"
                titled_text = blank_out(text, [head.span])
                dates = read_dates(titled_text, today, terms, alone=False, region=region)
                money = read_max_cost(blank_out(titled_text, dates.spans))
                rest = blank_out(text, [*dates.spans, *([money.span] if money.span else [])])
            titled = head if by_author else None
            citations = (head,)
    elif plain and " by " in text:
        # "No Means Maybe, by Carlos Ybarra -- the book please": a title and author, then words
        head, by_author = title_before_answers(text, len(text))
        if head is not None and by_author:
            titled, citations = head, (head,)
    return Signals(
        cleaned=cleaned,
        text=text,
        rest=rest,
        scan=scan,
        dates=dates,
        refs=refs,
        choice=read_choice(marked),  # mended already; identifiers are never a pick
        max_cost=money.max_cost,
        citations=(titled,) if titled else citations,
        titled=titled,
    )
