"""Extract the messages marked for translation and check the catalogues against them.

`python -m templates.messages extract` writes templates/locale/messages.pot; `update` adds every
new message to each language's messages.po (empty, for a translator) and marks the ones whose
English changed as fuzzy; `check` lists, per language, the messages a catalogue lacks or whose
placeholders differ from the English. `make messages` runs extract and update; tests/i18n runs
the check for every language a shipped profile lists.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from templates.i18n import LOCALES, catalogue

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("bot", "handlers", "policy", "templates")
# Babel's method map: Python modules and Jinja templates, with `{% trans %}` trimmed as rendered.
METHODS = [("**.py", "python"), ("**.j2", "jinja2.ext:babel_extract")]
OPTIONS = {"**.j2": {"trimmed": "true", "extensions": "jinja2.ext.i18n"}}
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extract() -> Catalog:
    """Return every message marked in the sources, with where each is used."""
    pot = Catalog(project="illbot", fuzzy=False)
    for folder in SOURCES:
        found = extract_from_dir(
            ROOT / folder,
            METHODS,
            OPTIONS,
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            path = f"{folder}/{filename}"
            if "__pycache__" in path:
                continue
            pot.add(message, locations=[(path, lineno)], auto_comments=comments, context=context)
    return pot


def problems(language: str, pot: Catalog | None = None) -> list[str]:
    """Say, one line each, what the language's catalogue lacks or gets wrong."""
    have = catalogue(language)
    lines = []
    for message in pot or extract():
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        where = f"{message.locations[0][0]}:{message.locations[0][1]}" if message.locations else ""
        found = have.get(key)
        if found is None:
            lines.append(f"{language}: {where}: no translation of {key!r}")
            continue
        for english, own in zip(_forms(message.id), _forms(found), strict=False):
            if set(_PLACEHOLDER.findall(english)) != set(_PLACEHOLDER.findall(own)):
                lines.append(f"{language}: {where}: placeholders differ in {key!r}")
    return lines


def _forms(value: object) -> tuple[str, ...]:
    if isinstance(value, tuple | list):
        return tuple(value)
    return (str(value),)


def write_template(pot: Catalog) -> Path:
    """Write the message template every catalogue is updated from."""
    path = LOCALES / "messages.pot"
    if path.exists():
        with path.open("rb") as handle:
            old = read_po(handle)
        if {m.id for m in old if m.id} == {m.id for m in pot if m.id}:
            pot.creation_date = old.creation_date  # same messages: no date-only change to commit
    with path.open("wb") as handle:
        write_po(handle, pot, omit_header=False, sort_output=True, width=100)
    return path


def update(pot: Catalog, languages: Iterable[str]) -> list[Path]:
    """Add new messages to each language's messages.po, keeping every translation made."""
    written = []
    for language in languages:
        path = LOCALES / language / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as handle:
                po = read_po(handle, locale=language)
        else:
            po = Catalog(locale=language, project="illbot")
        po.update(pot, update_header_comment=False)
        with path.open("wb") as handle:
            write_po(handle, po, sort_output=True, width=100, ignore_obsolete=True)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    """Run `extract`, `update` or `check` (see the module's docstring)."""
    command = argv[0] if argv else "check"
    pot = extract()
    languages = [p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir()]
    if command == "extract":
        print(write_template(pot))
    elif command == "update":
        print(write_template(pot))
        for path in update(pot, languages):
            print(path)
    elif command == "check":
        lines = [line for language in languages for line in problems(language, pot)]
        print("\n".join(lines) or f"{len(pot)} messages, every catalogue complete")
        return 1 if lines else 0
    else:
        print(f"unknown command {command!r}: extract, update or check", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
