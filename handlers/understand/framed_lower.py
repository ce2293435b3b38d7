"""A title typed all in lower case after a request verb: "can u get me the frozen river".

phrasing reads the object of a request verb; when its words are all lower case, nothing but
their place says they are a title, so only a few shapes are read (and confirmed first).
"""

from __future__ import annotations

import re

from handlers.understand.lower_titles import lower_case_title
from handlers.understand.material import read_material
from handlers.understand.titles import title_from

# Single words that follow "I need" and name no item.
_NOT_A_THING_TEXT = """
    advice information assistance something anything nothing renewal extension refund receipt
    answer answers access support guidance another clarification confirmation
"""
_NOT_A_THING = frozenset(_NOT_A_THING_TEXT.split())


# The article that closes an object's lead: "the ", "2 copies of the ", "ch 2 of the ", "a ".
_LAST_ARTICLE = re.compile(r"(?:^|\s)(the|an?)\s*$", re.IGNORECASE)


def framed_lower_title(prefix: str, body: str, *, by_author: bool = False) -> str | None:
    """Read a title typed all in lower case after "the": "the body keeps the score".

    Two or more words are needed, and "the" stays: it is the title's own first word.
    """
    title = title_from(body)
    if not title or read_material(title) or not title.islower():
        return None
    article = _LAST_ARTICLE.search(prefix)
    the = article is not None and article.group(1).lower() == "the"
    # ("an artical, doi is": after "a" / "an", only an author says the words are a title)
    if article and (by_author or (the and len(title.split()) >= 2)):
        # "the body keeps the score", "2 copies of the frozen river", "a christmas memory by
        # truman capote": the article typed before lower-case title words is the title's own
        return f"{article.group(1)} {title}"
    if prefix.strip() in ("", "the") and lower_case_title(title):
        # "can u get me tuesdays with morrie", "i need hamnet": words of a title, nothing else
        one_word = len(title.split()) == 1
        if one_word and title.lower() in _NOT_A_THING:
            return None
        return f"the {title}" if prefix.strip() else title
    return None
