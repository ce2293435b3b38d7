"""Off-topic messages get who to ask instead, from the profile's [contact]; nothing changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from handlers.offtopic import DEFAULT_CONTACT, TOPIC_WORDS, contact_for
from handlers.understand.reading import OFFTOPIC_TOPICS
from policy.profile import load_profiles
from store.db import transaction
from store.models import Conversation, IllRequest, RequestEvent
from tests.handlers.test_policy_answer import LIBRARIES, Bot, open_bot


@pytest.fixture
def bot(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[Bot]:
    bot = open_bot(monkeypatch, sqlite_url)
    for library, category in LIBRARIES.items():
        bot.run({"type": "patron", "id": library, "library": library, "category": category})
    yield bot
    bot.sim.runtime.engine.dispose()


def test_every_topic_but_other_has_words() -> None:
    assert set(TOPIC_WORDS) == set(OFFTOPIC_TOPICS) - {"other"}


@pytest.mark.parametrize("topic", OFFTOPIC_TOPICS)
@pytest.mark.parametrize("library", LIBRARIES)
def test_every_topic_says_ill_cannot_and_who_can(bot: Bot, library: str, topic: str) -> None:
    (reply,) = bot.say(library, f"offtopic:{topic}")
    assert (reply["intent"], reply["outcome"], reply["rules"]) == ("offtopic", "answered", [])
    assert reply["entities"] == {"topic": topic}
    assert reply["text"].startswith("I only handle interlibrary loans")
    assert contact_for(load_profiles()[library].contact, topic) in reply["text"]
    assert "Hello" not in reply["text"]


def test_wifi_at_john_jay_goes_to_the_technology_helpdesk(bot: Bot) -> None:
    (reply,) = bot.say("johnjay", "offtopic:wifi")
    assert reply["text"] == (
        "I only handle interlibrary loans, so I can't help with wifi. "
        "Please ask the John Jay Technology Helpdesk (212-237-8200)."
    )


def test_the_catalog_points_to_ecatalog_and_offers_ill(bot: Bot) -> None:
    (reply,) = bot.say("bellevue", "offtopic:catalog")
    assert "eCatalog" in reply["text"]
    assert "request it from another library" in reply["text"]


def test_without_a_topic_the_general_contact_is_named(bot: Bot) -> None:
    (reply,) = bot.say("sjpl", "offtopic:")
    assert reply["entities"] == {}
    assert reply["text"] == (
        "I only handle interlibrary loans; for that, please ask "
        "staff at any St. Joseph Public Library service desk."
    )


def test_nothing_changes_in_the_store(bot: Bot) -> None:
    bot.say("sjpl", "get me ISBN 9781000001006, up to $5")

    def snapshot() -> tuple[object, ...]:
        with transaction(bot.sim.runtime.sessions) as session:
            requests = session.execute(select(IllRequest.id, IllRequest.status)).all()
            events = session.scalar(select(func.count()).select_from(RequestEvent))
            talks = session.execute(select(Conversation.state, Conversation.data)).all()
            return (sorted(requests), events, sorted(map(str, talks)))

    before = snapshot()
    assert before[0] == [(1, "submitted")]
    for topic in OFFTOPIC_TOPICS:
        (reply,) = bot.say("sjpl", f"offtopic:{topic}", at="2026-10-01T10:00")
        assert reply.get("request") is None
    assert snapshot() == before


def test_a_contact_falls_back_to_the_general_one_then_to_the_main_desk() -> None:
    contact = {"it": "the IT desk", "desk": "the front desk", "general": "the main office"}
    assert contact_for(contact, "wifi") == "the IT desk"
    assert contact_for(contact, "fines_local") == "the front desk"
    assert contact_for(contact, "parking") == "the main office"
    assert contact_for({"parking": "Campus Parking"}, "parking") == "Campus Parking"
    assert contact_for({}, None) == DEFAULT_CONTACT
