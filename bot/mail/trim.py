"""Keep only the patron's own words of a mail: cut quoted replies, forwards and signatures.

Every line gets a kind (`bot.mail.trim_rules`); the sequence of kinds decides what is the
patron's text. No maintained Python library does this well enough (`make bench` compares them
on Discourse's corpus), so the rules are ours, written after the cases that corpus documents.
"""

from __future__ import annotations

import re

from bot.mail.trim_rules import (
    ATTRIBUTION,
    ATTRIBUTION_END,
    DATED_SENDER,
    DELIMITER,
    DELIMITER_LINE,
    EMPTY,
    EMPTY_LINE,
    FROM_LINE,
    HEADER,
    HEADER_LINE,
    QUOTE,
    QUOTE_LINE,
    QUOTE_PREFIX,
    SIGNATURE,
    SIGNATURE_LINE,
    STRONG_START,
    TEXT,
)

WINDOW = 5  # an attribution spans at most this many lines
LONG_ANSWER = 7  # this many lines below a quote are an answer, fewer a signature
FENCE = re.compile(r"^\s*(```|~~~)")
SENTENCE_END = re.compile(r"[A-Za-zÀ-ÿ]{5,}[.!?]$|[!?]$")


def trim_reply(text: str) -> str:
    """Return what the writer of a mail wrote themselves, without quotes and signatures."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kinds = classify(lines)
    pairs = list(zip(kinds, lines, strict=True))
    pairs = _drop_top_quote(pairs)
    pairs = _cut_at_delimiter(pairs)
    pairs = [pair for pair in pairs if pair[0] != SIGNATURE]
    pairs = _cut_at_quoted_mail(pairs)
    pairs = [pair for pair in pairs if pair[0] != ATTRIBUTION]
    if any(kind == TEXT for kind, _ in pairs):
        while pairs and pairs[-1][0] in (QUOTE, EMPTY):
            pairs.pop()  # the quoted mail below the answer
    return "\n".join(line.rstrip() for _, line in pairs).strip("\n").rstrip()


def classify(lines: list[str]) -> list[str]:
    """Give every line its kind; lines inside a code fence are always text."""
    kinds: list[str] = []
    fenced = False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
            kinds.append(TEXT)
        elif fenced:
            kinds.append(TEXT if line.strip() else EMPTY)
        else:
            kinds.append(_kind(line))
    _mark_attributions(lines, kinds)
    return kinds


def _kind(line: str) -> str:
    if EMPTY_LINE.match(line):
        return EMPTY
    if DELIMITER_LINE.match(line):
        return DELIMITER
    if SIGNATURE_LINE.match(line.strip()):
        return SIGNATURE
    if QUOTE_LINE.match(line):
        return QUOTE
    if HEADER_LINE.match(line):
        return HEADER
    return TEXT


def _mark_attributions(lines: list[str], kinds: list[str]) -> None:
    """Mark "On … wrote:" lines, also when a mail client wrapped them over several lines."""
    for end, line in enumerate(lines):
        bare = QUOTE_PREFIX.sub("", line).strip()
        if not bare or kinds[end] == DELIMITER:
            continue
        if DATED_SENDER.match(bare) and not bare.endswith("<"):
            kinds[end] = ATTRIBUTION
            continue
        if not (line.rstrip().endswith((":", "：")) or ATTRIBUTION_END.search(bare)):
            continue
        start = _attribution_start(lines, end)
        if start is not None:
            for index in range(start, end + 1):
                kinds[index] = ATTRIBUTION


def _attribution_start(lines: list[str], end: int) -> int | None:
    """Return where the attribution ending at `end` starts, or None if it is no attribution."""
    windows = [
        (start, _joined(lines, start, end)) for start in range(max(0, end - WINDOW + 1), end + 1)
    ]
    windows = [(s, j) for s, j in windows if _plausible(lines, s, end)]
    for start, joined in windows:  # the widest one that opens with "On", "Le", "Am" …
        if STRONG_START.match(joined) and _is_attribution(joined):
            return start
    for start, joined in reversed(windows):  # else the narrowest with a date or an address
        if re.search(r"\d|@", joined) and _is_attribution(joined) and _balanced(joined):
            return start
    return None


def _joined(lines: list[str], start: int, end: int) -> str:
    parts = [QUOTE_PREFIX.sub("", lines[start]).strip()]
    parts += [line.strip().lstrip(">").strip() for line in lines[start + 1 : end + 1]]
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def _is_attribution(joined: str) -> bool:
    if len(joined) > 400:
        return False
    return bool(ATTRIBUTION_END.search(joined) or DATED_SENDER.match(joined))


def _plausible(lines: list[str], start: int, end: int) -> bool:
    """Refuse windows that swallow the patron's sentences before the attribution."""
    if start > 0 and lines[start - 1].rstrip().endswith("<"):
        return False  # the attribution began on the line above
    return not any(SENTENCE_END.search(line.strip()) for line in lines[start + 1 : end])


def _balanced(joined: str) -> bool:
    """Tell whether no '>' closes an address opened on an earlier line."""
    first_close, first_open = joined.find(">"), joined.find("<")
    return first_close == -1 or (first_open != -1 and first_open < first_close)


def _first(pairs: list[tuple[str, str]], *kinds: str, start: int = 0) -> int | None:
    for index in range(start, len(pairs)):
        if pairs[index][0] in kinds:
            return index
    return None


def _drop_top_quote(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop a forward's headers or a quoted mail that sits above the writer's own words."""
    top = _first(pairs, DELIMITER, ATTRIBUTION, HEADER, QUOTE, TEXT, SIGNATURE)
    if top is None:
        return pairs
    kind = pairs[top][0]
    if kind in (DELIMITER, HEADER):
        end = _header_block_end(pairs, top + 1 if kind == DELIMITER else top)
        return pairs[(end if end is not None else top) + 1 :]
    if kind != ATTRIBUTION:
        return pairs
    after = top
    while after < len(pairs) and pairs[after][0] in (ATTRIBUTION, EMPTY):
        after += 1
    if after < len(pairs) and pairs[after][0] == QUOTE:
        text = _first(pairs, TEXT, start=after)
        return pairs[text:] if text is not None else []
    return pairs[after:]


def _header_block_end(pairs: list[tuple[str, str]], start: int) -> int | None:
    """Return the last line of a block of mail headers starting at or after `start`."""
    last = None
    index = start
    while index < len(pairs):
        kind = pairs[index][0]
        if kind == HEADER:
            last = index
        elif kind == EMPTY and last is None:
            pass
        elif not (kind == TEXT and last is not None and _first_in(pairs, HEADER, index, 2)):
            break
        index += 1
    return last


def _first_in(pairs: list[tuple[str, str]], kind: str, start: int, span: int) -> bool:
    return any(k == kind for k, _ in pairs[start + 1 : start + 1 + span])


def _cut_at_delimiter(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    index = _first(pairs, DELIMITER)
    return pairs if index is None else pairs[:index]


def _cut_at_quoted_mail(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Cut where a quoted mail starts below the answer, unless the answer is interleaved."""
    text = _first(pairs, TEXT)
    if text is None:
        return pairs
    for index in range(text + 1, len(pairs)):
        kind = pairs[index][0]
        if kind == HEADER and _is_header_block(pairs, index):
            return pairs[:index]
        if kind == ATTRIBUTION:
            return pairs if _interleaved(pairs[index:]) else pairs[:index]
    return pairs


def _is_header_block(pairs: list[tuple[str, str]], start: int) -> bool:
    end = _header_block_end(pairs, start)
    block = pairs[start : (end or start) + 1]
    headers = [line for kind, line in block if kind == HEADER]
    return len(headers) >= 3 and any(FROM_LINE.match(line) for line in headers)


def _interleaved(rest: list[tuple[str, str]]) -> bool:
    """Tell whether the writer answered between the quoted lines (keep) or below them."""
    kinds = "".join(kind for kind, _ in rest)
    first_quote = kinds.find(QUOTE)
    if first_quote == -1:
        return False
    after = kinds[first_quote:]
    if re.search(r"q[^q]*t[^q]*q", after):
        return True
    tail = after[after.rfind(QUOTE) + 1 :]
    return tail.count(TEXT) >= LONG_ANSWER
