"""The wordings of messages about the talk itself: a person, help, why, a question at all."""

from __future__ import annotations

import re

_I = re.IGNORECASE

HUMAN = re.compile(
    r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:(?:a|an|the|some|real|actual|live)\s+)*"
    r"(?:\w+\s+){0,2}?(?:person|human|librarian|staff|someone|somebody|people|agent"
    r"|representative|office)"
    r"|\b(?:real|actual|live)\s+(?:person|human|librarian)\b|\bhuman\s+(?:please|being)\b"
    r"|^\s*(?:a\s+)?(?:human|librarian|staff|agent|person|representative|operator)"
    r"(?:\s+please)?[.!?]*$|\b(?:want|need)\s+(?:a|an)\s+(?:human|person|librarian)\b"
    r"|\bstaff\s+please\b|\b(?:contact|reach|get|give)\s+(?:me\s+)?(?:a|the)\s+"
    r"(?:librarian|staff|human|person)|\b(?:connect|transfer)\s+me\b|\bescalate\b"
    r"|\b(?:someone|somebody|a\s+librarian|staff|a\s+person)\s+(?:from\s+the\s+library\s+)?"
    r"(?:call|email|e-mail|phone|contact|get\s+back\s+to)\s+me\b"
    r"|\bperson\s+i\s+can\s+(?:talk|speak)\b|\bin\s+touch\s+with\s+(?:a|an|the)\s+"
    r"(?:librarian|person|human|staff)|\b(?:deal|work)\s+with\s+(?:a|an)\s+(?:human|person"
    r"|librarian)\b",
    _I,
)
HELP_QUESTION = re.compile(
    r"^\s*(?:help|h|\?+)(?:\s+(?:me|please))?[.!?]*$"
    r"|\bwhat\s+can\s+(?:you|i)\s+(?:do|ask)\b|\bhow\s+(?:does|do)\s+(?:this|it|you|ill"
    r"|interlibrary\s+loans?)\s+work\b|\bhow\s+(?:does|do)\s+(?:\w+\s+){1,2}work\b"
    r"|\bwhat\s+can\s+(?:this|the)\s+(?:\w+\s+)?do\b"
    r"|\bhow\s+(?:do|can|would|should)\s+(?:i|you|we)\s+(?:use|request|ask|borrow"
    r"|renew|cancel|make)\b|\bwhat\s+do\s+you\s+do\b|\bcommands\b|\bi\s+need\s+help\b"
    r"|\bhelp\s+me\b[.!?]*$|\bwhat\s+is\s+this\s+bot\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:ill|interlibrary\s+loan)\b"
    r"|\bhow\s+does\s+(?:ill|interlibrary\s+loan)\b|\bwalk\s+me\s+through\b"
    r"|\bhow\s+do\s+i\s+(?:do|go\s+about)\s+(?:that|this|it)\b|\bwhat\s+(?:now|do\s+i\s+do\s+now)\s*\?"
    r"|\bcan\s+i\s+request\s+(?:by|several|multiple|more\s+than\s+one)\b",
    _I,
)
# Questions about what the bot itself can be asked: help, before any question about the rules.
HELP_BOT = re.compile(
    r"\bwhat\s+(?:kinds?|sorts?|types?)\s+of\s+(?:things|stuff|questions)\s+(?:can|may|do)\s+"
    r"(?:i|we)\s+ask\s+(?:you|u|this\s+bot|the\s+bot)\b"
    r"|\bwhat\s+(?:else\s+)?(?:can|could)\s+(?:i|we)\s+ask\s+(?:you|u)\b"
    # "what kinds of things can I say to you", "what can i type here"
    r"|\bwhat\s+(?:(?:kinds?|sorts?|types?)\s+of\s+(?:things|stuff)\s+)?(?:can|could|should)\s+"
    r"(?:i|we)\s+(?:say|type|write|tell)\s+(?:to\s+)?(?:you|u|here|this\s+bot|the\s+bot)\b",
    _I,
)
HELP_ANY = re.compile(r"\bhelp\b|\bhow\s+do\s+i\b|\bwhat\s+are\s+my\s+options\b", _I)
WHY = re.compile(
    # an email's greeting line may come first ("Hi,\n\nWhy was ILL-23 denied?")
    r"^(?:\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b[^\n?]{0,40}\n)?"
    r"\s*(?:but\s+|and\s+|so\s+|wait\s*,?\s+)?(?:why+|how\s+come|what'?s\s+the\s+reason"
    # "y did u say no": texting's "y" for why, before the verb it asks with
    r"|y(?=\s+(?:did|was|were|is|are|would|do|does|wont|won't|cant|can't|isnt|isn't|wasnt|wasn't)\b))\b"
    r"|\bexplain\s+why\b|^\s*explain\b|\bwhat\s+do\s+you\s+mean\b|\bon\s+what\s+grounds\b"
    # "I got an email saying it was denied. Why was my request denied?": a later question
    r"|(?:[.!?]\s+|\n\s*)why\s+(?:was|were|did|has|have|is|are)\b[^.?!\n]{0,80}"
    r"\b(?:denied|refused|rejected|declined|turned\s+down|cancell?ed|say\s+no)\b[^.?!\n]{0,30}\?"
    # "... I don't understand it. why did you turn my request down?"
    r"|(?:[.!?]\s+|\n\s*)why\s+(?:did|would)\s+(?:you|they)\s+(?:turn|deny|refuse|reject|decline"
    r"|cancel)\b[^.?!\n]{0,60}\?",
    _I,
)
QUESTION = re.compile(
    r"\?\s*$|^\s*(?:what|what's|how|why|when|where|where's|who|which|is|are|can|could|do|does"
    r"|will|would|should)\b",
    _I,
)
# Requests for something no library lends: "I need a nap", "can you get me a coffee".
ASKS_FOR_NOTHING = re.compile(
    r"^(?:i\s+(?:need|want)|can\s+(?:you|i)\s+(?:get|have|borrow)(?:\s+me)?)\s+(?:a|an|some)"
    r"\s+(?!book|copy|article|dvd|thesis|scan)[a-z]+[.!?]*$",
    _I,
)
