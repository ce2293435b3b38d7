"""`make eval`: how well the bot reads patron messages, on the sets tuned on and the held-out ones.

For the tuning sets (labelled.jsonl and tuning/*.jsonl, which the rules are tuned on) and each
held-out set (unseen*.jsonl, holdout.jsonl) it prints intent accuracy with a per-intent
confusion, entity accuracy per type, off-topic messages acted on, requests recorded with a title
the patron did not write, and understanding time per message; the held-out figures sit beside
the first-run figure from each file's header, and a summary table closes the output. The spent
sets (spent/*.jsonl: held out once, their misses read and tuned on since) are reported in their
own section, "spent (misses read, tuned on)", with their misses, and no aim. Misses are printed
for the tuning and spent sets only (`--misses` prints them for the held-out sets too, for their
writer: reading them is tuning on them; `--tuned` leaves the held-out sets unread, for tuners).
Nothing is asserted here;
tests/understanding/test_labelled_set.py holds the aims. `python -m bench.understanding FILE...`
evaluates other sets; `--speed` prints the understanding time beside a baseline (`make bench`).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from handlers.understand import Entities, Reading, understand

SETS = Path(__file__).resolve().parent.parent / "tests" / "understanding"
LABELLED = SETS / "labelled.jsonl"
# Written after the reader was tuned on LABELLED, then tuned on too: see its header.
HOLDOUT = SETS / "holdout.jsonl"
DEFAULT_TODAY = date(2026, 9, 1)  # a Tuesday
ITEM_FIELDS = (
    "isbn", "issn", "doi", "pmid", "title", "author", "authors", "journal", "year", "volume",
    "issue", "pages", "edition", "chapter", "material",
)  # fmt: skip
MESSAGE_FIELDS = (
    "need_by", "date", "max_cost", "refs", "ref_hint", "choice", "bad_isbn", "topic", "copies",
    "every", "ordinal", "language",
)  # fmt: skip
ENTITY_TYPES = ("items", *ITEM_FIELDS, *MESSAGE_FIELDS)
# Intents whose reading can change a request, or answer a pending question with a change.
CHANGING = frozenset({"request", "renew", "cancel", "yes", "no", "choice"})
# Entities that say what a message is about without changing anything.
HARMLESS = frozenset({"topic", "language"})
AIMS = {"intent": 0.97, "entities": 0.95}
SPENT = "spent (misses read, tuned on)"  # how the spent sets are labelled in the report
_WORDS = re.compile(r"[^\W_]+")


def tuning_files() -> list[Path]:
    """Return the sets the reader is tuned on: labelled.jsonl and tuning/*.jsonl."""
    return [LABELLED, *sorted((SETS / "tuning").glob("*.jsonl"))]


def spanish(path: Path | str) -> bool:
    """Tell whether a set is written in Spanish: tuning/es_*.jsonl, unseen_es_*.jsonl."""
    name = Path(path).name
    return name.startswith("es_") or name.startswith("unseen_es")


def held_out_files() -> list[Path]:
    """Return the held-out sets: every unseen*.jsonl there is, then holdout.jsonl."""
    return [*sorted(SETS.glob("unseen*.jsonl")), HOLDOUT]


def spent_files() -> list[Path]:
    """Return the spent sets (spent/*.jsonl): held out once, their misses read and tuned on since.

    They are reported with their misses (they are tuning data now) but carry no aim: the tests
    assert the aims on the tuning sets only.
    """
    return sorted((SETS / "spent").glob("*.jsonl"))


@dataclass(frozen=True)
class Case:
    """One labelled message: what the patron wrote and what a good librarian reads in it."""

    line: int
    text: str
    intent: str
    entities: dict[str, Any]
    tags: tuple[str, ...] = ()
    today: date = DEFAULT_TODAY
    also: tuple[tuple[str, dict[str, Any]], ...] = ()  # further actions: (intent, entities)
    source: str = ""  # the file it came from

    @property
    def off_topic(self) -> bool:
        """Tell whether the message is small talk or off-topic: it must never change anything."""
        return self.intent in ("smalltalk", "offtopic") or "offtopic" in self.tags


@dataclass(frozen=True)
class Outcome:
    """How one case was read, compared field by field with its label."""

    case: Case
    intent: str
    read: dict[str, Any]
    wrong: tuple[str, ...]  # entity types read differently from the label ("also" included)
    also: tuple[tuple[str, dict[str, Any]], ...] = ()  # further readings: (intent, entities)
    seconds: float = 0.0  # time taken to understand the message

    @property
    def intent_ok(self) -> bool:
        """Tell whether the intent, and the intent of every further action, match the label."""
        wanted = [intent for intent, _ in self.case.also]
        return self.intent == self.case.intent and [i for i, _ in self.also] == wanted

    @property
    def entities_ok(self) -> bool:
        """Tell whether every entity (of every action) matches the label exactly."""
        return not self.wrong

    @property
    def changes_something(self) -> bool:
        """Tell whether this reading could change a request (acting intent or answer entities)."""
        readings = [(self.intent, self.read), *self.also]
        return any(
            intent in CHANGING
            or any(_present(_values(read, name)) for name in ENTITY_TYPES if name not in HARMLESS)
            for intent, read in readings
        )

    def unwritten_titles(self) -> list[str]:
        """Return titles of requests read here whose words are not all in the message."""
        written = set(_WORDS.findall(self.case.text.lower()))
        titles = [
            item.get("title") or ""
            for intent, read in [(self.intent, self.read), *self.also]
            if intent == "request"
            for item in read["items"]
        ]
        return [t for t in titles if not set(_WORDS.findall(t.lower())) <= written]


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

    def unwritten_titles(self) -> list[Outcome]:
        """Return the messages read as requests for a title the patron did not write."""
        return [o for o in self.outcomes if o.unwritten_titles()]

    def times(self) -> tuple[float, float]:
        """Return the median and 95th-percentile understanding time per message, in ms."""
        return _median_p95([o.seconds for o in self.outcomes])

    def by_intent(self) -> dict[str, tuple[int, int]]:
        """Return (right, total) per labelled intent."""
        totals: Counter[str] = Counter(o.case.intent for o in self.outcomes)
        right: Counter[str] = Counter(o.case.intent for o in self.outcomes if o.intent_ok)
        return {intent: (right[intent], totals[intent]) for intent in sorted(totals)}

    def confusion(self) -> dict[str, Counter[str]]:
        """Return, per labelled intent, how often each intent was read for it."""
        table: dict[str, Counter[str]] = {}
        for o in self.outcomes:
            table.setdefault(o.case.intent, Counter())[o.intent] += 1
        return dict(sorted(table.items()))

    def by_entity(self) -> dict[str, tuple[int, int]]:
        """Return (right, total) per entity type, over messages where it was labelled or read."""
        figures: dict[str, tuple[int, int]] = {}
        for name in (*ENTITY_TYPES, "also"):
            relevant = [o for o in self.outcomes if _mentions(o, name)]
            if relevant:
                right = sum(name not in o.wrong for o in relevant)
                figures[name] = (right, len(relevant))
        return figures


def load(path: Path = LABELLED) -> list[Case]:
    """Read a labelled set; lines starting with # are comments."""
    cases = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        data = json.loads(raw)
        also = tuple((a["intent"], a.get("entities", {})) for a in data.get("also", ()))
        today = date.fromisoformat(data["today"]) if "today" in data else DEFAULT_TODAY
        tags = tuple(data.get("tags", ()))
        entities = data.get("entities", {})
        cases.append(Case(number, data["text"], data["intent"], entities, tags, today, also,
                          path.name))  # fmt: skip
    return cases


def load_tuning() -> list[Case]:
    """Read every tuning set (labelled.jsonl and tuning/*.jsonl) as one list."""
    return [case for path in tuning_files() for case in load(path)]


def _header(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.lstrip().startswith("#"):
            break
        lines.append(raw.lstrip()[1:].strip())
    return lines


def kind_of(path: Path) -> str:
    """Return "held out", or say so when the set's header says it has been tuned on since."""
    header = " ".join(_header(path)).lower()
    tuned = re.search(r"no longer unseen|since tuned|has been tuned on|was tuned on", header)
    return "held out, tuned on since its first run (its header says)" if tuned else "held out"


def first_run(path: Path) -> str | None:
    """Return the "First run ..." sentence of a set's header comments, if it has one."""
    header = _header(path)
    for at, line in enumerate(header):
        if line.lower().startswith("first run"):
            sentence = [line]
            for more in header[at + 1 : at + 3]:
                if sentence[-1].endswith((".", ")")) or not more:
                    break
                sentence.append(more)
            return " ".join(sentence)
    return None


def expected(entities: dict[str, Any]) -> dict[str, Any]:
    """Return a label's entities in the shape `observed` gives, with unnamed entities empty."""
    labels = dict(entities)
    ref = labels.pop("ref", None)
    labels.setdefault("refs", [ref] if ref is not None else [])
    labels.setdefault("items", [])
    if not labels.get("every"):
        labels.pop("every", None)  # "every": false says no more than leaving it out
    return labels


def observed(reading: Reading) -> dict[str, Any]:
    """Return what a reading holds, as plain JSON-like values."""
    entities: Entities = reading.entities
    items = [{k: v for k, v in asdict(item).items() if v is not None} for item in entities.items]
    out: dict[str, Any] = {"items": items, "refs": list(entities.refs)}
    for name in ("need_by", "date"):
        value = getattr(entities, name)
        out[name] = value.isoformat() if value else None
    for name in ("max_cost", "ref_hint", "choice", "bad_isbn", "topic", "copies", "ordinal",
                 "language"):  # fmt: skip
        out[name] = getattr(entities, name)
    out["every"] = True if entities.every else None
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
    if name == "also":
        return bool(outcome.also or outcome.case.also)
    return any(
        _present(_values(entities, name))
        for entities in (expected(outcome.case.entities), outcome.read)
    )


def _differ(read: dict[str, Any], want: dict[str, Any]) -> tuple[str, ...]:
    return tuple(n for n in ENTITY_TYPES if _values(read, n) != _values(want, n))


def compare(case: Case, reading: Reading, seconds: float = 0.0) -> Outcome:
    """Compare one reading with its case's label; further actions are compared in order."""
    read = observed(reading)
    also = tuple((r.intent, observed(r)) for r in reading.also)
    wrong = _differ(read, expected(case.entities))
    pairs = list(zip(also, case.also, strict=False))
    if len(also) != len(case.also) or any(
        got != want or _differ(got_read, expected(want_read))
        for (got, got_read), (want, want_read) in pairs
    ):
        wrong += ("also",)
    return Outcome(case, reading.intent, read, wrong, also, seconds)


def judge(case: Case) -> Outcome:
    """Read one case (timing it) and compare it with its label."""
    began = time.perf_counter()
    reading = understand(case.text, today=case.today)
    return compare(case, reading, time.perf_counter() - began)


def evaluate(cases: Iterable[Case]) -> Report:
    """Judge every case (after one message unjudged, so first-use costs are not timed)."""
    understand("hello", today=DEFAULT_TODAY)
    return Report([judge(case) for case in cases])


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 1.0


def _median_p95(seconds: list[float]) -> tuple[float, float]:
    if not seconds:
        return 0.0, 0.0
    ordered = sorted(seconds)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def _confusion_table(report: Report) -> list[str]:
    lines = ["Intent accuracy per labelled intent (and what else was read for it)"]
    confusion = report.confusion()
    for name, (right, total) in report.by_intent().items():
        others = [f"{i} {n}" for i, n in confusion[name].most_common() if i != name]
        tail = f"  read as: {', '.join(others)}" if others else ""
        lines.append(f"  {name:<10} {right:>4}/{total:<4} {right / total:7.1%}{tail}")
    return lines


def _entity_table(report: Report) -> list[str]:
    lines = ["Entity accuracy (per type, where labelled or read)"]
    for name, (right, total) in report.by_entity().items():
        lines.append(f"  {name:<10} {right:>4}/{total:<4} {right / total:7.1%}")
    return lines


def _miss(outcome: Outcome) -> list[str]:
    case = outcome.case
    lines = [f"  {case.source} line {case.line}: {case.text!r}"]
    if not outcome.intent_ok:
        read = [outcome.intent, *(i for i, _ in outcome.also)]
        wanted = [case.intent, *(i for i, _ in case.also)]
        lines.append(f"      intent {' + '.join(read)!r}, labelled {' + '.join(wanted)!r}")
    want = expected(case.entities)
    for name in outcome.wrong:
        if name == "also":
            lines.append(f"      also: read {list(outcome.also)!r}, labelled {list(case.also)!r}")
        elif any(_present(_values(e, name)) for e in (outcome.read, want)):
            lines.append(f"      {name}: read {_values(outcome.read, name)!r}, labelled "
                         f"{_values(want, name)!r}")  # fmt: skip
    for title in outcome.unwritten_titles():
        lines.append(f"      recorded a title the patron did not write: {title!r}")
    return lines


def figures(report: Report, aims: bool = True) -> list[str]:
    """Return the overall figures of one set (beside the aims, unless it has none: spent)."""
    median, p95 = report.times()
    intents, entities = report.intent_accuracy(), report.entity_accuracy()

    def aim(text: str) -> str:
        return f"  (aim {text})" if aims else ""

    aim_intent, aim_entities = f"{AIMS['intent']:.0%}", f"{AIMS['entities']:.0%}"

    return [
        f"Intents right:              {intents:7.1%}{aim(aim_intent)}",
        f"Entities all exact:         {entities:7.1%}{aim(aim_entities)}",
        f"Off-topic acted on:         {len(report.off_topic_changes()):>7}{aim('0')}",
        f"Titles the patron never wrote: {len(report.unwritten_titles()):>4}{aim('0')}",
        f"Understanding per message:  median {median:.2f} ms, p95 {p95:.2f} ms",
        *([] if aims else ["(spent set: reported, no aim asserted)"]),
    ]


def render(
    report: Report, name: str = LABELLED.name, misses: bool = True, aims: bool = True
) -> str:
    """Return the printed report of one set: tables, overall figures and (if asked) misses."""
    lines = [f"Understanding: {len(report.outcomes)} labelled messages ({name})", ""]
    lines += [*_confusion_table(report), "", *_entity_table(report), "", *figures(report, aims)]
    bad = [o for o in report.outcomes if not (o.intent_ok and o.entities_ok)]
    bad += [o for o in report.unwritten_titles() if o not in bad]
    if misses:
        lines += ["", f"Misses ({len(bad)}):"]
        for outcome in bad:
            lines += _miss(outcome)
    else:
        lines += ["", f"Misses: {len(bad)} (not shown for a held-out set; --misses shows them)"]
    return "\n".join(lines)


def _summary(rows: list[tuple[str, str, Report, str | None]]) -> list[str]:
    lines = ["Summary", f"  {'set':<28} {'n':>5} {'intent':>7} {'entities':>8} {'acted':>5} "
             f"{'titles':>6} {'median':>8} {'p95':>8}"]  # fmt: skip
    for name, kind, report, first in rows:
        median, p95 = report.times()
        lines.append(
            f"  {name:<28} {len(report.outcomes):>5} {report.intent_accuracy():>7.1%} "
            f"{report.entity_accuracy():>8.1%} {len(report.off_topic_changes()):>5} "
            f"{len(report.unwritten_titles()):>6} {median:>6.2f}ms {p95:>6.2f}ms  {kind}"
        )
        if first:
            lines.append(f"  {'':<28} first run (from its header): {first}")
    return lines


def speed() -> list[str]:
    """Return the median understanding time per message: reader, classifier and a baseline."""
    from handlers.understand.classifier import classify, model

    cases = load_tuning()
    understand("hello", today=DEFAULT_TODAY)
    began = time.perf_counter()
    model()
    loading = time.perf_counter() - began
    passes = {
        "baseline: lower-case + one regex word split": lambda c: _WORDS.findall(c.text.lower()),
        "reader (rules: understand)": lambda c: understand(c.text, today=c.today),
        "classifier (classify)": lambda c: classify(c.text),
    }
    lines = [f"Understanding time per message, {len(cases)} tuning-set messages (not asserted):"]
    for label, work in passes.items():
        seconds = []
        for case in cases:
            t0 = time.perf_counter()
            work(case)
            seconds.append(time.perf_counter() - t0)
        median, p95 = _median_p95(seconds)
        lines.append(f"  {label:<45} median {median:7.3f} ms   p95 {p95:7.3f} ms")
    lines.append(f"  (classifier model read once: {loading * 1000:.0f} ms)")
    return lines


Named = tuple[str, str, list[Case], str | None, bool]


def _default_sets(tuned: bool, misses: bool, language: str | None) -> list[Named]:
    """Return the sets `make eval` reports: English and Spanish tuning, spent, then held out.

    The Spanish tuning sets (tuning/es_*.jsonl) are reported apart from the English ones, so
    that each language's figure is its own; `language` keeps one language's sets only.
    """
    english = [p for p in tuning_files() if not spanish(p)]
    cases = load_tuning()
    sets: list[Named] = []
    if language != "es":
        names = " + ".join(str(p.relative_to(SETS)) for p in english)
        mine = [c for c in cases if not spanish(c.source)]
        sets.append(("tuning sets", f"tuned on ({names})", mine, None, True))
    if language != "en":
        mine = [c for c in cases if spanish(c.source)]
        if mine:
            kind = "tuned on (tuning/es_*.jsonl, written by the Spanish reader's tuner)"
            sets.append(("tuning sets, Spanish", kind, mine, None, True))
    spent_sets = [p for p in spent_files() if language is None or spanish(p) == (language == "es")]
    sets += [(f"spent/{p.name}", SPENT, load(p), first_run(p), True) for p in spent_sets]
    if not tuned:
        held = [p for p in held_out_files() if language is None or spanish(p) == (language == "es")]
        sets += [(p.name, kind_of(p), load(p), first_run(p), misses) for p in held]
    return sets


def main(argv: list[str] | None = None) -> int:
    """Evaluate the tuning and held-out sets (or the JSONL files named); print the reports."""
    parser = argparse.ArgumentParser(prog="python -m bench.understanding")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--misses", action="store_true", help="print held-out misses too")
    parser.add_argument("--speed", action="store_true", help="only time the understanding")
    parser.add_argument(
        "--tuned", action="store_true", help="only the tuning and spent sets (no held-out set read)"
    )
    parser.add_argument(
        "--language", choices=("en", "es"), help="only the sets written in this language"
    )
    args = parser.parse_args(argv)
    if args.speed:
        print("\n".join(speed()))
        return 0
    rows: list[tuple[str, str, Report, str | None]] = []
    if args.files:
        held = {path.resolve() for path in held_out_files()}
        sets = [(p.name, "named", load(p), first_run(p), args.misses or p.resolve() not in held)
                for p in args.files]  # fmt: skip
    else:
        sets = _default_sets(args.tuned, args.misses, args.language)
    for name, kind, cases, first, misses in sets:
        report = evaluate(cases)
        rows.append((name, kind, report, first))
        print(f"=== {name}: {kind}" + (f"\n    first run: {first}" if first else ""))
        print(render(report, name, misses, aims=kind != SPENT), end="\n\n")
    print("\n".join(_summary(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
