"""`offtopic`: something ILL does not do (wifi, parking, opening hours): say who to ask."""

from __future__ import annotations

from handlers.turn import Turn
from templates.i18n import N_, _

# Besides a [contact] key named after the topic itself, who else may answer it.
FALLBACKS = {
    "wifi": ("it",),
    "printing": ("it",),
    "account": ("circulation", "desk"),
    "fines_local": ("circulation", "desk"),
}
DEFAULT_CONTACT = N_("the library's main desk")
TOPIC_WORDS = {
    "hours": N_("opening hours"),
    "wifi": N_("wifi"),
    "printing": N_("printing"),
    "account": N_("your library account or login"),
    "fines_local": N_("fines on the library's own loans"),
    "rooms": N_("booking rooms"),
    "parking": N_("parking"),
    "events": N_("library events"),
    "catalog": N_("what the library itself has"),
}


def contact_for(contact: dict[str, str], topic: str | None) -> str:
    """Return whom the profile names for a topic, else its general contact."""
    keys = (topic, *FALLBACKS.get(topic or "", ())) if topic else ()
    for key in (*keys, "general"):
        if key and contact.get(key, "").strip():
            return contact[key].strip()
    return _(DEFAULT_CONTACT)


def handle(turn: Turn) -> None:
    """Say plainly that ILL can't help with this, and who can; nothing changes."""
    topic = turn.reading.entities.topic
    words = _(TOPIC_WORDS.get(topic or "", ""))
    turn.reply(
        "offtopic",
        intent="offtopic",
        outcome="answered",
        entities={"topic": topic} if topic else {},
        topic=topic or "",
        topic_words=words,
        who=contact_for(turn.profile.words(turn.language).contact, topic),
    )
