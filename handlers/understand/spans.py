"""A learned span tagger: where a message names a title, an author or a journal.

bench/train_spans.py (`make train`) fits an averaged structured perceptron over the tokens of
the labelled sets and exports it to model/spans.json.gz; this module reads that file once and
tags the same way (Viterbi over seven tags), in plain Python. The rules stay in charge:
handlers/understand/span_check.py says when the tagger's reading mends theirs.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parent / "model" / "spans.json.gz"
TAGS = ("O", "B-title", "I-title", "B-author", "I-author", "B-journal", "I-journal")
KINDS = ("title", "author", "journal")
# Only the start of a long message is tagged: it bounds the work, and the wish comes early.
MAX_TOKENS = 160
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\S")
_QUOTES = frozenset('"“”«»')


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark, with where it stands in the message."""

    text: str
    start: int
    end: int
    line_start: bool
    quoted: bool


@dataclass(frozen=True)
class Span:
    """A stretch of the message the tagger reads as a title, an author or a journal."""

    kind: str
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    """Split a message into tokens, noting line starts and quoted stretches."""
    found: list[Token] = []
    quoted = False
    last_end = 0
    for match in _TOKEN.finditer(text):
        if len(found) >= MAX_TOKENS:
            break
        word = match[0]
        if word in _QUOTES:
            quoted = not quoted
        line_start = not found or "\n" in text[last_end : match.start()]
        found.append(Token(word, match.start(), match.end(), line_start, quoted))
        last_end = match.end()
    return found


def shape(word: str) -> str:
    """Return a word's shape: Xx, x, X, d, or the mark itself for punctuation."""
    if word.isdigit():
        return "d"
    if not word[0].isalnum():
        return word
    if word.isupper():
        return "X" if len(word) > 1 else "X1"
    if word[0].isupper():
        return "Xx"
    return "x"


# Words that may stand lower-case inside a title-case run ("The Remains of the Day").
_SMALL_TEXT = """
    a an the of and or in on at to for from with by into as but nor
    el la los las lo un una de del y en con por para sin sobre al
"""
_SMALL = frozenset(_SMALL_TEXT.split())
# Words that often come shortly before a title or an author ("by", "de", "called", "libro").
_CUES_TEXT = """
    by de from author autor called titled titulado llamado book libro article artículo quote
"""
_CUES = frozenset(_CUES_TEXT.split())
CUE_REACH = 4  # how many tokens back a cue word is looked for


def _runs(toks: list[Token]) -> list[list[str]]:
    """Return each token's features of its title-case run: its place, the run's length, and
    the word before the run; or "run=no".

    A run is capitalised words and single small words between them ("Pride and Prejudice"; "Klara
    and the Sun" breaks at "the": chaining small words measured no better); a place is
    F(irst), L(ast), FL (alone) or "" (inside); lengths stop at 6.
    """
    size = len(toks)
    cap = [t.text[:1].isupper() for t in toks]
    small = [t.text.lower() in _SMALL for t in toks]
    inside: list[bool] = []
    for k in range(size):
        joins = small[k] and 0 < k < size - 1 and cap[k - 1]
        ahead = k + 1 < size and (cap[k + 1] or (k + 2 < size and small[k + 1] and cap[k + 2]))
        inside.append(cap[k] or bool(joins and ahead))
    found = []
    k = 0
    while k < size:
        if not inside[k]:
            found.append(["run=no"])
            k += 1
            continue
        end = k
        while end + 1 < size and inside[end + 1]:
            end += 1
        before = toks[k - 1].text.lower() if k else "<s>"
        length = min(end - k + 1, 6)
        for at in range(k, end + 1):
            place = ("F" if at == k else "") + ("L" if at == end else "")
            found.append([f"run={place}", f"runlen={length}", f"runprev={before}"])
        k = end + 1
    return found


def features(toks: list[Token]) -> list[list[str]]:
    """Return each token's features: its words around, their shapes, its place.

    Besides the words and shapes around a token: its place in a title-case run, the nearest cue
    word before it, and whether the whole message is written lower-case (texting), where shapes
    say nothing and the words must.
    """
    words = ["<s>", "<s>", *(t.text.lower() for t in toks), "</s>", "</s>"]
    forms = ["<s>", "<s>", *(shape(t.text) for t in toks), "</s>", "</s>"]
    low = not any(t.text[:1].isupper() for t in toks)
    runs = _runs(toks)
    found = []
    for at, tok in enumerate(toks):
        k = at + 2  # its place in the padded lists
        here, form = words[k], forms[k]
        feats = [
            "b",
            f"w={here}",
            f"s={form}",
            f"p3={here[:3]}",
            f"x3={here[-3:]}",
            f"x2={here[-2:]}",
            f"w-1={words[k - 1]}",
            f"w-2={words[k - 2]}",
            f"w+1={words[k + 1]}",
            f"w+2={words[k + 2]}",
            f"w-1w={words[k - 1]}|{here}",
            f"ww+1={here}|{words[k + 1]}",
            f"s-1={forms[k - 1]}",
            f"s+1={forms[k + 1]}",
            f"s-2={forms[k - 2]}",
            f"s+2={forms[k + 2]}",
            f"s3={forms[k - 1]}|{form}|{forms[k + 1]}",
            f"w-1s={words[k - 1]}|{form}",
            f"sw+1={form}|{words[k + 1]}",
            f"ls={tok.line_start}",
            f"q={tok.quoted}",
            f"at={min(at, 4)}",
            f"low={low}",
        ]
        feats += runs[at]
        if low:
            feats += [f"lw={here}", f"lw-1={words[k - 1]}", f"lw+1={words[k + 1]}"]
        for back in range(1, CUE_REACH + 1):
            if words[k - back] in _CUES:
                feats.append(f"cue{back}={words[k - back]}")
                break
        found.append(feats)
    return found


@dataclass(frozen=True)
class Model:
    """Exported weights: per feature, a weight per tag; and tag-to-tag transitions."""

    weights: dict[str, list[float]]
    transitions: list[list[float]]

    def scores(self, feats: list[str]) -> list[float]:
        """Return the score of each tag for one token's features."""
        get = self.weights.get
        rows = [row for row in map(get, feats) if row is not None]
        return list(map(sum, zip(*rows, strict=True))) if rows else [0.0] * len(TAGS)


def allowed(previous: int, current: int) -> bool:
    """Tell whether one tag may follow another (I-x only inside an x)."""
    tag = TAGS[current]
    if not tag.startswith("I-"):
        return True
    return TAGS[previous][2:] == tag[2:] and previous != 0


# For each tag, the tags that may come just before it.
_BEFORE = tuple(tuple(p for p in range(len(TAGS)) if allowed(p, c)) for c in range(len(TAGS)))
_OPENING = tuple(not tag.startswith("I-") for tag in TAGS)  # a message cannot open inside a span


def viterbi(model: Model, emissions: list[list[float]]) -> list[int]:
    """Return the best tag sequence for the tokens' emission scores."""
    trans = model.transitions
    best = [e if _OPENING[k] else -1e9 for k, e in enumerate(emissions[0])]
    back: list[list[int]] = []
    for row in emissions[1:]:
        step, came = [], []
        for cur, before in enumerate(_BEFORE):
            arg = before[0]
            top = best[arg] + trans[arg][cur]
            for prev in before[1:]:
                value = best[prev] + trans[prev][cur]
                if value > top:
                    top, arg = value, prev
            step.append(top + row[cur])
            came.append(arg)
        best = step
        back.append(came)
    path = [max(range(len(TAGS)), key=best.__getitem__)]
    for came in reversed(back):
        path.append(came[path[-1]])
    return path[::-1]


def decode(model: Model, toks: list[Token]) -> list[int]:
    """Tag every token of a message."""
    if not toks:
        return []
    return viterbi(model, [model.scores(feats) for feats in features(toks)])


def spans_of(text: str, toks: list[Token], tags: list[int]) -> list[Span]:
    """Gather runs of B-/I- tags into spans of the original text."""
    found: list[Span] = []
    start = end = -1
    kind = ""
    for tok, tag in zip(toks, tags, strict=True):
        name = TAGS[tag]
        if name.startswith("I-") and kind == name[2:]:
            end = tok.end
            continue
        if kind:
            found.append(Span(kind, start, end, text[start:end]))
        kind = name[2:] if name.startswith("B-") else ""
        start, end = tok.start, tok.end
    if kind:
        found.append(Span(kind, start, end, text[start:end]))
    return found


def read_model(data: dict[str, Any]) -> Model:
    """Build a model from its exported form."""
    return Model(weights=data["weights"], transitions=data["transitions"])


@cache
def model() -> Model | None:
    """Return the exported tagger, or None when it has not been trained."""
    if not MODEL_PATH.exists():
        return None
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        return read_model(json.load(handle))


def tag(text: str) -> list[Span]:
    """Return the titles, authors and journals the tagger reads in a message."""
    found = model()
    if found is None:
        return []
    toks = tokens(text)
    return spans_of(text, toks, decode(found, toks))
