"""What each check kind takes: its parameters (a pydantic model), its effects, its plain words.

The engine's checks live in their own modules; each registers its kind here with `define`, so a
profile is validated against the kind's schema when it loads and `illbot policy show` can say what
the engine will do from the parameters (policy/describe.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from policy.profile import Profile, Rule

# What a rule does when it applies. refuse: the request or action is not done; warn: done, with a
# caution; hold: recorded but waiting for staff; inform: words only (notices, "why?", policy show).
# ask and fee are what some kinds do by nature (ask a question; charge), never chosen in a profile.
EFFECTS = ("refuse", "warn", "hold", "inform", "ask", "fee")

# The values a rule's `explain` and `instead` may name, whatever its kind: handlers/turn.py
# explain() gives every rule these (empty where they do not apply). A kind's own come on top.
# Dates among them are printed in words for the patron against `today` (templates/dates.py).
RULE_WORDS = (
    "ref", "status_words", "material_words", "count", "need_by", "holding_status", "pays_fees",
    "today",
)  # fmt: skip
# What a rule shown in a notice is given besides: the notice's text values (handlers/notices.py
# passes them; policy/text_values.py NOTICE_VARIABLES documents them). Numbers are not passed.
NOTICE_WORDS = (
    "due", "name", "title", "material", "status", "asked_on", "need_by", "pickup_by", "last_day",
    "desk", "proxy", "billed_on", "billed_through", "no_renewal", "notice",
)  # fmt: skip


class Params(BaseModel):
    """Base of every kind's parameter model: unknown keys are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    """A kind with no parameters of its own."""


Describer = Callable[["Rule", "Profile"], str]


@dataclass(frozen=True)
class Kind:
    """One check kind: its parameter schema, the effects a profile may give it, the default."""

    name: str
    params: type[Params]
    effects: tuple[str, ...]  # the first is the default
    describe: Describer | None = None  # what the engine will do, in plain words
    notices: tuple[str, ...] = ()  # notice types it may send (policy check wants a template)
    # Values its rules' explain and instead are given besides RULE_WORDS: by every message that
    # shows them (`words`), or only by some, or only with some parameters (`sometimes`).
    # tests/policy/test_validation_words_values.py holds both to what the renderings receive.
    words: tuple[str, ...] = ()
    sometimes: tuple[str, ...] = ()

    @property
    def default_effect(self) -> str:
        """Return the effect a rule of this kind has when the profile says none."""
        return self.effects[0]


KINDS: dict[str, Kind] = {}


def define(
    name: str,
    params: type[Params] = NoParams,
    effects: tuple[str, ...] = ("inform",),
    *,
    notices: tuple[str, ...] = (),
    words: tuple[str, ...] = (),
    sometimes: tuple[str, ...] = (),
) -> Kind:
    """Register a check kind; a second definition of the same name is a programming error."""
    if name in KINDS:
        raise ValueError(f"check kind {name} defined twice")
    unknown = [e for e in effects if e not in EFFECTS]
    if unknown or not effects:
        raise ValueError(f"check kind {name}: effects must come from {EFFECTS}, not {unknown}")
    kind = Kind(name, params, effects, notices=notices, words=words, sometimes=sometimes)
    KINDS[name] = kind
    return kind


def describer(name: str) -> Callable[[Describer], Describer]:
    """Attach the plain-words description of a registered kind (see policy/describe.py)."""

    def attach(fn: Describer) -> Describer:
        KINDS[name] = replace(KINDS[name], describe=fn)
        return fn

    return attach
