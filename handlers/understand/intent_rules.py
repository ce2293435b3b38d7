"""Decide which intent a patron message has, from the signals gathered from it.

`classify` names the rule that decided too; the order of its checks is the precedence.
"""

from __future__ import annotations

import re

from handlers.understand import cues, offtopic, policy_topics, policy_words
from handlers.understand.answers import DECLINES, SOCIAL, THANKS_FOR_DONE
from handlers.understand.author_only import author_only
from handlers.understand.hints import blank_titles, hint_words, read_named_request
from handlers.understand.naming import read_naming
from handlers.understand.non_answers import non_answer
from handlers.understand.phrasing import lead_in_at
from handlers.understand.refs import read_ordinal
from handlers.understand.repairs import Correction, form_change_in_sentences, read_correction
from handlers.understand.series import read_series
from handlers.understand.signals import Signals
from handlers.understand.try_again import asks_again

# An opening yes or no followed by more words than this, in a message asking for something, is
# no answer.
_ANSWER_WORDS = 12


def classify(signals: Signals) -> tuple[str, str]:
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
    if signals.refs.refs and not kept_refs(signals):
        return "unknown", "excluding"  # "renew everything except ILL-4": never act on ILL-4
    if signals.titled:
        if (signals.titled.title or "").islower():
            return "request", "lower_title"  # "keep going by austin kleon": confirmed first
        return "request", "title_by_author"  # "Why Nations Fail by Daron Acemoglu"
    if cues.HUMAN.search(SOCIAL.sub(" ", cue)):  # "are you a real person?" asks for no one
        return "human", "human"
    if off_topic(signals):
        return "offtopic", "offtopic"
    if cues.WHY.search(cue) and not (signals.bare and "?" not in signals.cleaned):
        return "why", "why"  # "Why Nations Fail" alone is a title
    if cues.HELP_BOT.search(cue):
        return "help", "help"
    if policy(signals):
        return "policy", "policy"
    if not (signals.citations or signals.refs.refs) and author_only(signals.rest):
        return "request", "author_only"  # "not sure of the title but its by ibram kendi"
    if not (signals.names_a_clear_item or signals.refs.refs) and non_answer(signals.cleaned):
        return "unknown", "non_answer"  # "idk the pages", "no idea who wrote it"
    if cues.HELP_QUESTION.search(cue) and not signals.names_a_clear_item:
        return "help", "help"
    if correction_in(signals):
        return "request", "correction"
    return _classify_by_position(signals)


def off_topic(signals: Signals) -> str | None:
    """Return what a message about something other than ILL is on ("renew my museum pass")."""
    if signals.refs.refs or signals.names_a_clear_item:
        return None
    acting = signals.action is not None
    # the request an action names may hold a subject's words ("cancel Free Food for ...")
    cue = blank_titles(signals.cue_text) if acting else signals.cue_text
    return offtopic.offtopic_topic(cue, acting=acting)


def policy(signals: Signals) -> str | None:
    """Return what a question about the ILL rules is on, unless it names an item to get.

    "can the loan period be extended for my ILL 11?" asks for an action on a request.
    """
    acting = signals.refs.refs and signals.action
    if signals.names_a_clear_item or acting:
        return None
    cue = signals.cue_text
    return policy_topics.policy_topic(cue) or policy_words.general_policy_topic(cue)


def correction_in(signals: Signals) -> Correction | None:
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
    if action and action[0] == 0 and len(bare.split()) > 1 and hint_words(bare, cased=False):
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


# "articles about restorative justice", "something on beekeeping": works on a subject, asked for
# with request words (not "articles through ILL", a rule question).
_ON_A_SUBJECT = re.compile(
    r"\b(?:articles?|books?|something|anything|stuff|sources?|readings?|materials?|papers?)\s+"
    r"(?:on|about|regarding|covering)\s+(?!(?:ill|interlibrary|inter-library|loans?|it|this|that"
    r"|them|my|the\s+(?:ill|loan|library))\b)[a-z]",
    re.I,
)


def _leftover(signals: Signals) -> tuple[str, str]:
    """Classify a message with no action, item or answer word: an answer, a title, or chat."""
    text = signals.text
    answers = signals.dates.need_by or signals.dates.past or signals.max_cost is not None
    moved = signals.dates.date and cues.CHANGES_A_DATE.search(signals.rest)
    if answers or moved or signals.refs.refs:
        return "unknown", "answer_fields"  # the core reads the need-by, amount or reference
    if THANKS_FOR_DONE.search(text) and not cues.QUESTION.search(text):
        return "smalltalk", "thanks"  # "thank you for finding the Strugatsky book"
    if read_named_request(signals.rest) or read_ordinal(signals.rest):
        return "unknown", "named_request"  # "the Foucault one": answers "which one?"
    if signals.bare:
        return "request", "bare_title"  # "Middlemarch": confirmed before anything is recorded
    if lead_in_at(text) is not None and _ON_A_SUBJECT.search(text):
        return "request", "subject"  # "need articles about restorative justice": no title yet
    if policy_words.loose_policy_topic(signals.cue_text):
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
    if (
        signals.lower_bare
        and not SOCIAL.search(text)
        and not cues.only_pleasantries(text)
        and not asks_again(text)  # "vuelvan a buscarlo por favor": try again, not a title
    ):
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


def kept_refs(signals: Signals) -> tuple[int, ...]:
    """Return the references named, less those named to be left out ("cancel #3, not #4")."""
    left_out = cues.excluded_refs(signals.text) if signals.refs.refs else frozenset()
    return tuple(ref for ref in signals.refs.refs if ref not in left_out)
