"""Non-answers: "idk the pages", "no idea who wrote it", "whatever edition", "up to you!".

A patron asked for a detail often says they do not know it or do not mind. Such a message
names nothing and wants nothing done: it is no title ("idk the pages"), no "no" ("no idea"),
and no pleasantry either. It is read as not understood with nothing in it, so the core keeps
its question (or asks what the patron would like).
"""

from __future__ import annotations

import re

# Saying one does not know, does not remember, or does not mind.
_NOT_KNOWING = re.compile(
    r"\b(?:idk|idc|dunno|no\s+(?:idea|clue)|not\s+(?:sure|certain)|unsure"
    r"|(?:do\s*n[o'’]?t|dont|didn'?t|can'?t|cannot|can\s+not)\s+(?:\w+\s+)?(?:know|kno|remember|recall)"
    r"|forg[eo]t\s+(?:who|what|which|when|the\s+(?:author|title|year|pages?|edition|volume|issue"
    r"|publisher|name|number))"
    r"|no\s+preference|(?:doesn'?t|does\s+not|don'?t|won'?t)\s+matter|whatever|whichever"
    r"|either\s+(?:\w+\s+)?(?:works|is\s+fine|is\s+ok(?:ay)?)"
    r"|any\s+(?:\w+\s+)?(?:is|are|works|would\s+be)\s+(?:fine|ok(?:ay)?|good)"
    r"|up\s+to\s+you|as\s+soon\s+as\s+(?:you\s+can|possible)|only\s+remember"
    r"|^\s*(?:no|without\s+(?:a|an))\s+(?:doi|isbn|pmid|page\s+numbers?|volume|issue\s+number))",
    re.IGNORECASE,
)
# Words that make it something else: an order, a request ("I would like a book, I don't
# remember the title": the bot asks which), a question to answer.
_ELSE = re.compile(
    r"\?|\b(?:cancel|renew|extend|status|request|order|borrow|get\s+me|need\s+(?:it|them|a|an|the)"
    r"|password|pin|account|login|card|wifi|printer|hours?|open|close|talk|person|human|someone"
    r"|help|where|when\s+will|how\s+(?:long|much|many)|forget\s+it|never\s*mind"
    r"|would\s+like|i\s+want|looking\s+for|an?\s+(?:book|article|dvd|audiobook))\b",
    re.IGNORECASE,
)
MAX_WORDS = 16


def non_answer(text: str) -> bool:
    """Tell whether a whole message only says the patron does not know or does not mind."""
    words = text.split()
    if not words or len(words) > MAX_WORDS or not _NOT_KNOWING.search(text):
        return False
    return not _ELSE.search(_NOT_KNOWING.sub(" ", text))
