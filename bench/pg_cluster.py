"""The PostgreSQL server `make bench-pg` runs on: ILLBOT_BENCH_PG_URL's, or a throwaway cluster.

Every bench phase gets a database of its own, created here and dropped afterwards, so a real
server named by ILLBOT_BENCH_PG_URL only needs a role allowed to CREATE DATABASE; nothing in the
database the URL names is read or changed.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

from tests.services.postgres import start_cluster

URL_ENV = "ILLBOT_BENCH_PG_URL"
PREFIX = "illbot_bench_"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class BenchServer:
    """A PostgreSQL server the bench may create and drop databases on."""

    admin_url: str  # a database to connect to for CREATE/DROP DATABASE (never written to)
    where: str  # said in the output: "throwaway cluster on 127.0.0.1:PORT" or the masked URL

    @contextmanager
    def fresh_database(self) -> Iterator[str]:
        """Create an empty database, yield its SQLAlchemy URL, and drop it afterwards."""
        name = f"{PREFIX}{uuid.uuid4().hex[:12]}"
        admin = _admin_engine(self.admin_url)
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
            try:
                yield _psycopg_url(self.admin_url).set(database=name).render_as_string(False)
            finally:
                with admin.connect() as connection:
                    # WITH (FORCE) (PostgreSQL 13+): a worker that died may still hold a session.
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()


@contextmanager
def bench_server() -> Iterator[BenchServer]:
    """Yield ILLBOT_BENCH_PG_URL's server if set, else a throwaway cluster stopped afterwards."""
    given = os.environ.get(URL_ENV, "").strip()
    if given:
        masked = _psycopg_url(given).render_as_string(hide_password=True)
        yield BenchServer(given, f"{masked} ({URL_ENV})")
        return
    cluster = start_cluster()  # raises ServiceUnavailable with the reason and the fix
    try:
        yield BenchServer(cluster.url("postgres"), f"throwaway cluster on 127.0.0.1:{cluster.port}")
    finally:
        cluster.stop()


def backend_cpu_seconds(pid: int) -> float | None:
    """CPU time a PostgreSQL backend on this machine has used; None if it is not local."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None  # another machine's server, or not Linux
    name, _, rest = stat.partition(") ")
    if not name.endswith("(postgres"):
        return None  # a local process with that pid, but not the server's: a remote server
    fields = rest.split()
    # Fields 14 and 15 of proc(5), utime and stime; `rest` starts at field 3.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _psycopg_url(url: str) -> URL:
    """The URL with the psycopg 3 driver, however it was spelt (postgres://, postgresql://)."""
    return make_url(url).set(drivername="postgresql+psycopg")


def _admin_engine(url: str) -> Engine:
    # CREATE and DROP DATABASE cannot run inside a transaction block.
    return create_engine(_psycopg_url(url), isolation_level="AUTOCOMMIT", pool_size=1)
