"""`python -m bench.transports`: each transport beside a plain loop doing the same work.

Figures are printed, never asserted; every figure is measured beside its baseline in this run.
- IMAP ingest: the poller against a plain imap-tools loop (fetch by UID with PEEK, parse, store
  one durable row per mail, flag seen), on the same mails in a throwaway Dovecot. Printed twice:
  with the bot's whole turn per mail (the baseline storing the same turn), and the transport
  alone (both storing one inbox row), which is what the transport itself costs.
- SMTP out: the outbox sender against a plain aiosmtplib loop sending the same mails on one
  connection, to an aiosmtpd server.
- Slack: HTTP ack latency of 100 concurrent signed events against the Bolt app over loopback.
- `illbot --help` beside `python -c pass`.

`--scale 0.1` runs a tenth of the mails (for quick runs while developing).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.transport_mail import imap_figures, smtp_figures
from bench.transport_slack import slack_figures

# -- illbot --help --------------------------------------------------------------------------


def median_run(command: list[str], runs: int = 9) -> float:
    """Return the median wall time of a command, in seconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def help_figures() -> None:
    """Print `illbot --help` beside the interpreter starting and doing nothing."""
    bare = median_run([sys.executable, "-c", "pass"])
    shown = median_run([sys.executable, "-m", "bot", "--help"])
    print("start-up (median of 9 runs)")
    print(f"{'':44}{'ms':>10}")
    print(f"{'python -c pass':44}{bare * 1000:>10.0f}")
    print(f"{'illbot --help':44}{shown * 1000:>10.0f}")


def main() -> None:
    """Print every transport figure beside its baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs per figure")
    parser.add_argument("--only", choices=["imap", "smtp", "slack", "help"], action="append")
    args = parser.parse_args()
    only = set(args.only or ["imap", "smtp", "slack", "help"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "imap" in only:
            imap_figures(folder, max(20, int(1000 * args.scale)), args.rounds)
        if "smtp" in only:
            smtp_figures(folder, max(20, int(1000 * args.scale)), args.rounds)
        if "slack" in only:
            slack_figures(folder, 100, max(1, round(5 * args.scale)))
    if "help" in only:
        help_figures()


if __name__ == "__main__":
    main()
