"""Short answers (yes, no), pleasantries and chatter: messages that answer or ask nothing."""

from __future__ import annotations

import re

_I = re.IGNORECASE

_YES = (
    r"yes+|yeah|yea|yep|yup|ya|yah|sure|ok|okay|k|kk|y|affirmative|absolutely|definitely"
    r"|certainly|correct|right|confirm|confirmed|alright|all\s+right|go\s+ahead|please\s+do(?!\s+the\b)"
    r"|do\s+it|sounds\s+good|of\s+course|that's\s+right|that\s+works|no\s+problem|no\s+worries"
    r"|that'?s\s+(?:fine|ok|okay|good|great|perfect|correct)|fine(?:\s+by\s+me)?|go\s+for\s+it"
    r"|works\s+for\s+me|i'?ll\s+pay(?:\s+(?:it|that|the\s+fee))?|approved?|agreed?"
    # "fee is fine", "the charge is ok": a fee accepted without its amount
    r"|(?:the\s+|that\s+)?(?:fee|charge|cost|price)\s+(?:is|'s)\s+(?:fine|ok|okay|good)"
    r"|s[ií]|that'?s\s+the\s+one|indeed|exactly|totally|ofc|oui|ja|okie(?:\s+dokie)?"
)
_NO = (
    r"no+|nope|nah|n|nay|negative|not\s+now|not\s+really|no\s+thanks?|no\s+thank\s+you"
    r"|i'?d\s+rather\s+not|too\s+(?:expensive|much|pricey)"
    # "that's too much, can you try another library?": a quoted fee turned down
    r"|(?:that'?s|thats|it'?s|its|that\s+is|it\s+is)\s+(?:(?:way|a\s+bit|a\s+little)\s+)?too\s+"
    r"(?:expensive|much|pricey|steep|high)"
    r"|i\s+(?:don't|do\s+not)\s+want\s+to\s+pay\s+(?:that|it|this|the\s+fee)"
    # "not paying that", "I won't pay the fee": a quoted fee turned down
    r"|(?:i'?m\s+|i\s+am\s+)?not\s+paying\s+(?:that|it|this|the\s+fee)"
    r"|i\s+(?:won'?t|will\s+not|can'?t|cannot)\s+pay\s+(?:that|it|this|the\s+fee)"
)
# "never mind" alone is not here: it takes back a wish (a cancel), see cues.ACTIONS.
_ONLY_NO = (
    r"don't|do\s+not|no\s+need|not\s+needed|no\s+way|please\s+don't|incorrect|wrong(?:\s+one)?"
    r"|absolutely\s+not|not\s+any\s*more|nothing\s+else|hold\s+off|reject|never|pass|nuh\s+uh"
    r"|non(?:\s+merci)?|nein(?:\s+danke)?"
    # "keep it", "nah I'll keep it": the patron takes back a cancel the bot asked about
    r"|(?:no+|nah)?\s*,?\s*(?:i'?ll\s+|i\s+will\s+|let's\s+|please\s+)?keep\s+(?:it|that|them)"
    r"(?:\s+after\s+all)?"
)
# Answers that agree only when they are the whole message ("continue", "book it", "i do").
_ONLY_YES = (
    r"continue|go\s+on|(?:please\s+)?(?:book|order|place)\s+it(?:\s+(?:please|pls))?"
    r"|(?:please\s+)?place\s+the\s+request|it\s+is|i\s+do|i\s+am|yes\s+it\s+is"
)
# Words that may come before the answer and say nothing: "wait, actually no, keep it".
_OPENER = (
    r"(?:(?:oh|actually|wait|hmm+|um+|ah|well|so|sorry|oops|hold\s+on|bueno|pues|mmm+)"
    r"\s*[,.!—–-]*\s+)*"
)
LEADING_YES = re.compile(
    rf"^\s*{_OPENER}(?:{_YES})\b(?!')|^\s*please\s*[.!]*$|^\s*(?:{_ONLY_YES})\s*[.!]*$", _I
)
# "no fees", "no later than", "no longer need" open with "no" but answer nothing.
_NOT_AN_ANSWER = (
    r"(?!')(?!\s+(?:fees?|charges?|costs?|money|payment|later|more|less|longer|problem|worries"
    r"|need))"
)
_DONT_DO = (
    r"(?:please\s+)?(?:don't|do\s+not|no\s+need\s+to)\s+(?:renew|cancel|request|order|get|send|do"
    r"|bother)\b"
)
# "no need to cancel", "Please do not cancel ILL-12": the patron turns an action down.
DECLINES = re.compile(rf"^\s*{_OPENER}{_DONT_DO}", re.IGNORECASE)
LEADING_NO = re.compile(
    rf"^(?!\s*oh\s*,?\s*no\b)\s*{_OPENER}(?:{_NO})\b{_NOT_AN_ANSWER}"
    rf"|^\s*{_OPENER}(?:{_ONLY_NO})\s*[.!]*$|^\s*{_OPENER}{_DONT_DO}",
    _I,
)
_ACKNOWLEDGE_ONLY = re.compile(
    r"^\s*(?:(?:ok|okay|k|cool|great|perfect|awesome|nice|alright|haha|lol)[\s,.!]+)+"
    r"(?:thanks|thank\s+you|cheers|ok)\b"
    # "ok cool": an acknowledgement, not a go-ahead
    r"|^\s*(?:ok|okay|k|alright)[\s,.!]+(?:cool|nice|awesome)[\s.!]*$",
    _I,
)
# "sure, why not" agrees: "why not" is a yes in its own right.
_NEGATED_ANSWER = re.compile(r"\b(?<!why\s)(?:no|not|don't|never)\b", _I)
# Questions and requests that are chat with the bot itself, not about anything to be done.
SOCIAL = re.compile(
    r"\bhow\s+(?:are|r)\s+(?:you|u|things|ya)\b|\bhow(?:'s|\s+is|\s+was)\s+(?:it\s+going|your|life|things)"
    r"|\b(?:are|r)\s+(?:you|u)\s+(?:a|an|actually\s+a|really\s+a|just\s+a)?\s*(?:real|robot|bot"
    r"|human|person|ai|machine|computer|program|there|awake|alive|okay|ok|single|busy|smart)\b"
    r"(?:\s+(?:person|human|librarian|people))?"
    # "are you a bot or a real person?": which it is, asked of the bot itself
    r"(?:\s+or\s+(?:an?\s+)?(?:real\s+|actual\s+)?(?:person|human|bot|robot|ai|machine))?"
    r"|\bwhat(?:'s|\s+is)\s+your\s+(?:name|favou?rite)|\bwho\s+(?:are|r)\s+(?:you|u)\b"
    r"|\bdo\s+you\s+(?:like|love|enjoy|read|dream|sleep|have\s+feelings)\b|\bjokes?\b"
    r"|\bwhat\s+do\s+you\s+think\b|\bwhat'?s\s+up\b|\bhow\s+old\s+are\s+you\b"
    r"|\bwhere\s+are\s+you\s+from\b|\btell\s+me\s+(?:something|about\s+yourself)"
    r"|^\s*(?:ugh+|yay+|woo+(?:hoo+)?|wow+|omg|phew|sigh|meh|yikes|oof|aww+|argh+|yawn)\b",
    _I,
)

# Thanks for something already done: "thank you for finding the Strugatsky book" asks nothing.
THANKS_FOR_DONE = re.compile(
    r"\b(?:thanks|thank\s+you|grateful|appreciate\s+(?:it|you))(?:\s+(?:so|very)\s+much)?"
    r"(?:\s+again)?\s+for\s+(?:finding|getting|tracking|locating|sending|ordering|sourcing"
    r"|arranging|renewing|digging|bringing|all)\b",
    _I,
)

_PLEASANTRY = re.compile(
    r"\b(?:hi|hello|hey|hiya|howdy|yo|greetings|(?:good\s+)?(?:morning|afternoon|evening)"
    r"|good\s+(?:day|night)"
    r"|thanks(?:\s+(?:a\s+lot|so\s+much|again))?|thank\s+you(?:\s+(?:so\s+much|very\s+much))?"
    r"|for\s+(?:your|the|all\s+(?:your|the))\s+help|for\s+helping(?:\s+me)?|with"
    r"|this\s+(?:year|week|month|term|semester)|and"
    r"|cheers|appreciate\s+it|much\s+appreciated|great|awesome|cool|perfect|nice|wonderful"
    r"|lovely|brilliant|bye|goodbye|see\s+you|have\s+a\s+(?:good|nice|great)\s+\w+|got\s+it"
    r"|how\s+are\s+you|hope\s+(?:you're|you\s+are|all\s+is)\s+(?:well|good)|there|you|again|so"
    r"|much|ok|okay|lo+l|lmf?ao+|(?:ha){2,}h?|(?:he){2,}|all|everyone|team|happy\s+\w+|merry\s+\w+"
    r"|you(?:'re|\s+are)\s+(?:the\s+best|great|awesome|amazing)|you\s+rock|happy|merry"
    r"|test(?:ing)?|sorry|oops|\d+)\b|[\s,.!?:;)(&-]",
    _I,
)
# Words that show a message is about the library's loans, not chat.
_LIBRARY_WORDS = re.compile(
    r"\b(?:books?|articles?|loans?|requests?|items?|ill|interlibrary|dvds?|cop(?:y|ies)"
    r"|textbooks?|due|fees?|pick\s*up|returned"
    r"|borrow\w*|order\w*|lend\w*|isbn|doi)\b",
    _I,
)
_WORDLIKE = re.compile(r"^[a-z']*[aeiouy][a-z']*$", _I)


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
    has_words = bool(re.search(r"[^\W\d_]", text))  # "ILL-45?" with the reference read is not chat
    return has_words and not _PLEASANTRY.sub("", text).strip()


def chatter(text: str) -> bool:
    """Tell whether a message is a remark in real words that is not about loans ("I love it here").

    Three or more word-like words with no library word: chat, answered kindly. Fewer, or
    keyboard noise ("asdfgh", "qwzx blorp"), is not understood and says so.
    """
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)
    if len(words) < 3 or _LIBRARY_WORDS.search(text):
        return False
    return sum(bool(_WORDLIKE.match(word)) for word in words) >= 0.8 * len(words)
