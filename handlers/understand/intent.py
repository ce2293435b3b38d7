"""Read one patron message into an intent and the entities it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from handlers.understand import cues
from handlers.understand.citation import Citation, read_citations
from handlers.understand.dates import DateReading, read_dates
from handlers.understand.hints import read_named_request, read_ref_hint
from handlers.understand.identifiers import (
    IdentifierScan,
    blank_out,
    mark_out,
    relocate,
    scan_identifiers,
)
from handlers.understand.items import assemble
from handlers.understand.markup import clean_lines, has_emoji
from handlers.understand.money import read_max_cost
from handlers.understand.phrasing import lead_in_at, read_asked_items
from handlers.understand.reading import DEFAULT_TERMS, Entities, Reading, Terms
from handlers.understand.refs import RefReading, read_choice, read_ref
from handlers.understand.spelling import mend
from handlers.understand.titles import quoted_titles

# Only the start of a very long message is read: requests fit in it, and it bounds the work.
MAX_READ = 4000
# Intents that act on a request the patron already has, and so may name it by title words.
_ABOUT_A_REQUEST = ("status", "renew", "cancel")
# What a patron may want done with a request they name and nothing else ("ILL-7").
_ABOUT_IT = ("status", "renew", "cancel")
# Words around a bare reference that add no wish of their own ("what about ILL-7, please?").
_NAMING_TEXT = """
    the a an my this that one book request article loan it it's is what about please pls thanks
    thank you so and hi hello hey re
"""
_NAMING_WORDS = frozenset(_NAMING_TEXT.split())


@dataclass(frozen=True)
class _Signals:
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

    @property
    def names_an_item(self) -> bool:
        """Tell whether the message names something to borrow (identifier or title)."""
        titled = any(c.title or c.journal for c in self.citations)
        return bool(self.scan.found or self.scan.bad_isbn or titled)

    @property
    def asks_for_something(self) -> bool:
        """Tell whether the message asks for a kind of thing without naming it ("a book on X")."""
        return self.names_an_item or bool(self.citations)

    @property
    def action_text(self) -> str:
        """Return the text with quoted titles blanked, where action words are looked for."""
        return blank_out(self.text, [(start, end) for _, start, end in quoted_titles(self.text)])


def _gather(cleaned: str, today: date, terms: Terms) -> _Signals:
    scan = scan_identifiers(cleaned)
    # Mending changes word lengths ("pls" → "please"): identifiers are found again afterwards.
    marked = mend(mark_out(cleaned, scan))
    scan = relocate(scan, marked)
    text = blank_out(marked, scan.spans)
    dates = read_dates(text, today, terms, alone=not scan.spans)
    rest = blank_out(text, dates.spans)
    refs = read_ref(rest)
    rest = blank_out(rest, refs.spans)
    money = read_max_cost(rest)
    rest = blank_out(rest, [money.span] if money.span else [])
    styled = read_citations(rest)
    return _Signals(
        cleaned=cleaned,
        text=text,
        rest=rest,
        scan=scan,
        dates=dates,
        refs=refs,
        choice=read_choice(mend(cleaned)),
        max_cost=money.max_cost,
        citations=styled or read_asked_items(rest),
    )


def _classify(signals: _Signals) -> str:
    """Decide the intent; the order of the checks is the precedence between cues."""
    text = signals.text
    if not signals.cleaned.strip():
        return "unknown"
    if signals.choice is not None:
        return "choice"
    if cues.HUMAN.search(text):
        return "human"
    if _off_topic(signals):
        return "smalltalk"
    if cues.HELP_QUESTION.search(text) and not signals.names_an_item:
        return "help"
    if cues.WHY.search(text):
        return "why"
    return _classify_by_position(signals)


def _off_topic(signals: _Signals) -> bool:
    """Tell whether the message is about something other than loans ("renew my parking permit")."""
    if signals.refs.refs or signals.scan.found or signals.scan.bad_isbn:
        return False
    other = cues.OTHER_THING.search(signals.text)
    if other and not cues.LIBRARY_THING.search(other.group("thing")):
        return True
    return bool(cues.OFF_TOPIC.search(signals.text)) and not cues.LIBRARY_THING.search(
        cues.OFF_TOPIC.sub(" ", signals.text)
    )


def _classify_by_position(signals: _Signals) -> str:
    text = signals.action_text
    answer = cues.leading_answer(text)
    action = cues.first_action(text)
    # A short answer ("yes please renew it") answers the question; a longer one gives orders.
    answer_wins = not signals.names_an_item and (
        action is None or (not signals.refs.refs and cues.words_after_answer(text) <= 3)
    )
    if answer and answer_wins:
        return answer
    asked_at = lead_in_at(text) if signals.names_an_item else None
    if action and (asked_at is None or action[0] < asked_at or _swallowed(signals, action[0])):
        return action[1]
    if signals.asks_for_something:
        return "request"
    if cues.ASKS_FOR_NOTHING.search(text) or cues.only_pleasantries(signals.rest):
        return "smalltalk"  # before help: "thanks for your help" asks for nothing
    if cues.HELP_ANY.search(text):
        return "help"
    return _leftover(signals)


def _leftover(signals: _Signals) -> str:
    """Classify a message with no action, item or answer word: an answer, chat or noise."""
    text = signals.text
    answers = signals.dates.need_by or signals.max_cost is not None
    if answers or signals.refs.refs:
        return "unknown"  # the conversation core reads the need-by, amount or reference
    if read_named_request(signals.rest):
        return "unknown"  # "the Foucault one": answers "which one?"
    if cues.QUESTION.search(text) or cues.chatter(text):
        return "smalltalk"  # an off-topic question or remark gets a friendly answer
    return "unknown"


def _swallowed(signals: _Signals, at: int) -> bool:
    """Tell whether the item read is really the target of a later action.

    "could i get the Zinn book renewed?": the title took in the action word. "I still need the
    Baldwin, could you renew it?": the action points back at a loan with "it".
    """
    words = signals.action_text[at:].split()
    word = words[0].strip(".,;:!?") if words else ""
    plain = [c for c in signals.citations if not c.styled]
    if not word or not plain or signals.scan.found:
        return False
    if word[:1].islower() and any(word in (c.title or "").split() for c in plain):
        return True
    back = len(words) > 1 and words[1].strip(".,;:!?").lower() in {"it", "them", "that", "this"}
    return back and not any(c.author or c.journal for c in plain)


def _hint(signals: _Signals, intent: str) -> str | None:
    if signals.refs.refs:
        return None
    if intent in _ABOUT_A_REQUEST:
        action = cues.first_action(signals.action_text)
        return read_ref_hint(signals.rest, action[0] if action else None)
    if intent == "unknown":
        return read_named_request(signals.rest)
    return None


def _entities(signals: _Signals, intent: str) -> Entities:
    if intent == "smalltalk":
        return Entities()  # small talk never carries an answer the core could act on
    items = assemble(signals.rest, signals.scan.found, signals.citations)
    if intent != "request":
        # Title words in "renew the Foucault book" name a request already made: see ref_hint.
        items = tuple(item for item in items if item.isbn or item.issn or item.doi or item.pmid)
    choice = intent == "choice"
    return Entities(
        items=items,
        need_by=signals.dates.need_by,
        max_cost=signals.max_cost,
        ref=None if choice else signals.refs.ref,
        refs=() if choice else signals.refs.refs,
        ref_hint=_hint(signals, intent),
        choice=signals.choice if choice else None,
        date=signals.dates.date,
        bad_isbn=signals.scan.bad_isbn,
    )


def read_intent(text: str, *, today: date, terms: Terms = DEFAULT_TERMS) -> Reading:
    """Read one patron message: clean its markup, classify it and pull out its entities."""
    cleaned = clean_lines(text[: MAX_READ * 2])[:MAX_READ]
    if not cleaned and has_emoji(text):
        return Reading(intent="smalltalk", text="")  # a lone 🙂 or 😂
    signals = _gather(cleaned, today, terms)
    intent = _classify(signals)
    entities = _entities(signals, intent)
    return Reading(
        intent=intent,
        entities=entities,
        text=" ".join(cleaned.split()),
        could_be=_ABOUT_IT if _only_names_a_request(signals, intent, entities) else (),
    )


def _only_names_a_request(signals: _Signals, intent: str, entities: Entities) -> bool:
    """Tell whether the message names a request and says nothing about it ("ILL-7?").

    Then the patron may want its status, a renewal or a cancel: the core asks which. "I returned
    ILL-4 yesterday" says something else, and is left as not understood.
    """
    if intent != "unknown" or entities.items or not (entities.refs or entities.ref_hint):
        return False
    if entities.need_by or entities.max_cost is not None:
        return False  # an answer to a pending question, not a new wish
    named = set((entities.ref_hint or "").split())
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w'’]*", signals.rest)]
    return all(word in _NAMING_WORDS or word in named for word in words)
