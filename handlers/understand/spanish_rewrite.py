"""Rewrite a Spanish message phrase by phrase, matching on its accent-free shadow.

Each table is a list of rules (pattern, replacement, probe); a rule is tried only when its
probe, and before it the literal words every match must hold, are found in the message. The
literal check is a substring test (tens of nanoseconds) where a regex search costs a
microsecond, and most rules do not match a given message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from handlers.understand.spanish_runs import in_a_title, shadow, title_runs

# A replacement: a template with \1-style groups (taken from the patron's own text), or a
# function of the match on the accent-free shadow and the original text.
Replacement = str | Callable[[re.Match[str], str], str]


# The pattern, its replacement, a probe and the probe's words. The probe is the pattern without
# its opening "\b", which the regex engine can search for by its first characters; the words
# (needed_words) are literal text one of which every match holds, tested before the probe. When
# either finds nothing the rule cannot match, and most rules do not match a given message.
Rule = tuple[re.Pattern[str], Replacement, re.Pattern[str], tuple[str, ...] | None]


def rules(pairs: Sequence[tuple[str, Replacement]]) -> list[Rule]:
    """Compile (pattern, replacement) pairs; patterns are written lower-case, without accents."""
    return [
        (re.compile(pattern), replacement, re.compile(_probe(pattern)), needed_words(pattern))
        for pattern, replacement in pairs
    ]


_LITERAL = re.compile(r"[a-z0-9' ]+")


def needed_words(pattern: str) -> tuple[str, ...] | None:
    """Return words one of which every match of the pattern holds, or None when none is sure.

    Each branch of the pattern opens (after "\b", spaces and optional groups) with letters or
    with a group of branches that do; a letter a quantifier makes optional is left out
    ("saludos?" holds "saludo").
    """
    words: list[str] = []
    for branch in _branches(pattern):
        branch = _probe(branch)
        if branch.startswith("(?:") or (branch.startswith("(") and not branch.startswith("(?")):
            end = _group_end(branch)
            if end < 0 or branch[end + 1 : end + 2] in ("?", "*", "{"):
                return None
            opens = 3 if branch.startswith("(?:") else 1
            inner = needed_words(branch[opens:end])
            if inner is None:
                return None
            words.extend(inner)
            continue
        found = _LITERAL.match(branch)
        run = found.group(0) if found else ""
        if branch[len(run) : len(run) + 1] in ("?", "*", "{"):
            run = run[:-1]
        if len(run.strip()) < 2:
            return None
        words.append(run)
    return tuple(words)


def _branches(pattern: str) -> list[str]:
    """Split a pattern at its top-level "|"."""
    parts, depth, escaped, in_class, last = [], 0, False, False, 0
    for at, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[last:at])
            last = at + 1
    return [*parts, pattern[last:]]


def _probe(pattern: str) -> str:
    """Return the pattern without what opens it optionally ("\\b", "(?:me\\s+)?", "\\s+").

    What is left must match wherever the whole does, and it opens with the word the regex
    engine can look for quickly.
    """
    while True:
        for lead in (r"\b", r"\s*", r"\s+"):
            if pattern.startswith(lead):
                pattern = pattern[len(lead) :]
                break
        else:
            end = _group_end(pattern) if pattern.startswith("(?:") else -1
            if end < 0 or pattern[end + 1 : end + 2] != "?" or pattern[end + 2 : end + 3] in "?+":
                return pattern or "(?:)"
            pattern = pattern[end + 2 :]


def _group_end(pattern: str) -> int:
    """Return where the group opening the pattern closes, or -1."""
    depth, escaped, in_class = 0, False, False
    for at, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class or char == "[":
            in_class = char != "]" or not in_class
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at
    return -1


def _expand(template: str, match: re.Match[str], original: str) -> str:
    def group(found: re.Match[str]) -> str:
        start, end = match.span(int(found.group(1)))
        return original[start:end] if start >= 0 else ""

    return re.sub(r"\\(\d)", group, template)


def rewrite(text: str, table: Sequence[Rule], titles: bool = False, runs: bool = True) -> str:
    """Apply each rule in turn, matching on the shadow and replacing in the original.

    `titles` True leaves a match alone when it is capitalised in mid-sentence: "pedir El
    libro de arena" names a title, and its words are the patron's. `runs` False reads even
    inside a title's run ("vivo en Savannah, ¿puedo usar el servicio …?" holds no title).
    """
    keep = runs
    plain = shadow(text)
    spans: list[tuple[int, int]] | None = None  # read when a rule first matches: most never do
    for pattern, replacement, probe, words in table:
        if words is not None:
            for word in words:
                if word in plain:
                    break
            else:
                continue  # a substring test costs far less than the probe's search
        if not probe.search(plain):
            continue
        if spans is None:
            spans = title_runs(text) if keep else []
        pieces, last = [], 0
        for match in pattern.finditer(plain):
            if titles and in_a_title(text, match.start()):
                continue
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            pieces.append(text[last : match.start()])
            if callable(replacement):
                pieces.append(replacement(match, text))
            else:
                pieces.append(_expand(replacement, match, text))
            last = match.end()
        if pieces:
            pieces.append(text[last:])
            text = "".join(pieces)
            plain = shadow(text)
            spans = title_runs(text) if spans else spans
    return text
