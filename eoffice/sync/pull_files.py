"""Which files the local cache holds (DESIGN.md "Local cache and sync"; docs/desktop-app.md "What is cached").

A pull copies every visible letter's rows, and of its files (PDF versions, signed PDF, attachments, scans) only
the name: sha256, size and type, with no bytes (``blobs.data`` NULL, which only a cache allows). The bytes come
for the letters that need the user now (``needed``: their inbox in the widest sense) at every pull that finds
changes, and for a file the user opens online (``keep``); the rest of the archive stays on the server, so a
governor's first pull of a province's archive stays small. Read offline, a file without its bytes is ``NotCached`` (services/blobs.py),
which the reading pane says in plain words; the SHA-256 is still checked on every read. A file leaves the cache,
name and bytes, when no cached row names it any more (``drop_unnamed``: its letters left the user's view, or its
attachment was removed; eoffice/sync/mirror.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import and_, bindparam, delete, exists, or_, select, union, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import BindParameter

from eoffice.services.auth import Actor
from eoffice.store.models import Base, Document
from eoffice.store.uow import UnitOfWork

T = Base.metadata.tables
BLOBS = T["blobs"]
X = TypeVar("X")
FILE_BATCH = 16  # files fetched and written per local transaction (PDFs: bounded memory)
# The files a letter's rows name: (table, its letter column, its file columns).
LETTER_FILES = [(t.name, "id" if t.name == "documents" else "document_id",
                 [fk.parent.name for fk in t.foreign_keys if fk.column.table.name == "blobs"])
                for t in Base.metadata.sorted_tables
                if any(fk.column.table.name == "blobs" for fk in t.foreign_keys)]


@dataclass(frozen=True)
class Fetched:
    files: int = 0  # files whose bytes were fetched now
    bytes: int = 0  # their size in all


def allow_unfetched(cache: Engine) -> None:
    """The cache's ``blobs.data`` may be NULL (a file not fetched yet). The cache is made by the server's
    migrations (NOT NULL there, and it stays so on the server); SQLite drops a NOT NULL only by rebuilding the
    table, done once per cache, with foreign keys off meanwhile as SQLite's ALTER TABLE guide says."""
    raw = cache.raw_connection()
    try:
        lite = raw.driver_connection
        assert lite is not None
        notnull = {row[1]: row[3] for row in lite.execute("PRAGMA table_info(blobs)")}
        if not notnull.get("data"):
            return
        (ddl,) = lite.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'blobs'").fetchone()
        nullable = re.sub(r"(\bdata\s+BLOB)\s+NOT NULL", r"\1", ddl, count=1, flags=re.IGNORECASE)
        new = re.sub(r"^CREATE TABLE\s+\"?blobs\"?", "CREATE TABLE blobs_unfetched", nullable, count=1)
        assert new != ddl and "blobs_unfetched" in new, ddl
        lite.execute("PRAGMA foreign_keys = OFF")
        try:
            lite.execute("BEGIN IMMEDIATE")
            lite.execute(new)
            lite.execute("INSERT INTO blobs_unfetched SELECT sha256, size, mime, data FROM blobs")
            lite.execute("DROP TABLE blobs")
            lite.execute("ALTER TABLE blobs_unfetched RENAME TO blobs")
            bad = lite.execute("PRAGMA foreign_key_check").fetchall()
            assert not bad, bad
            lite.execute("COMMIT")
        except BaseException:
            lite.execute("ROLLBACK")
            raise
        finally:
            lite.execute("PRAGMA foreign_keys = ON")
    finally:
        raw.close()


def needed(uow: UnitOfWork, actor: Actor) -> set[str]:
    """The letters that need *actor* now, as their Kotak Masuk and Draf show them: steps waiting for them or for
    someone they stand in for, disposisi to them not done, incoming letters addressed to them not yet disposed,
    their own drafts and returned letters, letters delivered to them and not read yet."""
    from eoffice.services import incoming, mailbox, routing
    from eoffice.services.queries import DRAFT_STATUSES

    ids = {i.document_id for i in routing.inbox(uow, actor)}
    ids |= {d.id for d, n in incoming.my_dispositions(uow, actor) if n.status != "done"}
    ids |= {d.id for d in incoming.incoming_for(uow, actor)}
    ids |= set(uow.session.scalars(select(Document.id).where(Document.created_by == actor.user_id,
                                                              Document.status.in_(sorted(DRAFT_STATUSES)))))
    ids |= {d.id for d in mailbox.delivered(uow, actor) if not d.read}
    return ids


def present(cache: Engine, letters: set[str]) -> set[str]:
    """Which of *letters* the cache holds."""
    with cache.connect() as conn:
        conn.execution_options(eoffice_read_only=True)
        return {i for part in chunks(sorted(letters), 500)
                for i in conn.scalars(select(Document.id).where(Document.id.in_(part)))}


def unfetched(cache: Engine, letters: Iterable[str]) -> list[str]:
    """The files of *letters* the cache names without their bytes."""
    out: set[str] = set()
    with cache.connect() as conn:
        conn.execution_options(eoffice_read_only=True)  # no write lock (store/db.py): a look only
        for part in chunks(sorted(set(letters)), 500):
            named = [select(T[table].c[col]).where(T[table].c[key].in_(part))
                     for table, key, cols in LETTER_FILES for col in cols]
            out |= set(conn.scalars(select(BLOBS.c.sha256).where(
                BLOBS.c.data.is_(None), or_(*(BLOBS.c.sha256.in_(q) for q in named)))))
    return sorted(out)


_LETTERS: BindParameter[str] = bindparam("letters", expanding=True)
_SHAS: BindParameter[str] = bindparam("shas", expanding=True)
_NAMED = union(*(select(T[table].c[col].label("sha256")).where(T[table].c[key].in_(_LETTERS),
                                                               T[table].c[col].is_not(None))
                 for table, key, cols in LETTER_FILES for col in cols))
_UNNAMED = and_(*(~exists().where(T[table].c[col] == BLOBS.c.sha256) for table, _key, cols in LETTER_FILES
                  for col in cols))
_DROP_UNNAMED = delete(BLOBS).where(BLOBS.c.sha256.in_(_SHAS), _UNNAMED)


def named(conn: Connection, letters: Sequence[str]) -> set[str]:
    """The files the cache's rows of *letters* name (at most 500 letters: one IN list)."""
    return {str(r[0]) for r in conn.execute(_NAMED, {"letters": list(letters)})}


def drop_unnamed(conn: Connection, shas: set[str] | None) -> int:
    """Delete the cache's files among *shas* (None: all of them) that no row names any more: their name and
    their bytes, in the caller's transaction. The count deleted."""
    if shas is None:
        return int(conn.execute(delete(BLOBS).where(_UNNAMED)).rowcount or 0)
    return sum(int(conn.execute(_DROP_UNNAMED, {"shas": list(part)}).rowcount or 0)
               for part in chunks(sorted(shas), 500))


def fill(server: Connection, cache: Engine, letters: Iterable[str]) -> Fetched:
    """Fetch from *server* (the pull's snapshot, as the user: they may read these files) the bytes of the
    files of *letters* the cache lacks, FILE_BATCH at a time."""
    files = size = 0
    for part in chunks(unfetched(cache, letters), FILE_BATCH):
        rows: list[tuple[str, bytes]] = [(r[0], r[1]) for r in server.execute(
            select(BLOBS.c.sha256, BLOBS.c.data).where(BLOBS.c.sha256.in_(part)))]
        with cache.begin() as conn:
            for sha, data in rows:
                if _store(conn, sha, data):
                    files, size = files + 1, size + len(data)
    return Fetched(files, size)


def keep(cache: Engine, data: bytes) -> bool:
    """A file the user has just read online stays in the cache: its bytes fill the cache's row of the same
    SHA-256 if that row has none (nothing happens for bytes the cache does not name, such as a preview).
    True when it filled one."""
    if not data:
        return False
    sha = hashlib.sha256(data).hexdigest()
    with cache.connect() as conn:  # a look first, without the write lock a pull may be holding
        conn.execution_options(eoffice_read_only=True)
        if conn.scalar(select(BLOBS.c.sha256).where(BLOBS.c.sha256 == sha, BLOBS.c.data.is_(None))) is None:
            return False
    with cache.begin() as conn:
        return bool(_store(conn, sha, data))


def _store(conn: Connection, sha: str, data: bytes) -> int:
    return int(conn.execute(update(BLOBS).where(BLOBS.c.sha256 == sha, BLOBS.c.data.is_(None))
                            .values(data=data)).rowcount or 0)


def chunks(items: Sequence[X], size: int) -> Iterable[Sequence[X]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
