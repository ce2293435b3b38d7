"""A name typed in lower case after a lower-case title, with no "by": "kindred octavia butler".

Texting patrons run title and author together. Where the message ends in a given name (or
initials) and one or two more name words, and some title is left before it, the name is the
author. A given name alone does not do: the words after it must not be chat or library words,
and the title must not end in a word that needs more after it ("diary of anne frank").
"""

from __future__ import annotations

import re

from handlers.understand.hints import generic_word, hint_words

# Common given names, in the many languages patrons' authors write in.
_GIVEN_TEXT = """
    aaron adam adrian agatha alan albert alex alexander alexandra alice alison amanda amy ana
    andre andrea andrew angela angie ann anna anne anthony arthur ashley audre barbara ben
    benjamin bill brandon brene brian bruce carl carlos carol caroline catherine celeste charles
    charlotte chimamanda chris christina christopher claire colleen colson cormac dan daniel
    david deborah delia dennis diana donna doris douglas dr ed edward elena elif eliza elizabeth
    ella emily emma eric erik ernest ethan fredrik gabriel gabrielle gary george gillian grace
    greg haruki helen henry hilary ian isabel isabella jack jacqueline james jamie jane janet
    jason jeff jennifer jenny jeremy jessica jesmyn jhumpa jo joan joe john jon jonathan jordan
    jose joseph joy joyce judith julia julian julie karen kate katherine kathleen kazuo kevin
    kim kristin laura lauren leo leslie liane linda lisa louise lucy luis malcolm margaret maria
    mark martha mary matt matthew maya megan michael michelle min mitch naomi neil nicholas
    nicole octavia olivia oliver pat patricia patrick paul paulo peter philip rachel ray rebecca
    richard rick robert robin roxane ruth ryan sally samantha samuel sara sarah scott sean
    shirley simon sophie stephen steven sue susan suzanne sylvia ta tara ted thomas tim timothy
    toni tracy ursula victor victoria virginia walter wendell william yuval zadie zora
"""
_GIVEN = frozenset(_GIVEN_TEXT.split())
# Title words that need more after them: a title never ends in one.
_OPEN_TEXT = "a an the of and or to for with from in on at about by my your our his her their"
_OPEN = frozenset(_OPEN_TEXT.split())
_NAME_WORD = re.compile(r"^[a-zà-ÿ][a-zà-ÿ'’-]*$")


# Words a bracket after a title may hold that say what of it is wanted, never who wrote it.
_NOT_NAME_TEXT = """
    edition translation translated version paperback hardcover hardback print copy english
    spanish french german audio ebook kindle illustrated abridged unabridged vol volume part
"""
_NOT_NAME = frozenset(_NOT_NAME_TEXT.split())


def bracketed_lower_name(words: str) -> bool:
    """Tell whether lower-case words in brackets after a title name its author ("mitch albom").

    Two to four plain words, none a chat, library or format word: "(bong joon ho)" is one,
    "(any edition)", "(spanish translation)" are not.
    """
    tokens = words.split()
    if not 2 <= len(tokens) <= 4 or not words.islower():
        return False
    return all(_NAME_WORD.match(t) and not (generic_word(t) or t in _NOT_NAME) for t in tokens)


def given_name(word: str) -> bool:
    """Tell whether a word is a common given name ("Matt", "toni"), in any case."""
    return word.lower() in _GIVEN


# Letters texting uses as words ("u", "r", "y", "k"), never read as initials alone.
_LETTER_TEXT = "a i u y k n r c b"
_LETTER_WORDS = frozenset(_LETTER_TEXT.split())


def _first(word: str, *, initial: bool = True) -> bool:
    """Tell whether a word may open a name: a given name or, if allowed, an initial ("j.")."""
    letter = len(word.rstrip(".")) == 1 and word[:1].isalpha()
    return word in _GIVEN or (initial and letter)


def _initials(words: list[str]) -> bool:
    """Tell whether a name opens with two initials ("r f kuang"): then any letter counts."""
    return all(len(word.rstrip(".")) == 1 and word[:1].isalpha() for word in words[:2])


def _rest_of_name(words: list[str]) -> bool:
    """Tell whether words may close a name: no chat or library word, and a surname last."""
    if not words or len(words[-1].rstrip(".")) < 2:
        return False
    return all(_NAME_WORD.match(word) and not generic_word(word) for word in words)


def split_named_tail(body: str) -> tuple[str, str] | None:
    """Split "why we sleep matthew walker" into (title, author), or return None."""
    words = body.split()
    for size in (3, 2):
        head, tail = words[:-size], words[-size:]
        # "r f kuang", "mary j blige": an initial counts beside another name word, and a
        # letter texting uses as a word ("u", "r") only beside another initial
        letters = size == 3 and _initials(tail)
        lone = tail[0].rstrip(".") in _LETTER_WORDS and not letters
        if not head or head[-1] in _OPEN or lone or not _first(tail[0], initial=size == 3):
            continue
        if size == 3 and not _first(tail[1]):
            continue
        closing = tail[2:] if size == 3 else tail[1:]
        title = " ".join(head)
        if _rest_of_name(closing) and hint_words(title):
            return title, " ".join(tail)
    return None
