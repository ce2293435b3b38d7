"""Every message a patron can be sent exists in every language a shipped profile offers."""

from __future__ import annotations

import pytest

from policy.profile import load_profiles
from templates.i18n import languages
from templates.messages import extract, problems


def _offered() -> list[str]:
    """The languages the shipped profiles list, English (the source) left out."""
    found = {
        language
        for profile in load_profiles().values()
        for language in getattr(profile, "languages", ("en",))
    }
    return sorted(found - {"en"})


POT = extract()


def test_the_sources_mark_messages_for_translation() -> None:
    # Without marks every catalogue would be trivially complete: the check would prove nothing.
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in POT if m.id}
    assert len(ids) > 200
    assert any("requested" in text for text in ids)


@pytest.mark.parametrize("language", _offered() or ["es"])
def test_every_message_has_a_translation_with_the_same_placeholders(language: str) -> None:
    assert language in languages(), f"no catalogue for {language}"
    lines = problems(language, POT)
    assert not lines, f"{len(lines)} problems, first ones:\n" + "\n".join(lines[:15])
