"""Which labelled files the intent classifier is trained on (no scikit-learn needed to ask)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SETS = Path(__file__).resolve().parent.parent / "tests" / "understanding"


def training_files(spent: bool = True, held_out: Iterable[str] = ()) -> list[Path]:
    """Return the files trained on: labelled, tuning/*, spent/*, corpus/* (whatever is there).

    `spent` False leaves the spent sets out (to measure what training on them brings);
    `held_out` leaves out the files named (by name or stem), to measure the model on them.
    """
    files = [
        SETS / "labelled.jsonl",
        *sorted((SETS / "tuning").glob("*.jsonl")),
        *(sorted((SETS / "spent").glob("*.jsonl")) if spent else []),
        *sorted((SETS / "corpus").glob("*.jsonl")),
    ]
    names = set(held_out)
    return [f for f in files if f.name not in names and f.stem not in names]
