"""Split a message that asks for several things: "cancel ILL-5 and renew ILL-2".

A message is cut where a new clause opens with an action ("renew ...", "where is ...", "get me
...") that differs from the one before it. Each part is then read on its own. A conditional
part ("If not, please cancel it") is never cut off: it depends on an answer the patron has not
had yet, so only the first wish is acted on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.understand.cues import HUMAN, first_action
from handlers.understand.phrasing import lead_in_at
from handlers.understand.policy_topics import policy_topic
from handlers.understand.reading import Reading
from handlers.understand.spelling import mend

_I = re.IGNORECASE
# Where a clause may end and the next begin. Plain "and" only counts when an action follows.
_SEPARATOR = re.compile(
    r"\s*(?:[,;:]|[.?!]+(?=\s)|\n)\s*(?:(?:and|also|then|plus)\b[\s,]*)*"
    r"|\s+(?:and|then|plus|&|\+|n)\s+(?:also\s+|then\s+|instead\s+)?|\s+also\s+(?=\S)",
    _I,
)
# Words that open a clause before its action: "and could you please renew ...".
_OPENING = re.compile(
    r"^(?:(?:please|pls|plz|kindly|and|also|then|instead|oh|ok|okay|so|too|could|can|would|will|you|u"
    r"|i'?d|like|(?:i\s+)?(?:also\s+)?(?:want|need)\s+(?:you\s+)?to|i\s+also|lastly|finally"
    r"|one\s+more\s+thing|another\s+thing"
    r"|(?:let\s+me\s+know|tell\s+me)(?:\s+(?:if|whether))?|(?:check|see|find\s+out)\s+(?:if|whether))"
    r"\b[\s,]*)*",
    _I,
)
# "let me know if ..." asks a question; it sets no condition.
# Words one of which opens any clause that may hold an action (typos included).
_LIKELY = re.compile(
    r"\b(?:canc\w*|canx|renw?\w*|reneew|exten\w*|withdr\w*|stat\w*|where\w*|has|have|had|is"
    r"|are|was|did|when\w*|any|get|find|order|request\w*|borrow|need|want|keep|never\w*|nvm"
    r"|forget|scratch|drop|stop|kill|check\w*|track|how\w*|what\w*|remove|disregard|ignore"
    r"|send|due|more|longer|not|no|pls|please|plz|could|can|would|will|i'?d|i|also|and|then"
    r"|ill|hold|hang|scrap|call|don'?t|do|let|tell|see|find|look\w*|grab|source|obtain|locate)\b",
    _I,
)
_CONDITION = re.compile(
    r"(?<!know\s)(?<!tell\sme\s)(?<!check\s)(?<!see\s)(?<!wondering\s)"
    r"\b(?:if|unless|otherwise|in\s+case|or\s+else|else|whether)\b",
    _I,
)
_SENTENCE_END = re.compile(r"[.?!\n]")
_CONNECTIVES = re.compile(r"^(?:(?:and|also|then|plus|so|oh|ok|okay|instead)\b[\s,]*)*", _I)
_POINTS_BACK = re.compile(r"\b(?:it|this|that|they|them|these|those|my|mine)\b", _I)
_QUESTION_OPENS = re.compile(
    # "tell me what I owe", "let me know how long I can keep it": a question asked as an order
    r"(?:is|are|can|could|do|does|how|what|will|would|(?:please\s+)?(?:tell|show)\s+me"
    r"|let\s+me\s+know)\b",
    _I,
)
# "is there a limit on renewals", "how many times": a rule of renewing, not this renewal again
_RULE_OF_RENEWING = re.compile(r"\blimit|\bhow\s+many\b|\bmax(?:imum)?\b|\bpolicy\b", _I)
# A greeting that opens the message ("Dear ILL,", "Hi team"): never a part of its own.
_GREETING_ONLY = re.compile(
    r"^\s*(?i:dear|hi|hello|hey|good\s+(?:morning|afternoon|evening|day)|greetings"
    r"|to\s+whom\s+it\s+may\s+concern)"
    r"(?:\s+(?:[A-Z][\w.'’-]*|team|all|there|staff|folks|everyone|colleagues|librarians?|sir"
    r"|madam|or)){0,4}\s*[,:!]?\s*$"
)
# What one part may be to stand as an action of its own.
DOING = frozenset({"request", "status", "renew", "cancel", "policy"})
# "where's my dvd? also can i talk to a person": a person asked for after an action stands too.
_DOING_AFTER = DOING | {"human"}
MAX_CUTS = 8


def _opens_with_action(clause: str, also: bool = False) -> bool:
    """Tell whether a clause opens with an action or a request, after "please", "could you".

    `also` says the patron marked it as a further wish ("renew ILL-18 and also how long can I
    keep it?"): a rule question about the item just named then stands on its own too.
    """
    clause = clause[:160]  # the action must come within its first few words
    if not _LIKELY.search(clause, 0, 60):
        return False  # the full test below is costly: most clauses are plainly not actions
    opening = _OPENING.match(clause)
    rest = mend(clause[opening.end() if opening else 0 :])
    action = first_action(rest)
    if action and len(rest[: action[0]].split()) <= 3:  # "what's the status of ..."
        return True
    if lead_in_at(rest) == 0:
        return True
    # "Also I'd like to request X": the request wording itself opens the clause
    joined = _CONNECTIVES.sub("", clause)
    if lead_in_at(mend(joined)) == 0:
        return True
    # "also is there a limit on renewals?": a question about the rules, answered on its own
    # ("Can you get me Sapiens? How much will it cost?" asks about that request: no new wish)
    if also and HUMAN.search(joined[:80]):
        return True  # "where's my dvd? also can i talk to a person"
    general = also or not _POINTS_BACK.search(joined)
    return bool(_QUESTION_OPENS.match(joined) and general and policy_topic(joined))


def _conditional(text: str, cut: int, right: str) -> bool:
    """Tell whether the clause around a cut depends on a condition ("If not, cancel it")."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, cut)]
    clause = text[ends[-1] if ends else 0 : cut]
    head = _SENTENCE_END.split(right, maxsplit=1)[0]
    return bool(_CONDITION.search(clause) or _CONDITION.match(_OPENING.sub("", head).lstrip()))


def _asks_for_it(part: str, reading: Reading) -> bool:
    """Tell whether a part only asks again for what came before ("... ? can u get it").

    "can you get it? I'm an undergrad if that matters": what follows the asking sentence in
    the same part is more about the same wish.
    """
    if reading.intent not in ("request", "policy"):
        return False
    named = reading.entities
    if named.items or named.refs or named.ref_hint:
        return False
    first = re.split(r"(?<=[.!?])\s+", part.strip(), maxsplit=1)[0]
    if len(first.split()) > 6 or (named.topic and first == part.strip()):
        return False
    if first != part.strip() and not _ASKING_AGAIN.search(first):
        return False  # "I don't need it anymore. And what do I owe?" asks for nothing again
    return bool(re.search(r"\b(?:it|them|that\s+one|this\s+one)\b", first, _I))


_ASKING_AGAIN = re.compile(r"\b(?:get|find|order|borrow|request|grab|locate|source)\b", _I)


def _date_for_it(part: str, reading: Reading, before: list[str]) -> bool:
    """Tell whether a part read as a status only dates the request before it.

    "Could you find PMID 31978945? ... due date for me is 10/30": the need-by of that request.
    """
    named = reading.entities
    if before[-1:] != ["request"] or reading.intent != "status":
        return False
    if named.refs or named.ref_hint or named.ordinal or named.every or named.items:
        return False
    return bool(named.date or named.need_by)


def _cuts(text: str) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []
    for separator in _SEPARATOR.finditer(text):
        start, end = separator.span()
        right = text[end:]
        also = bool(re.search(r"\balso\b", separator.group(0), _I))
        if start == 0 or _GREETING_ONLY.match(text[:start]):
            continue
        if not right.strip() or not _opens_with_action(right, also):
            continue
        if not _conditional(text, start, right):
            cuts.append((start, end))
        if len(cuts) >= MAX_CUTS:
            break
    return cuts


def split_actions(text: str, read: Callable[[str], Reading]) -> tuple[Reading, ...]:
    """Read each action of a message in turn; () when it asks for one thing only.

    `read` reads one part. A part that is not an action of its own (thanks, an answer), or
    that repeats the action before it ("cancel ILL-3, and cancel ILL-4 too"), stays with the
    part before it.
    """
    cuts = _cuts(text)
    if not cuts:
        return ()
    memo: dict[str, Reading] = {}

    def once(part: str) -> Reading:  # a group of one part is the part already read
        if part not in memo:
            memo[part] = read(part)
        return memo[part]

    bounds = [0, *(b for cut in cuts for b in cut), len(text)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    groups: list[list[int]] = []  # [start, end] of each group of parts
    intents: list[str] = []
    for start, end in parts:
        reading = once(text[start:end])
        intent = reading.intent
        # "extend the loan of ILL-36 ... Is a renewal possible?" asks for the renewal once.
        same_wish = intents[-1:] == ["renew"] and reading.entities.topic == "renewal"
        same_wish = same_wish and not _RULE_OF_RENEWING.search(text[start:end])
        same_wish = same_wish or (bool(groups) and _asks_for_it(text[start:end], reading))
        same_wish = same_wish or _date_for_it(text[start:end], reading, intents)
        doing = _DOING_AFTER if groups else DOING
        if groups and (
            intent not in doing or intent == intents[-1] or intents[-1] not in DOING or same_wish
        ):
            groups[-1][1] = end
            intents[-1] = intents[-1] if intents[-1] in DOING else intent
            continue
        groups.append([start, end])
        intents.append(intent)
    if len(groups) < 2:
        return ()
    return tuple(once(text[start:end]) for start, end in groups)
