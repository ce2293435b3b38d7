"""A profile's languages: the library's own words in each, checked one line per missing word.

`languages = ["en", "es"]`; `[rules.es]` after a rule, `[contact.es]`, `[delivery.es]`,
`[texts.es]` beside the English. A profile listing a language gives every patron-facing word in
it; its accessors give English for a language it does not list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy.errors import ProfileError
from policy.profile import SHIPPED_DIR, load_profiles
from policy.validate import check_files

SJPL = (SHIPPED_DIR / "sjpl.toml").read_text(encoding="utf-8")
RIVERTON = """
id = "riverton"
name = "Riverton Community College Library"
timezone = "America/Denver"
languages = ["en", "es"]

[contact]
desk = "the front desk"
office = "the ILL office"

[contact.es]
desk = "el mostrador de préstamo"
office = "la oficina de préstamo interbibliotecario"

[texts]
"notices/overdue" = "{{ ref }} was due on {{ due }}. Please bring it to {{ desk }}."

[texts.es]
"notices/overdue" = "{{ ref }} venció el {{ due }}. Por favor, tráigalo a {{ desk }}."

[[rules]]
id = "riverton.limit.weekly"
check = "limit.per_week"
max = 5
summary = "Five requests a week."
explain = "You have made {{ count }} requests this week."
instead = "Ask again after {{ week_ends }}."
[rules.es]
explain = "Ya hizo {{ count }} solicitudes esta semana."
instead = "Vuelva a pedirlo después del {{ week_ends }}."
"""


def mistakes(tmp_path: Path, text: str, name: str = "riverton.toml") -> list[str]:
    """Check one profile file against the shipped common.toml."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_files([path]).mistakes


def test_sjpl_answers_in_english_and_spanish_and_the_others_in_english() -> None:
    profiles = load_profiles()
    assert profiles["sjpl"].languages == ("en", "es")
    assert {p.languages for k, p in profiles.items() if k != "sjpl"} == {("en",)}


def test_sjpls_words_in_spanish_with_the_policys_own_words_as_written() -> None:
    sjpl = load_profiles()["sjpl"]
    assert sjpl.words("es").contact["desk"] == "el mostrador de préstamo"
    assert sjpl.words("es").delivery["book"].startswith("La mayoría de los materiales llegan")
    rule = sjpl.rule("sjpl.limit.five_loans")
    assert rule.said("instead", "es") == "Devuelva uno de ellos y luego vuelva a escribirme."
    assert rule.said("instead", "en") == "Return one of them, and then ask me again."
    assert "[rules.es]" not in rule.says and rule.says.startswith("A maximum of five")


def test_a_language_not_listed_gets_the_english_words() -> None:
    sjpl, johnjay = load_profiles()["sjpl"], load_profiles()["johnjay"]
    assert sjpl.words("fr").contact["desk"] == "the circulation desk"
    assert sjpl.words(None).contact == sjpl.contact
    assert johnjay.words("es").contact == johnjay.contact
    assert sjpl.rule("sjpl.limit.five_loans").said("explain", "fr").startswith("You already")


def test_a_profile_with_every_word_in_each_language_has_no_mistakes(tmp_path: Path) -> None:
    assert mistakes(tmp_path, RIVERTON) == []


def test_a_missing_spanish_word_of_a_rule_is_one_line(tmp_path: Path) -> None:
    text = RIVERTON.replace('instead = "Vuelva a pedirlo después del {{ week_ends }}."\n', "")
    assert mistakes(tmp_path, text) == [
        "riverton.toml: rule riverton.limit.weekly: es.instead: missing "
        "(the Spanish for instead, in [rules.es])"
    ]


def test_a_rule_without_spanish_words_is_named_for_each_word(tmp_path: Path) -> None:
    text = SJPL.replace('[rules.es]\nanswer = "Puede tener como', '[rules.xx]\nanswer = "Puede')
    found = mistakes(tmp_path, text, "sjpl.toml")
    rule = "sjpl.toml: rule sjpl.limit.five_loans"
    assert f"{rule}: xx: words for a language the profile does not list" in found
    assert f"{rule}: es.explain: missing (the Spanish for explain, in [rules.es])" in found
    assert len(found) == 4  # xx, and es.answer, es.explain, es.instead missing


def test_an_unknown_key_in_a_rules_spanish_words_is_one_line(tmp_path: Path) -> None:
    text = RIVERTON.replace('explain = "Ya hizo', 'explian = "Ya hizo')
    assert mistakes(tmp_path, text) == [
        "riverton.toml: rule riverton.limit.weekly: es.explian: unknown key "
        "(did you mean 'explain'?)",
        "riverton.toml: rule riverton.limit.weekly: es.explain: missing "
        "(the Spanish for explain, in [rules.es])",
    ]


def test_a_misspelled_value_in_spanish_words_is_named(tmp_path: Path) -> None:
    text = RIVERTON.replace("después del {{ week_ends }}", "después del {{ weekends }}")
    (line,) = mistakes(tmp_path, text)
    assert line.startswith("riverton.toml: rule riverton.limit.weekly: es.instead: ")
    assert "weekends" in line


def test_a_missing_contact_word_in_spanish_is_one_line(tmp_path: Path) -> None:
    text = RIVERTON.replace('office = "la oficina de préstamo interbibliotecario"\n', "")
    assert mistakes(tmp_path, text) == [
        "riverton.toml: contact.es.office: missing (the Spanish for contact.office)"
    ]


def test_a_spanish_word_with_no_english_one_is_unknown(tmp_path: Path) -> None:
    text = RIVERTON.replace("[contact.es]\n", '[contact.es]\nregister = "Regístrese."\n')
    (line,) = mistakes(tmp_path, text)
    assert line.startswith("riverton.toml: contact.es.register: unknown key (no contact.register")


def test_a_librarys_own_text_missing_in_spanish_is_named(tmp_path: Path) -> None:
    text = RIVERTON.replace(
        '[texts.es]\n"notices/overdue" = "{{ ref }} venció', '[texts.es]\n"x" = "'
    )
    assert mistakes(tmp_path, text) == [
        'riverton.toml: texts.es."notices/overdue": missing '
        '(the Spanish for texts."notices/overdue")',
        "riverton.toml: texts.es.x: unknown key (no texts.x in English; known: notices/overdue)",
    ]


def test_words_for_a_language_not_listed_are_named(tmp_path: Path) -> None:
    text = RIVERTON.replace('languages = ["en", "es"]\n', 'languages = ["en"]\n')
    found = mistakes(tmp_path, text)
    assert found[0] == (
        "riverton.toml: contact.es: words for a language the profile does not list "
        '(languages = ["en"]; add "es" or remove them)'
    )
    assert (
        "riverton.toml: rule riverton.limit.weekly: es: words for a language the profile "
        "does not list" in found
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('languages = ["en", "fr"]', "languages: 'fr' is not a language the bot writes"),
        ('languages = "es"', 'languages: wants a list like ["en", "es"], not "es"'),
        ('languages = ["es", "es"]', "languages: a language is listed twice"),
    ],
)
def test_a_wrong_languages_list_is_named(tmp_path: Path, line: str, expected: str) -> None:
    text = RIVERTON.replace('languages = ["en", "es"]', line)
    assert any(m.startswith(f"riverton.toml: {expected}") for m in mistakes(tmp_path, text))


def test_loading_a_profile_missing_a_spanish_word_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sjpl.toml").write_text(
        SJPL.replace('desk = "el mostrador de préstamo"\n', ""), encoding="utf-8"
    )
    with pytest.raises(ProfileError, match=r"sjpl.toml: contact.es.desk: missing"):
        load_profiles(tmp_path)
