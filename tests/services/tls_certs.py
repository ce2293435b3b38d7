"""Make a throwaway certificate authority and server certificates with the openssl command.

For tests of TLS clients against loopback servers (no pytest dependency): `make_certs(dir)`
writes a CA and two server certificates it signed, one for 127.0.0.1 and localhost, one for a
host name that is not them; a second, unrelated CA that a client may wrongly trust; and a
self-signed server certificate such as a quick stunnel set-up has. Keys are P-256, the
certificates last a day, the files are PEM. The openssl command line rather than the
`cryptography` package, which is not a dependency of illbot.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

STEP_TIMEOUT_S = 30
CA_CONFIG = """\
[req]
distinguished_name = subject
x509_extensions = authority
prompt = no
[subject]
CN = {name}
[authority]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
"""
SELF_SIGNED_CONFIG = """\
[req]
distinguished_name = subject
x509_extensions = server
prompt = no
[subject]
CN = localhost
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
"""
SERVER_EXTENSIONS = """\
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = {names}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
"""


class ServiceUnavailable(RuntimeError):
    """The openssl command is missing or failed; the message says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Certs:
    """Paths of the PEM files make_certs wrote."""

    ca: Path  # the CA's certificate: what a client trusts (ILLBOT_SIP2_CA_FILE)
    cert: Path  # server certificate for 127.0.0.1 and localhost, signed by ca
    key: Path
    wrong_host_cert: Path  # signed by ca, but for sip2.elsewhere.example only
    wrong_host_key: Path
    other_ca: Path  # an unrelated CA, which signed none of the above
    self_signed_cert: Path  # for 127.0.0.1 and localhost, its own issuer (no CA), as stunnel's
    self_signed_key: Path


def _openssl(*args: str | Path) -> None:
    command = ["openssl", *(str(arg) for arg in args)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=STEP_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServiceUnavailable(f"openssl {args[0]} did not run: {exc}") from None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:]
        raise ServiceUnavailable(f"openssl {args[0]} failed: {' '.join(tail)}")


def _key(path: Path) -> Path:
    _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path)
    return path


def _authority(directory: Path, name: str) -> tuple[Path, Path]:
    key = _key(directory / f"{name}.key")
    config = directory / f"{name}.cnf"
    config.write_text(CA_CONFIG.format(name=f"illbot test {name}"))
    cert = directory / f"{name}.pem"
    _openssl("req", "-x509", "-new", "-key", key, "-out", cert, "-days", "1", "-config", config)
    return cert, key


def _server(directory: Path, name: str, names: str, ca: tuple[Path, Path]) -> tuple[Path, Path]:
    key = _key(directory / f"{name}.key")
    request = directory / f"{name}.csr"
    _openssl("req", "-new", "-key", key, "-out", request, "-subj", f"/CN={name}")
    extensions = directory / f"{name}.ext"
    extensions.write_text(SERVER_EXTENSIONS.format(names=names))
    cert = directory / f"{name}.pem"
    _openssl(
        "x509", "-req", "-in", request, "-CA", ca[0], "-CAkey", ca[1], "-set_serial",
        str(secrets.randbits(63)), "-days", "1", "-out", cert, "-extfile", extensions,
    )  # fmt: skip
    return cert, key


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = _key(directory / "self-signed.key")
    config = directory / "self-signed.cnf"
    config.write_text(SELF_SIGNED_CONFIG)
    cert = directory / "self-signed.pem"
    _openssl("req", "-x509", "-new", "-key", key, "-out", cert, "-days", "1", "-config", config)
    return cert, key


def make_certs(directory: Path) -> Certs:
    """Write a CA, its server certificates and an unrelated CA into directory."""
    if shutil.which("openssl") is None:
        raise ServiceUnavailable("the openssl command is not installed (apt-get install openssl)")
    directory.mkdir(parents=True, exist_ok=True)
    ca = _authority(directory, "ca")
    cert, key = _server(directory, "server", "DNS:localhost, IP:127.0.0.1", ca)
    wrong_cert, wrong_key = _server(directory, "elsewhere", "DNS:sip2.elsewhere.example", ca)
    other_ca, _ = _authority(directory, "other-ca")
    return Certs(ca[0], cert, key, wrong_cert, wrong_key, other_ca, *_self_signed(directory))
