"""A request that names only an author: "something by octavia butler, any of her books".

The patron wants a work by someone and has not said which: the item is that author alone
(a book), and the core confirms it before anything is recorded.
"""

from __future__ import annotations

import re

# "something by X", "any of her books by X", "i don't know the title but it's by X"
_BY_SOMEONE = re.compile(
    r"\b(?:something|anything|a\s+book|books|a\s+novel|(?:it'?s|its|it\s+is)"
    r"|(?:any|one)\s+of\s+(?:her|his|their)\s+books)\s+(?:written\s+)?by\s+"
    r"(?P<name>(?:[A-Za-z][\w'’.-]*)(?:\s+[A-Za-z][\w'’.-]*){1,2}?)"
    r"(?=\s*(?:$|[,.;!?]|\s(?:about|on|pls|please|for|and|or|if)\b))",
    re.IGNORECASE,
)
# Words a name never holds: "something by friday", "a book by the same author".
_NOT_NAMES_TEXT = """
    the a an my your her his their this that next friday monday tuesday wednesday thursday
    saturday sunday tomorrow today mail email ups post end same author
"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


def author_only(text: str) -> str | None:
    """Return the author a request names without a title, as written, or None."""
    match = _BY_SOMEONE.search(text)
    if match is None:
        return None
    name = match.group("name")
    if any(word.lower() in _NOT_NAMES for word in name.split()):
        return None
    return name
