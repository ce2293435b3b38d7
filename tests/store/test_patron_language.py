"""The directory's `language` column: stored per patron (migration 0011), checked on import."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session, sessionmaker

from bot.console import DEMO
from bot.importer import CsvImportError, import_patrons
from policy.profile import load_profiles
from store.db import alembic_config, transaction
from store.models import Patron

PROFILES = load_profiles()
HEADER = "id,library,category,email,language\n"


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "patrons.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_language_is_stored_and_an_empty_one_is_not_known(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    rows = HEADER + "lucia,sjpl,cardholder,lucia@x.example,es\npat,sjpl,cardholder,,\n"
    with transaction(sessions) as session:
        assert import_patrons(session, _csv(tmp_path, rows), PROFILES) == 2
    with sessions() as session:
        lucia, pat = session.get(Patron, "lucia"), session.get(Patron, "pat")
        assert lucia is not None and lucia.language == "es"
        assert pat is not None and pat.language is None


def test_a_file_without_the_column_leaves_languages_as_they_are(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    with transaction(sessions) as session:
        import_patrons(session, _csv(tmp_path, HEADER + "lucia,sjpl,cardholder,,es\n"), PROFILES)
    again = "id,library,category,name\nlucia,sjpl,cardholder,Lucía Hernández\n"
    with transaction(sessions) as session:
        import_patrons(session, _csv(tmp_path, again), PROFILES)
    with sessions() as session:
        lucia = session.get(Patron, "lucia")
        assert lucia is not None and (lucia.name, lucia.language) == ("Lucía Hernández", "es")


@pytest.mark.parametrize(
    ("row", "refused"),
    [
        ("bo,sjpl,cardholder,,fr", "language 'fr' is not one sjpl answers in (en, es)"),
        ("bo,johnjay,faculty,,es", "language 'es' is not one johnjay answers in (en)"),
    ],
)
def test_a_language_the_library_does_not_answer_in_is_refused_naming_the_line(
    tmp_path: Path, sessions: sessionmaker[Session], row: str, refused: str
) -> None:
    path = _csv(tmp_path, HEADER + "ann,sjpl,cardholder,,es\n" + row + "\n")
    with pytest.raises(CsvImportError) as raised, transaction(sessions) as session:
        import_patrons(session, path, PROFILES)
    assert str(raised.value) == f"{path}: line 3: {refused}"
    with sessions() as session:
        assert session.get(Patron, "ann") is None  # nothing half-imported


def test_the_demo_directory_has_a_spanish_speaking_sjpl_patron(
    sessions: sessionmaker[Session],
) -> None:
    with transaction(sessions) as session:
        import_patrons(session, DEMO / "patrons.csv", PROFILES)
    with sessions() as session:
        spanish = [p for p in session.query(Patron).all() if p.language is not None]
        assert [(p.library, p.language) for p in spanish] == [("sjpl", "es")]


def test_the_language_column_comes_off_and_back_on(engine: Engine) -> None:
    config = alembic_config(engine)
    command.downgrade(config, "0010")
    assert "language" not in {c["name"] for c in inspect(engine).get_columns("patrons")}
    command.upgrade(config, "head")
    columns = {c["name"]: c for c in inspect(engine).get_columns("patrons")}
    assert columns["language"]["nullable"]
