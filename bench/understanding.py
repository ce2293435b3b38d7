"""`make eval`: how well the bot reads patron messages, measured on the labelled set.

Prints, for the labelled set and the held-out set (see its header), accuracy per intent and per
entity type, the overall figures, how many off-topic messages were read as something that could
change a request, and every miss. Figures are printed, not asserted;
tests/understanding/test_labelled_set.py holds the aims. `python -m bench.understanding FILE...`
evaluates other sets in the same format.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from handlers.understand import Entities, Reading, understand

SETS = Path(__file__).resolve().parent.parent / "tests" / "understanding"
LABELLED = SETS / "labelled.jsonl"
# Written after the reader was tuned on LABELLED, to see how the reading carries over.
HOLDOUT = SETS / "holdout.jsonl"
DEFAULT_TODAY = date(2026, 9, 1)  # a Tuesday
ITEM_FIELDS = (
    "isbn", "issn", "doi", "pmid", "title", "author", "authors", "journal", "year", "volume",
    "issue", "pages", "material",
)  # fmt: skip
MESSAGE_FIELDS = ("need_by", "date", "max_cost", "refs", "ref_hint", "choice", "bad_isbn")
ENTITY_TYPES = ("items", *ITEM_FIELDS, *MESSAGE_FIELDS)
# Intents whose reading can change a request, or answer a pending question with a change.
CHANGING = frozenset({"request", "renew", "cancel", "yes", "no", "choice"})
AIMS = {"intent": 0.97, "entities": 0.95}


@dataclass(frozen=True)
class Case:
    """One labelled message: what the patron wrote and what a good librarian reads in it."""

    line: int
    text: str
    intent: str
    entities: dict[str, Any]
    tags: tuple[str, ...] = ()
    today: date = DEFAULT_TODAY

    @property
    def off_topic(self) -> bool:
        """Tell whether the message is small talk or off-topic: it must never change anything."""
        return self.intent == "smalltalk" or "offtopic" in self.tags


@dataclass(frozen=True)
class Outcome:
    """How one case was read, compared field by field with its label."""

    case: Case
    intent: str
    read: dict[str, Any]
    wrong: tuple[str, ...]  # entity types read differently from the label

    @property
    def intent_ok(self) -> bool:
        """Tell whether the intent matches the label."""
        return self.intent == self.case.intent

    @property
    def entities_ok(self) -> bool:
        """Tell whether every entity matches the label exactly."""
        return not self.wrong

    @property
    def changes_something(self) -> bool:
        """Tell whether this reading could change a request (acting intent or answer entities)."""
        return self.intent in CHANGING or any(
            _present(_values(self.read, name)) for name in ENTITY_TYPES
        )


@dataclass
class Report:
    """Every outcome of a run, and the figures drawn from them."""

    outcomes: list[Outcome] = field(default_factory=list)

    def intent_accuracy(self) -> float:
        """Return the share of messages whose intent was read right."""
        return _share(o.intent_ok for o in self.outcomes)

    def entity_accuracy(self) -> float:
        """Return the share of messages whose entities were all read exactly right."""
        return _share(o.entities_ok for o in self.outcomes)

    def off_topic_changes(self) -> list[Outcome]:
        """Return the off-topic messages read as something that could change a request."""
        return [o for o in self.outcomes if o.case.off_topic and o.changes_something]

    def by_intent(self) -> dict[str, tuple[int, int]]:
        """Return (right, total) per labelled intent."""
        totals: Counter[str] = Counter(o.case.intent for o in self.outcomes)
        right: Counter[str] = Counter(o.case.intent for o in self.outcomes if o.intent_ok)
        return {intent: (right[intent], totals[intent]) for intent in sorted(totals)}

    def by_entity(self) -> dict[str, tuple[int, int]]:
        """Return (right, total) per entity type, over messages where it was labelled or read."""
        figures: dict[str, tuple[int, int]] = {}
        for name in ENTITY_TYPES:
            relevant = [o for o in self.outcomes if _mentions(o, name)]
            if relevant:
                right = sum(name not in o.wrong for o in relevant)
                figures[name] = (right, len(relevant))
        return figures


def load(path: Path = LABELLED) -> list[Case]:
    """Read the labelled set; lines starting with # are comments."""
    cases = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        data = json.loads(raw)
        cases.append(
            Case(
                line=number,
                text=data["text"],
                intent=data["intent"],
                entities=data.get("entities", {}),
                tags=tuple(data.get("tags", ())),
                today=date.fromisoformat(data["today"]) if "today" in data else DEFAULT_TODAY,
            )
        )
    return cases


def expected(case: Case) -> dict[str, Any]:
    """Return a case's label in the shape `observed` gives, with unnamed entities empty."""
    labels = dict(case.entities)
    ref = labels.pop("ref", None)
    labels.setdefault("refs", [ref] if ref is not None else [])
    labels.setdefault("items", [])
    return labels


def observed(reading: Reading) -> dict[str, Any]:
    """Return what a reading holds, as plain JSON-like values."""
    entities: Entities = reading.entities
    items = [{k: v for k, v in asdict(item).items() if v is not None} for item in entities.items]
    out: dict[str, Any] = {"items": items, "refs": list(entities.refs)}
    for name in ("need_by", "date"):
        value = getattr(entities, name)
        out[name] = value.isoformat() if value else None
    for name in ("max_cost", "ref_hint", "choice", "bad_isbn"):
        out[name] = getattr(entities, name)
    return out


def _values(entities: dict[str, Any], name: str) -> Any:
    items = entities.get("items", [])
    if name == "items":
        return len(items) or None
    if name in ITEM_FIELDS:
        return [item.get(name) for item in items]
    return entities.get(name)


def _present(value: Any) -> bool:
    """Tell whether a value names something (0.0 does: "free only" is an answer)."""
    if isinstance(value, list):
        return any(v is not None for v in value)
    return value is not None


def _mentions(outcome: Outcome, name: str) -> bool:
    """Tell whether an entity type was labelled or read in this case (so it counts there)."""
    return any(
        _present(_values(entities, name)) for entities in (expected(outcome.case), outcome.read)
    )


def judge(case: Case) -> Outcome:
    """Read one case and compare it with its label."""
    reading = understand(case.text, today=case.today)
    read = observed(reading)
    want = expected(case)
    wrong = tuple(n for n in ENTITY_TYPES if _values(read, n) != _values(want, n))
    return Outcome(case, reading.intent, read, wrong)


def evaluate(cases: Iterable[Case]) -> Report:
    """Judge every case."""
    return Report([judge(case) for case in cases])


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 1.0


def _table(title: str, figures: dict[str, tuple[int, int]]) -> list[str]:
    lines = [title]
    for name, (right, total) in figures.items():
        lines.append(f"  {name:<18} {right:>4}/{total:<4} {right / total:7.1%}")
    return lines


def _miss(outcome: Outcome) -> list[str]:
    case = outcome.case
    lines = [f"  line {case.line}: {case.text!r}"]
    if not outcome.intent_ok:
        lines.append(f"      intent {outcome.intent!r}, labelled {case.intent!r}")
    want = expected(case)
    for name in outcome.wrong:
        if not any(_present(_values(e, name)) for e in (outcome.read, want)):
            continue  # only the item count differs here; "items" says so
        lines.append(f"      {name}: read {_values(outcome.read, name)!r}, labelled "
                     f"{_values(want, name)!r}")  # fmt: skip
    return lines


def render(report: Report, name: str = LABELLED.name) -> str:
    """Return the printed report: tables, overall figures, off-topic changes, misses."""
    lines = [f"Understanding: {len(report.outcomes)} labelled messages ({name})", ""]
    lines += [*_table("Intent accuracy (per labelled intent)", report.by_intent()), ""]
    lines += _table("Entity accuracy (per type, where labelled or read)", report.by_entity())
    changes = report.off_topic_changes()
    lines += [
        "",
        f"Intents right:           {report.intent_accuracy():7.1%}  (aim {AIMS['intent']:.0%})",
        f"Entities all exact:      {report.entity_accuracy():7.1%}  (aim {AIMS['entities']:.0%})",
        f"Off-topic read as a change: {len(changes)}  (aim 0)",
        "",
    ]
    misses = [o for o in report.outcomes if not (o.intent_ok and o.entities_ok)]
    lines.append(f"Misses ({len(misses)}):")
    for outcome in misses:
        lines += _miss(outcome)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Evaluate the labelled and held-out sets (or the JSONL files named); print the reports."""
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(arg) for arg in args] or [LABELLED, HOLDOUT]
    print("\n\n".join(render(evaluate(load(path)), path.name) for path in paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
