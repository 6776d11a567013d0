"""The schema revision this version needs, and a cheap check of a database's (no Alembic import)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

HEAD = "0010"  # the newest migration; a test keeps it equal to Alembic's head


def schema_state(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            return None
