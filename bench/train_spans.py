"""`make train`: fit the span tagger and export it for handlers/understand/spans.py.

Every labelled line of tests/understanding/labelled.jsonl, holdout.jsonl, tuning/*.jsonl and
spent/*.jsonl (never a held-out unseen*.jsonl) whose titles, authors and journals can be found
in its text is tagged token by token (B-/I- title, author, journal, or O); lines of
corpus/*.jsonl that ask for no item are taken as all O. An averaged structured perceptron is
fitted on them (pure Python: the bot needs nothing new) and written to model/spans.json.gz.
`--hold-out NAME...` leaves those files out and prints how many of their titles and authors the
tagger reads exactly, to measure it on lines it never saw.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from handlers.understand.spans import (
    KINDS,
    MODEL_PATH,
    TAGS,
    Model,
    Token,
    decode,
    features,
    spans_of,
    tokens,
)

SETS = Path(__file__).resolve().parent.parent / "tests" / "understanding"
EPOCHS = 10
PRUNE = 0.01  # averaged weights smaller than this are dropped from the exported file
SEED = 22


@dataclass(frozen=True)
class Example:
    """One message with a tag per token."""

    text: str
    toks: list[Token]
    tags: list[int]
    source: str


def _lines(path: Path) -> Iterable[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield json.loads(line)


def _items(line: dict[str, Any]) -> list[dict[str, Any]]:
    found = list((line.get("entities") or {}).get("items") or [])
    for part in line.get("also") or []:
        found += (part.get("entities") or {}).get("items") or []
    return found


def _places(text: str, line: dict[str, Any]) -> list[tuple[str, int, int]] | None:
    """Return where each labelled title, author and journal stands, or None if one is not found."""
    lower = text.lower()
    taken: list[tuple[str, int, int]] = []
    for item in _items(line):
        for kind in KINDS:
            value = item.get(kind)
            if not value:
                continue
            at = lower.find(str(value).lower())
            while at >= 0 and any(s < at + len(value) and at < e for _, s, e in taken):
                at = lower.find(str(value).lower(), at + 1)
            if at < 0:
                return None
            taken.append((kind, at, at + len(value)))
    return taken


def example(line: dict[str, Any], source: str) -> Example | None:
    """Tag one labelled line, or None when its labels cannot be placed in its text."""
    text = line["text"]
    places = _places(text, line)
    if places is None:
        return None
    toks = tokens(text)
    tags = [0] * len(toks)
    for kind, start, end in places:
        inside = [k for k, t in enumerate(toks) if t.start >= start and t.end <= end]
        for n, k in enumerate(inside):
            tags[k] = TAGS.index(("B-" if n == 0 else "I-") + kind)
    return Example(text, toks, tags, source)


def training_files(held_out: Iterable[str] = ()) -> list[Path]:
    """Return the labelled files trained on, less those named."""
    files = [SETS / "labelled.jsonl", SETS / "holdout.jsonl"]
    files += sorted((SETS / "tuning").glob("*.jsonl")) + sorted((SETS / "spent").glob("*.jsonl"))
    names = set(held_out)
    return [f for f in files if f.name not in names and f.stem not in names]


def load(files: Iterable[Path], corpus: bool = True) -> list[Example]:
    """Return the examples of the files (and the corpus's lines that ask for no item)."""
    found = []
    for path in files:
        for line in _lines(path):
            made = example(line, path.name)
            if made is not None:
                found.append(made)
    if corpus:
        for path in sorted((SETS / "corpus").glob("*.jsonl")):
            for line in _lines(path):
                if line.get("intent") not in ("request", "unknown") and "entities" not in line:
                    made = example({"text": line["text"]}, path.name)
                    if made is not None:
                        found.append(made)
    return found


class Trainer:
    """An averaged structured perceptron (the running sum trick: average = w - u / c)."""

    def __init__(self) -> None:
        size = len(TAGS)
        self.w: dict[str, list[float]] = {}
        self.u: dict[str, list[float]] = {}
        self.tw = [[0.0] * size for _ in range(size)]
        self.tu = [[0.0] * size for _ in range(size)]
        self.count = 1

    def model(self) -> Model:
        """Return the current (not averaged) weights, for decoding while training."""
        return Model(self.w, self.tw)

    def _bump(self, feat: str, tag: int, delta: float) -> None:
        row = self.w.setdefault(feat, [0.0] * len(TAGS))
        row[tag] += delta
        self.u.setdefault(feat, [0.0] * len(TAGS))[tag] += self.count * delta

    def learn(self, ex: Example) -> bool:
        """Decode one example and correct the weights where it was wrong."""
        guess = decode(self.model(), ex.toks)
        if guess != ex.tags:
            feats = features(ex.toks)
            for k, (gold, got) in enumerate(zip(ex.tags, guess, strict=True)):
                if gold != got:
                    for feat in feats[k]:
                        self._bump(feat, gold, 1.0)
                        self._bump(feat, got, -1.0)
            for seq, delta in ((ex.tags, 1.0), (guess, -1.0)):
                for prev, cur in pairwise(seq):
                    self.tw[prev][cur] += delta
                    self.tu[prev][cur] += self.count * delta
        self.count += 1
        return guess == ex.tags

    def averaged(self) -> dict[str, Any]:
        """Return the averaged weights in their exported form."""
        c = self.count
        weights = {}
        for feat, row in self.w.items():
            avg = [round(w - u / c, 3) for w, u in zip(row, self.u[feat], strict=True)]
            if max(abs(v) for v in avg) >= PRUNE:
                weights[feat] = avg
        trans = [
            [round(w - u / c, 3) for w, u in zip(rw, ru, strict=True)]
            for rw, ru in zip(self.tw, self.tu, strict=True)
        ]
        return {"tags": list(TAGS), "weights": weights, "transitions": trans}


def fit(examples: list[Example], epochs: int = EPOCHS) -> dict[str, Any]:
    """Fit the tagger on the examples and return its exported form."""
    trainer = Trainer()
    order = list(examples)
    rng = random.Random(SEED)
    for epoch in range(epochs):
        rng.shuffle(order)
        right = sum(trainer.learn(ex) for ex in order)
        print(f"  epoch {epoch + 1}: {right}/{len(order)} messages tagged exactly")
    return trainer.averaged()


def score(data: dict[str, Any], examples: list[Example]) -> None:
    """Print how many labelled spans of each kind the tagger reads exactly."""
    model = Model(data["weights"], data["transitions"])
    right = {kind: 0 for kind in KINDS}
    total = {kind: 0 for kind in KINDS}
    whole = 0
    for ex in examples:
        gold = {(s.kind, s.start, s.end) for s in spans_of(ex.text, ex.toks, ex.tags)}
        got = {(s.kind, s.start, s.end) for s in spans_of(ex.text, ex.toks, decode(model, ex.toks))}
        whole += gold == got
        for kind, start, end in gold:
            total[kind] += 1
            right[kind] += (kind, start, end) in got
    print(f"  messages with every span exact: {whole}/{len(examples)}")
    for kind in KINDS:
        print(f"  {kind:8} {right[kind]}/{total[kind]}")


def main(argv: list[str] | None = None) -> None:
    """Fit and export the tagger, or measure it on files left out."""
    parser = argparse.ArgumentParser(prog="python -m bench.train_spans")
    parser.add_argument("--hold-out", nargs="*", default=[], help="files left out and measured")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    examples = load(training_files(args.hold_out))
    print(f"span tagger: {len(examples)} messages")
    data = fit(examples)
    if args.hold_out:
        left = load([p for p in training_files() if p.name in set(args.hold_out)], corpus=False)
        print(f"held out ({', '.join(args.hold_out)}): {len(left)} messages")
        score(data, left)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(data, handle, separators=(",", ":"))
    print(
        f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(data['weights'])} features)"
    )


if __name__ == "__main__":
    main()
