"""Normalised keys that say when two descriptions name the same item or periodical."""

from __future__ import annotations

import re
import unicodedata

from stdnum import isbn as stdisbn

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
_NOT_WORD = re.compile(r"[^\w\s]")


def normalise_title(title: str) -> str:
    """Fold case, accents, punctuation and a leading article, so spellings compare equal."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _NOT_WORD.sub(" ", text.replace("&", " and "))
    text = " ".join(text.split())
    return _LEADING_ARTICLE.sub("", text)


_SUBTITLE = re.compile(r"\s*:\s*|\s+[-–—]\s+")


def main_title(title: str) -> str:
    """Return a title without its subtitle: what comes before ':' or a spaced dash."""
    return _SUBTITLE.split(title.strip(), maxsplit=1)[0]


def isbn13(value: str) -> str:
    """Return the ISBN-13 form, so an ISBN-10 and its ISBN-13 compare equal."""
    compact = stdisbn.compact(value)
    return stdisbn.to_isbn13(compact) if len(compact) == 10 else compact


def item_key(
    *,
    isbn: str | None = None,
    doi: str | None = None,
    pmid: str | None = None,
    issn: str | None = None,
    title: str | None = None,
) -> str:
    """Return the key duplicates are found by (POLICY_RULES common.request.duplicate)."""
    if isbn:
        return f"isbn:{isbn13(isbn)}"
    if doi:
        return f"doi:{doi.lower()}"
    if pmid:
        return f"pmid:{pmid}"
    title_key = normalise_title(title or "")
    if issn:
        return f"issn:{issn.upper()}:{title_key}"
    return f"title:{title_key}"


def journal_key(*, issn: str | None, journal: str | None) -> str | None:
    """Return the periodical key CONTU counts by: the ISSN, else the normalised journal title."""
    if issn:
        return f"issn:{issn.upper()}"
    if journal:
        return f"journal:{normalise_title(journal)}"
    return None
