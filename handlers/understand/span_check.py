"""Mend the rules' titles and authors with the span tagger, where the two readings show how.

The rules read most requests right; the tagger (handlers/understand/spans.py) reads the
boundaries of a title more often right where the rules take in lead words ("The book is What
the Dog Saw", "necesito The Book of Unknown Americans"), drop words inside a title ("the
thursday night widow") or find no item at all ("the sunday girl by pip drysdale pls"). Each
mend below is taken only where the tagger's reading and the rules' agree on everything but the
one point. A mend keeps the rules' word on whether to confirm (CONVENTIONS.md: a framed request
is sure); an item only the tagger found is always confirmed before it is recorded.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand import spans
from handlers.understand.bare_titles import personal_name
from handlers.understand.fields import read_chapter, read_edition
from handlers.understand.item_titles import names_no_title
from handlers.understand.language import detect
from handlers.understand.material import read_material
from handlers.understand.reading import Item, Reading

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words that may stand lower-case inside a title ("Crime and the American Dream").
_SMALL_TEXT = """
    a an the of and or in on at to for from with by into as but nor
    el la los las lo un una unos unas de del y e o u en con por para sin sobre al
"""
_TITLE_SMALL = frozenset(_SMALL_TEXT.split())
# Small words a title's front may end in, running on into the rest ("history of the ...").
_JOINS_ON_TEXT = "of and or in on to for from with de del y en"
_JOINS_ON = frozenset(_JOINS_ON_TEXT.split())
# Articles the rules may leave off a title's front ("a christmas memory").
_ARTICLE_TEXT = "a an the el la los las un una"
_ARTICLES = frozenset(_ARTICLE_TEXT.split())
# Words that name a part of the item wanted, not the title ("chapter 1", "pages 3-9").
_PART = re.compile(r"^\W*(?:chapter|chap|ch|pages?|pp|p|cap[ií]tulo|cap|p[aá]ginas?|intro)\b", re.I)
# Words the rules set apart from a title (day, month and season names, holidays).
_CALENDAR_TEXT = """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december spring summer fall autumn winter
    christmas thanksgiving easter halloween
"""
_CALENDAR = frozenset(_CALENDAR_TEXT.split())


def _words(text: str | None) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def _same(a: str | None, b: str | None) -> bool:
    return _words(a) == _words(b)


def _lead_words(removed: list[str], original: str) -> bool:
    """Tell whether words cut from a title's front are a lead-in, not title words."""
    if not removed:
        return False
    written = _WORD.findall(original)[: len(removed)]
    if original.islower() and written[-1] in _JOINS_ON:
        return False  # "a people's history of | the united states": the front runs on
    return any(w.islower() and w.lower() not in _TITLE_SMALL for w in written)


def _mended_title(rules: str, tagged: str) -> str | None:
    """Return the tagger's title where it only cuts a lead-in or a part off the rules' one."""
    have, want = _words(rules), _words(tagged)
    if not want or have == want:
        return None
    size = len(want)
    cut = have[:-size]
    subtitle = rules[_end_of(rules, len(cut)) :].lstrip().startswith(":") if cut else False
    if len(have) > size and have[-size:] == want and _lead_words(cut, rules) and not subtitle:
        return tagged  # "The book is What the Dog Saw", "necesito The Book of ..."
    if len(have) > size and have[:size] == want:
        rest = rules[len(rules) - len(rules.lstrip()) :]
        tail = rest[_end_of(rest, size) :]
        if _PART.search(tail):
            return tagged  # "Discipline and Punish chapter 1"
    dated = re.match(r"\W*([^\W_]+)\s*:", tagged)  # "Monday: The Overstory": a need-by day
    if dated and dated[1].lower() in _CALENDAR:
        return None
    if len(want) > len(have) and (_only_added(have, want) or _subtitled(rules, tagged)):
        return tagged  # "the thursday night widow", "Thanksgiving: The Biography of ..."
    return None


def _end_of(text: str, count: int) -> int:
    """Return where the first `count` words of the text end."""
    found = list(_WORD.finditer(text))
    return found[count - 1].end() if 0 < count <= len(found) else len(text)


def _only_added(have: list[str], want: list[str]) -> bool:
    """Tell whether the tagger's title only adds articles, calendar words or a title before
    a subtitle to the rules' one, keeping its words in order."""
    at = 0
    added: list[str] = []
    for word in want:
        if at < len(have) and word == have[at]:
            at += 1
        else:
            added.append(word)
    if at != len(have):
        return False
    return all(w in _ARTICLES or w in _CALENDAR for w in added)


def _subtitled(rules: str, tagged: str) -> bool:
    """Tell whether the rules kept only the subtitle ("On the Run: Wanted Men ...")."""
    head, colon, tail = tagged.partition(":")
    dated = all(word in _CALENDAR for word in _words(head))  # "need it Monday: The Overstory"
    return bool(colon and head.strip()) and not dated and _same(tail, rules)


def _mended_author(rules: str | None, tagged: str | None, text: str) -> str | None:
    """Return the tagger's author where it completes the rules' one or drops a stray word."""
    if not tagged or _same(rules, tagged):
        return None
    have, want = _words(rules), _words(tagged)
    if not rules:
        return None
    added = want[len(have) :]
    joins = {"and", "y", "or", "with", "con"}
    extends = 0 < len(added) <= 2 and want[: len(have)] == have and not joins & set(added)
    if extends and tagged in text:
        return tagged  # "ariel" -> "ariel lawhon"; never "and Jazz", a second title
    if len(have) == len(want) + 1 and have[:-1] == want and have[-1] in {"i", "yo", "pls"}:
        return tagged  # "Claire Keegan I think"
    return None


def _split_pair(rules: str, title: str, author: str) -> tuple[str, str] | None:
    """Return the tagger's title and author where the rules read them as one title.

    "pachinko min jin lee", "A Christmas Memory of Truman Capote", "name is The Color of Law,
    writer is Richard Rothstein"; or the rules took the author for the title ("Until August,
    Gabriel García Márquez").
    """
    if _same(rules, author):
        return title, author
    have, t, a = _words(rules), _words(title), _words(author)
    joined = " ".join(have)
    if " ".join(t) not in joined or " ".join(a) not in joined:
        return None
    lower = rules.lower()
    title_at, author_at = lower.find(title.lower()), lower.find(author.lower())
    if title_at < 0 or author_at < title_at + len(title):
        return None
    if not re.search(r"[\s,;(]", rules[title_at + len(title) : author_at]):
        return None  # "Designing Data-Intensive Applications" is one title
    left = joined.replace(" ".join(t), " ", 1).replace(" ".join(a), " ", 1).split()
    written = {w.lower(): w for w in _WORD.findall(rules)}
    if all(written.get(w, w).islower() for w in left):
        return title, author
    return None


def _weak_author(title: spans.Span, author: spans.Span, text: str) -> bool:
    """Tell whether a one-word "author" is a French or Spanish title's own word ("Clair de Lune").

    In an English message, a single word joined to its title by "de" or "du" is as likely part of
    the title as a byline, so the title is read whole; in Spanish "de Benedetti" is the author.
    """
    if len(_words(author.text)) != 1 or detect(text) == "es":
        return False
    between = text[title.end : author.start].strip().lower()
    return between in {"de", "du", "del", "de la"}


def _author_after(title: spans.Span, author: spans.Span | None) -> bool:
    """Tell whether the tagger's author follows its title closely (a few marks or words)."""
    return author is not None and 0 <= author.start - title.end <= 8


def _cut_author(rules: str | None, found: list[spans.Span]) -> str | None:
    """Return the tagger's author where it only cuts a lead-in off the front of the rules' one.

    "Hello,\nCould you get me Crenshaw, Kimberle" -> "Crenshaw, Kimberle": an author written
    first, which the rules read from the start of the line or message.
    """
    if not rules:
        return None
    have = _words(rules)
    for span in found:
        want = _words(span.text)
        if span.kind != "author" or not want or len(want) >= len(have):
            continue
        if have[-len(want) :] == want and _lead_words(have[: -len(want)], rules):
            return span.text
    return None


# Words that join a second wish to a first ("... by W. David Marx and also Why We Sleep").
_JOINING = re.compile(r"\b(?:and|also|plus|as well as|y|también|tambien|e)\b", re.I)


def _two_items(item: Item, found: list[spans.Span], text: str) -> tuple[Item, Item] | None:
    """Return the rules' item and a second one the tagger reads after it, joined by "and also".

    Only where the tagger's first title is the rules' own, its second stands after a joining
    word and shares no word with the rules' title; the rules' author loses the second title
    if it ran on into it ("Chinua Achebe and No Longer").
    """
    titles = [s for s in found if s.kind == "title"]
    if len(titles) != 2 or not _same(titles[0].text, item.title):
        return None
    first, second = titles
    between = text[first.end : second.start]
    if not _JOINING.search(between) or "\n" in between:
        return None
    if set(_words(second.text)) & set(_words(item.title)):
        return None
    authors = [s for s in found if s.kind == "author"]
    own = next((a for a in authors if first.end <= a.start < second.start), None)
    theirs = next((a for a in authors if a.start >= second.end), None)
    writer = item.author
    if writer and _words(second.text)[0] in _words(writer):
        if own is None or _words(writer)[: len(_words(own.text))] != _words(own.text):
            return None
        if _words(writer)[-len(_words(second.text)) :] == _words(second.text) and personal_name(
            second.text
        ):
            return None  # "by Terry Pratchett and Neil Gaiman": a second author, not a title
        writer = own.text  # the rules' author ran on into the second title
    material = read_material(text[first.end :]) or item.material
    other = Item(title=second.text, author=theirs.text if theirs else None, material=material)
    return replace(item, author=writer), other


def _first(found: list[spans.Span], kind: str) -> spans.Span | None:
    return next((s for s in found if s.kind == kind), None)


# An identifier the rules did not take (a failing ISBN check digit) is never a title.
_IDENTIFIER = re.compile(r"\b(?:isbn|issn|doi|pmid)\b|\d[\d-]{6,}\d", re.IGNORECASE)


def _new_items(found: list[spans.Span], text: str) -> tuple[Item, ...]:
    """Return the items the tagger reads where the rules read none: each title, its author."""
    titles = [s for s in found if s.kind == "title"]
    items = []
    for k, title in enumerate(titles):
        until = titles[k + 1].start if k + 1 < len(titles) else len(text)
        author = next(
            (s for s in found if s.kind == "author" and title.end <= s.start < until), None
        )
        # "maybe something by octavia butler": no title was written, only its author
        named = None if names_no_title(title.text) else title.text
        if named or author:
            items.append(Item(title=named, author=author.text if author else None))
    material = read_material(text) or "book"
    return tuple(replace(item, material=material) for item in items)


def _plain(item: Item) -> bool:
    """Tell whether an item is read from free words only (no identifier or citation)."""
    return not (item.isbn or item.issn or item.doi or item.pmid or item.journal or item.year)


def mend(reading: Reading, text: str) -> Reading:
    """Return the request reading with the tagger's mends, or as it was."""
    if reading.intent != "request" or reading.entities.refs or len(reading.entities.items) > 1:
        return reading
    items = reading.entities.items
    if not items:
        found = [s for s in spans.tag(text) if not _IDENTIFIER.search(s.text)]
    elif not _plain(items[0]):
        # a citation: only a lead-in the rules took into its author ("Could you get me
        # Crenshaw, Kimberle. "Mapping the Margins..." Stanford Law Review...")
        cut = _cut_author(items[0].author, spans.tag(text))
        return _with(reading, (replace(items[0], author=cut),)) if cut else reading
    else:
        found = [s for s in spans.tag(text) if not _IDENTIFIER.search(s.text)]
    title, author = _first(found, "title"), _first(found, "author")
    if title is None:
        return reading
    if author is not None and author.start >= title.end and _weak_author(title, author, text):
        # "Clair de Lune": the one word after "de" is the title's own; read them as one title
        whole = text[title.start : author.end]
        found = [s for s in found if s not in (title, author)]
        title, author = spans.Span("title", title.start, author.end, whole), None
        found.insert(0, title)
    if not items or not (items[0].title or items[0].author):
        if len([s for s in found if s.kind == "title"]) != 1:
            return reading
        made = _new_items(found, text)
        if not made:
            return reading
        kept = items[0].material if items and items[0].material else made[0].material
        new = _with_parts(replace(made[0], material=kept), text)  # "..., 2nd ed", "ch 3 of ..."
        return _with(reading, (new,), sure=False)
    item = items[0]
    cut = _cut_author(item.author, found)
    if cut:
        item = replace(item, author=cut)
        reading = _with(reading, (item,))
    if not item.title:
        return reading
    two = _two_items(item, found, text)
    if two:
        return _with(reading, two, sure=False)  # an item only the tagger found is confirmed
    better = _mended_title(item.title, title.text)
    if better is None and not item.author and author is not None:
        pair = _split_pair(item.title, title.text, author.text)
        if pair is not None:
            split = replace(item, title=pair[0], author=pair[1])
            return _with(reading, (_with_parts(split, item.title),))
    writer = _mended_author(item.author, author.text if author else None, text)
    alone = not item.author and _same(item.title, title.text) and _author_after(title, author)
    if better is None and writer is None and alone and author is not None:
        writer = author.text  # "Pachinko - Min Jin Lee": the rules read the title alone
    if better is None and writer is None:
        return reading
    mended = replace(item, title=better or item.title, author=writer or item.author)
    if better and not item.author and author and not _same(author.text, better):
        mended = replace(mended, author=author.text)
    return _with(reading, (_with_parts(mended, item.title),))


def _with_parts(item: Item, was: str) -> Item:
    """Read the edition and chapter from words a mend cut off a title ("... 18th edition")."""
    cut = was
    for kept in (item.title, item.author):
        cut = cut.replace(kept, " ") if kept else cut
    if cut == was or not cut.strip():
        return item
    edition = item.edition or read_edition(cut)
    return replace(item, edition=edition, chapter=item.chapter or read_chapter(cut))


def _with(reading: Reading, items: tuple[Item, ...], sure: bool | None = None) -> Reading:
    entities = replace(reading.entities, items=items)
    return replace(reading, entities=entities, sure=reading.sure if sure is None else sure)
