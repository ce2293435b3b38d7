"""The directory's optional `card` column: what card sign-in matches, one patron's per library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.importer import CsvImportError, import_patrons
from store.db import transaction
from store.models import Patron
from tests.services.sip2_server import Card
from tests.web.conftest import Browser, RunningChat

Browsers = Callable[[RunningChat], Browser]
HEADER = "id,library,category,email,name,card\n"


def load(chat: RunningChat, tmp_path: Path, rows: str) -> None:
    path = tmp_path / "patrons.csv"
    path.write_text(HEADER + rows)
    with transaction(chat.runtime.sessions) as session:
        import_patrons(session, path, chat.runtime.library.profiles)


async def test_a_card_imported_into_the_directory_signs_its_holder_in(
    web_chat: RunningChat, browsers: Browsers, tmp_path: Path
) -> None:
    assert web_chat.sip2 is not None
    web_chat.sip2.cards["21197000000888"] = Card(pin="4444", name="Lou Park", email="")
    patron = browsers(web_chat)
    assert (await patron.sign_in("21197000000888", "4444"))[0] == 403  # not in the directory yet
    load(web_chat, tmp_path, "sj-lou,sjpl,cardholder,lou@home.example,Lou Park,21197000000888\n")
    assert (await patron.sign_in("21197000000888", "4444"))[0] == 200
    _, state = await patron.get("state")
    assert state["patron"]["name"] == "Lou"


def test_one_card_number_cannot_be_two_patrons_of_a_library(
    web_chat: RunningChat, tmp_path: Path
) -> None:
    taken = "sj-lou,sjpl,cardholder,lou@home.example,Lou Park,21197000000011\n"
    with pytest.raises(CsvImportError, match=r"line 2: card is already patron sj-card's in sjpl"):
        load(web_chat, tmp_path, taken)
    load(web_chat, tmp_path, "bu-lou,bellevue,undergraduate,,Lou Park,21197000000011\n")
    with web_chat.runtime.sessions() as session:
        lou = session.get(Patron, "bu-lou")
        assert lou is not None and lou.card == "21197000000011"  # another library's: fine
        assert session.get(Patron, "sj-lou") is None  # nothing half-imported
