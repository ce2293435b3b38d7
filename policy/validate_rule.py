"""Check one `[[rules]]` table against its check kind: keys, types, names, effect, words.

Every mistake becomes one line naming the file, the rule and the key; a rule without mistakes
comes back as a Rule whose parameters have their defaults filled in and whose effect is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

from jinja2 import Environment
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from policy.kinds import KINDS, Kind
from policy.params import VOCABULARIES, Names
from policy.profile import RULE_KEYS, TOPICS, Rule
from policy.profile_languages import is_language, language_tables
from policy.text_values import rule_values
from policy.validate_languages import missing_words, rule_words_mistakes
from policy.validate_words import (
    calendar_mistakes,
    choices_hint,
    refusing_words,
    template_mistakes,
    toml,
)

SCOPE_KEYS = ("only_categories", "except_categories")  # any rule: whom it applies to
TEMPLATE_KEYS = ("summary", "explain", "instead", "answer")  # rendered with Jinja
# Parameters of kinds that do not mark them with `Names` are checked by their usual meaning.
USUAL_NAMES = {
    "categories": "categories",
    "allow": "categories",
    "exempt": "categories",
    "materials": "materials",
    "excluded": "materials",
    "unless": "holding_statuses",
    "statuses": "request_statuses",
    "refund_if": "request_statuses",
    "notice": "notices",
    "notices": "notices",
}


@dataclass(frozen=True)
class Vocabulary:
    """What a profile's rules may name, and where their mistakes are reported."""

    where: str  # the file name
    names: dict[str, tuple[str, ...]]  # categories, materials, … notices: the names known
    terms: tuple[tuple[str, ...], ...]  # the profile's top-level term calendar
    env: Environment  # the Jinja environment rule texts are rendered with
    languages: tuple[str, ...] = ("en",)  # whose `[rules.es]` words the rules may give
    translated: bool = True  # every listed language must give the rules' words (not common's)


@dataclass
class Mistakes:
    """One rule's mistakes, each a line starting with the file and the rule."""

    prefix: str
    lines: list[str] = field(default_factory=list)

    def add(self, key: str | None, message: str) -> None:
        """Record a mistake about one key (or about the rule as a whole)."""
        self.lines.append(
            f"{self.prefix}: {key}: {message}" if key else f"{self.prefix}: {message}"
        )


def check_rule(raw: Any, number: int, vocab: Vocabulary) -> tuple[list[str], Rule | None]:
    """Check the `number`th rule of a file; return its mistakes, or the rule ready to use."""
    if not isinstance(raw, dict):
        return [f"{vocab.where}: rule #{number}: wants a [[rules]] table, not {toml(raw)}"], None
    name = raw.get("id")
    label = f"rule {name}" if isinstance(name, str) and name else f"rule #{number}"
    found = Mistakes(f"{vocab.where}: {label}")
    _texts(raw, found)
    kind = _kind(raw.get("check"), found)
    params = {
        k: v
        for k, v in raw.items()
        if k not in RULE_KEYS and k not in SCOPE_KEYS and not is_language(k, v)
    }
    filled = _params(kind, params, found, vocab) if kind else None
    if kind:
        _effect(kind, raw.get("effect", ""), found)
        _names(kind.params, params, found, vocab)
    for key in SCOPE_KEYS:
        if key in raw:
            _scope(key, raw[key], found, vocab)
    _words(raw, kind, found, vocab)
    values = rule_values(kind) if kind else None
    found.lines += rule_words_mistakes(raw, found.prefix, vocab.languages, values)
    if vocab.translated:
        found.lines += missing_words(raw, found.prefix, vocab.languages)
    if found.lines or kind is None or filled is None:
        return found.lines, None
    filled.update({k: raw[k] for k in SCOPE_KEYS if k in raw})
    return [], Rule(
        id=raw["id"],
        check=raw["check"],
        summary=raw["summary"].strip(),
        says=raw.get("says", "").strip(),
        explain=raw.get("explain", "").strip(),
        instead=raw.get("instead", "").strip(),
        params=filled,
        topics=tuple(raw.get("topics", ())),
        answer=raw.get("answer", "").strip(),
        effect=raw.get("effect", "") or kind.default_effect,
        words=language_tables(raw),
    )


def _texts(raw: dict[str, Any], found: Mistakes) -> None:
    for key in ("id", "check", "summary"):
        if key not in raw:
            found.add(key, "missing (text)")
    for key in ("id", "check", "summary", "says", "explain", "instead", "answer", "effect"):
        if key in raw and not isinstance(raw[key], str):
            found.add(key, f"wants text, not {toml(raw[key])}")
    topics = raw.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        found.add("topics", f'wants a list of topics like ["limit"], not {toml(topics)}')
        return
    for topic in topics:
        if topic not in TOPICS:
            found.add("topics", f"unknown topic '{topic}' ({choices_hint(topic, TOPICS)})")


def _kind(check: Any, found: Mistakes) -> Kind | None:
    if not isinstance(check, str):
        return None
    kind = KINDS.get(check)
    if kind is None:
        family = sorted(k for k in KINDS if k.split(".")[0] == check.split(".")[0])
        hint = choices_hint(check, KINDS)
        if hint.startswith("known") and family:
            hint = f"{check.split('.')[0]} kinds: {', '.join(family)}"
        elif hint.startswith("known"):
            hint = f"kinds start with: {', '.join(sorted({k.split('.')[0] for k in KINDS}))}"
        found.add("check", f"unknown check kind '{check}' ({hint})")
    return kind


def _params(
    kind: Kind, params: dict[str, Any], found: Mistakes, vocab: Vocabulary
) -> dict[str, Any] | None:
    model = kind.params
    try:
        filled = model.model_validate(params, strict=True).model_dump()
    except ValidationError as exc:
        _explain_errors(kind, model, params, exc, found)
        filled = None
    if "terms" in model.model_fields and "terms" not in params:
        if not vocab.terms:
            found.add(
                "terms",
                f"missing (a term calendar, like {CALENDAR}), and the profile has no top-level "
                "terms to use instead",
            )
        elif filled is not None:
            filled["terms"] = [list(t) for t in vocab.terms]  # the library's own calendar
    return filled


CALENDAR = '[["Spring", "01-01", "05-15"], …]'


def _explain_errors(
    kind: Kind,
    model: type[BaseModel],
    params: dict[str, Any],
    exc: ValidationError,
    found: Mistakes,
) -> None:
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    told: set[str] = set()
    for error in errors:
        key = str(error["loc"][0]) if error["loc"] else None
        if key in told:
            continue
        if key is not None:
            told.add(key)
        found.add(key, _error_words(kind, model, params, key, error))


def _error_words(
    kind: Kind, model: type[BaseModel], params: dict[str, Any], key: str | None, error: Any
) -> str:
    fields = model.model_fields
    if key is None:  # a check across several parameters (a model validator)
        return str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        near = choices_hint(key, [*fields, *RULE_KEYS, *SCOPE_KEYS])
        if near.startswith("known"):
            takes = ", ".join(fields) if fields else "no parameters"
            near = f"{kind.name} takes {takes}; any rule: {', '.join([*_RULE_ORDER, *SCOPE_KEYS])}"
        return f"unknown key ({near})"
    wanted = _wanted(fields[key])
    if error["type"] == "missing":
        return f"missing ({wanted})"
    value = params.get(key)
    if error["type"] == "literal_error":
        options = _literals(fields[key].annotation)
        hint = choices_hint(str(value), options) if isinstance(value, str) else ""
        listed = ", ".join(toml(o) for o in options)
        near = f"{hint} " if hint.startswith("did you mean") else ""
        return f"{toml(value)} is not a choice ({near}choices: {listed})"
    bound = (error.get("ctx") or {}).get("ge")
    if bound is not None:
        return f"wants {wanted}, at least {bound}, not {toml(value)}"
    return f"wants {wanted}, not {toml(value)}"


_RULE_ORDER = ("id", "check", "summary", "says", "explain", "instead", "answer", "topics", "effect")


def _wanted(info: FieldInfo) -> str:
    described = [m.description for m in _marks(info) if isinstance(m, FieldInfo) and m.description]
    if info.description or described:
        return info.description or described[0]
    plain = {int: "a whole number", str: "text", bool: "true or false", list: "a list"}
    kinds = [a for a in (*get_args(info.annotation), info.annotation) if a is not type(None)]
    return next((plain[k] for k in (get_origin(a) or a for a in kinds) if k in plain), "a value")


def _marks(info: FieldInfo) -> list[Any]:
    """The field's metadata, with that of an Annotated type inside `X | None`."""
    found = list(info.metadata)
    for arg in get_args(info.annotation):
        found.extend(getattr(arg, "__metadata__", ()))
    return found


def _literals(annotation: Any) -> list[Any]:
    found: list[Any] = []
    for arg in get_args(annotation):
        if isinstance(arg, str):
            found.append(arg)
        elif arg is not type(None):
            found.extend(_literals(arg))
    return found


def _effect(kind: Kind, effect: Any, found: Mistakes) -> None:
    if isinstance(effect, str) and effect and effect not in kind.effects:
        listed = ", ".join(kind.effects)
        found.add("effect", f"{toml(effect)} is not an effect of {kind.name} (choices: {listed})")


def _vocabulary_of(name: str, info: FieldInfo) -> str | None:
    marks = [m.vocabulary for m in _marks(info) if isinstance(m, Names)]
    return marks[0] if marks else USUAL_NAMES.get(name)


def _names(
    model: type[BaseModel], params: dict[str, Any], found: Mistakes, vocab: Vocabulary
) -> None:
    for name, info in model.model_fields.items():
        vocabulary = _vocabulary_of(name, info)
        value = params.get(name)
        if vocabulary is None or value is None:
            continue
        if isinstance(value, str) and info.annotation is str:
            _known(name, [value], vocabulary, found, vocab)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            _known(name, value, vocabulary, found, vocab)
        # anything else is the wrong type, already reported


def _scope(key: str, value: Any, found: Mistakes, vocab: Vocabulary) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        found.add(key, f'wants a list of patron categories, like ["faculty"], not {toml(value)}')
        return
    _known(key, value, "categories", found, vocab)


def _known(
    key: str, values: list[str], vocabulary: str, found: Mistakes, vocab: Vocabulary
) -> None:
    known = vocab.names[vocabulary]
    for name in values:
        if name not in known:
            hint = choices_hint(name, known)
            if vocabulary == "notices":
                hint += f'; or give its words as [texts]."notices/{name}"'
            found.add(key, f"unknown {VOCABULARIES[vocabulary]} '{name}' ({hint})")


def _words(raw: dict[str, Any], kind: Kind | None, found: Mistakes, vocab: Vocabulary) -> None:
    if "terms" in raw:
        for message in calendar_mistakes(raw["terms"]):
            found.add("terms", message)
    if raw.get("period") == "term" and not vocab.terms:
        found.add("period", f'"term" needs the profile\'s top-level terms = {CALENDAR}')
    for key in TEMPLATE_KEYS:
        if isinstance(raw.get(key), str):
            for message in template_mistakes(raw[key], vocab.env):
                found.add(key, message)
    explain = raw.get("explain")
    if kind is None or not isinstance(explain, str):
        return
    effect = raw.get("effect") or kind.default_effect
    refusable = "refuse" in kind.effects
    words = refusing_words(explain)
    if words and (effect == "warn" or (effect == "inform" and refusable)):
        advice = 'set effect = "refuse", or reword it' if refusable else "reword it"
        found.add(
            "explain",
            f'says "{words}", but the rule only {effect}s, so the reply would both accept and '
            f"refuse ({advice})",
        )
