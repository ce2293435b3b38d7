"""Rule questions in words the exact wordings of policy_topics miss, read by their topic words.

"how long it normally takes for a requested book to arrive" asks about delivery times: an
inquiry about loans, or about how things usually go, is read by the first topic word it holds.
"""

from __future__ import annotations

import re

from handlers.understand.policy_topics import GROUPS, KINDS

_I = re.IGNORECASE

# A rule question in words the patterns above miss ("how long it normally takes for a requested
# book to arrive"): an inquiry about loans, read by the first topic word it holds.
_INQUIRY = re.compile(
    r"\?|^\s*(?:what|how|when|where|who|which|is|are|can|could|do|does|will|would|should|may|hw"
    r"|wat|wht|whn|wen|cn|cud|r\s+u|do\s+u)\b"
    r"|\b(?:wanted|want|would\s+like|'d\s+like)\s+to\s+(?:ask|know|check)\b|\bwondering\b"
    r"|\b(?:can|could)\s+you\s+tell\s+me\b|\bdo\s+you\s+know\b",
    _I,
)
_ABOUT_LOANS = re.compile(
    r"\b(?:ill|interlibrary|inter-library|borrow\w*|request\w*|loans?|books?|articles?|items?"
    r"|scans?|copies|lend\w*)\b",
    _I,
)
# "is my request free?" is about one request, not the rules.
_ONE_REQUEST = re.compile(
    r"\b(?:my|this|that|these|those)\s+(?:\w+\s+)?(?:requests?|books?|loans?|articles?|items?"
    r"|orders?|cop(?:y|ies)|dvds?|ill)\b",
    _I,
)
_TOPIC_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("owe", re.compile(r"\bowe\b|\bbalance\b|\boutstanding\b", _I)),
    ("overdue", re.compile(r"\blate\b|\boverdue\b|\blos[et]\b|\bdamag\w*|\bfines?\b", _I)),
    ("renewal", re.compile(r"\brenew\w*", _I)),
    (
        "pickup",
        re.compile(
            r"\bpick(?:ed|ing)?\s*-?\s*up\b|\bpickup\b|\bcollect\w*|\bmail\w*|\bship\w*", _I
        ),
    ),
    (
        "loan_period",
        re.compile(r"\bkeep\b|\bdue\b|\bloan\s+period\b|\bcheck\s*-?out\s+period\b|\breturn\b", _I),
    ),
    (
        "delivery_time",
        re.compile(
            r"\bhow\s+(?:long|soon|fast|quick(?:ly)?)\b|\btakes?\b|\barriv\w*|\bwait\w*|\beta\b",
            _I,
        ),
    ),
    ("cost", re.compile(r"\bcost\w*|\bfees?\b|\bcharg\w*|\bpa(?:y|id)\w*|\bprice|\bfree\b", _I)),
    (
        "limit",
        re.compile(r"\blimit\w*|\bmax(?:imum)?\b|\bho?w\s+ma?ny\b|\bat\s+(?:once|a\s+time)\b", _I),
    ),
    ("eligibility", re.compile(rf"\beligib\w*|\bqualif\w*|\bwho\s+can\b|\b{GROUPS}\b", _I)),
    ("materials", re.compile(rf"{KINDS}|\b(?:kinds?|types?|sorts?)\s+of\b", _I)),
)
# Further words that name a topic, read only once a message is known to ask about the rules
# (the classifier said policy and no exact wording above matched).
_MORE_TOPIC_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "pickup",
        re.compile(
            r"\bpick\s+(?:it|them)\s+up\b|\bbranch\b"
            # "how will I get it, since I can't come in?": how an item reaches the patron
            r"|\bhow\s+(?:will|would|do|can|could)\s+i\s+(?:get|receive)\s+(?:it|them)\b"
            r"|\b(?:can(?:no|')t|cannot|unable\s+to)\s+(?:come|get)\s+(?:in|to\s+the\s+library)\b",
            _I,
        ),
    ),
    ("loan_period", re.compile(r"\bhow\s+long\b[^?]*\bstay\b", _I)),
    (
        "limit",
        re.compile(
            r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:a|per|each)\s+"
            r"(?:week|month|term|semester|year)\b|\bcount\s+(?:toward|towards|against)\b",
            _I,
        ),
    ),
    (
        "eligibility",
        re.compile(
            r"\b\d+[\s-]*(?:year|yr)s?[\s-]*olds?\b|\bkids?\b|\bchild(?:ren)?\b|\bteen\w*|\bminors?\b"
            r"|\balumn\w*|\bgraduat\w*|\bretired\b|\bown\s+(?:library\s+)?card\b|\b(?:my|a)\s+degree\b"
            r"|\bno\s+longer\s+(?:a\s+)?student\b|\bformer\s+students?\b",
            _I,
        ),
    ),
    (
        "materials",
        re.compile(
            r"\bcame\s+out\b|\bnew(?:ly)?\s+(?:published|released|out)\b|\bjust\s+(?:published|released)"
            r"|\b(?:really\s+|very\s+)?old\s+books?\b|\bfrom\s+the\s+1[5-8]00s\b|\brare\b",
            _I,
        ),
    ),
)


def any_topic_word(text: str) -> str | None:
    """Return the first topic any of its words names, for a message known to ask about the rules."""
    # "how long does a pdf stay", "pick it up at the branch": before the plain words above
    for topic, words in (*_MORE_TOPIC_WORDS[:2], *_TOPIC_WORDS, *_MORE_TOPIC_WORDS[2:]):
        if words.search(text):
            return topic
    return None


# Words that make a question one about the rules in general, not about one request: "When is
# the due date usually?", "eta for ILL in general?", "is it true textbooks can't be renewed?".
_IN_GENERAL = re.compile(
    r"\b(?:usually|usual|typically|typical|normally|normal|generally|in\s+general|as\s+a\s+rule"
    r"|standard)\b|^\s*is\s+it\s+true\b|\bis\s+that\s+(?:correct|right|true)\b"
    r"|\bwho\s+(?:decides|sets|picks)\b|\bthe\s+same\s+as\s+for\b|^\s*what\s+happens\s+if\b"
    r"|\b(?:available|possible|offered)\s+(?:through|via|with|by)\s+(?:ill|interlibrary)\b"
    rf"|\b(?:available|offered)\s+(?:for|to)\s+{GROUPS}"
    r"|\b(?:realistic|feasible|doable)\b|^\s*if\s+i\s+(?:request|order|ask\s+for)\b|\bwhat\s+if\b"
    r"|\bwhen\s+should\s+i\s+(?:request|order|ask)\b|\btrue\s*\?\s*$"
    r"|\b(?:could|can|would|will|does|do)\s+(?:a|an)\s+(?:book|article|item|request|scan|loan)\b",
    _I,
)
# "my", "ILL-4": one of the patron's requests, whatever the wording.
_MINE = re.compile(r"\b(?:my|mine|our)\b|\bill\s*-?\s*\d|#\d", _I)


def general_policy_topic(text: str) -> str | None:
    """Return the topic of a question about how things usually go, when it names no request."""
    if not (_INQUIRY.search(text) and _IN_GENERAL.search(text)) or _MINE.search(text):
        return None
    return next((topic for topic, words in _TOPIC_WORDS if words.search(text)), None)


def loose_policy_topic(text: str) -> str | None:
    """Return the topic of an inquiry about loans that the exact wordings miss, or None."""
    if not (_INQUIRY.search(text) and _ABOUT_LOANS.search(text)) or _ONE_REQUEST.search(text):
        return None
    return next((topic for topic, words in _TOPIC_WORDS if words.search(text)), None)
