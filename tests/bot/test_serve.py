"""`illbot serve` starts, runs the scheduler, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.support.ports import free_port


def test_serve_runs_the_scheduler_and_stops_on_sigterm(tmp_path: Path) -> None:
    """With no transport configured, serve still runs scheduler passes and exits 0 on SIGTERM."""
    db = tmp_path / "serve.db"
    env = {
        **os.environ,
        "ILLBOT_DATABASE_URL": f"sqlite:///{db}",
        "ILLBOT_TICK_SECONDS": "1",
        "ILLBOT_HTTP_PORT": str(free_port()),  # serve always listens (/healthz), never on 3000
        "ILLBOT_SLACK_BOT_TOKEN": "",
        "ILLBOT_IMAP_HOST": "",
        "ILLBOT_SMTP_HOST": "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _migrated(db):
            time.sleep(0.2)
        time.sleep(1.5)  # at least one scheduler pass
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert "scheduler:" in output
    assert "serve: stopped" in output


def _migrated(db: Path) -> bool:
    if not db.exists():
        return False
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as connection:
            return connection.execute(text("select count(*) from alembic_version")).scalar() == 1
    except Exception:
        return False
    finally:
        engine.dispose()
