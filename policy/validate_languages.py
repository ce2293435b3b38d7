"""Check a profile's languages: each one listed has every patron-facing word, nothing unknown.

`languages = ["en", "es"]` must name languages the bot can write (templates/locale). For each
listed language but English, `[contact.es]`, `[delivery.es]` and `[texts.es]` give every key
the English table gives, and every rule's `[rules.es]` (the library's own and common.toml's)
gives each of explain, instead and answer the English rule gives. A missing or unknown key is
one line naming the file, the rule and the key.
"""

from __future__ import annotations

from typing import Any

from policy.profile import Rule
from policy.profile_languages import (
    ENGLISH,
    KEYS_WORDS,
    RULE_WORDS,
    is_language,
    language_tables,
    own_words,
)
from policy.text_values import RULE_TEXTS, text_values, unknown_values
from policy.validate_words import choices_hint, template_mistakes, toml
from templates import environment
from templates.i18n import languages as written_languages

NAMES = {"en": "English", "es": "Spanish"}  # how a mistake names a language


def listed(data: dict[str, Any]) -> tuple[str, ...]:
    """Return the languages a profile lists, English alone when it lists none or badly."""
    value = data.get("languages", [ENGLISH])
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return (ENGLISH,)
    return tuple(value)


def languages_mistakes(data: dict[str, Any], where: str) -> list[str]:
    """Check `languages` itself: a list of languages the bot can write, each once."""
    if "languages" not in data:
        return []
    value = data["languages"]
    known = written_languages()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return [f'{where}: languages: wants a list like ["en", "es"], not {toml(value)}']
    mistakes = []
    for code in value:
        if code not in known:
            hint = choices_hint(code, known)
            mistakes.append(
                f"{where}: languages: '{code}' is not a language the bot writes ({hint})"
            )
    if len(set(value)) != len(value):
        mistakes.append(f"{where}: languages: a language is listed twice in {toml(value)}")
    return mistakes


def words_mistakes(data: dict[str, Any], where: str) -> list[str]:
    """Check `[contact.es]`, `[delivery.es]`, `[texts.es]` against the English tables."""
    wanted = [code for code in listed(data) if code != ENGLISH]
    mistakes = []
    for key in KEYS_WORDS:
        table = data.get(key, {})
        if not isinstance(table, dict):
            continue  # reported by validate_file
        english = own_words(table)
        given = language_tables(table)
        for code in given:
            if code not in wanted:
                mistakes.append(_not_listed(where, f"{key}.{code}", code, data))
        for code in wanted:
            mistakes += _table(where, key, code, english, table.get(code, {}))
    return mistakes


def _table(where: str, key: str, code: str, english: dict[str, str], given: Any) -> list[str]:
    label = f"{where}: {key}.{code}"
    if not isinstance(given, dict):
        return [f"{label}: wants a table of text, not {toml(given)}"]
    mistakes = []
    for name in english:
        if not str(given.get(name, "")).strip():
            shown = f'"{name}"' if "/" in name else name
            words = f"the {NAMES.get(code, code)} for {key}.{shown}"
            mistakes.append(f"{label}.{shown}: missing ({words})")
    for name, value in given.items():
        shown = f'"{name}"' if "/" in name else name
        if name not in english:
            hint = choices_hint(name, english)
            mistakes.append(f"{label}.{shown}: unknown key (no {key}.{shown} in English; {hint})")
        elif not isinstance(value, str):
            mistakes.append(f"{label}.{shown}: wants text, not {toml(value)}")
        elif key == "texts":
            mistakes += [f"{label}.{shown}: {m}" for m in _library_text(name, value)]
    return mistakes


def _library_text(name: str, value: str) -> list[str]:
    found = template_mistakes(value, environment("text"))
    known = text_values(name)
    return found if found or known is None else unknown_values(value, known)


def rule_words_mistakes(
    raw: dict[str, Any], label: str, languages: tuple[str, ...], values: tuple[str, ...] | None
) -> list[str]:
    """Check one `[[rules]]` table's language sub-tables: known keys, text, sound Jinja.

    `languages`: those the profile lists (common.toml's rules: every language the bot writes);
    `values`: what the rule's texts are given (None when its kind is unknown).
    """
    mistakes = []
    for code, table in raw.items():
        if not is_language(code, table):
            continue
        if code not in languages:
            mistakes.append(f"{label}: {code}: words for a language the profile does not list")
            continue
        for key, value in table.items():
            if key not in RULE_WORDS:
                hint = choices_hint(key, RULE_WORDS)
                mistakes.append(f"{label}: {code}.{key}: unknown key ({hint})")
            elif not isinstance(value, str):
                mistakes.append(f"{label}: {code}.{key}: wants text, not {toml(value)}")
            elif key == "instead" and key not in raw:
                mistakes.append(
                    f"{label}: {code}.{key}: the rule has no {key} in English to translate"
                )
            else:
                mistakes += [f"{label}: {code}.{key}: {m}" for m in _text(value, key, values)]
    return mistakes


def _text(value: str, key: str, values: tuple[str, ...] | None) -> list[str]:
    """What is wrong with one translated text: its Jinja, and values it is never given."""
    found = template_mistakes(value, environment("text"))
    if found or values is None or key not in RULE_TEXTS:
        return found
    return unknown_values(value, values)


def rules_missing(
    rules: tuple[Rule, ...] | list[Rule], where: str, languages: tuple[str, ...]
) -> list[str]:
    """Name every word of these rules a patron may read with no words in a listed language."""
    return [m for r in rules for m in missing_words(r, f"{where}: rule {r.id}", languages)]


def needed(rule: Rule | dict[str, Any]) -> tuple[str, ...]:
    """Return which of a rule's words a patron may read: its summary stands in for a missing one.

    A rule answering questions (topics) without an `answer` is answered with its summary, and
    an informational rule shown in notices without an `explain` is explained with it.
    """
    given = rule if isinstance(rule, dict) else {k: getattr(rule, k) for k in RULE_WORDS}
    params = rule if isinstance(rule, dict) else rule.params
    topics = rule.get("topics") if isinstance(rule, dict) else rule.topics
    keys = [key for key in RULE_WORDS if given.get(key)]
    if topics and not given.get("answer"):
        keys.append("answer")
    if params.get("notices") and not given.get("explain"):
        keys.append("explain")
    return tuple(k for k in RULE_WORDS if k in keys)


def missing_words(rule: Rule | dict[str, Any], label: str, languages: tuple[str, ...]) -> list[str]:
    """Name each word of one rule a patron may read that a listed language does not give."""
    mistakes = []
    for code in languages:
        if code == ENGLISH:
            continue
        own = rule.get(code) if isinstance(rule, dict) else rule.words.get(code)
        own = own if isinstance(own, dict) else {}
        for key in needed(rule):
            if not own.get(key):
                words = f"the {NAMES.get(code, code)} for {key}, in [rules.{code}]"
                mistakes.append(f"{label}: {code}.{key}: missing ({words})")
    return mistakes


def _not_listed(where: str, label: str, code: str, data: dict[str, Any]) -> str:
    languages = toml(list(listed(data)))
    return (
        f"{where}: {label}: words for a language the profile does not list "
        f'(languages = {languages}; add "{code}" or remove them)'
    )
