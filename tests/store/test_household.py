"""The directory's households, each library's own categories and holding statuses, and the
ledger's counts a limit asks for (sources left out, households together)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.importer import CsvImportError, import_holdings, import_patrons
from policy.decision import Counting, ItemFacts
from policy.profile import load_profiles
from store.db import transaction
from store.directory import DirectoryError, PatronRecord, add_holding, upsert_patron
from store.ledger import StoreLedger
from store.models import IllRequest, Patron

PROFILES = load_profiles()
AT = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_household_column_is_read_and_a_blank_one_is_none(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    rows = "id,library,category,household\nann,sjpl,cardholder,12 Elm St\ncy,sjpl,cardholder,\n"
    with transaction(sessions) as session:
        assert import_patrons(session, _csv(tmp_path, rows), PROFILES) == 2
    with sessions() as session:
        ann, cy = session.get(Patron, "ann"), session.get(Patron, "cy")
        assert ann is not None and ann.household == "12 Elm St"
        assert cy is not None and cy.household is None


def test_a_category_the_library_does_not_declare_is_refused_naming_its_own(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    rows = "id,library,category\nann,sjpl,cardholder\nbo,sjpl,faculty\n"
    with transaction(sessions) as session, pytest.raises(CsvImportError) as raised:
        import_patrons(session, _csv(tmp_path, rows), PROFILES)
    message = str(raised.value)
    assert "line 3" in message and "'faculty'" in message
    assert "cardholder, public" in message  # SJPL's own categories, the valid choices


def test_a_holding_status_the_library_does_not_declare_is_refused_naming_the_choices(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    rows = "library,title,status\nsjpl,Beloved,available\nsjpl,Sula,on_loan\n"
    with transaction(sessions) as session, pytest.raises(CsvImportError) as raised:
        import_holdings(session, _csv(tmp_path, rows), PROFILES)
    message = str(raised.value)
    assert "line 3" in message and "'on_loan'" in message
    assert "available, clics, missing, lost, electronic_only" in message


def test_an_unknown_library_is_named_with_the_known_ones(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, pytest.raises(DirectoryError, match="known: bellevue, johnjay"):
        add_holding(session, PROFILES, library="nowhere", title="Beloved")


def _request(session: Session, n: int, patron: str, **extra: object) -> None:
    fields: dict[str, object] = {
        "patron_id": patron, "library": "sjpl", "category": "cardholder", "material": "book",
        "item_key": f"title:book {n}", "status": "submitted", "channel": "slack",
        "created_at": AT, "recorded_on": AT.date(),
    }  # fmt: skip
    session.add(IllRequest(**{**fields, **extra}))


def _household(session: Session) -> None:
    for pid, household in (("ann", "h1"), ("ben", "h1"), ("cy", None)):
        upsert_patron(session, PatronRecord(pid, "sjpl", "cardholder", household=household))
    session.flush()


def test_a_household_is_counted_together_and_a_listed_source_is_left_out(
    sessions: sessionmaker[Session],
) -> None:
    with transaction(sessions) as session:
        _household(session)
        _request(session, 1, "ann")
        _request(session, 2, "ben", source="MOBIUS")
        _request(session, 3, "ben", source="Prospector")
        _request(session, 4, "ben", status="cancelled")
        _request(session, 5, "cy")
    with sessions() as session:
        ledger = StoreLedger(session)
        alone = Counting("ann", "sjpl")
        together = Counting("ann", "sjpl", household="h1")
        assert ledger.requests_counted(alone) == 1
        assert ledger.requests_counted(together) == 3  # the cancelled one never counts
        # Sources are compared without case: staff may type "mobius".
        left_out = Counting("ann", "sjpl", household="h1", except_sources=("mobius",))
        assert ledger.requests_counted(left_out) == 2


def test_a_count_keeps_to_its_dates_statuses_and_materials(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        _household(session)
        _request(session, 1, "ann", recorded_on=date(2026, 1, 31))
        _request(session, 2, "ann", recorded_on=date(2026, 2, 1), material="article")
        _request(session, 3, "ann", recorded_on=date(2026, 2, 28), status="returned")
    with sessions() as session:
        ledger = StoreLedger(session)
        february = Counting(
            "ann", "sjpl", recorded_from=date(2026, 2, 1), recorded_to=date(2026, 2, 28)
        )
        assert ledger.requests_counted(february) == 2
        assert ledger.requests_counted(Counting("ann", "sjpl", materials=("book",))) == 2
        assert ledger.requests_counted(Counting("ann", "sjpl", statuses=("submitted",))) == 2


@pytest.mark.parametrize(
    ("held", "asked", "status"),
    [
        (
            "The New Jim Crow",
            "The New Jim Crow: Mass Incarceration in the Age of Colorblindness",
            "clics",
        ),
        ("Evicted: Poverty and Profit in the American City", "Evicted", "available"),
        ("The New Jim Crow", "The New Jim Crow - Mass Incarceration", "clics"),
        ("The New Jim Crow", "The New Jim Crow Reader", None),  # longer, no subtitle
        ("The New Jim Crow", "The New Deal: A Modern History", None),  # a first word shared
        ("Evicted Tenants: A History", "Evicted", None),  # the held main title is longer
        ("The New Jim Crow: A Study Guide", "The New Jim Crow: Mass Incarceration", None),
    ],
)
def test_a_subtitle_on_either_side_matches_the_holding_and_near_misses_do_not(
    sessions: sessionmaker[Session], held: str, asked: str, status: str | None
) -> None:
    with transaction(sessions) as session:
        status_held = status or "clics"
        add_holding(session, PROFILES, library="johnjay", title=held, status=status_held)
    with sessions() as session:
        item = ItemFacts(material="book", item_key=f"title:{asked}", title=asked)
        assert StoreLedger(session).holding_status("johnjay", item) == status
