"""The wordings that signal each intent, and small tests built on them."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Actions on an existing request; when several appear, the first one written wins.
ACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "cancel",
        re.compile(
            r"\bcancel\b|\bwithdraw\b|\bcall\s+off\b|\bno\s+longer\s+need"
            r"|\b(?:don't|do\s+not)\s+need\b(?=.*\b(?:any\s*more|any\s+longer)\b)"
            r"|\bnever\s+mind\s+(?:about\s+)?(?:the|my|that|this)\s+\w+"
            r"|\bnever\s+mind\s+(?:ill\b|#|request\b)"
            r"|\b(?:stop|scrap|drop|forget(?:\s+about)?)\s+(?:the|my|that|this)\s+(?:\S+\s+){0,4}?"
            r"(?:request|order|book|article|one|ill)\b",
            _I,
        ),
    ),
    (
        "renew",
        re.compile(
            r"\brenew(?:al|ing)?\b|\bextend(?:ing)?\b|\bextension\b"
            r"|(?<!been\s)(?<!was\s)(?<!were\s)(?<!is\s)\brenewed\b(?=\s+please|\s*[.!]*$)"
            r"|\bkeep\s+(?:it|them|this|that|(?:the|my)\s+\w+)(?:\s+\S+){0,3}?\s+(?:longer|more"
            r"|another|extra|a\s+(?:bit|little)\s+longer)\b"
            r"|\b(?:more|extra)\s+time\b|\blonger\s+loan\b",
            _I,
        ),
    ),
    (
        "status",
        re.compile(
            r"\bwhere\s*(?:'s|is|are)\s+(?:my|it\b|ill\b|#|the\s+(?:book|article|request|item"
            r"|dvd|loan|copy|ill|scan))"
            r"|\bstatus\b|\bany\s+(?:news|updates?|word)\b|\b(?:updates?|news)\s+(?:on|about)\b"
            r"|\b(?:has|have|did|is|are)\s+(?:my|the|it|they|ill\S*|#\d+)(?:\s+\S+){0,5}?\s+"
            r"(?:arrived|arrive|come\s+in|came|here|ready|in\s+yet|shipped|been\s+sent|available"
            r"|been\s+renewed|renewed|cancell?ed|approved|sent)\b"
            r"|\barrived\s+yet\b|\bwhat\s+(?:do|have)\s+i\s+(?:have|got)\b"
            r"|\bwhat(?:'s|\s+is)\s+(?:checked\s+)?out\b|\bmy\s+(?:requests|loans|items|ills)\b"
            r"|\b(?:list|show)\s+(?:me\s+)?my\b|\bcheck\s+on\b|\bstill\s+waiting\b"
            r"|\bwhen\s+(?:will|is|does|do|should|can)\s+(?:it|my|the|ill|that|they|i)\b.*\b(?:arrive"
            r"|ready|come|here|due|get\s+it|pick\s+(?:it\s+)?up|be\s+in|ship)"
            r"|\bhow\s+long\b.*\b(?:take|wait)|\bwhat'?s\s+(?:going\s+on|happening|up)\s+with\b"
            r"|\bhow'?s\s+my\b|\bhow\s+is\s+my\b",
            _I,
        ),
    ),
)
# "don't renew it" negates the action word that follows.
_NEGATION = re.compile(r"\b(?:don't|do\s+not|not|never|didn't|no\s+need\s+to)\s+(?:\w+\s+)?$", _I)

HUMAN = re.compile(
    r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:(?:a|an|the|some|real|actual|live)\s+)*"
    r"(?:person|human|librarian|staff|someone|somebody|people|agent|representative)"
    r"|\b(?:real|actual|live)\s+(?:person|human|librarian)\b|\bhuman\s+(?:please|being)\b"
    r"|^\s*(?:a\s+)?(?:human|librarian|staff|agent|person)(?:\s+please)?[.!?]*$"
    r"|\bstaff\s+please\b|\b(?:contact|reach|get)\s+(?:a|the)\s+(?:librarian|staff|human|person)"
    r"|\b(?:connect|transfer)\s+me\b",
    _I,
)
HELP_QUESTION = re.compile(
    r"^\s*(?:help|h|\?+)(?:\s+(?:me|please))?[.!?]*$"
    r"|\bwhat\s+can\s+(?:you|i)\s+(?:do|ask)\b|\bhow\s+(?:does|do)\s+(?:this|it|you|ill"
    r"|interlibrary\s+loans?)\s+work\b|\bhow\s+do\s+(?:i|you)\s+(?:use|request|ask|borrow|renew"
    r"|cancel|make)\b|\bwhat\s+do\s+you\s+do\b|\bcommands\b|\bi\s+need\s+help\b|\bhelp\s+me\b[.!?]*$",
    _I,
)
HELP_ANY = re.compile(r"\bhelp\b|\bhow\s+do\s+i\b|\bwhat\s+are\s+my\s+options\b", _I)
WHY = re.compile(r"^\s*(?:but\s+|and\s+|so\s+)?(?:why|how\s+come|what'?s\s+the\s+reason)\b", _I)

_YES = (
    r"yes|yeah|yea|yep|yup|ya|yah|sure|ok|okay|k|kk|y|affirmative|absolutely|definitely"
    r"|certainly|correct|right|confirm|confirmed|alright|all\s+right|go\s+ahead|please\s+do"
    r"|do\s+it|sounds\s+good|of\s+course|that's\s+right|that\s+works|no\s+problem|no\s+worries"
)
_NO = r"no|nope|nah|n|nay|negative|not\s+now|not\s+really|no\s+thanks?|no\s+thank\s+you"
_ONLY_NO = r"don't|do\s+not|never\s+mind|no\s+need|not\s+needed|no\s+way|please\s+don't"
LEADING_YES = re.compile(rf"^\s*(?:{_YES})\b(?!')|^\s*please\s*[.!]*$", _I)
# "no fees", "no later than", "no longer need" open with "no" but answer nothing.
_NOT_AN_ANSWER = (
    r"(?!')(?!\s+(?:fees?|charges?|costs?|money|payment|later|more|less|longer|problem|worries))"
)
_DONT_DO = r"(?:please\s+)?(?:don't|do\s+not)\s+(?:renew|cancel|request|order|get|send|do|bother)\b"
LEADING_NO = re.compile(
    rf"^\s*(?:{_NO})\b{_NOT_AN_ANSWER}|^\s*(?:{_ONLY_NO})\s*[.!]*$|^\s*{_DONT_DO}", _I
)
_ACKNOWLEDGE_ONLY = re.compile(
    r"^\s*(?:(?:ok|okay|k|cool|great|perfect|awesome|nice|alright)[\s,.!]+)+(?:thanks|thank\s+you"
    r"|cheers)\b",
    _I,
)
_NEGATED_ANSWER = re.compile(r"\b(?:no|not|don't|never)\b", _I)

GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day)"
    r"|morning|afternoon|evening)\b",
    _I,
)
_PLEASANTRY = re.compile(
    r"\b(?:hi|hello|hey|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day|night)"
    r"|thanks(?:\s+(?:a\s+lot|so\s+much|again))?|thank\s+you(?:\s+(?:so\s+much|very\s+much))?"
    r"|for\s+(?:your|the|all\s+your)\s+help|for\s+helping(?:\s+me)?"
    r"|cheers|appreciate\s+it|much\s+appreciated|great|awesome|cool|perfect|nice|wonderful"
    r"|lovely|brilliant|bye|goodbye|see\s+you|have\s+a\s+(?:good|nice|great)\s+\w+|got\s+it"
    r"|how\s+are\s+you|hope\s+(?:you're|you\s+are|all\s+is)\s+(?:well|good)|there|you|again|so"
    r"|much|ok|okay|lol|haha|all|everyone|team)\b|[\s,.!?:;)(&-]",
    _I,
)
QUESTION = re.compile(
    r"\?\s*$|^\s*(?:what|what's|how|why|when|where|where's|who|which|is|are|can|could|do|does"
    r"|will|would|should)\b",
    _I,
)
# Things patrons ask a library bot about that are not interlibrary loans.
OFF_TOPIC = re.compile(
    r"\b(?:wi-?fi|password|parking|printers?|photocopiers?|bathrooms?|restrooms?|toilets?"
    r"|coffee|caf[eé]|lunch|food|weather|jokes?|gym|membership|subscription|passport|licen[cs]e"
    r"|netflix|spotify|lockers?|laptops?|chargers?|library\s+card|study\s+rooms?|opening\s+hours)\b",
    _I,
)
LIBRARY_THING = re.compile(
    r"\b(?:books?|articles?|loans?|requests?|items?|ill|interlibrary|dvds?|chapters?|cop(?:y|ies)"
    r"|titles?|thesis|textbooks?|journals?)\b",
    _I,
)


def first_action(text: str) -> tuple[int, str] | None:
    """Return the earliest action cue (cancel, renew, status) and where it starts."""
    best: tuple[int, str] | None = None
    for intent, pattern in ACTIONS:
        for match in pattern.finditer(text):
            negated = _NEGATION.search(text[: match.start()])
            if negated and not match.group(0).lower().startswith(("don't", "do not")):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), intent)
            break
    return best


def leading_answer(text: str) -> str | None:
    """Return "yes" or "no" when the message opens with an answer word."""
    if _ACKNOWLEDGE_ONLY.match(text):
        return None  # "ok, thanks" acknowledges; it answers nothing
    if LEADING_NO.match(text):
        return "no"
    yes = LEADING_YES.match(text)
    if yes:
        return None if _NEGATED_ANSWER.search(text[yes.end() :]) else "yes"
    return None


def words_after_answer(text: str) -> int:
    """Count the words that follow an opening yes/no ("yes please renew it": 3)."""
    answer = LEADING_NO.match(text) or LEADING_YES.match(text)
    rest = text[answer.end() :] if answer else text
    return len(re.findall(r"[\w'#-]+", rest))


def only_pleasantries(text: str) -> bool:
    """Tell whether a message is nothing but greetings and thanks."""
    return bool(text.strip()) and not _PLEASANTRY.sub("", text).strip()
