"""Pull out the entities of a patron message once its intent is decided."""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand import offtopic, policy_words
from handlers.understand.asked_titles import asked_about
from handlers.understand.author_only import author_only
from handlers.understand.fields import read_copies
from handlers.understand.hints import (
    read_named_request,
    read_ref_hint,
    read_ref_title,
    read_titled_request,
)
from handlers.understand.intent_rules import correction_in, kept_refs, off_topic, policy
from handlers.understand.items import assemble
from handlers.understand.material import read_material
from handlers.understand.naming import read_naming
from handlers.understand.reading import Entities, Item
from handlers.understand.refs import names_every, read_ordinal
from handlers.understand.short_citations import short_citation
from handlers.understand.signals import Signals

# Intents that act on a request the patron already has, and so may name it by title words.
_ABOUT_A_REQUEST = ("status", "renew", "cancel")
# Words around a bare reference that add no wish of their own ("what about ILL-7, please?").
_NAMING_TEXT = """
    the a an my this that one book request article loan it it's is what about please pls thanks
    thank you so and hi hello hey re i asked for requested ordered made first second third
    fourth fifth last latest number
"""
_NAMING_WORDS = frozenset(_NAMING_TEXT.split())
# "renew ILL-9 until Dec 20", "can I keep Pachinko until the end of the month": the date the
# renewal is wanted until, in the same clause as the renewal.
_RENEW_UNTIL = re.compile(
    r"\b(?:renew|renewed|keep|extend|hang\s+on\s*to|hold\s+on\s*to|have|borrow|more\s+time)\b"
    r"[^.;!?\n]{0,60}?"
    r"\b(?:until|till|til|thru|through)\b"
    # "I need the Desmond book until the end of the month, can you renew it?"
    r"|\bneed\b[^.;!?\n]{0,40}?\b(?:until|till|til)\b[^;!?\n]{0,40}?\b(?:renew|extend)",
    re.I,
)


def _hint(signals: Signals, intent: str) -> str | None:
    if signals.refs.refs:
        # "the Hawkley and Cacioppo article (ILL-15)": the title beside a reference names it too
        alone = len(signals.refs.refs) == 1 and intent in _ABOUT_A_REQUEST
        return read_ref_title(signals.rest) if alone else None
    if intent == "why":  # "why was the Wolf Hall request refused?", "... for The Overstory"
        return read_named_request(signals.rest) or read_titled_request(signals.rest)
    if intent in _ABOUT_A_REQUEST:
        action = signals.action
        return read_ref_hint(signals.rest, action[0] if action else None, intent == "status")
    if intent == "unknown":
        return read_named_request(signals.rest)
    return None


def entities_of(signals: Signals, intent: str, rule: str) -> Entities:
    if intent == "smalltalk" or rule == "non_answer":
        return Entities()
    if rule == "naming":
        return _named_for_draft(signals)
    if rule == "declined":
        return Entities(
            ref=signals.refs.ref, refs=signals.refs.refs
        )  # small talk never carries an answer the core could act on
    if intent == "offtopic":
        # the classifier may know a message is off-topic where a title-like word kept the rules
        # from saying so ("do you have Lessons in Chemistry on the shelf"): its subject still counts
        found = off_topic(signals) or offtopic.subject(signals.cue_text)
        return Entities(topic=found or "other")
    if intent == "policy":
        cue = signals.cue_text
        topic = policy(signals) or policy_words.loose_policy_topic(cue)
        if topic is None and rule == "classifier":
            # the classifier knows it asks about the rules; title-like words count here too
            # ("Can I borrow DVDs or music CDs through ILL?")
            topic = policy_words.any_topic_word(signals.text)
        return Entities(topic=topic, ref=signals.refs.ref, refs=signals.refs.refs)
    if rule == "correction":
        correction = correction_in(signals)
        assert correction is not None
        # "make ILL-3 the audiobook": the request it changes is named
        refs = kept_refs(signals)
        ref = refs[0] if refs else None
        return Entities(items=correction.items, ref_hint=correction.replaced, ref=ref, refs=refs)
    guessed = rule in ("lower_title", "classifier") and intent == "request"
    bare = signals.bare or (signals.lower_bare if guessed else None)
    citations = signals.citations or ((bare,) if bare else ())
    if guessed and not any(c.title for c in citations):
        citations = asked_about(signals.rest) or citations  # "is X by Y something you can get?"
    if intent == "request" and not signals.scan.found and not any(c.title for c in citations):
        short = short_citation(signals.rest)  # "an article thru u? its Jacobs 2019 from ..."
        citations = (short,) if short else citations
    items = only_written(assemble(signals.rest, signals.scan.found, citations), signals.cleaned)
    named = author_only(signals.rest) if intent == "request" and not items else None
    items = (Item(author=named, material="book"),) if named else items  # "something by X"
    if intent != "request":
        # Title words in "renew the Foucault book" name a request already made: see ref_hint.
        items = tuple(item for item in items if item.isbn or item.issn or item.doi or item.pmid)
    choice = intent == "choice"
    about = intent in _ABOUT_A_REQUEST or intent == "unknown"
    ordinal = read_ordinal(signals.rest) if about and not signals.refs.refs else None
    hint = None if ordinal else _hint(signals, intent)
    every = intent in _ABOUT_A_REQUEST and not (signals.refs.refs or hint or ordinal)
    need_by, when = signals.dates.need_by, signals.dates.date
    # "both by Jan 10", "free for all of them": one answer for every request waiting on it
    answers = intent == "unknown" and bool(need_by or when or signals.max_cost is not None)
    every = (every or answers) and not (signals.refs.refs or ordinal)
    kept = kept_refs(signals)
    # "renew ILL-18, it's due Oct 12": the loan's date; "renew ILL-9 until Dec 20" stays need_by
    until = intent == "renew" and not signals.dates.due and _RENEW_UNTIL.search(signals.text)
    if intent in _ABOUT_A_REQUEST and need_by and not until:
        need_by, when = None, when or need_by
    if intent in _ABOUT_A_REQUEST and _DUE_SOME_WEEK.search(signals.text):
        when = None  # "Both are due next week": a week, not the day the loan is due
    return Entities(
        items=items,
        need_by=need_by,
        max_cost=signals.max_cost,
        ref=None if choice or not kept else kept[0],
        refs=() if choice else kept,
        ref_hint=hint,
        choice=signals.choice if choice else None,
        date=when,
        bad_isbn=signals.scan.bad_isbn,
        every=every and names_every(signals.cue_text),
        ordinal=ordinal,
        copies=read_copies(signals.rest) if intent in ("request", "unknown") else None,
        past_date=signals.dates.past,
    )


_WORD = re.compile(r"[^\W_]+")


def only_written(items: tuple[Item, ...], cleaned: str) -> tuple[Item, ...]:
    """Drop a title with words the patron never wrote ("thru u" mended to "thru you").

    Mending shorthand helps read the patron's wishes; it must never put words in a title. An
    item with nothing else to go on is dropped with it.
    """
    written = set(_WORD.findall(cleaned.lower()))
    kept = []
    for item in map(_tidy, items):
        if item.title and not set(_WORD.findall(item.title.lower())) <= written:
            item = replace(item, title=None)
            if not (item.isbn or item.issn or item.doi or item.pmid or item.journal):
                continue
        kept.append(item)
    return tuple(kept)


# A loan's due date said only as a week or a month names no day (CONVENTIONS, Dates).
_DUE_SOME_WEEK = re.compile(
    r"\bdue\s+(?:sometime\s+|some\s+time\s+)?(?:next|this)\s+(?:week|month)\b", re.I
)
# "a book by its ISBN": a possessive word names no author.
_NO_AUTHOR = frozenset({"its", "his", "her", "their", "my", "your", "our"})


def _tidy(item: Item) -> Item:
    """Return the item without a title's trailing comma or colon, or an "author" like "its ISBN".

    "a book called The Ministry for the Future, kim stanley robinson": the comma is no title's.
    """
    title = item.title.rstrip(" ,;:") if item.title else item.title
    author = item.author
    if author and author.split()[0].lower() in _NO_AUTHOR:
        author = None
    if (title, author) == (item.title, item.author):
        return item
    return replace(item, title=title or None, author=author)


def _named_for_draft(signals: Signals) -> Entities:
    """Return the item a naming message gives ("title is X, by Y"), and the words it replaces."""
    naming = read_naming(signals.rest)
    assert naming is not None
    named = read_material(signals.rest.replace(naming.title or "", " "))
    item = Item(title=naming.title, author=naming.author, material=named or "book")
    return Entities(items=(item,), ref_hint=naming.replaced)


def titled(entities: Entities) -> bool:
    """Tell whether every article read names its title or an identifier ("Jacobs 2019 from ...")."""
    return not any(
        item.journal and item.author and not (item.title or item.doi or item.pmid or item.issn)
        for item in entities.items
    )


def only_names_a_request(signals: Signals, intent: str, entities: Entities) -> bool:
    """Tell whether the message names a request and says nothing about it ("ILL-7?").

    Then the patron may want its status, a renewal or a cancel: the core asks which. "I returned
    ILL-4 yesterday" says something else, and is left as not understood.
    """
    named = entities.refs or entities.ref_hint or entities.ordinal
    if intent != "unknown" or entities.items or not named:
        return False
    if entities.need_by or entities.max_cost is not None:
        return False  # an answer to a pending question, not a new wish
    words_named = set((entities.ref_hint or "").split())
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w'’]*", signals.rest)]
    return all(word in _NAMING_WORDS or word in words_named for word in words)
