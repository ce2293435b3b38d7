"""The wordings that signal each intent, and small tests built on them."""

from __future__ import annotations

import re

from handlers.understand.answers import (
    chatter,
    leading_answer,
    only_pleasantries,
    words_after_answer,
)
from handlers.understand.talk_cues import ASKS_FOR_NOTHING as ASKS_FOR_NOTHING
from handlers.understand.talk_cues import HELP_ANY as HELP_ANY
from handlers.understand.talk_cues import HELP_BOT as HELP_BOT
from handlers.understand.talk_cues import HELP_QUESTION as HELP_QUESTION
from handlers.understand.talk_cues import HUMAN as HUMAN
from handlers.understand.talk_cues import QUESTION as QUESTION
from handlers.understand.talk_cues import WHY as WHY

__all__ = ["chatter", "first_action", "leading_answer", "only_pleasantries", "words_after_answer"]

_I = re.IGNORECASE
# Words that open a message without saying anything ("oh wait, ...", "actually, ...").
_OPENER = (
    r"(?:(?:oh|ok|okay|actually|wait|hmm+|um+|uh|er+m?|sorry|ah|so|well|no|nah|oops|whoops)"
    r"\s*[,.!-]*\s+)*"
)
_MORE_TIME = (
    r"(?:\d+|a|an|one|two|three|few|a\s+few|couple(?:\s+of)?|a\s+couple(?:\s+of)?)\s+more"
    r"\s+(?:days?|weeks?|months?)|another\s+(?:\w+\s+)?(?:days?|weeks?|months?)"
)
# Actions on an existing request; when several appear, the first one written wins.
# Loans a patron holds, named without a title ("both of those", "all three", "em both").
_LOANS = (
    r"(?:it|them|this|that|these|those|em|'em|both(?:\s+of\s+(?:them|those|these|em|'em))?"
    r"|(?:em|'em|them)\s+both|all\s+(?:three|two|four|five|of\s+(?:them|those|these))"
    r"|(?:the|my)\s+(?:\w+\s+){0,2}?(?:books?|ones?|loans?|items?|dvds?))"
)
# More time, said without "renew": "for another couple of weeks", "for longer", "a bit more".
_LONGER = (
    r"(?:for\s+)?(?:(?:a\s+(?:bit|little)|a\s+while|some\s+time)\s+)?(?:longer|more)\b(?!\s+(?:books?|items?))"
    r"|(?:for\s+)?(?:another|one\s+more|an\s+extra|a\s+few\s+more|a\s+couple\s+(?:of\s+)?more)"
    r"\s+(?:couple\s+(?:of\s+)?)?(?:\d+\s+|few\s+|two\s+|three\s+)?(?:days?|weeks?|months?|while)\b"
    r"|for\s+another\s+(?:couple|few)\s+(?:of\s+)?(?:days|weeks)\b"
)

ACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "cancel",
        re.compile(
            r"\bcancel(?!\s+culture)\b|\bcancelar\b|\bwithdraw\b|\bannul\b|\bcall\s+off\b|\bno\s+longer\s+need"
            # "I no longer want the Gladwell book": a wish taken back (not "no longer want to pay")
            r"|\bno\s+longer\s+want\s+(?=(?:the|my|that|this|it|them|ill|#)\b)"
            r"|\bnot\s+needed\s+any\s*(?:more|longer)\b|\bdelete\s+(?:it|them|that|this)\b"
            r"|\b(?:don't|do\s+not)\s+(?:need|want)\b(?=.*\b(?:any\s*more|any\s+longer)\b)"
            r"|\bno\s+need\s+for\b(?=.*\b(?:any\s*more|any\s+longer)\b)"
            r"|\bnever\s+mind\s+(?:about\s+)?(?:the|my|that|this)\s+\w+"
            r"|\bnever\s+mind\s+(?:ill\b|#|request\b)"
            r"|\b(?:stop|scrap|scratch|drop|kill|forget(?:\s+about)?)\s+(?:the|my|that|this)\s+"
            r"(?:\S+\s+){0,4}?(?:request|order|book|article|one|ill)\b"
            r"|\bdisregard\s+(?:my|the|that|this)\b|\bchanged\s+my\s+mind\b"
            r"|\bignore\s+(?:that|this|it|my\s+(?:last|previous)|the\s+(?:last|previous))\b"
            r"|\b(?:can|could|should|may)\s+be\s+(?:cancell?ed|withdrawn|dropped)\b"
            r"|\b(?:don't|do\s+not)\s+bother\s+(?:getting|ordering|with|requesting)\b"
            r"|\b(?:remove|drop|kill|delete|scrap|scratch|undo)\s+(?:ill\b|ill-?\d|#|request\b|number\s*\d"
            r"|no\.\s*\d|my\s+(?:request|order)|that\s+(?:request|order))"
            r"|\b(?:stop|quit)\s+(?:searching|looking)\s+for\b"
            # "I got it from a colleague, so no need to keep looking"
            r"|\bno\s+(?:more\s+)?need\s+to\s+(?:keep\s+|go\s+on\s+|continue\s+)?(?:look|search)\w*"
            r"|\b(?:don'?t|do\s+not)\s+need\s+(?:you\s+)?to\s+(?:keep\s+)?(?:look|search)\w*"
            # "never mind", "forget it", "scratch that" alone: take back the last wish (the core
            # applies it to the draft waiting for an answer, or asks which request)
            rf"|^\s*{_OPENER}(?:never\s*mind|forget\s+(?:it|that|about\s+(?:it|that))"
            r"|scratch\s+that|cancel\s+that)\b",
            _I,
        ),
    ),
    (
        "renew",
        re.compile(
            r"\brenew(?:al|ing)?\b|\brnw\b|\bextend(?:ing)?\b|\bextension\b"
            r"|(?<!been\s)(?<!was\s)(?<!were\s)(?<!is\s)\brenewed\b(?=\s+please|\s*[.!?]*$)"
            r"|\b(?:be|get\s+it|have\s+it)\s+(?:extended|renewed)\b"
            r"|\b(?:keep|hang\s+on\s*to|hold\s+on\s*to)\s+(?:it|them|this|that|(?:the|my)\s+\w+"
            r"|ill\s*-?\s*#?\d+|#\s?\d+|request\s+#?\d+|\w+)"
            r"(?:\s+\S+){0,3}?\s+(?:longer|more|another|extra|a\s+(?:bit|little)\s+longer|until"
            r"|till|til|thru|through|for\s+(?:a\s+few|another|a\s+couple|\d+)|past)\b"
            rf"|\b(?:more|extra)\s+time\b|\blonger\s+loan\b|\b{_MORE_TIME}"
            r"|\bpast\s+the\s+due\s+date\b|\bnot\s+(?:done|finished)\s+with\b|\bprolong\w*"
            r"|\bmake\s+(?:it\s+|(?:my|the)\s+\w+\s+)?longer\b|\bdue\s+date\s+extension\b"
            r"|\b(?:push|move)\s+(?:back\s+|out\s+)?the\s+due\s+date\b"
            r"|\bdue\s+date\s+(?:of|on|for)\s+(?:\S+\s+){1,4}?(?:move|be\s+(?:moved|pushed|extended))\b"
            r"|\bhave\s+(?:it|them|(?:the|my)\s+\w+(?:\s+\w+){0,2})\s+(?:a\s+(?:bit|little)\s+)?longer\b"
            # "Could I have both of those for another couple of weeks?", "can I have all three
            # for longer?", "could i borrow it for a bit more": more time with loans in hand
            rf"|\b(?:have|keep|borrow|hang\s+on\s*to|hold\s+on\s*to)\s+{_LOANS}\s+"
            rf"(?:\S+\s+){{0,2}}?{_LONGER}",
            _I,
        ),
    ),
    (
        "status",
        re.compile(
            r"\bwhere\s*(?:'s|is|are)\s+(?:all\s+)?(?:my|it\b|ill\b|#|the\s+(?:\w+\s+){0,3}?(?:book|article|request|item"
            r"|dvd|loan|copy|ill|scan|one|ones|order))|\bwhere\s+are\s+we\s+with\b"
            r"|\bstatus\b(?!\s+(?:quo|symbol))|\bany\s+(?:news|updates?|word)\b"
            r"|\b(?:an\s+)?(?:updates?|news|word)\s+(?:on|about)\b"
            r"|\b(?:did|has)\s+(?:my|the)\s+(?:renewal|request|order|cancell?ation)\s+go\s+through\b"
            r"|\b(?:did|has|have)\s+the\s+lender\s+(?:say|said|answer|answered|respond|responded|reply"
            r"|replied|approve|approved|agree|agreed)\b"
            # ("is there a copy of Beloved on the shelf here" asks the catalogue, not a status)
            r"|\b(?:has|have|did|is|are|was|were)\s+(?:my|the|it|they|ill\S*|#\d+|(?!there\b)\w+)"
            r"(?:\s+\S+){0,7}?\s+"
            r"(?:arrived|arrive|come\s+in|came|here|ready|in\s+yet|shipped|been\s+sent|available"
            r"|been\s+renewed|renewed|cancell?ed|approved|sent|delivered|get\s+delivered|scanned"
            r"|been\s+(?:scanned|processed|filled|found|ordered))\b"
            # "let me know if request ILL-18 (the Pager article) has been filled"
            r"|\b(?:has|have)\s+been\s+(?:filled|processed|approved|found|located)\b"
            # "When do you expect the Golden Gulag book to arrive?"
            r"|\bwhen\s+(?:do|would|should|will)\s+(?:you|we|i)\s+expect\b"
            r"|\b(?:has|have)\s+(?:it\s+|they\s+)?(?:been\s+)?(?:arrived|come\s+in|shipped|sent"
            r"|delivered)\b|\b(?:hasn't|haven't|has\s+not)\s+(?:come|arrived|shown\s+up)"
            r"|\bwhere\s*(?:'s|\s+is)\s+(?:my|the)\s+(?-i:[A-Z][a-z]+)\s*[?.!]*$"
            r"|\b(?:is|are)\s+(?:it|they|ill\s*-?\s*#?\d+|#\d+|my\s+\w+(?:\s+\w+)?)\s+(?:in|there)\s*(?:yet|now"
            r"|already)?\s*\?"
            r"|\barrived\s+yet\b|\bwhat\s+(?:do|have)\s+i\s+(?:have|got)\b"
            r"|\b(?:find|finding|found|get|got|locate[d]?)\s+(?:a\s+)?lender\b|\bany\s+luck\b|\bstate\s+of\s+(?:my|the|ill\b|#)"
            r"|\bwhere\s+(?:ill\s*-?\s*#?\d+|#\d+|request\s+#?\d+|my\s+\w+)\s+(?:is|are)\b"
            r"|\bon\s+(?:its|their|the)\s+way\b"
            r"|\b(?:is|are)\s+(?:it|they|my\s+\w+|ill\S*|#\d+)\s+(?:still\s+)?(?:pending|processing"
            r"|in\s+progress|being\s+processed)\b|\bhow(?:'s|s|\s+is|\s+are)\s+(?:it|things)\s+(?:going"
            r"|coming(?:\s+along)?)\s+with\b|\b(?:information|info|details)\s+(?:about|on|regarding)\s+"
            r"(?:my|the|ill\b|#|request)"
            r"|(?:\b(?:it|they|ill\s*-?\s*#?\d+)|#\d+)\s*(?:is|are|'s)\s+(?:in|here|ready)(?:\s+(?:yet|now"
            r"|already))?\s*[?.!]*$"
            r"|\bwhat(?:'s|\s+is)\s+(?:checked\s+)?out\b|\bmy\s+(?:requests|loans|items|ills)\b"
            r"|\b(?:list|show)\s+(?:me\s+)?my\b|\bcheck(?:ing)?\s+(?:in\s+)?on\b|\bstill\s+waiting\b"
            r"|(?<!i'm\s)(?<!i\sam\s)(?<!we're\s)\bstill\s+working\s+on\b|\bhaven't\s+heard\b|\beta\b|\btrack\s+(?:my|the)\b"
            r"|\b(?:have|got)\s+(?:out\s+)?on\s+loan\b|\bany\s+(?:movement|progress|idea\s+when)\b"
            r"|\bdid\s+(?:you|the\s+library|y'?all)\s+(?:guys\s+)?(?:get|receive)\s+my\b"
            r"|\bwhen\s+(?:will|is|does|do|should|can)\s+(?:it|my|the|ill|that|they|i)\b.*\b(?:arrive"
            r"|ready|come|here|due|get\s+it|pick\s+(?:it\s+)?up|collect|be\s+in|ship|return)"
            r"|\bwhen\s+(?:it'?s|they'?re|(?:it|they)\s+(?:is|are))\s+due\b"
            r"|\bwhen's\s+(?:it|my|the)\b|\bwhen\s+(?:it|ill\S*|(?:my|the)\s+\w+(?:\s+(?:book|article|dvd|one))?)\s+(?:arrives"
            r"|comes|is\s+ready)|\bdue\s+(?:soon|date)\b|\banything\s+(?:ready|waiting|due|in)\b"
            r"|\bhow\s+long\b.*\b(?:take|wait|until)\b.*\b(?:my|it|ill\S*|#)|\bhow\s+long\s+until\b"
            r"|\bhow\s+long\b.*\b(?:my|ill-?\s*\d+|#\d+)\b.*\b(?:take|arrive|get\s+here|come)"
            # texting's "w" / "w/" for with: "whats up w ILL-3"
            r"|\bwhat'?s\s+(?:going\s+on|happening|up)\s+(?:with\b|w/?(?=\s|#|\d))|\bhow'?s\s+my\b|\bhow\s+is\s+my\b"
            r"|\bwhere\s+(?:things|it|that|this|everything)\s+stands?\b|\bcoming\s+along\b|\bwhere\s+are\s+we\s+(?:on|at)\b|\bwhat\s+happened\s+(?:to|with)\b"
            r"|\b(?:is|are)\s+(?:it|they)\s+lost\b|\bfollow(?:ing)?\s+up\s+on\b"
            r"|\bconfirm\s+(?:that\s+)?(?:you|y'?all|the\s+library)\s+(?:got|received|have)\b"
            # "tell me when ILL-8 is coming", "when will Wellness get here"
            r"|\bwhen\s+(?:is|will|are)\s+(?!you\b)\S+(?:\s+\S+){0,4}?\s+(?:be\s+)?(?:coming|arriving"
            r"|getting\s+here|get\s+here)\b|\bwhen\s+(?!you\b)\S+(?:\s+\S+){0,4}?\s+(?:is|are)\s+"
            r"(?:coming|arriving|getting\s+here)\b"
            r"|\b(?:due|return)\s+when\b|\btell\s+me\s+when\s+(?:it|they|(?:the|my)\s+(?:\w+\s+){1,3}?)"
            r"(?:comes?|arrives?|is\s+(?:in|ready|here))\b",
            _I,
        ),
    ),
)
# "don't renew it" negates the action word that follows.
# ("I don't want to cancel", "I don't need a renewal": two words may stand between)
_NEGATION = re.compile(
    r"\b(?:don't|do\s+not|not|never|didn't|no\s+need\s+to)\s+(?:\w+\s+){0,2}$", _I
)
# "renew nothing, just cancel it": an action word whose object is nothing.
_NOTHING_AFTER = re.compile(r"\s+(?:nothing|none|neither)\b", _I)
ACTS_ON_NOTHING = re.compile(r"\b(?:renew|cancel|extend)\s+(?:nothing|none|neither)\b", _I)
# An action word written as part of a capitalised title ("The Cancel Culture Panic").
_TITLE_NEIGHBOUR = re.compile(r"^\s+(?!ILL\b|I\b)[A-Z0-9]")

# "renew everything except ILL-4": a reference named to be left out (never acted on).
EXCLUDING = re.compile(
    r"(?:\b(?:except(?:\s+for)?|but\s+not|other\s+than|apart\s+from|besides|excluding)"
    r"|(?:,|\band\b)\s*not"
    r"|\b(?:don'?t|do\s+not|never|please\s+don'?t)\s+(?:cancel|renew|extend|touch|change|drop))"
    r"\s+(?:for\s+)?(?:ill\s*[-#:]?\s*|#\s?|request\s+#?|number\s+)(?P<number>\d{1,6})\b",
    _I,
)


def excluded_refs(text: str) -> frozenset[int]:
    """Return the references a message names only to leave them out ("except ILL-4")."""
    return frozenset(int(m.group("number")) for m in EXCLUDING.finditer(text))


# "change the date to Nov 3": a date answer that corrects the one given (the date is blanked).
CHANGES_A_DATE = re.compile(
    r"^\s*(?:(?:oh|ok|okay|actually|wait|sorry|oops|so|um+)\s*[,.!-]*\s+)*(?:please\s+|can\s+you\s+"
    r"|could\s+you\s+)?(?:change|move|push|switch|make)\s+(?:it|that|the\s+(?:due\s+|need-by\s+)?"
    r"date|my\s+date|the\s+deadline)(?:\s+(?:back|up))?\s+(?:to|for)?\s*[.!]*\s*$",
    _I,
)
# Verbs that ask for an item: a capitalised action word right after one opens its title.
_ASKING_VERBS = frozenset({"request", "get", "find", "order", "borrow", "want", "need"})
# Words after which a capitalised word opens the name of the work they speak of.
_NAMING_NOUNS = frozenset({"book", "novel", "memoir", "audiobook", "ebook", "called", "titled"})


def _title_word(text: str, start: int, end: int, sentence_start: bool) -> bool:
    """Tell whether an action word is part of a capitalised title, not an order."""
    word = text[start:end]
    kept = text[:start].rstrip()
    previous = kept[-1:]
    if (
        not word[:1].isupper()
        or (previous and previous in ".!?:\n")
        or "\n" in text[len(kept) : start]
    ):
        return False  # a new line starts a sentence ("Hi ILL,\nWhen do you expect ...")
    if not previous and sentence_start:
        return False  # "Cancel ILL-3": a capital at the start is only the sentence's
    before = text[:start].split()
    after_title = bool(_TITLE_NEIGHBOUR.match(text[end:]))
    if before and before[-1].lower() in _ASKING_VERBS:
        return True  # "could you request Renew the Heart": the title asked for
    if before and before[-1].lower() in _NAMING_NOUNS:
        return True  # "I need the book Status and Culture", "a novel called Cancel Culture"
    after_capital = bool(before) and before[-1][:1].isupper() and before[-1] not in ("I", "ILL")
    return after_title or after_capital or (bool(before) and before[-1] in {"The", "A", "An"})


def first_action(text: str, *, sentence_start: bool = True) -> tuple[int, str] | None:
    """Return the earliest action cue (cancel, renew, status) and where it starts.

    A negated cue ("don't renew it") and an action word that is part of a capitalised title
    are left out. `sentence_start` is False when `text` is the object of a verb ("get me |
    Status Anxiety"): a capitalised action word at its start is then a title word, not an order.
    """
    best: tuple[int, str] | None = None
    for intent, pattern in ACTIONS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[0]:
                break  # a later cue of this kind cannot come first
            negated = _NEGATION.search(text, max(0, match.start() - 60), match.start())
            if negated and not match.group(0).lower().startswith(("don't", "do not")):
                continue
            if _NOTHING_AFTER.match(text, match.start() + len(match.group(0).split()[0])):
                continue
            end = match.start() + len(match.group(0).split()[0])
            if _title_word(text, match.start(), end, sentence_start):
                continue
            best = (match.start(), intent)
            break
    return best
