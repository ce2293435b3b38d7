"""Rule questions are answered from the patron's library profile: plain words, quote, rule id."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import handlers.core as core
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.sim import Simulator
from handlers import offtopic, policy_answer
from handlers.understand import understand
from handlers.understand.reading import POLICY_TOPICS, Entities, Reading
from policy.errors import ProfileError
from policy.profile import TOPICS, load_profiles
from tests.policy.test_profiles import FOURTH
from tests.support.scenarios import parse, run_scenario

LIBRARIES = {"johnjay": "faculty", "sjpl": "cardholder", "bellevue": "undergraduate"}


class Bot:
    """The whole bot through `illbot sim`; "policy:limit" is read as that question."""

    def __init__(self, runtime: Runtime) -> None:
        self.sim = Simulator(runtime)

    def run(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        out = io.StringIO()
        self.sim.run([json.dumps(e) for e in events], out, last=False)
        return [json.loads(line) for line in out.getvalue().splitlines()]

    def say(self, patron: str, text: str, at: str = "2026-10-01T09:00") -> list[dict[str, Any]]:
        replies = self.run({"type": "message", "at": at, "from": patron, "text": text})
        return [o for o in replies if o.get("kind") == "reply"]


def staff(at: str, action: str, ref: str, amount: float | None = None) -> dict[str, Any]:
    """A staff event: what ILL staff recorded about a request."""
    event: dict[str, Any] = {"type": "staff", "at": at, "action": action, "request": ref}
    return event if amount is None else {**event, "amount": amount}


def read_topic(text: str, *, today: date, **kwargs: Any) -> Reading:
    """Stand in for the reader: "policy:limit", "offtopic:wifi", "policy:" (no topic)."""
    intent, _, topic = text.partition(":")
    if intent in ("policy", "offtopic") and ":" in text:
        return Reading(intent, Entities(topic=topic or None), text=text)
    return understand(text, today=today, **kwargs)


Reader = Callable[..., Reading]


def wire(monkeypatch: pytest.MonkeyPatch, reader: Reader = read_topic) -> None:
    """Read messages with a stand-in reader; the core answers them with its own handlers."""
    assert core.HANDLERS["policy"] is policy_answer.handle
    assert core.HANDLERS["offtopic"] is offtopic.handle
    monkeypatch.setattr(core, "understand", reader)


def open_bot(monkeypatch: pytest.MonkeyPatch, url: str, profiles: Path | None = None) -> Bot:
    """Wire the handlers and open a bot on a fresh store."""
    wire(monkeypatch)
    settings = load_settings().model_copy(update={"profiles_dir": profiles})
    return Bot(open_runtime(settings, url))


@pytest.fixture
def bot(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[Bot]:
    bot = open_bot(monkeypatch, sqlite_url)
    for library, category in LIBRARIES.items():
        bot.run({"type": "patron", "id": library, "library": library, "category": category})
    yield bot
    bot.sim.runtime.engine.dispose()


def test_the_profile_topics_are_the_readers_topics() -> None:
    assert TOPICS == POLICY_TOPICS
    assert set(policy_answer.TOPIC_WORDS) == set(TOPICS)


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("library", LIBRARIES)
def test_every_topic_is_answered_for_every_library(bot: Bot, library: str, topic: str) -> None:
    (reply,) = bot.say(library, f"policy:{topic}")
    profile = load_profiles()[library]
    assert (reply["intent"], reply["outcome"]) == ("policy", "answered")
    assert reply["entities"] == {"topic": topic}
    assert reply["rules"], f"{library} says nothing on {topic}"
    for rule_id in reply["rules"]:
        rule = profile.rule(rule_id)
        assert topic in rule.topics
        assert f"({rule_id})" in reply["text"]
        if rule.says:
            assert f"“{rule.says}”" in reply["text"]
    assert "Hello" not in reply["text"]


def test_a_limit_at_john_jay_is_ten_items_a_week(bot: Bot) -> None:
    (reply,) = bot.say("johnjay", "policy:limit")
    first = reply["text"].splitlines()[1]
    assert "ten requests per calendar week" in first
    assert "“Up to ten items per week.” (johnjay.limit.weekly)" in first
    assert reply["rules"][0] == "johnjay.limit.weekly"


def test_the_usual_wait_is_the_profiles_delivery_text(bot: Bot) -> None:
    for library in LIBRARIES:
        (reply,) = bot.say(library, "policy:delivery_time")
        for text in load_profiles()[library].delivery.values():
            assert text in reply["text"]


def test_rules_for_other_categories_are_left_out(bot: Bot) -> None:
    bot.run({"type": "patron", "id": "u", "library": "johnjay", "category": "undergraduate"})
    (faculty,) = bot.say("johnjay", "policy:eligibility")
    (student,) = bot.say("u", "policy:eligibility")
    assert "johnjay.eligibility.alumni" not in faculty["rules"]
    assert "johnjay.eligibility.undergraduate" not in faculty["rules"]
    assert "johnjay.eligibility.undergraduate" in student["rules"]
    assert "johnjay.registration.required" not in student["rules"]  # already registered


def test_a_practice_the_policy_does_not_write_down_says_who_to_ask(bot: Bot) -> None:
    (reply,) = bot.say("johnjay", "policy:overdue")
    assert reply["rules"] == ["johnjay.overdue.notice"]
    assert "says nothing more about late returns" in reply["text"]
    assert "the Interlibrary Loan office" in reply["text"]


def test_without_a_topic_the_bot_lists_what_it_can_explain(bot: Bot) -> None:
    (reply,) = bot.say("sjpl", "policy:")
    assert (reply["intent"], reply["outcome"], reply["rules"]) == ("policy", "answered", [])
    assert "St. Joseph Public Library" in reply["text"]
    assert "is there a limit?" in reply["text"]


def test_owing_nothing_is_said_with_the_fee_rule(bot: Bot) -> None:
    (reply,) = bot.say("sjpl", "policy:owe")
    assert reply["text"].startswith("You owe nothing")
    assert reply["rules"] == ["sjpl.fee.lender"]
    assert reply["fee"] == 0


def five_requests(bot: Bot) -> None:
    """A Bellevue student's five requests of the Fall term: the fifth costs $1.00."""
    isbns = ["9781000001006", "9781000001013", "9781000001020", "9781000001037", "9781000001044"]
    for n, isbn in enumerate(isbns, start=1):
        bot.say("bellevue", f"get me ISBN {isbn}, needed by Oct 30", at=f"2026-09-0{n}T10:00")


def test_what_a_bellevue_student_owes_lists_each_charge(bot: Bot) -> None:
    five_requests(bot)
    # A lender's $12 charge on ILL-1: the library pays $10, the student owes $2.
    bot.run(
        staff("2026-09-07T09:00", "sent", "ILL-1"), staff("2026-09-07T09:01", "fee", "ILL-1", 12)
    )
    (reply,) = bot.say("bellevue", "policy:owe", at="2026-09-08T10:00")
    assert reply["text"].startswith("You owe $3.00 on your interlibrary loans right now:")
    assert "- ILL-1 (ISBN 9781000001006): $2.00" in reply["text"]
    assert "- ILL-5 (ISBN 9781000001044): $1.00" in reply["text"]
    assert reply["requests"] == ["ILL-1", "ILL-5"]
    assert reply["fee"] == 3
    assert reply["rules"][0] == "bellevue.fee.per_term"


def test_a_charge_on_a_returned_item_is_left_to_the_ill_office(bot: Bot) -> None:
    five_requests(bot)
    bot.run(
        {**staff("2026-09-07T09:00", "arrived", "ILL-5"), "due": "2026-10-20"},
        staff("2026-09-08T09:00", "checked_out", "ILL-5"),
        staff("2026-09-20T09:00", "returned", "ILL-5"),
    )
    (reply,) = bot.say("bellevue", "policy:owe", at="2026-09-21T10:00")
    assert reply["text"].startswith("You owe nothing")
    assert "already returned or finished are not listed" in reply["text"]
    assert (
        "Resource Sharing/Circulation Specialist (402-557-7311) has your full account"
        in (reply["text"])
    )


def test_a_charge_waiting_for_the_patrons_yes_is_not_owed_yet(bot: Bot) -> None:
    bot.say("sjpl", "get me ISBN 9781000001006, up to $5")
    bot.run(
        staff("2026-10-02T09:00", "sent", "ILL-1"), staff("2026-10-02T09:01", "fee", "ILL-1", 8)
    )
    reply, asked_again = bot.say("sjpl", "policy:owe", at="2026-10-02T10:00")
    assert reply["text"].startswith("You owe nothing")
    assert "$8.00" in asked_again["text"]  # the lender's charge is still waiting for an answer
    assert "ILL-1 (ISBN 9781000001006): the lending library charges $8.00" in reply["text"]


def test_a_library_whose_policy_is_silent_names_who_to_ask(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    fourth = FOURTH.replace("[contact]\n", '[contact]\noffice = "the Riverton ILL desk"\n')
    (tmp_path / "riverton.toml").write_text(fourth)
    bot = open_bot(monkeypatch, sqlite_url, tmp_path)
    bot.run({"type": "patron", "id": "r", "library": "riverton", "category": "faculty"})
    (reply,) = bot.say("r", "policy:renewal")
    assert (reply["outcome"], reply["rules"]) == ("answered", [])
    assert reply["text"] == (
        "Riverton Community College Library's ILL policy doesn't say anything about renewals. "
        "Please ask the Riverton ILL desk."
    )
    (owe,) = bot.say("r", "policy:owe")
    assert owe["text"] == (
        "You owe nothing on your interlibrary loans right now.\n"
        "Riverton Community College Library's ILL policy doesn't say anything about fees; "
        "the Riverton ILL desk can tell you more."
    )
    bot.sim.runtime.engine.dispose()


def with_topics(value: str) -> str:
    """The fourth library of the profile tests, its one rule given `topics = value`."""
    check = 'check = "eligibility.category"\n'
    return FOURTH.replace(check, f"{check}topics = {value}\n")


def test_a_mistyped_topic_names_the_file_the_rule_and_the_key(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(with_topics('["eligibilty"]'))
    with pytest.raises(
        ProfileError, match=r"x\.toml: rule riverton\.eligibility\.category: topics: .*'eligibilty'"
    ):
        load_profiles(tmp_path)


def test_topics_must_be_a_list_of_names(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(with_topics('"limit"'))
    with pytest.raises(ProfileError, match=r"x\.toml: rule riverton\.eligibility\.category: top"):
        load_profiles(tmp_path)


def test_the_policy_questions_scenario_with_its_own_readings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """tests/scenarios/policy_questions.jsonl, each question read as its expect line says.

    The scenario suite runs the same file through the real reader; this runs the answers alone.
    """
    path = Path(__file__).parents[1] / "scenarios" / "policy_questions.jsonl"
    readings = {}
    for step in parse(path):
        for expect in step.expects:
            topic = expect.get("entities", {}).get("topic")
            if expect.get("intent") in ("policy", "offtopic") and "text" in step.event:
                readings[step.event["text"]] = (expect["intent"], topic)

    def reader(text: str, *, today: date, **kwargs: Any) -> Reading:
        intent, topic = readings[text]
        return Reading(intent, Entities(topic=topic), text=text)

    wire(monkeypatch, reader)
    run_scenario(path)
