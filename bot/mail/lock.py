"""One IMAP poller at a time, however many workers run `illbot serve`.

On PostgreSQL a session advisory lock, held on a connection of its own for as long as the
poller runs; the server frees it when that connection dies, so another worker takes over. On a
SQLite file (workers on one machine) an exclusive lock on a file beside the database.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger("illbot.mail")


def lock_key(name: str) -> int:
    """Return a stable signed 64-bit advisory lock key for a name."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PollerLock:
    """A non-blocking lock named after the mailbox; `acquire` again to check it is still held."""

    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self.key = lock_key(f"illbot-imap:{name}")
        self._connection: Connection | None = None
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Take the lock if it is free (or confirm it is still ours); never waits."""
        backend = self.engine.dialect.name
        if backend == "postgresql":
            return self._acquire_postgres()
        if backend == "sqlite":
            return self._acquire_file()
        return True

    def release(self) -> None:
        """Give the lock up (closing its connection or file frees it too)."""
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
                self._connection.commit()
            except DBAPIError:
                pass
            self._connection.close()
            self._connection = None
        if self._file is not None:
            self._file.close()  # closing the descriptor drops the flock
            self._file = None

    def _acquire_postgres(self) -> bool:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT 1"))
                self._connection.commit()
                return True
            except DBAPIError:  # the connection died, and the lock with it
                log.warning("mail: lost the IMAP poller lock; trying to take it again")
                self._connection.invalidate()
                self._connection = None
        connection = self.engine.connect()
        held = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
        got = bool(held.scalar())
        connection.commit()
        if got:
            self._connection = connection
        else:
            connection.close()
        return got

    def _acquire_file(self) -> bool:
        if self._file is not None:
            return True
        database = self.engine.url.database
        if not database or database == ":memory:":
            return True  # an in-memory store lives in one process: nobody to share with
        handle = Path(f"{database}.imap-lock").open("ab")  # noqa: SIM115 (held while polling)
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True
