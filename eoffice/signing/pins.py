"""Where a client's pinned trust roots live (signing/trust.py reads and checks them): apart, so a login can ask
whether this profile has any without loading X.509."""

from __future__ import annotations

from pathlib import Path

INSTALLED = Path(__file__).resolve().parents[2] / "resources" / "trust" / "roots.pem"


def pin_file(home: Path) -> Path:
    return home / "trust" / "roots.pem"


def pin_sources(home: Path) -> list[tuple[Path, str]]:
    """The files roots are pinned in, in the order they count: the profile's, then the installer's."""
    return [(pin_file(home), "profil"), (INSTALLED, "installer")]


def has_pins(home: Path) -> bool:
    """Whether *home* trusts some roots already (the first connection pins the database's otherwise)."""
    return any(path.exists() for path, _ in pin_sources(home))
