"""Which words say a loan was returned (handlers/returned.py), and which say it was not."""

from __future__ import annotations

import pytest

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
