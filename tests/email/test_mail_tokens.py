"""Reply addresses and Message-IDs name the mail they belong to and cannot be forged."""

from __future__ import annotations

import pytest

from bot.mail.tokens import MailIdentity
from policy.errors import ConfigError

IDENTITY = MailIdentity.parse("Interlibrary Loan <ill@lib.example>", "a secret of 16 chars+")


def test_a_reply_address_and_message_id_lead_back_to_their_outbox_row() -> None:
    """What the bot puts in Reply-To and Message-ID is read back as the same row."""
    address = IDENTITY.reply_address(42)
    assert address.startswith("ill+42.") and address.endswith("@lib.example")
    assert IDENTITY.outbox_id_from_address(f"Ann's client <{address.upper()}>") == 42
    assert IDENTITY.outbox_id_from_message_id(IDENTITY.message_id(42)) == 42


def test_a_forged_or_altered_token_is_refused() -> None:
    """Changing the row number, or using another installation's secret, finds nothing."""
    address = IDENTITY.reply_address(42)
    forged = address.replace("ill+42.", "ill+43.")
    assert IDENTITY.outbox_id_from_address(forged) is None
    other = MailIdentity.parse("ill@lib.example", "another secret, 16+ chars")
    assert other.outbox_id_from_address(address) is None
    assert IDENTITY.outbox_id_from_address("ill@lib.example") is None


def test_a_missing_secret_or_address_stops_startup_naming_the_setting() -> None:
    """Mail cannot start without a real address and a long enough secret."""
    with pytest.raises(ConfigError, match="ILLBOT_MAIL_SECRET"):
        MailIdentity.parse("ill@lib.example", "short")
    with pytest.raises(ConfigError, match="ILLBOT_MAIL_FROM"):
        MailIdentity.parse("Interlibrary Loan", "a secret of 16 chars+")
