"""Read one patron message into an intent and the entities it names.

`decide` also says which rule settled the intent, and whether that rule is a firm one: the
learned classifier is worth consulting when it is not (see WEAK_RULES).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from handlers.understand import (
    language,
    shouting,
    span_check,
    spanish,
    spanish_written,
)
from handlers.understand.actions import DOING, split_actions
from handlers.understand.certainty import request_is_sure
from handlers.understand.consulting import consult
from handlers.understand.intent_entities import (
    entities_of,
    only_names_a_request,
    only_written,
    titled,
)
from handlers.understand.intent_rules import classify
from handlers.understand.markup import clean_lines, has_emoji
from handlers.understand.reading import DEFAULT_TERMS, Entities, Reading, Terms
from handlers.understand.signals import gather

# Only the start of a very long message is read: requests fit in it, and it bounds the work.
MAX_READ = 4000
# What a patron may want done with a request they name and nothing else ("ILL-7").
_ABOUT_IT = ("status", "renew", "cancel")
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


def _written_titles(reading: Reading, cleaned: str) -> Reading:
    """Return a reading of a translated message without titles its own words do not hold."""
    also = tuple(_written_titles(part, cleaned) for part in reading.also)
    items = only_written(reading.entities.items, cleaned)
    return replace(reading, entities=replace(reading.entities, items=items), also=also)


def _decide_one(
    cleaned: str, today: date, terms: Terms, region: str | None, learned: bool = True
) -> Decision:
    signals = gather(cleaned, today, terms, region)
    intent, rule = classify(signals)
    consulted = consult(cleaned, signals, intent, rule) if learned and rule not in _OWN else intent
    if consulted != intent:
        intent, rule = consulted, "classifier"
    entities = entities_of(signals, intent, rule)
    return Decision(
        Reading(
            intent=intent,
            entities=entities,
            text=" ".join(cleaned.split()),
            could_be=_ABOUT_IT if only_names_a_request(signals, intent, entities) else (),
            # A request the classifier read where the rules found none is always shown first.
            sure=request_is_sure(signals, rule) and rule != "classifier" and titled(entities)
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
        # "where's my dvd? also can i talk to a person": the person is asked for after it
        asks_too = parts and whole in ("policy", "human") and parts[0].intent in DOING
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
