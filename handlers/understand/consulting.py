"""When the learned classifier may overrule the rules' reading of a message, and how far.

The rules read dates, amounts, identifiers and references exactly; where they decide on little
evidence, the classifier (handlers/understand/classifier) is asked, and its answer is taken
only when it is sure enough (classifier.decide).
"""

from __future__ import annotations

import re

from handlers.understand import classifier, offtopic
from handlers.understand.signals import Signals

# Readings that act on, or ask after, a loan already made: never made of a message that names
# an off-topic subject outright ("status of my book club signup", "renew my parking permit").
_ON_A_LOAN = frozenset({"renew", "cancel", "status", "why"})
# Rules read from exact words the classifier may not overrule even when near certain ("renew
# everything except ILL-4" is never a renewal of ILL-4; "the second one" is a choice).
_EXACT = frozenset({"excluding", "choice", "empty"})
# "ok why not" agrees (handlers/understand/answers): the classifier, which has seen "why not?"
# asked far more often than said, may not make that answer a "why".
_WHY_NOT = re.compile(r"\bwhy\s+not\b", re.IGNORECASE)


def consult(cleaned: str, signals: Signals, intent: str, rule: str) -> str:
    """Let the learned classifier overrule a weak or risky rule reading (classifier.decide)."""
    sure = None if rule in _EXACT else classifier.overrule(cleaned, intent)  # near certain
    if sure == "why" and rule == "answer" and _WHY_NOT.search(cleaned):
        sure = None
    if sure and not (sure in _ON_A_LOAN and rule == "offtopic" and _named_subject(signals)):
        return sure
    found = signals.dates
    answers = bool(found.need_by or found.date or found.past or signals.max_cost is not None)
    if rule == "answer_fields" and signals.refs.refs and not (answers or signals.scan.found):
        # "whats going on w request 12", "stop request 20 pls": a reference with words the
        # rules do not know; the classifier may say which action on it is meant.
        return classifier.consult_about_request(cleaned, intent)
    if rule == "offtopic" and _named_subject(signals):
        # the classifier may still make it a question about the rules or a request
        consulted = classifier.consult(cleaned, intent)
        return intent if consulted in _ON_A_LOAN else consulted
    if answers or signals.scan.found or signals.refs.refs:
        # A date, an amount, an identifier or a reference: the rules read those exactly, and
        # "only if it's free" answers the bot's question rather than asking about the rules.
        return intent
    return classifier.consult(cleaned, intent)


def _named_subject(signals: Signals) -> bool:
    """Tell whether the message names an off-topic subject outright (rooms, events, fines...)."""
    topic = offtopic.offtopic_topic(signals.cue_text, acting=signals.action is not None)
    return topic not in (None, "other")  # "other" is read from weaker words ("my stuff")
