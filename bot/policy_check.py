"""`illbot policy check [FILE…]`: every mistake in the profiles, one line each, or "ok"."""

from __future__ import annotations

from pathlib import Path

from policy.profile import SHIPPED_DIR
from policy.validate import SHARED, Checked, FileCheck, check_files, check_profiles


def check_policy(files: list[Path], profiles_dir: Path | None) -> tuple[list[str], bool]:
    """Check the given files, or the shipped profiles and `profiles_dir`; True when all are ok."""
    checked: Checked = check_files(files) if files else check_profiles(profiles_dir)
    lines = list(checked.notes)
    for file in checked.files:
        lines.extend(file.mistakes or [_ok(file)])
    return lines, not checked.mistakes


def _ok(file: FileCheck) -> str:
    rules = f"{file.own_rules} rule{'s' if file.own_rules != 1 else ''}"
    about = file.profile.name if file.profile is not None else SHARED
    shipped = file.path.parent.resolve() == SHIPPED_DIR.resolve()
    return f"ok: {file.path.name if shipped else file.path} — {about}, {rules}"
