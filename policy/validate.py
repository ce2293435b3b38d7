"""Check profile files thoroughly: every mistake on its own line, naming file, rule and key.

`check_profiles` checks the shipped profiles and a profiles directory, `check_files` any files
(each against the shipped common.toml); both return what loaded, every mistake and which files
replace a shipped profile. `policy.profile.load_profiles` refuses any mistake (ProfileError).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policy import engine  # noqa: F401  (every check kind is defined once its module is imported)
from policy.errors import ProfileError
from policy.params import REQUEST_STATUSES
from policy.profile import (
    COMMON_FILE,
    SHIPPED_DIR,
    WEB_COLOURS,
    Profile,
    Rule,
    parse_profile,
    read_toml,
)
from policy.text_values import value_mistakes
from policy.validate_file import (
    COMMON_KEYS,
    TOP_KEYS,
    template_names,
    texts_mistakes,
    top_values,
    unknown_keys,
    vocabulary_mistakes,
)
from policy.validate_languages import (
    languages_mistakes,
    listed,
    rules_missing,
    words_mistakes,
)
from policy.validate_rule import Vocabulary, check_rule
from policy.validate_web import web_mistakes
from policy.validate_words import calendar_mistakes, toml
from templates import environment
from templates.i18n import languages as written_languages

SHARED = "rules every library shares"


@dataclass(frozen=True)
class FileCheck:
    """One file's verdict: its mistakes, or the profile it holds."""

    path: Path
    mistakes: tuple[str, ...]
    profile: Profile | None = None  # None for common.toml, and for a file with mistakes
    own_rules: int = 0


@dataclass(frozen=True)
class Checked:
    """What a check found in every file, and which files replace a shipped profile."""

    files: tuple[FileCheck, ...]
    notes: tuple[str, ...]  # "sjpl.toml in /x replaces the shipped profile 'sjpl'"

    @property
    def mistakes(self) -> list[str]:
        """Return every mistake, one line each, file by file."""
        return [line for f in self.files for line in f.mistakes]

    @property
    def profiles(self) -> dict[str, Profile]:
        """Return the profiles that loaded, by id; a later file replaces an earlier one."""
        return {f.profile.id: f.profile for f in self.files if f.profile is not None}


@dataclass(frozen=True)
class Common:
    """common.toml: the vocabulary and rules every profile starts from."""

    data: dict[str, Any]
    rules: tuple[Rule, ...]
    check: FileCheck


def check_profiles(extra_dir: Path | None = None) -> Checked:
    """Check the shipped profiles, then those in `extra_dir`, which add or replace by id."""
    shipped = sorted(p for p in SHIPPED_DIR.glob("*.toml") if p.name != COMMON_FILE)
    extra: list[Path] = []
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise ProfileError(f"profiles directory not found: {extra_dir}")
        extra = sorted(extra_dir.glob("*.toml"))
    common = read_common(SHIPPED_DIR / COMMON_FILE)
    files, notes = [common.check], []
    owners: dict[str, Path] = {}
    for path in [*shipped, *extra]:
        checked, profile_id = _check_path(path, common)
        owner = owners.get(profile_id) if profile_id else None
        if owner is not None and owner.parent == SHIPPED_DIR and path.parent != SHIPPED_DIR:
            notes.append(
                f"{path.name} in {path.parent} replaces the shipped profile '{profile_id}'"
            )
        elif owner is not None:
            also = f"{path.name}: id: '{profile_id}' is also the id of {owner} (one file a library)"
            checked = replace(checked, mistakes=(*checked.mistakes, also), profile=None)
        if profile_id:
            owners[profile_id] = path
        files.append(checked)
    return Checked(tuple(files), tuple(notes))


def check_files(paths: list[Path]) -> Checked:
    """Check each file as a profile (common.toml as the shared rules) against common.toml."""
    common = read_common(SHIPPED_DIR / COMMON_FILE)
    files = [common.check if common.check.mistakes else None]
    for path in paths:
        if path.name == COMMON_FILE:
            files.append(read_common(path).check)
        elif not path.is_file():
            files.append(FileCheck(path, (f"{path}: no such file",)))
        else:
            files.append(_check_path(path, common)[0])
    return Checked(tuple(f for f in files if f is not None), ())


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    try:
        return read_toml(path), None
    except ProfileError as exc:
        return None, str(exc)


def read_common(path: Path) -> Common:
    """Check common.toml: its vocabulary and the rules every profile gets."""
    data, unreadable = _read(path)
    if data is None:
        return Common({}, (), FileCheck(path, (str(unreadable),)))
    where = path.name
    mistakes = unknown_keys(data, COMMON_KEYS, where)
    vocabulary = data.get("vocabulary", {})
    if not isinstance(vocabulary, dict):
        mistakes.append(f"{where}: vocabulary: wants a table, not {toml(vocabulary)}")
        vocabulary = {}
    known = {"categories": "tables", "materials": "a list", "holding_statuses": "a list"}
    mistakes += unknown_keys(vocabulary, known, f"{where}: vocabulary")
    mistakes += vocabulary_mistakes(vocabulary, f"{where}: vocabulary")
    vocab = replace(
        _vocab(where, vocabulary, {}, {"vocabulary": vocabulary}),
        languages=written_languages(),
        translated=False,
    )
    rules, rule_mistakes = _rules(data, vocab)
    rule_mistakes += value_mistakes(data, where)  # values its texts name that they never get
    check = FileCheck(path, tuple(mistakes + rule_mistakes), own_rules=len(rules))
    return Common(data, tuple(rules), check)


def _check_path(path: Path, common: Common) -> tuple[FileCheck, str | None]:
    data, unreadable = _read(path)
    if data is None:
        return FileCheck(path, (str(unreadable),)), None
    mistakes, profile = check_data(data, path.name, common)
    own = len(data.get("rules", [])) if isinstance(data.get("rules"), list) else 0
    profile_id = data.get("id") if isinstance(data.get("id"), str) else None
    return FileCheck(path, tuple(mistakes), profile, own), profile_id


def check_data(
    data: dict[str, Any], where: str, common: Common
) -> tuple[list[str], Profile | None]:
    """Check one parsed profile file; return its mistakes, or the profile ready to use."""
    mistakes = unknown_keys(data, TOP_KEYS, where)
    mistakes += top_values(data, where)
    mistakes += vocabulary_mistakes(data, where)
    mistakes += texts_mistakes(data.get("texts", {}), where)
    mistakes += web_mistakes(data, where, WEB_COLOURS)
    mistakes += languages_mistakes(data, where)
    mistakes += words_mistakes(data, where)
    if "terms" in data:
        mistakes += [f"{where}: terms: {m}" for m in calendar_mistakes(data["terms"])]
    vocab = replace(_vocab(where, data, data.get("texts", {}), common.data), languages=listed(data))
    rules, rule_mistakes = _rules(data, vocab)
    mistakes += rule_mistakes
    # Every rule a patron of this library may be told, in each language it lists.
    mistakes += rules_missing(common.rules, COMMON_FILE, listed(data))
    mistakes += value_mistakes(data, where)  # values its texts name that they are never given
    ids = [r.id for r in (*common.rules, *rules)]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        mistakes.append(f"{where}: rule ids defined twice: {', '.join(twice)}")
    if mistakes:
        return mistakes, None
    try:
        profile = parse_profile(data, list(common.rules), where, common.data)
    except ProfileError as exc:
        return [str(exc)], None
    return [], replace(profile, rules=(*common.rules, *rules))


def _names(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _vocab(where: str, data: dict[str, Any], texts: Any, common: dict[str, Any]) -> Vocabulary:
    """The names this profile's rules may use: its own, else common.toml's [vocabulary]."""
    shared = common.get("vocabulary", {}) if isinstance(common.get("vocabulary"), dict) else {}
    categories = data.get("categories", shared.get("categories", {}))
    own = tuple(f"notices/{n}" for n in template_names("notices"))
    texts = tuple(texts) if isinstance(texts, dict) else ()
    notices = tuple(k.removeprefix("notices/") for k in (*own, *texts) if k.startswith("notices/"))
    terms = data.get("terms", [])
    return Vocabulary(
        where=where,
        names={
            "categories": tuple(categories) if isinstance(categories, dict) else (),
            "materials": _names(data.get("materials", shared.get("materials", []))),
            "holding_statuses": _names(
                data.get("holding_statuses", shared.get("holding_statuses", []))
            ),
            "request_statuses": REQUEST_STATUSES,
            "notices": tuple(dict.fromkeys(notices)),
        },
        terms=tuple(tuple(t) for t in terms if isinstance(t, list))
        if isinstance(terms, list)
        else (),
        env=environment("text"),
    )


def _rules(data: dict[str, Any], vocab: Vocabulary) -> tuple[list[Rule], list[str]]:
    raw = data.get("rules", [])
    rules, mistakes = [], []
    for number, table in enumerate(raw if isinstance(raw, list) else [], start=1):
        found, rule = check_rule(table, number, vocab)
        mistakes += found
        if rule is not None:
            rules.append(rule)
    return rules, mistakes
