"""The items a message's identifiers make: one per ISBN, one article's DOI/PMID/ISSN together."""

from __future__ import annotations

import re
from itertools import pairwise

from handlers.understand.identifiers import Identifier, Span
from handlers.understand.reading import Item

# "pmid 16060722 and doi 10.1037/h0043158": identifiers joined by "and" are two items.
_AND_BETWEEN = re.compile(r"^[\s,;]*(?:and|&|\+|plus|also|and\s+also)\b", re.I)


def items_from_identifiers(
    found: tuple[Identifier, ...], text: str | None = None
) -> list[tuple[Span, Item]]:
    """Make one item per identifier, except one article's DOI/PMID/ISSN read together.

    Each item comes with the stretch of text its identifiers cover. With `text`, identifiers
    the patron joins with "and" stay apart.
    """
    kinds = [identifier.kind for identifier in found]
    article_kinds = [kind for kind in kinds if kind != "isbn"]
    # A citation often carries its DOI, PMID and journal ISSN side by side: that is one article.
    merge_article = len(article_kinds) == len(set(article_kinds)) and len(article_kinds) > 1
    if merge_article and text is not None:
        gaps = [text[a.end : b.start] for a, b in pairwise(found)]
        merge_article = not any(_AND_BETWEEN.match(gap) for gap in gaps)
    items: list[tuple[Span, Item]] = []
    merged: dict[str, str] = {}
    article_slot = -1
    article_span = (0, 0)
    for identifier in found:
        span = (identifier.start, identifier.end)
        if identifier.kind == "isbn" or not merge_article:
            items.append((span, _item({identifier.kind: identifier.value})))
            continue
        if article_slot < 0:
            article_slot, article_span = len(items), span
            items.append((span, Item()))
        article_span = (min(article_span[0], span[0]), max(article_span[1], span[1]))
        merged[identifier.kind] = identifier.value
    if article_slot >= 0:
        items[article_slot] = (article_span, _item(merged))
    return items


def _item(identifiers: dict[str, str]) -> Item:
    return Item(
        isbn=identifiers.get("isbn"),
        issn=identifiers.get("issn"),
        doi=identifiers.get("doi"),
        pmid=identifiers.get("pmid"),
    )
