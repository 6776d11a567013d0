"""Engines for the two back ends: the embedded SQLite file (default) and a shared PostgreSQL."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError, OperationalError

from eoffice.domain import BadInput, Unavailable
from eoffice.domain import first_line as first_line
from eoffice.domain import scrub as scrub
from eoffice.domain import url_password as url_password

SUPPORTED = ("sqlite", "postgresql")


def default_sqlite_path() -> Path:
    return Path(platformdirs.user_data_dir("eoffice", appauthor=False)) / "eoffice.db"


def resolve_url(db: str | None) -> str:
    """--db, else EOFFICE_DB, else the embedded SQLite file under the user data dir."""
    chosen = db or os.environ.get("EOFFICE_DB")
    return chosen if chosen else f"sqlite:///{default_sqlite_path()}"


def parse_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        raise BadInput(f"URL database tidak valid: {scrub(repr(raw))} (contoh: postgresql+psycopg://user@host/db)"
                       ) from exc
    backend = url.get_backend_name()
    if backend not in SUPPORTED:
        raise BadInput(f"URL database tidak valid: jenis {backend!r} tidak didukung (sqlite atau postgresql)")
    if backend == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
        if not url.database:
            raise BadInput("URL database tidak valid: nama database tidak ada di "
                           f"{url.render_as_string(hide_password=True)!r}")
    elif url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return url


def tls_args(url: URL) -> dict[str, str]:
    """EOFFICE_DB_SSLROOTCERT (a PEM file: the CA that issued the server's certificate) means TLS verified
    against exactly that CA, host name included (sslmode=verify-full), unless the URL says otherwise
    (``?sslmode=...&sslrootcert=...``, which libpq takes as they are; so do PGSSLMODE/PGSSLROOTCERT)."""
    root = os.environ.get("EOFFICE_DB_SSLROOTCERT")
    if not root or "sslrootcert" in url.query:
        return {}
    if not Path(root).expanduser().is_file():
        raise BadInput(f"EOFFICE_DB_SSLROOTCERT: berkas {root} tidak ada")
    return {"sslrootcert": str(Path(root).expanduser()), "sslmode": str(url.query.get("sslmode", "verify-full"))}


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock up front, so two writers queue instead of failing mid-transaction;
    # a reader's plain BEGIN takes none (WAL), so list loads never queue behind a signature.
    # query_only makes SQLite refuse a reader's write, as READ ONLY does on PostgreSQL.
    read_only = conn.get_execution_options().get("eoffice_read_only", False)
    conn.exec_driver_sql(f"PRAGMA query_only={int(read_only)}")
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


# Pessimistic disconnect handling, but only where it can matter: a pooled connection that has been idle for
# a while (the desktop app across a network outage or a server restart) is pinged before use and replaced
# if dead; one given back less than PING_AFTER_IDLE seconds ago is not, which saves a round trip on every
# transaction of a busy client (bench/RESULTS.md, "Workflow transitions"). If the server did go away in that
# window, the first statement fails with a disconnect error: SQLAlchemy invalidates the connection, the
# UnitOfWork reports Unavailable, and the next try gets a fresh connection.
PING_AFTER_IDLE = 10.0


def _note_use(_dbapi_conn: Any, record: Any, *_rest: Any) -> None:
    record.info["eoffice_used_at"] = time.monotonic()


def make_engine(raw_url: str, *, pool_size: int = 5) -> Engine:
    url = parse_url(raw_url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # jit off: the row-level security policies' subplans make the planner's cost estimates large enough to
    # JIT-compile short queries, which then spends ~70 ms compiling a 10 ms query (bench/bench_rls.py).
    engine = create_engine(
        url,
        connect_args={"connect_timeout": 5, "application_name": "eoffice", "options": "-c jit=off",
                      **tls_args(url)},
        pool_size=pool_size,
    )
    event.listen(engine, "connect", _note_use)
    event.listen(engine, "checkin", _note_use)
    dialect = engine.dialect

    def ping_if_idle(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        used = record.info.get("eoffice_used_at")
        if used is not None and time.monotonic() - used < PING_AFTER_IDLE:
            return
        try:
            alive = dialect.do_ping(dbapi_conn)
        except Exception as exc:  # any driver error here means: this connection is gone
            raise DisconnectionError(f"stale pooled connection: {first_line(exc)}") from exc
        if not alive:
            raise DisconnectionError("stale pooled connection")

    event.listen(engine, "checkout", ping_if_idle)
    return engine


def describe(engine: Engine) -> str:
    """Human-readable name of the database, never with the password."""
    return engine.url.render_as_string(hide_password=True)


def check_connection(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as exc:
        raise Unavailable(f"Database tidak dapat dihubungi ({describe(engine)}): {first_line(exc)}") from exc
