"""Check a profile file's top-level keys and values: names, types, categories, texts."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from policy.errors import ProfileError
from policy.hours import parse_hours
from policy.profile import COMMON_FILE, SHIPPED_DIR, parse_digest_at, parse_region, read_toml
from policy.profile_languages import is_language
from policy.validate_words import choices_hint, template_mistakes, toml
from templates import HERE as TEMPLATES
from templates import environment

# A profile's top-level keys and what each wants.
TOP_KEYS = {
    "id": "text", "name": "text", "timezone": "text", "source": "text",
    "retention_days": "a number of days", "digest_at": 'a time like "08:30"',
    "region": 'a region like "US-NE"', "sending_hours": 'two times like ["08:00", "20:00"]',
    "contact": "a table of text", "delivery": "a table of text",
    "categories": "tables like [categories.faculty]", "materials": "a list of material types",
    "holding_statuses": "a list of holding statuses", "texts": "a table of text",
    "material_words": 'words for each material type, like microfilm = ["microfilm", "microfiche"]',
    "terms": 'a term calendar, like [["Spring", "01-01", "05-15"], …]', "rules": "[[rules]] tables",
    "web": 'the web chat\'s colours, like [web] primary = "#1f4e79"',
    "languages": 'the languages patrons are answered in, like ["en", "es"]',
}  # fmt: skip
COMMON_KEYS = {"vocabulary": "a table", "rules": "[[rules]] tables"}
CATEGORY_KEYS = {"words": str, "academic_records": bool, "billed_through": str}


def unknown_keys(data: dict[str, Any], known: dict[str, str], where: str) -> list[str]:
    """Name every key that is not a known one, with the known key it may be a misspelling of."""
    mistakes = []
    for key in data:
        if key in known:
            continue
        if key == "rule" and "rules" in known:
            count = len(data[key]) if isinstance(data[key], list) else 1
            mistakes.append(
                f"{where}: rule: unknown key: write [[rules]], not [[rule]] (as written, "
                f"{count} rule{'s' if count != 1 else ''} would be silently dropped)"
            )
            continue
        mistakes.append(f"{where}: {key}: unknown key ({choices_hint(key, known)})")
    return mistakes


def _suggested(data: dict[str, Any], known: dict[str, str]) -> set[str]:
    """The known keys an unknown key looks like a misspelling of (not reported as missing)."""
    hints = (choices_hint(k, known) for k in data if k not in known)
    return {h.split("'")[1] for h in hints if h.startswith("did you mean")}


def top_values(data: dict[str, Any], where: str) -> list[str]:
    """Check the profile's own values: id, name, time zone, retention, contact, hours …"""
    mistakes = []
    misspelled = _suggested(data, TOP_KEYS)
    for key in ("id", "name", "timezone"):
        if key not in data and key not in misspelled:
            mistakes.append(f"{where}: {key}: missing (text)")
    for key in ("id", "name", "timezone", "source"):
        if key in data and not isinstance(data[key], str):
            mistakes.append(f"{where}: {key}: wants text, not {toml(data[key])}")
    if isinstance(data.get("id"), str) and not re.fullmatch(r"[a-z][a-z0-9_-]*", data["id"]):
        mistakes.append(
            f'{where}: id: wants a short lowercase name like "riverton", not {toml(data["id"])}'
        )
    if isinstance(data.get("timezone"), str):
        try:
            ZoneInfo(data["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            zone = toml(data["timezone"])
            mistakes.append(f'{where}: timezone: unknown time zone {zone} (like "America/Chicago")')
    days = data.get("retention_days", 90)
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        mistakes.append(f"{where}: retention_days: wants a number of days, not {toml(days)}")
    for key in ("contact", "delivery"):
        value = data.get(key, {})
        if not isinstance(value, dict) or not all(
            isinstance(v, str) or is_language(k, v) for k, v in value.items()
        ):
            mistakes.append(f"{where}: {key}: wants a table of text, not {toml(value)}")
    if not isinstance(data.get("rules", []), list):
        mistakes.append(f"{where}: rules: wants [[rules]] tables, not a single [rules] table")
    mistakes += _parsed_values(data, where)
    return mistakes


def _parsed_values(data: dict[str, Any], where: str) -> list[str]:
    """The keys profile.py already reads strictly: its one-line reasons, collected."""
    mistakes = []
    for key, parse in (
        ("sending_hours", parse_hours),
        ("digest_at", parse_digest_at),
        ("region", parse_region),
    ):
        try:
            parse(data.get(key), where)
        except ProfileError as exc:
            mistakes.append(str(exc))
    return mistakes


def vocabulary_mistakes(data: dict[str, Any], where: str) -> list[str]:
    """Check declared materials, holding statuses and `[categories.NAME]` tables."""
    mistakes = []
    for key, example in (("materials", '["book", "article"]'), ("holding_statuses", '["missing"]')):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            words = TOP_KEYS[key]
            mistakes.append(f"{where}: {key}: wants {words}, like {example}, not {toml(value)}")
    mistakes += material_words_mistakes(data, where)
    categories = data.get("categories", {})
    if not isinstance(categories, dict):
        return [
            *mistakes,
            f"{where}: categories: wants tables like [categories.faculty], not {toml(categories)}",
        ]
    for name, table in categories.items():
        if not isinstance(table, dict):
            wanted_table = f"a table like [categories.{name}]"
            mistakes.append(f"{where}: categories.{name}: wants {wanted_table}, not {toml(table)}")
            continue
        for key, value in table.items():
            wanted = CATEGORY_KEYS.get(key)
            if wanted is None:
                hint = choices_hint(key, CATEGORY_KEYS)
                mistakes.append(f"{where}: categories.{name}.{key}: unknown key ({hint})")
            elif not isinstance(value, wanted):
                words = "true or false" if wanted is bool else "text"
                mistakes.append(
                    f"{where}: categories.{name}.{key}: wants {words}, not {toml(value)}"
                )
    return mistakes


def template_names(folder: str) -> tuple[str, ...]:
    """Return the shipped templates of a folder (notices, replies), by name."""
    files = (TEMPLATES / folder).glob("*.txt.j2")
    return tuple(
        sorted(p.name.removesuffix(".txt.j2") for p in files if not p.name.startswith("_"))
    )


def texts_mistakes(texts: Any, where: str) -> list[str]:
    """Check `[texts]`: keys naming a notice or a shipped reply, values that are sound Jinja."""
    if not isinstance(texts, dict):
        return [
            f'{where}: texts: wants a table like [texts] "notices/overdue" = "…", not {toml(texts)}'
        ]
    mistakes = []
    replies = template_names("replies")
    for key, value in texts.items():
        if is_language(key, value):
            continue  # [texts.es]: policy/validate_languages.py
        label = f'{where}: texts."{key}"'
        folder, _, name = key.partition("/")
        if folder == "replies" and name not in replies:
            mistakes.append(f"{label}: unknown reply '{name}' ({choices_hint(name, replies)})")
        elif folder not in ("notices", "replies") or not re.fullmatch(r"[a-z0-9_]+", name):
            mistakes.append(
                f'{label}: unknown key (keys look like "notices/overdue" or "replies/{replies[0]}")'
            )
        if not isinstance(value, str):
            mistakes.append(f"{label}: wants text, not {toml(value)}")
            continue
        mistakes += [f"{label}: {m}" for m in template_mistakes(value, environment("text"))]
    return mistakes


@cache
def standard_materials() -> tuple[str, ...]:
    """Return the material types the message reader knows: common.toml's [vocabulary]."""
    vocabulary = read_toml(SHIPPED_DIR / COMMON_FILE).get("vocabulary", {})
    return tuple(vocabulary.get("materials", ()))


def material_words_mistakes(data: dict[str, Any], where: str) -> list[str]:
    """Check `[material_words]`: each key a declared material, each value a list of words.

    A declared material the reader does not know and that has no words is a mistake too: no
    message could ever be read as one, so a rule about it would never apply.
    """
    table = data.get("material_words", {})
    declared = data.get("materials", list(standard_materials()))
    declared = [m for m in declared if isinstance(m, str)] if isinstance(declared, list) else []
    if not isinstance(table, dict):
        wanted = TOP_KEYS["material_words"]
        return [f"{where}: material_words: wants {wanted}, not {toml(table)}"]
    mistakes: list[str] = []
    seen: dict[str, str] = {}
    for material, words in table.items():
        label = f"{where}: material_words.{material}"
        if material not in declared:
            hint = choices_hint(material, declared)
            mistakes.append(
                f"{label}: not one of this library's materials (declare it in materials; {hint})"
            )
        if not (isinstance(words, list) and words and all(_word(w) for w in words)):
            example = f'["{material}", …]'
            mistakes.append(
                f"{label}: wants a list of the words patrons use, like {example}, not {toml(words)}"
            )
            continue
        for word in words:
            other = seen.setdefault(word.strip().lower(), material)
            if other != material:
                mistakes.append(f"{label}: '{word}' is also a word for '{other}' (give it to one)")
    for material in declared:
        if material not in standard_materials() and material not in table:
            mistakes.append(
                f"{where}: materials: the reader cannot recognise '{material}': give its words "
                f'in [material_words], like {material} = ["{material}"]'
            )
    return mistakes


def _word(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
