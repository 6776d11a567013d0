"""The schema revision this version needs, and a cheap check of a database's (no Alembic import)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

HEAD = "0009"  # the newest migration; a test keeps it equal to Alembic's head


def schema_state(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            # Outside a transaction: no BEGIN round trip, and no ROLLBACK at the end, at which psycopg would drop
            # every statement the pooled connection has prepared (after each push or heartbeat, the next commands
            # would prepare them all again).
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            return None
