"""Whether words are written as a title: capitalised, or capitalised but for small words."""

from __future__ import annotations

import re

_SMALL_TEXT = """
    a an the and or of in on to for with at by from as but nor vs via into over about after
    before under upon than & is are be
"""
_SMALL_WORDS = frozenset(_SMALL_TEXT.split())


def title_case(words: str) -> bool:
    """Tell whether words are written as a title: every word capitalised but the small ones."""
    tokens = re.findall(r"[\w'’-]+", words)
    return bool(tokens) and all(
        t[:1].isupper() or t[:1].isdigit() or t.lower() in _SMALL_WORDS for t in tokens
    )


def looks_like_title(words: str) -> bool:
    """Tell whether unquoted words look like a title: a capitalised word or a number."""
    return any(
        re.match(r"[A-Z][a-z]|\d", word) and word not in {"I", "I'm", "I'd"}
        for word in words.split()
    )
