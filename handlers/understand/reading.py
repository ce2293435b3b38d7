"""The result types of reading a message, and the one entry point `understand`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Each term as the (month, day) it ends on, in calendar order.
Terms = tuple[tuple[int, int], ...]
DEFAULT_TERMS: Terms = ((5, 15), (8, 15), (12, 31))

# Intents the conversation core dispatches on.
INTENTS = (
    "request",  # get me an item
    "status",  # where is my request / what do I have
    "renew",  # keep it longer
    "cancel",  # cancel a request
    "help",  # what can you do
    "yes",  # an affirmative answer to a question the bot asked
    "no",  # a negative answer
    "choice",  # picks an option by number/ordinal ("2", "the second one")
    "why",  # why was that refused?
    "policy",  # a question about the library's rules ("is there a limit?"): answered from them
    "human",  # talk to a person
    "smalltalk",  # thanks / hello / how are you: friendly answer, nothing changes
    "offtopic",  # about something other than ILL (wifi, parking permit): who to ask instead
    "language",  # answer me in another language ("English please", "en español"): see language
    "unknown",
)

# What a `policy` question may be about; handlers/policy_answer.py answers each from the profile.
POLICY_TOPICS = (
    "limit",  # how many items may I ask for / have at once
    "cost",  # will it cost me anything, who pays, what does the lender charge
    "loan_period",  # how long do I get to keep it (a loan, a scanned article)
    "renewal",  # can I renew, how many times
    "delivery_time",  # how long does it take to arrive
    "pickup",  # where and how do I get it, how long is it held
    "overdue",  # what happens if I'm late, fines, blocks
    "eligibility",  # who may use ILL, do I qualify
    "materials",  # what can be asked for (textbooks, DVDs, new releases, theses, articles)
    "owe",  # what do I owe right now
)
# What an `offtopic` message is about; the profile's [contact] says who to ask instead.
OFFTOPIC_TOPICS = (
    "hours", "wifi", "printing", "account", "fines_local", "rooms", "parking", "events",
    "catalog", "other",
)  # fmt: skip


@dataclass(frozen=True)
class Item:
    """One thing a patron asked for (a message may name several)."""

    isbn: str | None = None
    issn: str | None = None
    doi: str | None = None
    pmid: str | None = None
    title: str | None = None
    author: str | None = None  # the first (or only) author, as written
    journal: str | None = None  # for a whole issue, the periodical asked for
    year: int | None = None
    material: str | None = None
    authors: str | None = None  # the whole author list of a citation naming several
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None  # "45-67": a citation's page range, or the pages to scan
    edition: str | None = None  # "3rd", "2019": the edition asked for, as written
    chapter: str | None = None  # "3", "Chapter 7: On Method": the chapter to scan
    month: int | None = None  # the publication month (1-12) and day, when a citation gives them
    day: int | None = None


@dataclass(frozen=True)
class Entities:
    """Everything read from one message."""

    items: tuple[Item, ...] = ()
    need_by: date | None = None
    past_date: date | None = None  # a need-by date already past ("by Aug 3" on Sept 1): asked about
    max_cost: float | None = None  # USD; 0.0 for "nothing" / "free only"
    ref: int | None = None  # n of ILL-n: the first reference named
    ref_hint: str | None = None  # "the Foucault book": words to match against titles
    choice: int | None = None  # 1-based option picked
    date: date | None = None  # a bare date answer ("Oct 15") when no need-by wording
    bad_isbn: str | None = None  # an ISBN-looking number whose check digit fails
    refs: tuple[int, ...] = ()  # every reference named, in order ("cancel #14 and #15")
    topic: str | None = None  # policy / offtopic: what the question is about (see TOPICS)
    copies: int | None = None  # "we need 6 copies"
    every: bool = False  # "renew both / all / everything": every loan or request it may apply to
    ordinal: int | None = None  # "the second one I asked for": 1-based, in the order asked
    # intent language: the one asked for, "en" / "es", or another ("fr") a library may not offer
    language: str | None = None


@dataclass(frozen=True)
class Reading:
    """The intent and entities of one message."""

    intent: str
    entities: Entities = field(default_factory=Entities)
    text: str = ""  # the cleaned text that was read (markup removed)
    # When the intent is "unknown" but the message names a request, what the patron may want
    # done with it ("ILL-7" alone: status, renew or cancel): the core asks, it never guesses.
    could_be: tuple[str, ...] = ()
    # A second (third…) action in the same message ("cancel ILL-5 and renew ILL-2"), in order.
    also: tuple[Reading, ...] = ()
    # False when a request was read from free text without an identifier or a clean citation
    # and the reading may be wrong: the core shows what it would record and asks first.
    sure: bool = True
    # The language the message is written in, "en" / "es", or None when it is too short or
    # neutral to say ("ILL-3", "yes", an ISBN): handlers/understand/language.detect. Left out
    # of comparisons: two readings that want the same are equal whatever language said it.
    language: str | None = field(default=None, compare=False)


def understand(
    text: str,
    *,
    today: date,
    terms: Terms | None = None,
    region: str | None = None,
    learned: bool = True,
) -> Reading:
    """Read one patron message; `today` is the library-local date used for relative dates.

    `terms` are the library's academic terms, for "end of term"; without them, the calendar
    in POLICY_RULES.md (Spring to May 15, Summer to Aug 15, Fall to Dec 31) is used. `region`
    ("US-NE") names the country and state whose public holidays "by Labor Day" means.
    `learned` False reads with the hand-written rules alone (see handlers/understand/classifier).
    """
    from handlers.understand.intent import read_intent

    chosen = terms or DEFAULT_TERMS
    return read_intent(text, today=today, terms=chosen, region=region, learned=learned)
