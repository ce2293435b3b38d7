"""Library profiles: one TOML data file per library, loaded into typed objects."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from policy.errors import ProfileError
from policy.hours import DEFAULT_HOURS, parse_hours
from policy.profile_languages import (
    ENGLISH,
    LibraryWords,
    is_language,
    language_tables,
    own_words,
    parse_languages,
    translations,
)

SHIPPED_DIR = Path(__file__).parent / "profiles"
COMMON_FILE = "common.toml"

# What a patron's question about the rules may be about; a rule's `topics` name the questions it
# answers (handlers/policy_answer.py). Kept equal to handlers.understand.reading.POLICY_TOPICS.
TOPICS = (
    "limit", "cost", "loan_period", "renewal", "delivery_time", "pickup", "overdue",
    "eligibility", "materials", "owe",
)  # fmt: skip


@dataclass(frozen=True)
class Rule:
    """One written policy rule: its stable id, the check that enforces it, and its words."""

    id: str
    check: str
    summary: str
    says: str = ""  # the policy's own wording, quoted to patrons who ask "why?"
    explain: str = ""  # what the patron is told when the rule applies
    instead: str = ""  # what the patron can do instead
    params: dict[str, Any] = field(default_factory=dict)
    topics: tuple[str, ...] = ()  # questions it answers ("is there a limit?": limit); main first
    answer: str = ""  # its plain words for such a question, when the summary is for staff
    effect: str = ""  # refuse, warn, hold or inform (policy/kinds.py); "" = the kind's default
    # `[rules.es]`: its patron-facing words (explain, instead, answer) in other languages.
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    def said(self, key: str, language: str) -> str:
        """Return its `explain`, `instead` or `answer` in a language, else as written."""
        own = self.words.get(language, {}).get(key, "")
        return own or str(getattr(self, key))


# The web chat's colours when a profile gives none: a neutral dark blue, white text on it.
WEB_COLOURS = {"primary": "#1f3a5f", "on_primary": "#ffffff", "accent": "#b3261e"}


@dataclass(frozen=True)
class Category:
    """A patron category a library declares, and what it means for notices and bills."""

    name: str
    words: str = ""  # how to say it to a patron ("community user"); the name when empty
    academic_records: bool = False  # grades and transcripts exist that an academic hold can hold
    billed_through: str = ""  # "through your Student Accounts (University) account"


@dataclass(frozen=True)
class Profile:
    """A library's ILL policy as data."""

    id: str
    name: str
    timezone: ZoneInfo
    contact: dict[str, str]
    delivery: dict[str, str]
    rules: tuple[Rule, ...]
    retention_days: int = 90
    sending_hours: tuple[time, time] = DEFAULT_HOURS  # library-local; notices wait for them
    digest_at: time | None = None  # library-local time of the staff channel's daily digest
    region: str | None = None  # "US-NE": whose public holidays "by Labor Day" means
    # The library's own vocabulary: common.toml's [vocabulary] unless it declares its own.
    categories: dict[str, Category] = field(default_factory=dict)
    materials: tuple[str, ...] = ()
    holding_statuses: tuple[str, ...] = ()
    # [material_words]: the words patrons use for the library's own material types, by type
    # ("microfilm": ("microfilm", "microfiche")); the reader knows only the standard ones.
    material_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # "notices/overdue": the library's words
    terms: tuple[tuple[str, str, str], ...] = ()  # [name, "MM-DD", "MM-DD"]: the term calendar
    source: str = ""  # the file it was read from (messages name it)
    # [web]: the web chat's colours (primary, on_primary, accent), checked by policy/validate_web.
    web: dict[str, str] = field(default_factory=lambda: dict(WEB_COLOURS))
    # The languages patrons are answered in, the library's default first; `[contact.es]`,
    # `[delivery.es]` and `[texts.es]` hold its words in each language other than English.
    languages: tuple[str, ...] = (ENGLISH,)
    translations: dict[str, LibraryWords] = field(default_factory=dict)
    # rules_checking's answers: asked thousands of times a pass, the rules never change.
    # init=False: dataclasses.replace() starts the copy with an empty one.
    _by_prefix: dict[str, tuple[Rule, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    # words()' answers, by language: several times a turn, and the words never change either.
    _words: dict[str | None, LibraryWords] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def speaks(self, language: str | None) -> bool:
        """Tell whether patrons may be answered in this language here."""
        return language in self.languages

    def words(self, language: str | None) -> LibraryWords:
        """Return the library's words in a language it lists, each missing one in English."""
        found = self._words.get(language)
        if found is None:
            found = self._words[language] = self._words_in(language)
        return found

    def _words_in(self, language: str | None) -> LibraryWords:
        english = LibraryWords(self.contact, self.delivery, self.texts)
        own = self.translations.get(language or ENGLISH) if self.speaks(language) else None
        if own is None:
            return english
        return LibraryWords(
            {**self.contact, **own.contact},
            {**self.delivery, **own.delivery},
            {**self.texts, **own.texts},
        )

    def rule(self, rule_id: str) -> Rule:
        """Return the rule with this id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def rules_checking(self, prefix: str) -> tuple[Rule, ...]:
        """Return the rules whose check kind starts with `prefix`, in file order."""
        found = self._by_prefix.get(prefix)
        if found is None:
            found = tuple(r for r in self.rules if r.check.startswith(prefix))
            self._by_prefix[prefix] = found
        return found

    def rules_on(self, topic: str) -> tuple[Rule, ...]:
        """Return the rules answering questions on a topic, main ones first, then file order.

        A rule's first topic is its main one; the library's own rules come before common ones.
        """
        about = [r for r in self.rules if topic in r.topics]
        return tuple(
            sorted(about, key=lambda r: (not r.id.startswith(f"{self.id}."), r.topics.index(topic)))
        )


RULE_KEYS = {
    "id", "check", "summary", "says", "explain", "instead", "topics", "answer", "effect",
}  # fmt: skip


def _rule(raw: dict[str, Any], where: str) -> Rule:
    for key in ("id", "check", "summary"):
        if not isinstance(raw.get(key), str):
            raise ProfileError(f"{where}: a rule lacks the text field '{key}'")
    if not isinstance(raw.get("answer", ""), str):
        raise ProfileError(f"{where}: rule {raw['id']}: answer must be text")
    params = {k: v for k, v in raw.items() if k not in RULE_KEYS and not is_language(k, v)}
    return Rule(
        id=raw["id"],
        check=raw["check"],
        summary=raw["summary"].strip(),
        says=raw.get("says", "").strip(),
        explain=raw.get("explain", "").strip(),
        instead=raw.get("instead", "").strip(),
        params=params,
        topics=parse_topics(raw.get("topics", []), f"{where}: rule {raw['id']}"),
        answer=raw.get("answer", "").strip(),
        effect=str(raw.get("effect", "")),
        words=language_tables(raw),
    )


def parse_topics(value: Any, where: str) -> tuple[str, ...]:
    """Read a rule's `topics = ["limit", …]`; a topic not in TOPICS is a mistake, named."""
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ProfileError(f'{where}: topics must be a list of names like ["limit"]')
    unknown = [t for t in value if t not in TOPICS]
    if unknown:
        raise ProfileError(
            f"{where}: topics: unknown topic '{unknown[0]}' (known: {', '.join(TOPICS)})"
        )
    return tuple(value)


def read_toml(path: Path) -> dict[str, Any]:
    """Read a profile file's TOML; a syntax error names the file and the line."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path.name}: {exc}") from exc


def parse_categories(value: Any, where: str) -> dict[str, Category]:
    """Read `[categories.NAME]` tables (words, academic_records, billed_through)."""
    if not isinstance(value, dict):
        raise ProfileError(f"{where}: categories must be tables like [categories.faculty]")
    found: dict[str, Category] = {}
    for name, raw in value.items():
        raw = raw if isinstance(raw, dict) else {}
        found[name] = Category(
            name=name,
            words=str(raw.get("words", "")),
            academic_records=bool(raw.get("academic_records", False)),
            billed_through=str(raw.get("billed_through", "")),
        )
    return found


def _vocabulary(data: dict[str, Any], common: dict[str, Any], where: str) -> dict[str, Any]:
    """The library's categories, materials and holding statuses: its own, else common.toml's."""
    shared = common.get("vocabulary", {})
    return {
        "categories": parse_categories(data.get("categories", shared.get("categories", {})), where),
        "materials": tuple(data.get("materials", shared.get("materials", ()))),
        "holding_statuses": tuple(data.get("holding_statuses", shared.get("holding_statuses", ()))),
        "material_words": {
            str(material): tuple(str(w) for w in words)
            for material, words in data.get("material_words", {}).items()
        },
        "texts": own_words(data.get("texts", {})),
        "terms": tuple(tuple(t) for t in data.get("terms", ())),
    }


def parse_profile(
    data: dict[str, Any],
    common: list[Rule],
    where: str,
    common_data: dict[str, Any] | None = None,
) -> Profile:
    """Build a profile from parsed TOML, adding the rules every library shares."""
    for key in ("id", "name", "timezone"):
        if not isinstance(data.get(key), str):
            raise ProfileError(f"{where}: missing '{key}'")
    try:
        zone = ZoneInfo(data["timezone"])
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ProfileError(f"{where}: unknown time zone '{data['timezone']}'") from exc
    own = [_rule(r, where) for r in data.get("rules", [])]
    languages = parse_languages(data.get("languages"), where)
    ids = [r.id for r in common + own]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ProfileError(f"{where}: rule ids defined twice: {', '.join(duplicated)}")
    return Profile(
        id=data["id"],
        name=data["name"],
        timezone=zone,
        contact=own_words(data.get("contact", {})),
        delivery=own_words(data.get("delivery", {})),
        rules=tuple(common + own),
        retention_days=int(data.get("retention_days", 90)),
        sending_hours=parse_hours(data.get("sending_hours"), where),
        digest_at=parse_digest_at(data.get("digest_at"), where),
        region=parse_region(data.get("region"), where),
        source=where,
        web=_web(data.get("web")),
        languages=languages,
        translations=translations(data, languages),
        **_vocabulary(data, common_data or {}, where),
    )


def _web(value: Any) -> dict[str, str]:
    """The web chat's colours: the profile's `[web]` over the defaults (validate_web checks)."""
    given = value if isinstance(value, dict) else {}
    return {**WEB_COLOURS, **{k: str(v) for k, v in given.items() if k in WEB_COLOURS}}


def parse_region(value: Any, where: str) -> str | None:
    """Read `region = "US-NE"` (country, then state, as ISO 3166); None when absent."""
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?", value):
        raise ProfileError(f'{where}: region must look like "US" or "US-NE", not {value!r}')
    return value


def parse_digest_at(value: Any, where: str) -> time | None:
    """Read `digest_at = "08:30"` (the staff digest's library-local time); None when absent."""
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value.strip()) != 5:
            raise ValueError(value)
        return time.fromisoformat(value.strip())
    except ValueError:
        raise ProfileError(
            f'{where}: digest_at must be a time of day like "08:30", not {value!r}'
        ) from None


def load_profiles(extra_dir: Path | None = None) -> dict[str, Profile]:
    """Load the shipped profiles, then those in `extra_dir`, which add or override by id.

    Every file is validated first (policy/validate.py): one ProfileError holds every mistake,
    one line each, and a profile comes back with its rules' defaults filled in.
    """
    # Imported here: validate.py imports the engine, whose checks import this module.
    from policy.validate import check_profiles

    checked = check_profiles(extra_dir)
    if checked.mistakes:
        raise ProfileError("\n".join(checked.mistakes))
    return checked.profiles
