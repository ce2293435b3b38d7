"""Start and stop a throwaway Dovecot IMAP server on loopback for tests (no pytest dependency).

Debian's `dovecot-imapd`, run from a private config in a scratch directory: plaintext login on
127.0.0.1, passwd-file users, Maildir storage. Nothing system-wide is touched.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BIN_ENV = "ILLBOT_TEST_DOVECOT_BIN"  # a directory holding dovecot and doveadm
SEARCH_DIRS = (Path("/usr/sbin"), Path("/usr/bin"), Path("/usr/local/sbin"))
START_TIMEOUT_S = 15.0


class ServiceUnavailable(RuntimeError):
    """Dovecot could not be found or started; the message says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Dovecot:
    """A running Dovecot listening for IMAP on 127.0.0.1:port."""

    port: int
    base_dir: Path
    dovecot: Path
    doveadm_path: Path
    users: dict[str, str] = field(default_factory=dict)
    _stopped: bool = field(default=False, init=False, repr=False)

    @property
    def host(self) -> str:
        """Return the address it listens on."""
        return "127.0.0.1"

    @property
    def config(self) -> Path:
        """Return the private configuration file."""
        return self.base_dir / "dovecot" / "dovecot.conf"

    def doveadm(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a doveadm command against this server."""
        command = [str(self.doveadm_path), "-c", str(self.config), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)

    def empty(self, user: str) -> None:
        """Delete every mail of a user, in every folder."""
        self.doveadm("expunge", "-u", user, "mailbox", "*", "all")

    def kick(self, user: str) -> None:
        """Drop every IMAP connection of a user, as a server restart or a network cut would."""
        self.doveadm("kick", user)

    def stop(self) -> None:
        """Stop the server and delete its files; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        pid_file = self.base_dir / "dovecot" / "run" / "master.pid"
        try:
            pid = int(pid_file.read_text().split()[0])
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.05)
        except (OSError, ValueError, IndexError):
            pass
        shutil.rmtree(self.base_dir, ignore_errors=True)


def find_programs() -> tuple[Path, Path]:
    """Return the paths of the dovecot and doveadm programs."""
    override = os.environ.get(BIN_ENV)
    folders = [Path(override)] if override else list(SEARCH_DIRS)
    found = {}
    for name in ("dovecot", "doveadm"):
        paths = [folder / name for folder in folders if (folder / name).is_file()]
        if paths:
            found[name] = paths[0]
    if len(found) < 2:
        where = f"{BIN_ENV}={override}" if override else "/usr/sbin or /usr/bin"
        raise ServiceUnavailable(
            f"Dovecot (dovecot, doveadm) not found in {where}; install it with "
            "`apt-get install dovecot-imapd` (or run `make services` as root)"
        )
    return found["dovecot"], found["doveadm"]


def start_dovecot(
    users: dict[str, str], configure: Callable[[Dovecot], None] | None = None
) -> Dovecot:
    """Start a private Dovecot with these users (address → password) on a free port.

    `configure` may add to the written configuration before the server starts (an oauth2 passdb).
    """
    dovecot, doveadm = find_programs()
    base_dir = Path(tempfile.mkdtemp(prefix="illbot-imap-"))
    server = Dovecot(_free_port(), base_dir, dovecot, doveadm, users=dict(users))
    try:
        _write_config(server)
        if configure is not None:
            configure(server)
        # Output to a file: the daemon keeps inherited pipes open, so a pipe would never close.
        output = server.base_dir / "start.log"
        with output.open("w") as log:
            code = subprocess.run(
                [str(dovecot), "-c", str(server.config)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=30,
                check=False,
            ).returncode
        if code != 0:
            raise ServiceUnavailable(f"dovecot failed to start: {output.read_text()[-800:]}")
        _wait_for_port(server)
    except BaseException:
        server.stop()
        raise
    atexit.register(server.stop)
    return server


def _write_config(server: Dovecot) -> None:
    base = server.base_dir
    conf_dir, mail_dir = base / "dovecot", base / "mail"
    for folder in (conf_dir / "run", conf_dir / "state", mail_dir):
        folder.mkdir(parents=True)
    base.chmod(0o755)
    if os.geteuid() == 0:
        mail_user, mail_group = "nobody", "nogroup"
        nobody = pwd.getpwnam("nobody")
        os.chown(mail_dir, nobody.pw_uid, nobody.pw_gid)
        own_users = ""
    else:  # an unprivileged Dovecot runs every process as the current user
        me = pwd.getpwuid(os.geteuid())
        mail_user, mail_group = me.pw_name, str(os.getegid())
        own_users = f"default_login_user = {me.pw_name}\ndefault_internal_user = {me.pw_name}\n"
    lines = [f"{user}:{{PLAIN}}{password}" for user, password in server.users.items()]
    (conf_dir / "users").write_text("\n".join(lines) + "\n")
    (conf_dir / "dovecot.conf").write_text(
        f"""base_dir = {conf_dir}/run
state_dir = {conf_dir}/state
log_path = {conf_dir}/dovecot.log
{own_users}protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_max_userip_connections = 100
mail_location = maildir:{mail_dir}/%u/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {conf_dir}/users
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={mail_dir}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {server.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for_port(server: Dovecot) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((server.host, server.port), timeout=1) as sock:
                if sock.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    log = server.base_dir / "dovecot" / "dovecot.log"
    tail = log.read_text(errors="replace")[-800:] if log.exists() else "(no log)"
    raise ServiceUnavailable(f"dovecot did not answer on port {server.port}:\n{tail}")
