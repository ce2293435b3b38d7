"""`make train`: fit the intent classifier and export it for handlers/understand/classifier.py.

Reads every line with an "intent" from tests/understanding/labelled.jsonl, tuning/*.jsonl,
spent/*.jsonl (held-out sets whose misses have been read: tuning data now) and corpus/*.jsonl
(never the held-out unseen*.jsonl or holdout.jsonl), cross-validates a TF-IDF
word + character n-gram logistic regression (5 folds, per-intent figures), measures
`classifier.decide` against the rules on out-of-fold scores, then fits on everything and writes
model/intent.json.gz. Needs the `train` extra (scikit-learn); the bot itself does not.
`python -m bench.train_intent --no-cv` only fits and exports.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy.sparse import csc_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bench.training_sets import training_files
from bench.understanding import DEFAULT_TODAY
from handlers.understand import understand
from handlers.understand.classifier import (
    ACTING,
    MODEL_PATH,
    answers_something,
    decide,
    normalise,
    read_model,
)
from handlers.understand.markup import clean_lines
from handlers.understand.reading import INTENTS
from handlers.understand.spanish import prepare

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "understanding"
C = 20.0  # inverse regularisation; chosen by cross-validation
MAX_TERMS = 25_000  # vocabulary kept after the first fit, by weight (CV: 20k-all equal)
PRUNE = 0.05  # weights smaller than this are dropped from the exported file
WORD = {"analyzer": "word", "ngram_range": (1, 2), "token_pattern": r"(?u)\b\w\w+\b"}
CHAR = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2}


@dataclass(frozen=True)
class Example:
    """One labelled message for training."""

    text: str
    intent: str
    source: str  # path relative to tests/understanding
    tuning: bool  # from labelled.jsonl, tuning/ or spent/: a set the rules are tuned on
    today: date = DEFAULT_TODAY  # the date the message was written on, for the rules

    @property
    def read(self) -> str:
        """Return the text the classifier is given at run time: a Spanish message in English cues.

        handlers/understand/intent.decide consults the classifier with the text the rules read
        (spanish.prepare), so it is trained on the same.
        """
        return prepare(clean_lines(self.text))

    @property
    def area(self) -> str:
        """Return the file's area, for figures split by source."""
        if self.source.startswith("spent/"):
            return "spent"
        return "tuning" if self.tuning else "corpus"


def gather(files: list[Path]) -> tuple[list[Example], dict[str, dict[str, int]]]:
    """Read the examples (the first of texts that read the same wins), and lines per file."""
    examples: list[Example] = []
    seen: set[str] = set()
    counts: dict[str, dict[str, int]] = {}
    for path in files:
        name = str(path.relative_to(SETS))
        used = lines = 0
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            lines += 1
            try:
                data = json.loads(raw)
            except json.JSONDecodeError:
                continue  # a file being written right now may end mid-line
            text, intent = data.get("text"), data.get("intent")
            if not isinstance(text, str) or intent not in INTENTS or normalise(text) in seen:
                continue
            if intent == "language":
                continue  # asks to switch are read by a rule (language.switch), never learned
            seen.add(normalise(text))  # the same words twice would be scored on themselves
            used += 1
            tuning = not name.startswith("corpus/")
            today = date.fromisoformat(data["today"]) if "today" in data else DEFAULT_TODAY
            examples.append(Example(text, intent, name, tuning, today))
        counts[name] = {"lines": lines, "used": used}
    return examples, counts


@dataclass
class Fitted:
    """A fitted word vectoriser, character vectoriser and regression."""

    word: TfidfVectorizer
    char: TfidfVectorizer
    regression: LogisticRegression

    def features(self, texts: list[str]) -> Any:
        """Return the stacked TF-IDF features of normalised texts."""
        return hstack([self.word.transform(texts), self.char.transform(texts)]).tocsr()

    def probabilities(self, texts: list[str]) -> Any:
        """Return scikit-learn's probabilities for raw texts."""
        return self.regression.predict_proba(self.features([normalise(t) for t in texts]))


def _fit_once(texts: list[str], labels: list[str], vocab: tuple[Any, Any]) -> Fitted:
    word = TfidfVectorizer(lowercase=False, sublinear_tf=True, vocabulary=vocab[0], **WORD)
    char = TfidfVectorizer(lowercase=False, sublinear_tf=True, vocabulary=vocab[1], **CHAR)
    features = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    regression = LogisticRegression(C=C, max_iter=3000)
    regression.fit(features, labels)
    return Fitted(word, char, regression)


def fit(raw_texts: list[str], labels: list[str]) -> Fitted:
    """Fit on everything, keep the MAX_TERMS weightiest terms, and fit again on those alone."""
    texts = [normalise(t) for t in raw_texts]
    first = _fit_once(texts, labels, (None, None))
    weight = np.abs(first.regression.coef_).max(axis=0)
    names = [*first.word.get_feature_names_out(), *first.char.get_feature_names_out()]
    split = len(first.word.vocabulary_)
    keep = sorted(np.argsort(-weight, kind="stable")[:MAX_TERMS])
    words = [names[i] for i in keep if i < split]
    chars = [names[i] for i in keep if i >= split]
    return _fit_once(texts, labels, (words, chars))


def _rounded(values: Any) -> Any:
    """Return the values as the file stores them (float32), held as float64."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def prune(fitted: Fitted) -> None:
    """Round idf and weights to float32 and drop small weights, in the fitted model itself.

    Then scikit-learn's probabilities are exactly those of the exported file.
    """
    for vectoriser in (fitted.word, fitted.char):
        vectoriser.idf_ = _rounded(vectoriser.idf_)
    coef = _rounded(fitted.regression.coef_)
    coef[np.abs(coef) < PRUNE] = 0.0
    fitted.regression.coef_ = coef
    fitted.regression.intercept_ = _rounded(fitted.regression.intercept_)


def cross_validate(examples: list[Example], folds: int = 5) -> Any:
    """Return out-of-fold probabilities (rows in examples order, columns in INTENTS order)."""
    texts = [e.read for e in examples]
    labels = np.array([e.intent for e in examples])
    found = np.zeros((len(examples), len(INTENTS)))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=12)
    for number, (train, test) in enumerate(splitter.split(texts, labels), start=1):
        fitted = fit([texts[i] for i in train], list(labels[train]))
        prune(fitted)
        columns = [INTENTS.index(c) for c in fitted.regression.classes_]
        found[np.ix_(test, columns)] = fitted.probabilities([texts[i] for i in test])
        print(f"  fold {number}/{folds} done", flush=True)
    return found


def per_intent(examples: list[Example], predicted: list[str]) -> list[str]:
    """Return printed precision/recall/F1 per intent, and accuracy overall and per area."""
    lines = [f"  {'intent':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'n':>6}"]
    truth = [e.intent for e in examples]
    for intent in INTENTS:
        hits = sum(t == p == intent for t, p in zip(truth, predicted, strict=True))
        said, real = predicted.count(intent), truth.count(intent)
        if not real and not said:
            continue
        precision, recall = hits / said if said else 0.0, hits / real if real else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        lines.append(f"  {intent:<10} {precision:>9.1%} {recall:>7.1%} {f1:>6.1%} {real:>6}")
    for area in ("all", "tuning", "spent", "corpus"):
        pairs = [(e.intent, p) for e, p in zip(examples, predicted, strict=True)
                 if area in ("all", e.area)]  # fmt: skip
        if pairs:
            right = sum(t == p for t, p in pairs)
            lines.append(f"  accuracy ({area}): {right}/{len(pairs)} = {right / len(pairs):.1%}")
    return lines


def _scores(row: Any) -> list[tuple[str, float]]:
    return sorted(zip(INTENTS, map(float, row), strict=True), key=lambda pair: -pair[1])


def _consult_line(label: str, truth: list[str], rules: list[str], chosen: list[str]) -> str:
    right = sum(t == c for t, c in zip(truth, chosen, strict=True))
    fixed = sum(t == c != r for t, r, c in zip(truth, rules, chosen, strict=True))
    broken = sum(t == r != c for t, r, c in zip(truth, rules, chosen, strict=True))
    acted = sum(t in ("smalltalk", "offtopic") and c in ACTING
                for t, c in zip(truth, chosen, strict=True))  # fmt: skip
    return (f"  {label:<26} {right / len(truth):7.1%}  fixed {fixed:>4}  broken {broken:>4}"
            f"  off-topic acted on {acted}")  # fmt: skip


def _rule_reading(example: Example) -> tuple[str, bool]:
    """Return the rules' intent and whether they read an answer; "error" if the reader fails."""
    try:
        reading = understand(example.text, today=example.today, learned=False)
    except Exception:  # the reader may be mid-edit by someone else: count, don't stop
        return "error", False
    return reading.intent, answers_something(reading)


def report_consult(examples: list[Example], found: Any, sweep: bool = False) -> list[str]:
    """Return printed figures: rules alone, classifier alone and `decide`, on out-of-fold scores."""
    readings = [_rule_reading(e) for e in examples]
    rules = [intent for intent, _ in readings]
    lines = ["Consulting the classifier (out-of-fold scores; intents right):"]
    if "error" in rules:
        lines.append(f"  (the rules failed on {rules.count('error')} messages: read as wrong)")
    for area in ("tuning", "spent", "corpus"):
        rows = [i for i, e in enumerate(examples) if e.area == area]
        if not rows:
            continue
        truth = [examples[i].intent for i in rows]
        ruled = [rules[i] for i in rows]
        scores = [_scores(found[i]) for i in rows]
        answered = [readings[i][1] for i in rows]
        alone = [s[0][0] for s in scores]
        lines.append(f" {area} ({len(rows)} messages):")
        lines.append(_consult_line("rules alone", truth, ruled, ruled))
        lines.append(_consult_line("classifier alone", truth, ruled, alone))
        chosen = [decide(r, s, answers=a) for r, s, a in zip(ruled, scores, answered, strict=True)]
        lines.append(_consult_line("rules + decide (shipped)", truth, ruled, chosen))
        if not sweep:
            continue
        for answer in (0.4, 0.5, 0.6):
            for act in (0.7, 0.8, 0.9):
                for stop in (0.5, 0.6, 0.7, 0.9):
                    tried = [decide(r, s, answers=a, answer=answer, act=act, stop=stop)
                             for r, s, a in zip(ruled, scores, answered, strict=True)]  # fmt: skip
                    label = f"answer {answer} act {act} stop {stop}"
                    lines.append(_consult_line(label, truth, ruled, tried))
    return lines


def measure_held_out(fitted: Fitted, names: list[str]) -> list[str]:
    """Return printed figures of the fitted model on the files left out of its training."""
    files = [p for p in training_files() if p.name in names or p.stem in names]
    left, _ = gather(files)
    found = np.zeros((len(left), len(INTENTS)))
    columns = [INTENTS.index(c) for c in fitted.regression.classes_]
    found[:, columns] = fitted.probabilities([e.read for e in left])
    predicted = [INTENTS[i] for i in found.argmax(axis=1)]
    lines = [f"\nHeld out ({', '.join(names)}): {len(left)} messages, classifier alone:"]
    lines += per_intent(left, predicted)
    return [*lines, *report_consult(left, found)]


def _packed(values: Any, kind: str) -> str:
    return base64.b64encode(np.asarray(values).astype(kind).tobytes()).decode("ascii")


def _block(vectoriser: TfidfVectorizer, coef: Any) -> dict[str, Any]:
    """Return one vectoriser's part of the file: terms in column order, idf, sparse weights."""
    terms = vectoriser.get_feature_names_out()
    weights = csc_matrix(coef)  # per column (term): the intents it weighs for, and how much
    return {
        "sublinear": bool(vectoriser.sublinear_tf),
        "terms": [str(term) for term in terms],
        "idf": _packed(vectoriser.idf_, "<f4"),
        "offsets": _packed(weights.indptr, "<u4"),
        "classes": _packed(weights.indices, "u1"),
        "weights": _packed(weights.data, "<f4"),
    }


def export(fitted: Fitted, header: dict[str, Any], checks: list[str], path: Path) -> None:
    """Write the model file, with scikit-learn's probabilities for `checks` in its header."""
    classes = [str(c) for c in fitted.regression.classes_]
    found = fitted.probabilities(checks)
    header["checks"] = [
        {"text": text, "probabilities": dict(zip(classes, map(float, row), strict=True))}
        for text, row in zip(checks, found, strict=True)
    ]
    coef = fitted.regression.coef_
    split = len(fitted.word.vocabulary_)
    data = {
        "header": header,
        "intents": classes,
        "intercepts": [float(v) for v in fitted.regression.intercept_],
        "words": _block(fitted.word, coef[:, :split]),
        "chars": _block(fitted.char, coef[:, split:]),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


def _checks(examples: list[Example]) -> list[str]:
    """Pick stored texts to test the scorer against: one per intent, empty ones and long ones."""
    chosen: dict[str, str] = {}
    for example in examples:
        chosen.setdefault(example.intent, example.text)
    longest = max((e.text for e in examples), key=len)
    rambling = "Dear ILL team, I hope this finds you well. Could you renew ILL-4? " * 30
    return [*chosen.values(), "", "🙂", longest, rambling]


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, report, fit on everything and export."""
    parser = argparse.ArgumentParser(prog="python -m bench.train_intent")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--sweep", action="store_true", help="try other `decide` thresholds")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-spent", action="store_true", help="leave spent/*.jsonl out")
    parser.add_argument("--hold-out", nargs="*", default=[], help="files left out and measured")
    args = parser.parse_args(argv)
    examples, counts = gather(training_files(not args.no_spent, args.hold_out))
    print(f"Training on {len(examples)} distinct messages:")
    for name, count in counts.items():
        print(f"  {name:<40} {count['used']:>5} used of {count['lines']:>5} lines")
    print("  by intent:", dict(Counter(e.intent for e in examples).most_common()))
    header: dict[str, Any] = {
        "trained": datetime.now(UTC).date().isoformat(),
        "files": counts,
        "scikit_learn": sklearn.__version__,
        "settings": {"C": C, "max_terms": MAX_TERMS, "prune": PRUNE, "word": WORD, "char": CHAR},
    }
    if not args.no_cv:
        print("\nCross-validation (5 folds, stratified; each fold fitted as the export is):")
        found = cross_validate(examples)
        predicted = [INTENTS[i] for i in found.argmax(axis=1)]
        lines = per_intent(examples, predicted)
        print("\n".join(lines))
        header["cross_validation"] = lines
        print()
        print("\n".join(report_consult(examples, found, args.sweep)))
    fitted = fit([e.read for e in examples], [e.intent for e in examples])
    prune(fitted)
    if args.hold_out:
        print("\n".join(measure_held_out(fitted, args.hold_out)))
    export(fitted, header, _checks(examples), args.out)
    loaded = read_model(args.out)
    size = args.out.stat().st_size
    terms = len(loaded.words.index) + len(loaded.chars.index)
    print(f"\nWrote {args.out}: {size / 1e6:.2f} MB, {terms} terms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
