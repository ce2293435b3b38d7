"""Find standard identifiers (ISBN, ISSN, DOI, PMID) in a message."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn

Span = tuple[int, int]


@dataclass(frozen=True)
class Identifier:
    """One identifier as found: its kind, normalised value and where it sat in the text."""

    kind: str  # "isbn", "issn", "doi" or "pmid"
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class IdentifierScan:
    """All identifiers of a message, plus the first ISBN-looking number that failed its check."""

    found: tuple[Identifier, ...] = ()
    bad_isbn: str | None = None
    spans: tuple[Span, ...] = ()  # every consumed stretch, bad ISBNs and labels included


_DIGIT = re.compile(r"\d")
_DOI = re.compile(
    r"(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|\bdoi\s*:?\s*|https?://\S{1,200}?/(?=10\.))?"
    r"(?P<value>\b10\.\d{4,9}/[^\s\"']+)",
    re.IGNORECASE,
)
_PMID = re.compile(
    r"\b(?:PMID|PubMed(?:\s+ID)?)\s*[:#]?\s*(?P<value>\d{1,8})\b"
    r"|(?:https?://)?(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)"
    r"(?P<url>\d{1,8})/?",
    re.IGNORECASE,
)
_ISSN_LABELLED = re.compile(
    r"\b[ep]?-?ISSN\s*[:#]?\s*(?P<value>\d{4}\s?[-‐–]?\s?\d{3}[\dXx])(?![\w-])", re.IGNORECASE
)
_PAGES_BEFORE = re.compile(r"\b(?:pp?\.|pages?)\s*$", re.IGNORECASE)
_ISSN_BARE = re.compile(r"(?<![\w:./-])(?P<value>\d{4}[-‐–]\d{3}[\dXx])(?![\w-])")
# A labelled ISBN takes the whole digit run; the length is sorted out afterwards.
_ISBN_LABELLED = re.compile(
    r"\bISBN(?:-?1[03])?\s*[:#]?\s*(?P<value>[\dXx](?:[ -]?[\dXx])*)", re.IGNORECASE
)
_ISBN_BARE = re.compile(
    r"(?<![\w./#-])(?P<value>97[89](?:[ -]?\d){10}|\d{9}[\dXx]|\d{1,5}-\d{1,7}-\d{1,7}-[\dXx])"
    r"(?![\w]|-\d)"
)
_TRAILING_PUNCTUATION = ".,;:!?'\""
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
_PHONE_CUE = re.compile(r"\b(?:phone|call|tel|cell|mobile|fax|text)\b\D{0,15}$", re.IGNORECASE)


def _compact(number: str) -> str:
    return re.sub(r"[\s\-‐–]", "", number).upper()


def _trim_doi(doi: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets that follow a DOI."""
    while doi:
        last = doi[-1]
        if last in _TRAILING_PUNCTUATION or (
            last in _CLOSERS and doi.count(last) > doi.count(_CLOSERS[last])
        ):
            doi = doi[:-1]
        else:
            break
    return doi


def _labelled_isbn(run: str) -> tuple[str, bool]:
    """Pick the ISBN out of a labelled digit run; return (digits, valid)."""
    digits = _compact(run)
    if stdnum_isbn.is_valid(digits):
        return digits, True
    # The run may have swallowed a following number ("ISBN 0306406152 2 copies").
    for length in (13, 10):
        prefix = _digits_prefix(run, length)
        if prefix and stdnum_isbn.is_valid(prefix):
            return prefix, True
    for length in (13, 10):
        prefix = _digits_prefix(run, length)
        if prefix and len(digits) > length:
            return prefix, False
    return digits, False


def _digits_prefix(run: str, length: int) -> str | None:
    """Return the first `length` digits of a run if they end at a separator or the end."""
    count = 0
    for position, char in enumerate(run):
        if char.isalnum():
            count += 1
        if count == length:
            rest = run[position + 1 :]
            return _compact(run[: position + 1]) if not rest or rest[0] in " -" else None
    return None


def _masked(text: str, spans: list[Span]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


Scanner = Callable[[str], Iterator[tuple[str, str | None, Span]]]


def _scan_dois(text: str) -> Iterator[tuple[str, str | None, Span]]:
    for match in _DOI.finditer(text):
        doi = _trim_doi(match.group("value"))
        if not doi.endswith("/"):
            # %2F and friends come from pasted URLs; the DOI itself is the decoded form
            yield "doi", unquote(doi), (match.start(), match.start("value") + len(doi))


# "PMID: 33301246, 29452876", "pmid 31978945 and 32109013": more numbers listed after one PMID.
_MORE_PMIDS = re.compile(
    r"\s*(?:,|;|\band\b|&|\+)\s*(?:PMIDs?\s*[:#]?\s*)?(?P<value>\d{6,8})\b", re.I
)


def _scan_pmids(text: str) -> Iterator[tuple[str, str | None, Span]]:
    for match in _PMID.finditer(text):
        number = match.group("value") or match.group("url")
        yield "pmid", number.lstrip("0") or "0", match.span()
        end = match.end()
        while match.group("value") and (more := _MORE_PMIDS.match(text, end)):
            yield "pmid", more.group("value").lstrip("0") or "0", (more.start("value"), more.end())
            end = more.end()


def _scan_issns(text: str) -> Iterator[tuple[str, str | None, Span]]:
    for match in _ISSN_LABELLED.finditer(text):
        number = _compact(match.group("value"))
        # A labelled but invalid ISSN is still consumed, so it is not read as anything else.
        value = stdnum_issn.format(number) if stdnum_issn.is_valid(number) else None
        yield "issn", value, match.span()
    masked = _masked(text, [m.span() for m in _ISSN_LABELLED.finditer(text)])
    for match in _ISSN_BARE.finditer(masked):
        number = _compact(match.group("value"))
        # "pp. 1241-1299" is a page range whose digits happen to check as an ISSN
        paged = _PAGES_BEFORE.search(masked, 0, match.start())
        if stdnum_issn.is_valid(number) and not (_looks_like_year_range(number) or paged):
            yield "issn", stdnum_issn.format(number), match.span()


def _looks_like_year_range(number: str) -> bool:
    """Tell whether 8 digits read as "2019-2020" rather than an ISSN."""
    first, second = number[:4], number[4:]
    return second.isdigit() and all(1450 <= int(part) <= 2100 for part in (first, second))


def _scan_isbns(text: str) -> Iterator[tuple[str, str | None, Span]]:
    for match in _ISBN_LABELLED.finditer(text):
        value, valid = _labelled_isbn(match.group("value"))
        end = match.start("value") + _run_length(match.group("value"), len(value))
        yield ("isbn" if valid else "bad_isbn"), value, (match.start(), end)
    masked = _masked(text, [m.span() for m in _ISBN_LABELLED.finditer(text)])
    for match in _ISBN_BARE.finditer(masked):
        value = _compact(match.group("value"))
        if stdnum_isbn.is_valid(value):
            yield "isbn", value, match.span()
        elif not _PHONE_CUE.search(masked[: match.start()]):
            yield "bad_isbn", value, match.span()


def _run_length(run: str, digits: int) -> int:
    """Return how many characters of `run` hold its first `digits` digits."""
    count = 0
    for position, char in enumerate(run):
        count += char.isalnum()
        if count == digits:
            return position + 1
    return len(run)


_SCANNERS: tuple[Scanner, ...] = (_scan_dois, _scan_pmids, _scan_issns, _scan_isbns)


def scan_identifiers(text: str) -> IdentifierScan:
    """Find every identifier in `text`, in the order the patron wrote them."""
    if not _DIGIT.search(text):
        return IdentifierScan()  # every identifier has digits: most messages have none
    found: list[Identifier] = []
    bad: list[tuple[int, str]] = []
    spans: list[Span] = []
    for scanner in _SCANNERS:
        # Later scanners see earlier finds blanked out: digits inside a DOI are not an ISBN.
        for kind, value, span in scanner(_masked(text, spans)):
            spans.append(span)
            if kind == "bad_isbn" and value:
                bad.append((span[0], value))
            elif value:
                found.append(Identifier(kind, value, *span))
    found.sort(key=lambda identifier: identifier.start)
    unique = _first_of_each(found)
    return IdentifierScan(
        found=tuple(unique),
        bad_isbn=min(bad)[1] if bad else None,
        spans=tuple(sorted(spans)),
    )


def _first_of_each(found: list[Identifier]) -> list[Identifier]:
    """Drop repeats of the same identifier (a patron pasting an ISBN twice wants one copy)."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for identifier in found:
        key = (identifier.kind, identifier.value.lower())
        if key not in seen:
            seen.add(key)
            unique.append(identifier)
    return unique


_MARKS = "\x01\x02"  # two marks, so identifiers written side by side stay apart


def mark_out(text: str, scan: IdentifierScan) -> str:
    """Replace each consumed stretch with a run of one mark character (alternating)."""
    chars = list(text)
    for index, (start, end) in enumerate(scan.spans):
        chars[start:end] = _MARKS[index % 2] * (end - start)
    return "".join(chars)


def relocate(scan: IdentifierScan, marked: str) -> IdentifierScan:
    """Return the scan with spans moved to where the mark runs now sit (after words changed)."""
    runs = [m.span() for m in re.finditer("\x01+|\x02+", marked)]
    moves = dict(zip(scan.spans, runs, strict=False))
    found = tuple(Identifier(i.kind, i.value, *_moved(moves, (i.start, i.end))) for i in scan.found)
    return IdentifierScan(found, scan.bad_isbn, tuple(runs))


def _moved(moves: dict[Span, Span], span: Span) -> Span:
    """Return where an identifier now sits, from the consumed stretch that held it."""
    for (start, end), new in moves.items():
        if start <= span[0] and span[1] <= end:
            return new[0] + span[0] - start, new[0] + span[1] - start
    return span


def blank_out(text: str, spans: tuple[Span, ...] | list[Span]) -> str:
    """Replace the given stretches of `text` with spaces, keeping every other offset."""
    return _masked(text, list(spans))
