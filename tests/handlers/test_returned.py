"""Which words say a loan was returned (handlers/returned.py), or that someone else collects it."""

from __future__ import annotations

import pytest

from handlers import proxy
from handlers.returned import mentions


@pytest.mark.parametrize(
    "text",
    [
        "I returned the Foucault yesterday",
        "dropped ILL-4 off at the front desk this morning",
        "brought it back on Monday, can you check?",
        "I put it in the book drop last night",
        "Ya devolví el libro ayer",
        "lo devolví en el buzón",
    ],
)
def test_a_return_is_heard(text: str) -> None:
    assert mentions(text)


@pytest.mark.parametrize(
    "text",
    [
        "I haven't returned ILL-1 yet, is it overdue?",
        "I have not returned it",
        "todavía no lo devolví",
        "where is my book?",
        "can I return it at another branch?",
    ],
)
def test_no_return_is_heard_where_there_is_none(text: str) -> None:
    assert not mentions(text)


@pytest.mark.parametrize(
    ("text", "about_a_proxy"),
    [
        ("Can my daughter pick it up for me?", True),
        ("could my TA collect my ILL books?", True),
        ("can someone else pick up my books?", True),
        ("¿Puede pasar mi hijo a recogerlo?", True),
        ("could someone get back to me about ILL-3?", False),
        ("can I pick it up at another branch?", False),
        ("when can I pick it up?", False),
    ],
)
def test_someone_else_collecting_is_the_proxy_question(text: str, about_a_proxy: bool) -> None:
    assert proxy.mentions(text) is about_a_proxy
