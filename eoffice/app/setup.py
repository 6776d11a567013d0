"""Setting a database up: the schema (Alembic) and the demo organisation. Not a person's action on letters, so
no command: run by `eoffice init` / `eoffice demo` (and the tests' fixtures) on a session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eoffice.app.session import Session

if TYPE_CHECKING:
    from eoffice.services.demo import DemoResult


def init_database(session: Session) -> str | None:
    """Create or upgrade the schema; the revision it is at now."""
    from eoffice.store import migrate

    migrate.upgrade(session.engine)
    return migrate.current_revision(session.engine)


def seed_demo(session: Session) -> DemoResult:
    """The demo organisation, users, keys and letters (idempotent)."""
    from eoffice.services import demo

    result = session.run(demo.seed)
    demo.seed_content(session.run, session.home, result)
    return result
