"""A learned intent classifier, scored in plain Python from exported weights.

bench/train_intent.py (`make train`) fits a TF-IDF word (1-2 gram) + character (2-5 char_wb)
n-gram logistic regression with scikit-learn and exports it to model/intent.json.gz; this module
reads that file once and scores the same way, so the running bot never needs scikit-learn. The
rules stay in charge: `consult` says when the classifier's reading should replace theirs.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import re
import sys
from array import array
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from handlers.understand.reading import Reading

MODEL_PATH = Path(__file__).resolve().parent / "model" / "intent.json.gz"
# Only the start of a long message is scored: it bounds the work, and the wish comes early.
MAX_CHARS = 1000

# Identifiers and numbers become placeholder words, so the model learns their shape ("a DOI",
# "a request reference", "a small number") rather than the particular numbers it was shown.
_PLACEHOLDERS = (
    (re.compile(r"<[^<>\s][^<>]*>"), " zzlink "),  # Slack links, mentions, channels
    (re.compile(r"\bhttps?://\S+|\bwww\.\S+"), " zzurl "),
    (re.compile(r"\b10\.\d{4,9}/\S+"), " zzdoi "),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), " zzemail "),
    (re.compile(r"\bill\s*[-#]?\s*\d+\b|#\s?\d+\b"), " zzref "),
    (re.compile(r"\b\d{4}-\d{3}[\dx]\b"), " zzissn "),
    (re.compile(r"(?<![\w-])(?:\d[- ]?){9,12}[\dx](?![\w-])"), lambda m: _isbn_shape(m[0])),
    (re.compile(r"\b(?:1[5-9]|20)\d\d\b"), " zzyear "),
    (re.compile(r"\d+"), " zznum "),
)


def _isbn_shape(found: str) -> str:
    """Tell an ISBN (10 or 13 digits; hyphenated in 4 or 5 parts) from a phone number."""
    digits = sum(c.isdigit() or c == "x" for c in found)
    parts = len(re.split(r"[- ]", found))
    return " zzisbn " if digits in (10, 13) and parts in (1, 4, 5) else found


_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def normalise(text: str) -> str:
    """Return the text as the model reads it: lower-case, placeholders, single spaces."""
    text = text[: MAX_CHARS * 2].lower().translate(_PUNCTUATION)
    for pattern, placeholder in _PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    return " ".join(text.split())[:MAX_CHARS]


def word_terms(text: str) -> list[str]:
    """Return the word unigrams and bigrams of normalised text, as scikit-learn makes them."""
    tokens = _WORD.findall(text)
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def char_terms(text: str, low: int = 2, high: int = 5) -> list[str]:
    """Return the character n-grams inside word boundaries (scikit-learn's "char_wb")."""
    grams = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            grams += [padded[at : at + n] for at in range(max(size - n + 1, 1))]
            if size <= n:
                break  # a short word is counted once, whatever n is
    return grams


@dataclass(frozen=True)
class _Block:
    """One vectoriser's vocabulary, idf and weights (sparse: per term, rows of intents)."""

    index: dict[str, int]  # term -> column
    idf: array[float]
    offsets: array[int]  # column j's weights are weights[offsets[j]:offsets[j + 1]]
    classes: bytes  # the intent index of each weight
    weights: array[float]
    sublinear: bool
    # Each term's weights as (intent, weight) pairs, filled as terms are met: scoring is then
    # one plain loop per term.
    rows: dict[int, tuple[tuple[int, float], ...]] = field(default_factory=dict)

    def add(self, found: list[str], scores: list[float]) -> None:
        """Add this block's contribution (L2-normalised TF-IDF times weights) to scores."""
        counts: dict[int, int] = {}
        for term in found:
            column = self.index.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        values = []
        for column, count in counts.items():
            tf = 1.0 + math.log(count) if self.sublinear else float(count)
            values.append((tf * self.idf[column], column))
        norm = math.sqrt(sum(value * value for value, _ in values))
        if not norm:
            return
        rows = self.rows
        for value, column in values:
            share = value / norm
            row = rows.get(column)
            if row is None:
                row = rows[column] = self._row(column)
            for intent, weight in row:
                scores[intent] += share * weight

    def _row(self, column: int) -> tuple[tuple[int, float], ...]:
        """Return a term's (intent, weight) pairs, unpacked once and kept (see `rows`)."""
        at, end = self.offsets[column], self.offsets[column + 1]
        return tuple(zip(self.classes[at:end], self.weights[at:end], strict=True))


@dataclass(frozen=True)
class Model:
    """The exported classifier: intents, intercepts, the two blocks, and the file's header."""

    intents: tuple[str, ...]
    intercepts: tuple[float, ...]
    words: _Block
    chars: _Block
    header: dict[str, Any]

    def probabilities(self, text: str) -> list[float]:
        """Return one probability per intent (in `intents` order) for a raw message."""
        clean = normalise(text)
        scores = list(self.intercepts)
        self.words.add(word_terms(clean), scores)
        self.chars.add(char_terms(clean), scores)
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return [e / total for e in exps]


def _numbers(code: str, packed: str) -> array[Any]:
    """Unpack a little-endian base64 array ("f": float32, "I": uint32) as the file stores it."""
    values = array(code, base64.b64decode(packed))
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _block(data: dict[str, Any]) -> _Block:
    return _Block(
        index={term: column for column, term in enumerate(data["terms"])},
        idf=_numbers("f", data["idf"]),
        offsets=_numbers("I", data["offsets"]),
        classes=base64.b64decode(data["classes"]),
        weights=_numbers("f", data["weights"]),
        sublinear=bool(data["sublinear"]),
    )


def read_model(path: Path = MODEL_PATH) -> Model:
    """Read an exported model file."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    return Model(
        intents=tuple(data["intents"]),
        intercepts=tuple(data["intercepts"]),
        words=_block(data["words"]),
        chars=_block(data["chars"]),
        header=data["header"],
    )


@cache
def model() -> Model:
    """Return the shipped model, read on first use and kept."""
    return read_model()


def classify(text: str) -> list[tuple[str, float]]:
    """Return every intent with its probability for this message, best first."""
    return list(_classified(text))


@lru_cache(maxsize=64)
def _classified(text: str) -> tuple[tuple[str, float], ...]:
    """Score a message once: the reader may ask of the same text twice (`overrule`, `consult`)."""
    found = model()
    pairs = zip(found.intents, found.probabilities(text), strict=True)
    return tuple(sorted(pairs, key=lambda pair: -pair[1]))


# When the classifier may overrule the rules (see `decide`; figures from `make train`). The
# rules fall back on these when nothing they know matched (offtopic is their newest reading),
# so there the classifier, trained on thousands of wordings, may well know better.
FALLBACK = frozenset({"unknown", "smalltalk", "help", "offtopic"})
# Readings that act on a request or answer a question with a change: a wrong one costs the
# patron something, so the classifier must be surer before it turns a message into one.
ACTING = frozenset({"request", "renew", "cancel", "yes", "no", "choice"})
# Readings the rules act on that the classifier may stop ("renew my parking permit", "Morning
# :sunny:" read as a request): stopping costs a question at worst, acting wrongly costs more.
DOING = frozenset({"request", "renew", "cancel"})
STOPPING = frozenset({"policy", "offtopic", "smalltalk"})
SURE_TO_ANSWER = 0.6  # a non-acting intent (policy, status, human...) over a fallback reading
SURE_TO_ACT = 0.9  # an acting intent over a fallback reading
SURE_TO_STOP = 0.6  # policy, offtopic or smalltalk over request, renew or cancel


def decide(
    rule_intent: str,
    scores: list[tuple[str, float]],
    *,
    answers: bool = False,
    answer: float = SURE_TO_ANSWER,
    act: float = SURE_TO_ACT,
    stop: float = SURE_TO_STOP,
) -> str:
    """Return the intent to act on, from the rules' reading and the classifier's scores.

    `answers`: the rules read a date or an amount, which may answer the bot's question ("by
    the weekend if possible"); their "unknown" is then not made a request. Any other reading of
    the rules (status, why, human, policy, yes, no, choice) stands.
    """
    if not scores or scores[0][0] == rule_intent:
        return rule_intent
    best, probability = scores[0]
    if rule_intent in FALLBACK:
        if answers and rule_intent == "unknown" and best == "request":
            return rule_intent
        return best if probability >= (act if best in ACTING else answer) else rule_intent
    if rule_intent in DOING and best in STOPPING and probability >= stop:
        return best
    return rule_intent


# What a message naming a request may want done with it, and how sure the classifier must be
# to say so when the rules read only the reference (tuned on the spent sets' misses).
ABOUT_A_REQUEST = frozenset({"status", "renew", "cancel"})
SURE_ABOUT_REQUEST = 0.8


def decide_about_request(
    rule_intent: str, scores: list[tuple[str, float]], *, sure: float = SURE_ABOUT_REQUEST
) -> str:
    """Return status, renew or cancel for a reference the rules read no action for, if sure."""
    if not scores:
        return rule_intent
    best, probability = scores[0]
    return best if best in ABOUT_A_REQUEST and probability >= sure else rule_intent


def consult_about_request(text: str, rule_intent: str) -> str:
    """Return the action the classifier is sure a message naming a request asks for, if any."""
    return decide_about_request(rule_intent, classify(text))


def answers_something(reading: Reading) -> bool:
    """Tell whether a reading carries a date or an amount (see `decide`)."""
    found = reading.entities
    return bool(found.need_by or found.date or found.max_cost is not None)


# How sure the classifier must be to overrule any reading of the rules (but those of their
# narrow exact wordings): on fresh wording it reads intents better than the rules alone (95% to
# 90% on the spent unseen_m/n/es_f before their tuning), and at this level it is rarely wrong.
SURE_TO_OVERRULE = 0.97


def overrule(text: str, rule_intent: str, *, sure: float = SURE_TO_OVERRULE) -> str | None:
    """Return the classifier's intent where it is near certain the rules read another, or None.

    Unlike `consult`, this holds for every reading, dated, priced or referenced ones too, and
    for the actions the rules read from a title's words ("Renewal: A Farm Year by Tom Ash").
    """
    best, probability = _classified(text)[0]
    return best if best != rule_intent and probability >= sure else None


def consult(text: str, rule_intent: str, *, answers: bool = False) -> str:
    """Return the intent to act on: the rules' reading unless the classifier is sure otherwise."""
    if rule_intent not in FALLBACK and rule_intent not in DOING:
        return rule_intent  # `decide` keeps every other reading of the rules: nothing to score
    return decide(rule_intent, classify(text), answers=answers)
