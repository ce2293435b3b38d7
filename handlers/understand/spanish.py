"""Read a Spanish message by saying its request words in English, leaving the patron's titles.

The English rules already read titles, dates, amounts, references and formats well; Spanish
differs from them in its cue words ("renovar", "para el 15 de diciembre", "hasta 5 dólares"),
not in how a title sits in a message. So a message detected as Spanish has its cue phrases
rewritten ("para el 15 de diciembre" → "by December 15") and is then read by the same rules.
Only fixed phrases are rewritten, never a title's own words ("La casa de los espíritus" keeps
its "la" and "de"); matching ignores case and accents, and the text kept is the patron's.
"""

from __future__ import annotations

import re

from handlers.understand.language import detect, has_spanish
from handlers.understand.spanish_rewrite import Replacement, Rule, rewrite, rules
from handlers.understand.spanish_runs import (
    CLAUSE_END,
    NAME,
    has_request_word,
    may_be_a_title,
    opening_run,
    shadow,
    title_runs,
)

__all__ = [
    "CLAUSE_END",
    "NAME",
    "Replacement",
    "Rule",
    "as_english",
    "has_request_word",
    "may_be_a_title",
    "prepare",
    "rewrite",
    "rules",
    "shadow",
    "title_runs",
]

# A message that is a title and its author and nothing else, once its Spanish is English.
_ONLY_TITLED = re.compile(r"^\s*[A-ZÁÉÍÓÚÑ¿\"“«'][^\n]*?(?:\sby\s|,\s*)" + NAME + r"\s*[.!]*\s*$")
_COMMA_AUTHOR = re.compile(r",\s*(" + NAME + r")\s*[.!]*\s*$")
_CUE = re.compile(
    r"\b(?:request|renew|cancel|status|need|like|get|help|why|thanks|hello|looking|"
    r"want|[Ii])\b"
)


def as_english(text: str, spanish: bool = True) -> str:
    """Return a Spanish message with its cue phrases in English (titles and names kept).

    `spanish` False says the message was too short or neutral to tell: a comma before a name
    then proves nothing ("Putnam, Robert D., and Lewis Feldstein. Better Together.").
    """
    from handlers.understand.spanish_filler import without_signature
    from handlers.understand.spanish_order import reordered
    from handlers.understand.spanish_titles import (
        bare_title,
        dashed_author,
        quote_lower_titles,
        title_with_terms,
    )

    original = text
    if "«" in text or "»" in text:  # Spanish quote marks, as the English title rules know them
        text = text.replace("«", '"').replace("»", '"')
    text = dashed_author(reordered(text))
    bare = bare_title(text) if spanish else None
    opening = bool(opening_run(text))
    text = _cue_phrases(text, spanish)
    if bare and text.lstrip("¿¡") == original.lstrip("¿¡"):
        return bare  # no cue word at all ("la hora del cuento" is story time): a title alone
    text = without_signature(quote_lower_titles(text, original, opening=spanish))
    if (opening or _ONLY_TITLED.match(text) or title_with_terms(text)) and not _CUE.search(text):
        text = _COMMA_AUTHOR.sub(r" by \1", text)
        # "Cien años de soledad de Gabriel García Márquez": Spanish titles are written in
        # sentence case, which the English bare-title reader does not take for a title.
        text = "I'd like to request " + text
    return text


def _cue_phrases(text: str, spanish: bool) -> str:
    """Say every cue phrase in English, table by table (see each module for its part)."""
    from handlers.understand.spanish_asking import ASKING
    from handlers.understand.spanish_asks import ASKS
    from handlers.understand.spanish_authors import SET_OFF_AUTHOR, mark_authors, set_off_author
    from handlers.understand.spanish_dates import DATES
    from handlers.understand.spanish_everyday import EVERYDAY
    from handlers.understand.spanish_filler import BEFORE
    from handlers.understand.spanish_first import FIRST
    from handlers.understand.spanish_frames import FRAMES
    from handlers.understand.spanish_items import read_items
    from handlers.understand.spanish_leads import LEADS
    from handlers.understand.spanish_money import MONEY
    from handlers.understand.spanish_policy import POLICY
    from handlers.understand.spanish_questions import QUESTIONS
    from handlers.understand.spanish_refs import LATE
    from handlers.understand.spanish_repairs import REPAIRS
    from handlers.understand.spanish_replies import REPLIES
    from handlers.understand.spanish_rule_questions import RULE_QUESTIONS
    from handlers.understand.spanish_shapes import GUESSES, SHAPES, self_corrected
    from handlers.understand.spanish_talk import TALK
    from handlers.understand.spanish_wishes import DAYS, JOINS, WISHES
    from handlers.understand.spanish_words import AFTER, WORDS

    text = rewrite(rewrite(read_items(self_corrected(text)), TALK, runs=False), FIRST)
    text = rewrite(rewrite(rewrite(text, WISHES), ASKING), DAYS, runs=False)
    text = rewrite(rewrite(rewrite(text, BEFORE), POLICY), RULE_QUESTIONS)
    text = rewrite(rewrite(rewrite(text, SHAPES), REPLIES), GUESSES, runs=False)
    text = rewrite(text, DATES)
    text = rewrite(text, MONEY)
    text = mark_authors(text)
    if spanish or SET_OFF_AUTHOR.fullmatch(text.strip()):  # (or the message is only that)
        text = set_off_author(text)
    for table in (REPAIRS, FRAMES, EVERYDAY, LEADS, ASKS, QUESTIONS, WORDS, AFTER, JOINS, LATE):
        text = rewrite(text, table, titles=True)
    return text


def prepare(text: str, written_in: str | None = None) -> str:
    """Return the text the rules read: a Spanish message's cue phrases in English, else as is."""
    language = written_in if written_in is not None else detect(text)
    # A message too short to tell ("vale", "la primera", "gratis") is read both ways: its
    # English words have no Spanish phrase to rewrite.
    from handlers.understand.spanish_repairs import short_spanish

    if language == "es" or (language is None and (has_spanish(text) or short_spanish(text))):
        return as_english(text, spanish=language == "es")
    if language == "en":
        from handlers.understand.spanish_mixed import english_with_spanish

        return english_with_spanish(text)
    return text
