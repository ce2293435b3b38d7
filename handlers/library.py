"""The installation's libraries: every loaded profile and the default one."""

from __future__ import annotations

from dataclasses import dataclass

from policy.profile import Profile


@dataclass(frozen=True)
class Library:
    """What the core needs to know about the installation: profiles and the default one."""

    profiles: dict[str, Profile]
    default_library: str

    def profile(self, library_id: str | None) -> Profile:
        """Return a library's profile, or the default one for a patron whose record names none."""
        return self.profiles.get(library_id or "", self.profiles[self.default_library])
