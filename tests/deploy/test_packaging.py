"""The wheel an operator installs builds without warnings and carries every data file."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_builds_cleanly_with_the_license_profiles_templates_and_model(
    tmp_path: Path,
) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-v", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    noise = [
        line.strip()
        for line in (built.stdout + built.stderr).splitlines()
        if ("Warning" in line or "deprecated" in line.lower()) and "byte-compiling" not in line
    ]
    assert noise == [], "\n".join(noise)
    (wheel,) = tmp_path.glob("illbot-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "policy/profiles/riverbend.toml",
        "policy/profiles/common.toml",
        "templates/notices/overdue.txt.j2",
        "bot/demo/patrons.csv",
        "bot/cli_help.txt",
        "bot/web/static/chat.js",
        "bot/web/static/chat.css",
        "bot/web/static/embed.js",
        "templates/web/page.html.j2",
        "templates/mail/sign_in_code.txt.j2",
        "store/migrations/versions/0010_web_chat.py",
        "handlers/understand/model/intent.json.gz",
        "store/migrations/versions/0007_charges_and_ladder_steps.py",
    ):
        assert needed in names, f"the wheel lacks {needed}"
    assert any(n.endswith("licenses/LICENSE") for n in names), "the wheel lacks the LICENSE"
    assert not any(n.startswith("tests/") for n in names), "tests were packaged"
