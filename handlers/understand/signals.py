"""Everything found in one message before deciding what the patron wants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from handlers.understand.citation import Citation, read_citations
from handlers.understand.cues import first_action
from handlers.understand.dates import DateReading, read_dates
from handlers.understand.identifiers import (
    IdentifierScan,
    blank_out,
    mark_out,
    relocate,
    scan_identifiers,
)
from handlers.understand.money import read_max_cost
from handlers.understand.phrasing import read_asked_items
from handlers.understand.reading import Terms
from handlers.understand.refs import RefReading, read_choice, read_ref
from handlers.understand.spelling import mend
from handlers.understand.title_only import bare_title, title_by_author
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
        return bare_title(self.cleaned) if plain and self.max_cost is None else None

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
    titled = None if citations or scan.spans or refs.refs else title_by_author(cleaned)
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
