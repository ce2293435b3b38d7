"""A library's own material types ([material_words]): recognised in patrons' words, so a rule
about them applies, and checked when the profile loads.

material_words/riverton.jsonl is a conversation with a test library that refuses microfilm and
lends maps, loaded from a temporary profiles directory as a fourth library would be.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from handlers.library_words import with_library_words
from handlers.understand import understand
from handlers.understand.material import MATERIALS
from policy.profile import load_profiles
from policy.validate import check_files
from policy.validate_file import standard_materials
from tests.support.scenarios import run_scenario

HERE = Path(__file__).parent / "material_words"
WORDS = {
    "microfilm": ("microfilm", "microfiche", "reel"),
    "musical_score": ("score", "sheet music"),
}
LIBRARY = """
id = "riverton"
name = "Riverton Public Library"
timezone = "America/Chicago"
materials = ["book", "article", "microfilm", "map"]
{words}
"""


@pytest.fixture
def profiles_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy the test library to a temporary profiles directory the bot loads."""
    folder = tmp_path / "profiles"
    shutil.copytree(HERE / "profiles", folder)
    monkeypatch.setenv("ILLBOT_PROFILES_DIR", str(folder))
    return folder


def test_the_library_refuses_microfilm_and_lends_maps(
    database_url: str, profiles_dir: Path
) -> None:
    """Microfilm asked for in the library's words is refused by its rule; maps are requested."""
    run_scenario(HERE / "riverton.jsonl", database_url)


def test_the_profile_loads_its_words(profiles_dir: Path) -> None:
    riverton = load_profiles(profiles_dir)["riverton"]
    assert riverton.material_words["microfilm"] == ("microfilm", "microfiche", "reel")
    assert riverton.material_words["map"] == ("map", "atlas")
    assert load_profiles()["riverbend"].material_words == {}


def materials_read(text: str) -> list[tuple[str | None, str | None]]:
    reading = understand(text, today=date(2026, 3, 9))
    return [(i.title, i.material) for i in with_library_words(reading, WORDS).entities.items]


def test_each_item_of_a_list_takes_its_own_words() -> None:
    text = "get me the Riverbend Gazette for 1921 on microfilm, and the DVD of Casablanca"
    assert materials_read(text) == [
        ("Riverbend Gazette for 1921", "microfilm"),
        ("Casablanca", "media"),
    ]


def test_the_patrons_phrase_names_the_material_and_leaves_the_title() -> None:
    assert materials_read("I need the piano scores of Clair de Lune") == [
        ("Clair de Lune", "musical_score")
    ]
    assert materials_read("could you find the sheet music for Clair de Lune") == [
        ("Clair de Lune", "musical_score")
    ]


def test_a_topic_or_a_title_is_not_the_material() -> None:
    topic = "Could you get me Saving the Reels, a book on microfilm care, by Ann Lee?"
    assert [material for _, material in materials_read(topic)] == ["book"]
    assert materials_read("Could you get me Keeping Score by Ann Lee?") == [
        ("Keeping Score", "book")
    ]
    assert materials_read("can you get me the body keeps the score") == [
        ("the body keeps the score", "book")
    ]


def test_a_library_without_words_reads_as_before() -> None:
    reading = understand(
        "Could you get the microfilm of the Riverbend Gazette?", today=date(2026, 3, 9)
    )
    assert with_library_words(reading, {}) is reading
    assert reading.entities.items[0].material == "book"


def mistakes(tmp_path: Path, words: str) -> list[str]:
    path = tmp_path / "riverton.toml"
    path.write_text(LIBRARY.format(words=words), encoding="utf-8")
    return check_files([path]).mistakes


def test_words_for_every_own_material_have_no_mistakes(tmp_path: Path) -> None:
    words = '[material_words]\nmicrofilm = ["microfilm", "microfiche"]\nmap = ["map"]'
    assert mistakes(tmp_path, words) == []


def test_a_type_the_library_does_not_declare_is_named(tmp_path: Path) -> None:
    words = '[material_words]\nmicroflim = ["microfilm"]\nmicrofilm = ["reel"]\nmap = ["map"]'
    assert mistakes(tmp_path, words) == [
        "riverton.toml: material_words.microflim: not one of this library's materials "
        "(declare it in materials; did you mean 'microfilm'?)"
    ]


def test_an_own_material_with_no_words_is_named(tmp_path: Path) -> None:
    assert mistakes(tmp_path, '[material_words]\nmicrofilm = ["microfilm"]') == [
        "riverton.toml: materials: the reader cannot recognise 'map': give its words in "
        '[material_words], like map = ["map"]'
    ]


def test_words_that_are_not_a_list_or_given_twice_are_named(tmp_path: Path) -> None:
    words = '[material_words]\nmicrofilm = "microfilm"\nmap = ["map"]\nbook = ["Map"]'
    assert mistakes(tmp_path, words) == [
        "riverton.toml: material_words.microfilm: wants a list of the words patrons use, "
        'like ["microfilm", …], not "microfilm"',
        "riverton.toml: material_words.book: 'Map' is also a word for 'map' (give it to one)",
    ]


def test_the_standard_materials_are_the_ones_the_reader_knows() -> None:
    """common.toml's [vocabulary] and the reader agree, so 'no words needed' means recognised."""
    assert standard_materials() == MATERIALS
