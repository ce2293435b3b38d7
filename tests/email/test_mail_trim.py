"""The bot hears only the patron's own words of a reply (bot.mail.trim)."""

from __future__ import annotations

import pytest

from bench.mail_trim import corpus_dir, load_corpus, score
from bot.mail.trim import trim_reply

REQUIRED = 58


def test_keeps_the_right_text_in_at_least_58_of_64_real_replies() -> None:
    """On Discourse's corpus of real replies, the kept text is exactly the expected text."""
    root = corpus_dir()
    if root is None:
        pytest.skip("reply corpus (shared/corpus/email_reply_trimmer) not found")
    cases = load_corpus(root)
    right, misses = score(trim_reply, cases)
    assert len(cases) == 64
    assert right >= REQUIRED, f"only {right}/64; misses: {misses}"


def test_a_renewal_asked_above_a_quoted_notice_keeps_only_the_question() -> None:
    """The quoted notice (which mentions cancelling) is not part of what the patron said."""
    reply = (
        "Could you renew it for two more weeks?\n\n"
        "Thanks,\nAnn\n\n"
        "On Tue, Sep 1, 2026 at 10:00 AM Interlibrary Loan <ill+7.0a1b@lib.example> wrote:\n\n"
        "> Good news: ILL-3 has arrived. Reply cancel if you no longer need it.\n"
    )
    assert trim_reply(reply) == "Could you renew it for two more weeks?\n\nThanks,\nAnn"


def test_an_outlook_reply_drops_the_original_message_block() -> None:
    """Outlook's From/Sent/To/Subject block and everything below it are cut."""
    reply = (
        "yes, go ahead\n\n"
        "From: Interlibrary Loan <ill@lib.example>\nSent: Tuesday, September 1, 2026 10:00 AM\n"
        "To: Ann <ann@patron.example>\nSubject: ILL-4: fee\n\nThe lender charges $7.00. Cancel?\n"
    )
    assert trim_reply(reply) == "yes, go ahead"


def test_a_plain_request_with_labelled_fields_is_kept_whole() -> None:
    """Title:, Author:, Date: lines of a request are the patron's words, not mail headers."""
    request = (
        "Please get me this article.\nTitle: Deep learning\nAuthor: LeCun\n"
        "Journal: Nature\nDate: 2015\n\nSent from my iPhone"
    )
    assert trim_reply(request) == request.rsplit("\n\n", 1)[0]


def test_a_reply_that_is_only_a_quote_says_nothing() -> None:
    """A mail client's empty reply above a quoted mail gives no words to act on."""
    reply = "On Tue, Sep 1, 2026 at 10:00 AM ILL <ill@lib.example> wrote:\n> cancel ILL-3\n"
    assert trim_reply(reply) == ""
