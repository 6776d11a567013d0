"""Where a front door's session comes from: the database URL and the profile directory (keys, cache, config),
the same for the desktop app and the CLI. Light on purpose: no SQLAlchemy until a session is opened."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

import platformdirs

from eoffice.app.session import DEFAULT_MAX_ATTACHMENT, Session

S = TypeVar("S", bound=Session)


def default_home() -> Path:
    return Path(platformdirs.user_config_dir("eoffice", appauthor=False))


def profile_home(raw: str | None = None) -> Path:
    """--home, else EOFFICE_HOME, else the user's config dir."""
    chosen = raw or os.environ.get("EOFFICE_HOME")
    return Path(chosen).expanduser() if chosen else default_home()


def open_session(kind: type[S], db: str | None = None, home: Path | None = None, *,
                 max_attachment: int = DEFAULT_MAX_ATTACHMENT) -> S:
    """A session on --db / EOFFICE_DB / the local SQLite file (BadInput on a malformed URL; no connection)."""
    from eoffice.store.db import resolve_url

    return kind(resolve_url(db), home or profile_home(), max_attachment=max_attachment)
