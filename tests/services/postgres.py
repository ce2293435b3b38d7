"""Start and stop a throwaway PostgreSQL cluster for tests (no pytest dependency)."""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Overrides where initdb/pg_ctl are looked for (a directory); also a handy way to
# simulate "PostgreSQL is not installed" (point it at a directory that does not exist).
BIN_DIR_ENV = "ILLBOT_TEST_PG_BIN"
DEBIAN_PG_ROOT = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
# The server refuses to run as root, so as root everything runs as this OS user.
OS_USER = "postgres"
STEP_TIMEOUT_S = 60


class ServiceUnavailable(RuntimeError):
    """PostgreSQL could not be found or started; the message says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class PostgresCluster:
    """A running throwaway cluster listening on 127.0.0.1:port with trust auth."""

    port: int
    base_dir: Path
    bin_dir: Path
    run_as: list[str] = field(default_factory=list)
    _stopped: bool = field(default=False, init=False, repr=False)

    @property
    def data_dir(self) -> Path:
        """Return the cluster's data directory."""
        return self.base_dir / "data"

    def url(self, dbname: str) -> str:
        """Return a SQLAlchemy URL (psycopg 3 driver) for a database on this cluster."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        """Create an empty database from template0 and return its SQLAlchemy URL."""
        import psycopg
        from psycopg import sql

        # CREATE DATABASE cannot run inside a transaction block, hence autocommit.
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name))
            )
        return self.url(name)

    def stop(self) -> None:
        """Stop the server at once and delete its files; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        # Immediate mode: the data is thrown away, so a clean checkpoint is wasted time.
        command = [str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.data_dir)]
        command += ["-m", "immediate", "-w"]
        try:
            stopped = _run([*self.run_as, *command], cwd=self.base_dir).returncode == 0
        except ServiceUnavailable:
            stopped = False
        if not stopped:
            _signal_postmaster(self.data_dir)
        shutil.rmtree(self.base_dir, ignore_errors=True)


def start_cluster(bin_dir: Path | None = None) -> PostgresCluster:
    """Create and start a throwaway cluster on a free port, or raise ServiceUnavailable."""
    found = bin_dir if bin_dir is not None else find_bin_dir()
    run_as = _run_as_prefix()
    # Short path under the system temp dir: the Unix socket path must stay under ~107 bytes.
    base_dir = Path(tempfile.mkdtemp(prefix="illbot-pg-"))
    try:
        _hand_over(base_dir)
        cluster = PostgresCluster(
            port=_free_port(), base_dir=base_dir, bin_dir=found, run_as=run_as
        )
        _initdb(cluster)
        _pg_ctl_start(cluster)
    except BaseException:
        shutil.rmtree(base_dir, ignore_errors=True)
        raise
    # A safety net for runs that die before their fixture teardown; stop() is idempotent.
    atexit.register(cluster.stop)
    return cluster


def find_bin_dir() -> Path:
    """Return the directory holding initdb and pg_ctl (newest version first)."""
    override = os.environ.get(BIN_DIR_ENV)
    if override:
        candidates = [Path(override)]
    else:
        candidates = sorted(DEBIAN_PG_ROOT.glob("*/bin"), key=_version_key, reverse=True)
        on_path = shutil.which("initdb")
        if on_path:
            candidates.append(Path(on_path).resolve().parent)
    for candidate in candidates:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    where = f"{BIN_DIR_ENV}={override}" if override else f"{DEBIAN_PG_ROOT}/*/bin or PATH"
    raise ServiceUnavailable(
        f"PostgreSQL server binaries (initdb, pg_ctl) not found in {where}; "
        "install them with `apt-get install postgresql` (or run `make services` as root)"
    )


def _version_key(path: Path) -> tuple[int, ...]:
    """Sort /usr/lib/postgresql/<version>/bin numerically, so 15 beats 9.6."""
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))


def _run_as_prefix() -> list[str]:
    """Return the command prefix that runs a program as the postgres OS user when root."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(OS_USER)
    except KeyError:
        raise ServiceUnavailable(
            f"running as root, but there is no '{OS_USER}' OS user to run the server as"
        ) from None
    # runuser (util-linux, essential on Debian) switches user without PAM prompts or a shell.
    runuser = shutil.which("runuser")
    if runuser is None:
        raise ServiceUnavailable("running as root, but `runuser` is missing (install util-linux)")
    return [runuser, "-u", OS_USER, "--"]


def _hand_over(base_dir: Path) -> None:
    """Make the scratch directory the server's own (initdb insists on owning the data dir)."""
    if os.geteuid() != 0:
        return
    user = pwd.getpwnam(OS_USER)
    os.chown(base_dir, user.pw_uid, user.pw_gid)


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _initdb(cluster: PostgresCluster) -> None:
    """Create the cluster's data directory with trust auth and no fsync."""
    # --locale=C: works whatever locales the machine has generated (LANG may name a missing one).
    command = [str(cluster.bin_dir / "initdb"), "-D", str(cluster.data_dir), "-U", SUPERUSER]
    command += ["-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]
    result = _run([*cluster.run_as, *command], cwd=cluster.base_dir)
    if result.returncode != 0:
        raise ServiceUnavailable(
            f"initdb failed (exit {result.returncode}):\n{_tail(result.stdout + result.stderr)}"
        )


def _pg_ctl_start(cluster: PostgresCluster) -> None:
    """Start the server on loopback only, with durability off (the data is disposable)."""
    log = cluster.base_dir / "server.log"
    options = (
        f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {cluster.base_dir}"
        " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    command = [str(cluster.bin_dir / "pg_ctl"), "start", "-w", "-t", str(STEP_TIMEOUT_S)]
    command += ["-D", str(cluster.data_dir), "-l", str(log), "-o", options]
    result = _run([*cluster.run_as, *command], cwd=cluster.base_dir)
    if result.returncode != 0:
        log_text = log.read_text(errors="replace") if log.exists() else "(no server log)"
        raise ServiceUnavailable(
            f"pg_ctl start failed (exit {result.returncode}) on port {cluster.port}:\n"
            f"{_tail(result.stdout + result.stderr)}\n--- server log ---\n{_tail(log_text)}"
        )


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing output; cwd matters because postgres cannot read root's cwd."""
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT_S + 10,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServiceUnavailable(f"could not run {command[0]}: {exc}") from exc


def _signal_postmaster(data_dir: Path) -> None:
    """Ask the postmaster to shut down fast when pg_ctl could not (pid is line 1)."""
    try:
        pid = int((data_dir / "postmaster.pid").read_text().splitlines()[0])
        os.kill(pid, signal.SIGINT)
    except (OSError, ValueError, IndexError):
        pass  # No pid file or no process: nothing left to stop.


def _tail(text: str, lines: int = 20) -> str:
    """Return the last lines of a log, which is where the reason for a failure is."""
    return "\n".join(text.strip().splitlines()[-lines:])
