"""Read one patron message into an intent and the entities it names."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from handlers.understand import cues
from handlers.understand.citation import Citation, read_citation
from handlers.understand.dates import DateReading, read_dates
from handlers.understand.identifiers import (
    IdentifierScan,
    blank_out,
    items_from_identifiers,
    scan_identifiers,
)
from handlers.understand.markup import clean_markup
from handlers.understand.material import default_for, fits_identifier, read_material
from handlers.understand.money import read_max_cost
from handlers.understand.phrasing import lead_in_at, read_asked_items
from handlers.understand.reading import Entities, Item, Reading
from handlers.understand.refs import read_choice, read_ref, read_ref_hint
from handlers.understand.spelling import mend

_IDENTIFIER_KINDS = ("isbn", "issn", "doi", "pmid")
# Only the start of a very long message is read: requests fit in it, and it bounds the work.
MAX_READ = 4000
# Intents that act on a request the patron already has, and so may name it by title words.
_ABOUT_A_REQUEST = ("status", "renew", "cancel")


@dataclass(frozen=True)
class _Signals:
    """What was found in a message, before deciding what the patron wants."""

    cleaned: str  # markup removed: the patron's words as read
    text: str  # typos mended and identifiers blanked out as well
    rest: str  # the same with dates, the reference and amounts blanked out too
    scan: IdentifierScan
    dates: DateReading
    ref: int | None
    choice: int | None
    max_cost: float | None
    citations: tuple[Citation, ...]

    @property
    def names_an_item(self) -> bool:
        """Tell whether the message names something to borrow (identifier or title)."""
        return bool(self.scan.found or self.scan.bad_isbn or self.citations)


def _gather(cleaned: str, today: date) -> _Signals:
    scan = scan_identifiers(cleaned)
    text = mend(blank_out(cleaned, scan.spans))
    dates = read_dates(text, today)
    rest = blank_out(text, dates.spans)
    ref = read_ref(rest)
    rest = blank_out(rest, [ref.span] if ref.span else [])
    money = read_max_cost(rest)
    rest = blank_out(rest, [money.span] if money.span else [])
    styled = read_citation(rest)
    return _Signals(
        cleaned=cleaned,
        text=text,
        rest=rest,
        scan=scan,
        dates=dates,
        ref=ref.ref,
        choice=read_choice(mend(cleaned)),
        max_cost=money.max_cost,
        citations=(styled,) if styled else read_asked_items(rest),
    )


def _classify(signals: _Signals) -> str:
    """Decide the intent; the order of the checks is the precedence between cues."""
    text = signals.text
    if not signals.cleaned:
        return "unknown"
    if signals.choice is not None:
        return "choice"
    if cues.HUMAN.search(text):
        return "human"
    if cues.HELP_QUESTION.search(text) and not signals.names_an_item:
        return "help"
    if cues.WHY.match(text):
        return "why"
    if _off_topic(signals):
        return "smalltalk"
    return _classify_by_position(signals)


def _off_topic(signals: _Signals) -> bool:
    """Tell whether the message is about something other than loans ("renew my parking permit")."""
    if signals.ref is not None or signals.scan.found or signals.scan.bad_isbn:
        return False
    return bool(cues.OFF_TOPIC.search(signals.text)) and not cues.LIBRARY_THING.search(
        cues.OFF_TOPIC.sub(" ", signals.text)
    )


def _classify_by_position(signals: _Signals) -> str:
    text = signals.text
    answer = cues.leading_answer(text)
    action = cues.first_action(text)
    # A short answer ("yes please renew it") answers the question; a longer one gives orders.
    answer_wins = not signals.names_an_item and (
        action is None or (signals.ref is None and cues.words_after_answer(text) <= 3)
    )
    if answer and answer_wins:
        return answer
    asked_at = lead_in_at(text) if signals.names_an_item else None
    if action and (asked_at is None or action[0] < asked_at):
        return action[1]
    if signals.names_an_item:
        return "request"
    if cues.only_pleasantries(text):
        return "smalltalk"  # before help: "thanks for your help" asks for nothing
    if cues.HELP_ANY.search(text):
        return "help"
    answers_a_question = signals.dates.need_by or signals.max_cost is not None or signals.ref
    if cues.QUESTION.search(text) and not answers_a_question:
        return "smalltalk"  # an off-topic question gets a friendly answer, nothing changes
    return "unknown"  # the conversation core reads any need-by, amount or reference it carries


def _material(item: Item, named: str | None, shape: str | None) -> str | None:
    """Choose an item's material: words the patron used, then citation shape, then defaults."""
    kinds = [kind for kind in _IDENTIFIER_KINDS if getattr(item, kind)]
    for candidate in (named, shape):
        if candidate and all(fits_identifier(candidate, kind) for kind in kinds):
            return candidate
    if kinds:
        return default_for(kinds[0])  # ISBN: book; ISSN, DOI, PMID: article
    if item.journal:
        return "article"
    return "book" if item.title else None  # a title alone is most often a book


def _named_material(signals: _Signals) -> str | None:
    """Read the material the patron's own words name ("the DVD of ..."), title words excluded."""
    spans = [citation.span for citation in signals.citations if citation.span]
    outside = read_material(blank_out(signals.rest, spans))
    plain = [c.material for c in signals.citations if c.material and not c.styled]
    return outside or (plain[0] if plain else None)


def _described(item: Item, citation: Citation) -> Item:
    return replace(
        item,
        title=citation.title,
        author=citation.author,
        journal=citation.journal,
        year=citation.year,
    )


def _items(signals: _Signals, intent: str) -> tuple[Item, ...]:
    """One item per identifier, or per title; a lone identifier takes the lone title's details."""
    pairs: list[tuple[Item, Citation | None]] = [
        (item, None) for item in items_from_identifiers(signals.scan.found)
    ]
    # Title words in "renew the Foucault book" name a request already made: see ref_hint.
    titled = [c for c in signals.citations if c.title] if intent == "request" else []
    if len(titled) == 1 and len(pairs) <= 1:
        pairs = [(_described(pairs[0][0] if pairs else Item(), titled[0]), titled[0])]
    elif titled and not pairs:
        pairs = [(_described(Item(), citation), citation) for citation in titled]
    named = _named_material(signals) if intent == "request" else None
    return tuple(
        replace(item, material=_material(item, named, _shape(citation))) for item, citation in pairs
    )


def _shape(citation: Citation | None) -> str | None:
    """Return what a pasted reference's layout says the item is (a journal volume: article)."""
    return citation.material if citation and citation.styled else None


def read_intent(text: str, *, today: date) -> Reading:
    """Read one patron message: clean its markup, classify it and pull out its entities."""
    cleaned = clean_markup(text)
    signals = _gather(cleaned[:MAX_READ], today)
    intent = _classify(signals)
    hint = None
    if intent in _ABOUT_A_REQUEST and signals.ref is None:
        hint = read_ref_hint(signals.rest)
    entities = Entities(
        items=_items(signals, intent),
        need_by=signals.dates.need_by,
        max_cost=signals.max_cost,
        ref=None if intent == "choice" else signals.ref,
        ref_hint=hint,
        choice=signals.choice if intent == "choice" else None,
        date=signals.dates.date,
        bad_isbn=signals.scan.bad_isbn,
    )
    return Reading(intent=intent, entities=entities, text=cleaned)
