"""Read one patron message into an intent and the entities it names.

`decide` also says which rule settled the intent, and whether that rule is a firm one: the
learned classifier is worth consulting when it is not (see WEAK_RULES).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from handlers.understand import (
    cues,
    language,
    offtopic,
    policy_topics,
    shouting,
    span_check,
    spanish,
    spanish_written,
)
from handlers.understand.actions import DOING, split_actions
from handlers.understand.answers import DECLINES, SOCIAL
from handlers.understand.asked_titles import asked_about
from handlers.understand.certainty import request_is_sure
from handlers.understand.consulting import consult
from handlers.understand.fields import read_copies
from handlers.understand.hints import blank_titles, hint_words, read_named_request, read_ref_hint
from handlers.understand.items import assemble
from handlers.understand.markup import clean_lines, has_emoji
from handlers.understand.material import read_material
from handlers.understand.naming import read_naming
from handlers.understand.non_answers import non_answer
from handlers.understand.phrasing import lead_in_at
from handlers.understand.reading import DEFAULT_TERMS, Entities, Item, Reading, Terms
from handlers.understand.refs import names_every, read_ordinal
from handlers.understand.repairs import Correction, form_change_in_sentences, read_correction
from handlers.understand.series import read_series
from handlers.understand.short_citations import short_citation
from handlers.understand.signals import Signals, gather

# Only the start of a very long message is read: requests fit in it, and it bounds the work.
MAX_READ = 4000
# Intents that act on a request the patron already has, and so may name it by title words.
_ABOUT_A_REQUEST = ("status", "renew", "cancel")
# What a patron may want done with a request they name and nothing else ("ILL-7").
_ABOUT_IT = ("status", "renew", "cancel")
# Words around a bare reference that add no wish of their own ("what about ILL-7, please?").
_NAMING_TEXT = """
    the a an my this that one book request article loan it it's is what about please pls thanks
    thank you so and hi hello hey re i asked for requested ordered made first second third
    fourth fifth last latest number
"""
_NAMING_WORDS = frozenset(_NAMING_TEXT.split())
# An opening yes or no followed by more words than this, in a message asking for something, is
# no answer.
_ANSWER_WORDS = 12
# "renew ILL-9 until Dec 20", "can I keep Pachinko until the end of the month": the date the
# renewal is wanted until, in the same clause as the renewal.
_RENEW_UNTIL = re.compile(
    r"\b(?:renew|renewed|keep|extend|hang\s+on\s*to|hold\s+on\s*to|have|borrow|more\s+time)\b"
    r"[^.;!?\n]{0,60}?"
    r"\b(?:until|till|til)\b"
    # "I need the Desmond book until the end of the month, can you renew it?"
    r"|\bneed\b[^.;!?\n]{0,40}?\b(?:until|till|til)\b[^;!?\n]{0,40}?\b(?:renew|extend)",
    re.I,
)
# Rules whose items are read from a fixed wording: the span tagger leaves them as they are.
_NOT_MENDED = frozenset({"naming", "correction", "series", "non_answer", "declined"})
# Rules whose wordings are narrow and exact: the classifier is not consulted on them.
_OWN = frozenset({"non_answer", "series", "naming", "declined"})
# Rules that decide on little evidence: a message they read may well mean something else.
WEAK_RULES = frozenset(
    {
        "bare_title",
        "lower_title",
        "loose_policy",
        "help_any",
        "leftover_request",
        "leftover_question",
        "leftover_chatter",
        "leftover_none",
    }
)


@dataclass(frozen=True)
class Decision:
    """A reading, and the rule that decided its intent."""

    reading: Reading
    rule: str

    @property
    def firm(self) -> bool:
        """Tell whether the intent came from a firm rule (not a guess from what is left)."""
        return self.rule not in WEAK_RULES


def _classify(signals: Signals) -> tuple[str, str]:
    """Decide the intent and name the rule; the order of the checks is the precedence."""
    cue = signals.cue_text
    if not signals.cleaned.strip():
        return "unknown", "empty"
    if signals.choice is not None:
        return "choice", "choice"
    if signals.citations and signals.action is None and read_series(signals.rest):
        return "request", "series"  # "any Magic Tree House books you can get"
    if not (signals.refs.refs or signals.scan.found) and read_naming(signals.rest):
        return "request", "naming"  # "title is X", "wait the author is Y": for the draft
    if signals.action is None and cues.ACTS_ON_NOTHING.search(signals.text):
        return "unknown", "non_answer"  # "renew nothing": the part of a message that asks nothing
    if signals.action is None and DECLINES.match(signals.text):
        return "no", "declined"  # "no need to cancel", "Please do not cancel ILL-12"
    if signals.refs.refs and not _kept_refs(signals):
        return "unknown", "excluding"  # "renew everything except ILL-4": never act on ILL-4
    if signals.titled:
        if (signals.titled.title or "").islower():
            return "request", "lower_title"  # "keep going by austin kleon": confirmed first
        return "request", "title_by_author"  # "Why Nations Fail by Daron Acemoglu"
    if cues.HUMAN.search(SOCIAL.sub(" ", cue)):  # "are you a real person?" asks for no one
        return "human", "human"
    if _off_topic(signals):
        return "offtopic", "offtopic"
    if cues.WHY.search(cue) and not (signals.bare and "?" not in signals.cleaned):
        return "why", "why"  # "Why Nations Fail" alone is a title
    if cues.HELP_BOT.search(cue):
        return "help", "help"
    if _policy(signals):
        return "policy", "policy"
    if not (signals.names_a_clear_item or signals.refs.refs) and non_answer(signals.cleaned):
        return "unknown", "non_answer"  # "idk the pages", "no idea who wrote it"
    if cues.HELP_QUESTION.search(cue) and not signals.names_a_clear_item:
        return "help", "help"
    if _correction(signals):
        return "request", "correction"
    return _classify_by_position(signals)


def _off_topic(signals: Signals) -> str | None:
    """Return what a message about something other than ILL is on ("renew my museum pass")."""
    if signals.refs.refs or signals.names_a_clear_item:
        return None
    acting = signals.action is not None
    # the request an action names may hold a subject's words ("cancel Free Food for ...")
    cue = blank_titles(signals.cue_text) if acting else signals.cue_text
    return offtopic.offtopic_topic(cue, acting=acting)


def _policy(signals: Signals) -> str | None:
    """Return what a question about the ILL rules is on, unless it names an item to get.

    "can the loan period be extended for my ILL 11?" asks for an action on a request.
    """
    acting = signals.refs.refs and signals.action
    if signals.names_a_clear_item or acting:
        return None
    cue = signals.cue_text
    return policy_topics.policy_topic(cue) or policy_topics.general_policy_topic(cue)


def _correction(signals: Signals) -> Correction | None:
    if signals.scan.found:
        return None
    found = read_correction(signals.rest)
    # "Hi,\nCould you change request #22 to the audiobook? ...\nThanks": one sentence changes it
    return found or (form_change_in_sentences(signals.rest) if signals.refs.refs else None)


def _classify_by_position(signals: Signals) -> tuple[str, str]:
    text = signals.cue_text
    answer = cues.leading_answer(text)
    action = signals.action
    # A short answer ("yes please renew it") answers the question; a longer one gives orders,
    # and a long message that asks for something ("ok so my book club picked ... could you
    # find one for me?") only opens with "ok".
    after = cues.words_after_answer(text)
    answer_wins = not signals.names_an_item and (
        (action is None and (after <= _ANSWER_WORDS or lead_in_at(text) is None))
        or (action is not None and not signals.refs.refs and after <= 3)
    )
    bare = (signals.bare.title or "") if signals.bare else ""
    if action and action[0] == 0 and len(bare.split()) > 1 and hint_words(bare):
        return "request", "bare_title"  # "Renewing Your Mind": a title opening with an action word
    if answer and answer_wins:
        return answer, "answer"
    asked_at = lead_in_at(text) if signals.names_an_item else None
    if asked_at is not None and action and _wants_to_act(text[asked_at : action[0]]):
        asked_at = None  # "I'd like to cancel ILL-40 and request ...": the lead-in is the cancel's
    if action and (asked_at is None or action[0] < asked_at or _swallowed(signals, action[0])):
        return action[1], "action"
    if signals.asks_for_something:
        return "request", "request"
    # "Sorry, Sept 30 at the latest" answers with a date: it is no pleasantry
    answered = signals.dates.need_by or signals.max_cost is not None
    pleasant = cues.only_pleasantries(signals.rest) and not answered
    if cues.ASKS_FOR_NOTHING.search(text) or pleasant:
        return "smalltalk", "pleasantries"  # before help: "thanks for your help" asks for nothing
    if cues.HELP_ANY.search(text):
        return "help", "help_any"
    return _leftover(signals)


def _leftover(signals: Signals) -> tuple[str, str]:
    """Classify a message with no action, item or answer word: an answer, a title, or chat."""
    text = signals.text
    answers = signals.dates.need_by or signals.dates.past or signals.max_cost is not None
    moved = signals.dates.date and cues.CHANGES_A_DATE.search(signals.rest)
    if answers or moved or signals.refs.refs:
        return "unknown", "answer_fields"  # the core reads the need-by, amount or reference
    if read_named_request(signals.rest) or read_ordinal(signals.rest):
        return "unknown", "named_request"  # "the Foucault one": answers "which one?"
    if signals.bare:
        return "request", "bare_title"  # "Middlemarch": confirmed before anything is recorded
    if policy_topics.loose_policy_topic(signals.cue_text):
        return "policy", "loose_policy"
    if lead_in_at(text) is not None:
        return "unknown", "leftover_request"  # request words, but nothing read as the item
    if cues.QUESTION.search(text):
        # A question about the bot itself is chat; one about loans in words not recognised is
        # not understood; any other is about something else than ILL.
        if SOCIAL.search(text):
            return "smalltalk", "social"
        if offtopic.LIBRARY_THING.search(text) or signals.action:
            return "unknown", "leftover_question"
        return "offtopic", "leftover_question"
    if signals.lower_bare and not SOCIAL.search(text) and not cues.only_pleasantries(text):
        return "request", "lower_title"  # "the new jim crow": confirmed before anything is recorded
    if cues.chatter(text) or SOCIAL.search(text):
        return "smalltalk", "leftover_chatter"  # a remark gets a friendly answer
    return "unknown", "leftover_none"


def _wants_to_act(between: str) -> bool:
    """Tell whether request words lead straight into an action ("I'd like to | cancel")."""
    words = between.lower().split()
    return len(words) <= 4 and words[-1:] == ["to"]


def _swallowed(signals: Signals, at: int) -> bool:
    """Tell whether the item read is really the target of a later action.

    "could i get the Zinn book renewed?": the title took in the action word. "I still need the
    Baldwin, could you renew it?": the action points back at a loan with "it".
    """
    words = signals.cue_text[at:].split()
    word = words[0].strip(".,;:!?") if words else ""
    plain = [c for c in signals.citations if not c.styled]
    if not word or not plain or signals.scan.found:
        return False
    if any((c.title or "").lower().endswith(" longer") for c in plain):
        return True  # "can I have the Kalanithi book a bit longer?": the title took in the wish
    if word[:1].islower() and any(word in (c.title or "").split() for c in plain):
        return True
    back = len(words) > 1 and words[1].strip(".,;:!?").lower() in {"it", "them", "that", "this"}
    return back and not any(c.author or c.journal for c in plain)


def _kept_refs(signals: Signals) -> tuple[int, ...]:
    """Return the references named, less those named to be left out ("cancel #3, not #4")."""
    left_out = cues.excluded_refs(signals.text) if signals.refs.refs else frozenset()
    return tuple(ref for ref in signals.refs.refs if ref not in left_out)


def _hint(signals: Signals, intent: str) -> str | None:
    if signals.refs.refs:
        return None
    if intent == "why":  # "why was the Wolf Hall request refused?"
        return read_named_request(signals.rest)
    if intent in _ABOUT_A_REQUEST:
        action = signals.action
        return read_ref_hint(signals.rest, action[0] if action else None)
    if intent == "unknown":
        return read_named_request(signals.rest)
    return None


def _entities(signals: Signals, intent: str, rule: str) -> Entities:
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
        found = _off_topic(signals) or offtopic.subject(signals.cue_text)
        return Entities(topic=found or "other")
    if intent == "policy":
        cue = signals.cue_text
        topic = _policy(signals) or policy_topics.loose_policy_topic(cue)
        if topic is None and rule == "classifier":
            # the classifier knows it asks about the rules; title-like words count here too
            # ("Can I borrow DVDs or music CDs through ILL?")
            topic = policy_topics.any_topic_word(signals.text)
        return Entities(topic=topic, ref=signals.refs.ref, refs=signals.refs.refs)
    if rule == "correction":
        correction = _correction(signals)
        assert correction is not None
        # "make ILL-3 the audiobook": the request it changes is named
        refs = _kept_refs(signals)
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
    items = _only_written(assemble(signals.rest, signals.scan.found, citations), signals.cleaned)
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
    kept = _kept_refs(signals)
    # "renew ILL-18, it's due Oct 12": the loan's date; "renew ILL-9 until Dec 20" stays need_by
    until = intent == "renew" and not signals.dates.due and _RENEW_UNTIL.search(signals.text)
    if intent in _ABOUT_A_REQUEST and need_by and not until:
        need_by, when = None, when or need_by
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


def _only_written(items: tuple[Item, ...], cleaned: str) -> tuple[Item, ...]:
    """Drop a title with words the patron never wrote ("thru u" mended to "thru you").

    Mending shorthand helps read the patron's wishes; it must never put words in a title. An
    item with nothing else to go on is dropped with it.
    """
    written = set(_WORD.findall(cleaned.lower()))
    kept = []
    for item in items:
        if item.title and not set(_WORD.findall(item.title.lower())) <= written:
            item = replace(item, title=None)
            if not (item.isbn or item.issn or item.doi or item.pmid or item.journal):
                continue
        kept.append(item)
    return tuple(kept)


def _written_titles(reading: Reading, cleaned: str) -> Reading:
    """Return a reading of a translated message without titles its own words do not hold."""
    also = tuple(_written_titles(part, cleaned) for part in reading.also)
    items = _only_written(reading.entities.items, cleaned)
    return replace(reading, entities=replace(reading.entities, items=items), also=also)


def _named_for_draft(signals: Signals) -> Entities:
    """Return the item a naming message gives ("title is X, by Y"), and the words it replaces."""
    naming = read_naming(signals.rest)
    assert naming is not None
    named = read_material(signals.rest.replace(naming.title or "", " "))
    item = Item(title=naming.title, author=naming.author, material=named or "book")
    return Entities(items=(item,), ref_hint=naming.replaced)


def _titled(entities: Entities) -> bool:
    """Tell whether every article read names its title or an identifier ("Jacobs 2019 from ...")."""
    return not any(
        item.journal and item.author and not (item.title or item.doi or item.pmid or item.issn)
        for item in entities.items
    )


def _decide_one(
    cleaned: str, today: date, terms: Terms, region: str | None, learned: bool = True
) -> Decision:
    signals = gather(cleaned, today, terms, region)
    intent, rule = _classify(signals)
    consulted = consult(cleaned, signals, intent, rule) if learned and rule not in _OWN else intent
    if consulted != intent:
        intent, rule = consulted, "classifier"
    entities = _entities(signals, intent, rule)
    return Decision(
        Reading(
            intent=intent,
            entities=entities,
            text=" ".join(cleaned.split()),
            could_be=_ABOUT_IT if _only_names_a_request(signals, intent, entities) else (),
            # A request the classifier read where the rules found none is always shown first.
            sure=request_is_sure(signals, rule) and rule != "classifier" and _titled(entities)
            if intent == "request"
            else True,
        ),
        rule,
    )


def decide(
    text: str,
    *,
    today: date,
    terms: Terms = DEFAULT_TERMS,
    region: str | None = None,
    learned: bool = True,
) -> Decision:
    """Read one patron message, and say which rule decided its intent.

    `learned` False reads with the rules alone, never consulting the classifier (its trainer
    compares the two that way).
    """
    cleaned = clean_lines(text[: MAX_READ * 2])[:MAX_READ]
    if not cleaned and has_emoji(text):
        return Decision(Reading(intent="smalltalk", text=""), "emoji")  # a lone 🙂 or 😂
    written_in = language.detect(cleaned)
    wanted = language.switch(cleaned)
    if wanted:
        entities = Entities(language=wanted)
        reading = Reading("language", entities, " ".join(cleaned.split()), language=written_in)
        return Decision(reading, "language")
    # "I NEED THE GOLDFINCH AUDIOBOOK BY FRIDAY" (Spanish in capitals is Spanish's own to read)
    recased = shouting.unshout(cleaned) if written_in != "es" else None
    read = recased or spanish.prepare(cleaned, written_in)
    decision = _decide(read, today, terms, region, learned)
    if recased:
        mended = _mended(decision.reading, read) if decision.rule not in _NOT_MENDED else None
        reading = shouting.as_written(mended or decision.reading, cleaned)
        return _tell_language(replace(decision, reading=reading), written_in)
    if read != cleaned:  # the patron's own words, not the English the rules read
        decision = replace(decision, reading=_as_written(decision.reading, cleaned))
        decision = replace(decision, reading=_written_titles(decision.reading, cleaned))
    if learned and decision.rule not in _NOT_MENDED:
        decision = replace(decision, reading=_mended(decision.reading, cleaned))
    return _tell_language(decision, written_in)


def _mended(reading: Reading, cleaned: str) -> Reading:
    """Return the reading with the span tagger's mends to its titles (span_check.mend)."""
    also = tuple(span_check.mend(part, part.text) for part in reading.also)
    return replace(span_check.mend(reading, cleaned), also=also)


def _as_written(reading: Reading, cleaned: str) -> Reading:
    """Return a reading of a Spanish message with its text and editions as the patron wrote."""
    entities = reading.entities
    items = tuple(spanish_written.as_written(item, cleaned) for item in entities.items)
    text = " ".join(cleaned.split())
    return replace(reading, text=text, entities=replace(entities, items=items))


def _tell_language(decision: Decision, written_in: str | None) -> Decision:
    """Return the decision with the message's language on its reading and every further one."""
    reading = decision.reading
    also = tuple(replace(part, language=written_in) for part in reading.also)
    return Decision(replace(reading, language=written_in, also=also), decision.rule)


def _decide(cleaned: str, today: date, terms: Terms, region: str | None, learned: bool) -> Decision:
    decision = _decide_one(cleaned, today, terms, region, learned)
    if decision.reading.intent not in ("smalltalk", "offtopic", "unknown"):
        parts = split_actions(
            cleaned, lambda part: _decide_one(part, today, terms, region, learned).reading
        )
        # The first part must want what the whole does: in "I still need the Baldwin, could you
        # renew it?" the renewal is the wish, the first part only names the loan.
        whole = decision.reading.intent
        # "Where's request 2? And cancel request 6": the first part names its own request
        named = parts and parts[0].entities.refs and whole in {part.intent for part in parts}
        # "can you renew Piranesi and also how long can I keep things?": a question about the
        # rules is answered on its own, after the action that opens the message
        asks_too = parts and whole == "policy" and parts[0].intent in DOING
        if parts and (parts[0].intent == whole or named or asks_too):
            first = replace(parts[0], text=decision.reading.text, also=parts[1:])
            return Decision(first, decision.rule)
    return decision


def read_intent(
    text: str,
    *,
    today: date,
    terms: Terms = DEFAULT_TERMS,
    region: str | None = None,
    learned: bool = True,
) -> Reading:
    """Read one patron message: clean its markup, classify it and pull out its entities."""
    return decide(text, today=today, terms=terms, region=region, learned=learned).reading


def _only_names_a_request(signals: Signals, intent: str, entities: Entities) -> bool:
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
