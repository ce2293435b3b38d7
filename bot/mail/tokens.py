"""The bot's mail identity: its address, Message-IDs and secret per-message reply addresses.

Every mail the bot sends is outbox row N. Its Message-ID is `<illbot.N.MAC@domain>` and its
Reply-To `local+N.MAC@domain`, each MAC an HMAC of N under the installation's secret, so a reply
names the mail it answers and nobody can forge one for a mail they never received.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from policy.errors import ConfigError

MAC_LENGTH = 20  # hex digits: 80 bits
OUR_MESSAGE_ID = re.compile(r"<?illbot\.(\d{1,12})\.([0-9a-f]{20})@([^>\s]+)>?", re.IGNORECASE)
REPLY_LOCAL = re.compile(r"\+(\d{1,12})\.([0-9a-f]{20})$", re.IGNORECASE)


@dataclass(frozen=True)
class MailIdentity:
    """Who the bot is by mail: display name, address parts and the secret for tokens."""

    name: str
    local: str
    domain: str
    secret: bytes
    # ILLBOT_MAIL_AUTHSERV_ID: the name the library's mail server writes in its
    # Authentication-Results headers; None trusts the topmost such header (bot.mail.auth).
    authserv_id: str | None = None

    @classmethod
    def parse(
        cls, mail_from: str | None, secret: str | bytes | None, authserv_id: str | None = None
    ) -> MailIdentity:
        """Build the identity from ILLBOT_MAIL_FROM, _SECRET and _AUTHSERV_ID."""
        name, address = parseaddr(mail_from or "")
        if "@" not in address:
            raise ConfigError(f"ILLBOT_MAIL_FROM: not a mail address: {mail_from!r}")
        if not secret or len(secret) < 16:
            raise ConfigError("ILLBOT_MAIL_SECRET: set it to a random string of 16 or more")
        local, domain = address.rsplit("@", 1)
        key = secret.encode() if isinstance(secret, str) else secret
        return cls(
            name=name,
            local=local.split("+", 1)[0],
            domain=domain.lower(),
            secret=key,
            authserv_id=(authserv_id or "").strip() or None,
        )

    @property
    def address(self) -> str:
        """Return the bot's own address."""
        return f"{self.local}@{self.domain}"

    @property
    def mail_from(self) -> str:
        """Return the From header value."""
        return formataddr((self.name, self.address)) if self.name else self.address

    def mac(self, purpose: str, value: int | str) -> str:
        """Sign a value for one purpose; different purposes never share a MAC."""
        digest = hmac.new(self.secret, f"{purpose}:{value}".encode(), hashlib.sha256)
        return digest.hexdigest()[:MAC_LENGTH]

    def reply_address(self, outbox_id: int) -> str:
        """Return the secret plus-address that replies to outbox row `outbox_id` go to."""
        return f"{self.local}+{outbox_id}.{self.mac('reply', outbox_id)}@{self.domain}"

    def message_id(self, outbox_id: int) -> str:
        """Return the stable Message-ID of the mail for outbox row `outbox_id`."""
        return f"<illbot.{outbox_id}.{self.mac('message', outbox_id)}@{self.domain}>"

    def request_thread_id(self, request_id: int) -> str:
        """Return the Message-ID every mail about one request refers to, so clients thread them."""
        return f"<illbot.ill-{request_id}.{self.mac('thread', request_id)}@{self.domain}>"

    def outbox_id_from_address(self, address: str) -> int | None:
        """Return the outbox row a reply address names, or None if it is not a genuine one."""
        local = parseaddr(address)[1].rsplit("@", 1)[0]
        match = REPLY_LOCAL.search(local)
        if match is None:
            return None
        number = int(match.group(1))
        return (
            number
            if hmac.compare_digest(match.group(2).lower(), self.mac("reply", number))
            else None
        )

    def outbox_id_from_message_id(self, message_id: str) -> int | None:
        """Return the outbox row one of our Message-IDs names, or None for anyone else's."""
        match = OUR_MESSAGE_ID.search(message_id)
        if match is None:
            return None
        number = int(match.group(1))
        genuine = hmac.compare_digest(match.group(2).lower(), self.mac("message", number))
        return number if genuine else None

    def is_ours(self, message_id: str) -> bool:
        """Tell whether a Message-ID is one the bot made (a mail of ours come back: a loop)."""
        if self.outbox_id_from_message_id(message_id) is not None:
            return True
        return bool(re.search(r"illbot\.ill-\d+\.", message_id)) and self.domain in message_id
