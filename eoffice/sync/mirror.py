"""The local cache: a SQLite copy of what one user may see on the shared database, kept fresh by pulling the
change feed (DESIGN.md, "Local cache and sync"). Only ``pull`` writes it; nothing is edited locally.

The cache has the server's schema (the same migrations), so the read use cases run on it unchanged. A pull
reads the changes after the cache's checkpoint up to the newest one, then the rows they name as they are now
(for a letter: the letter and everything hanging off it, if the user may still see it; otherwise it leaves the
cache), and stores them with the new checkpoint in one local transaction: an interrupted pull leaves the cache
as it was. Rows are never older than the changes read (a row changed meanwhile is copied again next time), so
nothing is missed. The first pull copies everything the user may see; of the files (PDFs, attachments) only
those of the letters that need the user now, the rest named without their bytes and fetched on demand
(eoffice/sync/pull_files.py).

The cache converges to what the user may see now. A letter that changed is asked again and, if the user may no
longer see it (made rahasia, a recipient removed), leaves; letters that did not change can leave (or enter) the
view too, when a delegation ends or begins, a user moves to another unit or position: then the whole view is
compared, the ids the server lets the user see now (one query; on PostgreSQL row-level security decides) against
the ids the cache holds, at a pull whose changes name a user, position, unit or delegation (VIEW_ENTITIES),
when a delegation to the user began or ended by the clock since the last comparison, and at least every
CHECK_EVERY (what the feed does not tell: a row fixed by hand in the database). Other pulls stay as cheap as the
changes they read. A letter leaves with every row hanging off it, its search rows (the FTS5 delete trigger) and
the files no other cached letter names (their names and bytes); one copied again first loses the rows the
server no longer has (an attachment removed). The outbox (eoffice/sync/outbox.py) is never touched: a sync pushes
first (app/session.py), and a command still queued for a letter that left is refused at its push, as before
(tests/integration/test_mirror_purge.py).

A transaction that commits late is not skipped: change numbers are handed out by the seal (store/uow.py) under
the lock of the single sync_counter row, held until COMMIT, so a transaction numbers its changes only after
every earlier sealer has committed; a pull that sees number n sees every number below it
(tests/integration/test_mirror.py, "commits late" and "held back").

What never reaches a cache: other users' password hashes, the audit chain, the change feed itself, number
counters, and letters outside the user's view (``services.access.visible_clause``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.event import contains, listen
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import BindParameter

from eoffice.domain import BadInput
from eoffice.profile import private_dir, private_file
from eoffice.services.access import visible_clause
from eoffice.services.auth import Actor
from eoffice.store.db import first_line, make_engine
from eoffice.store.dbroles import enforced, nik_of, password_hash_of
from eoffice.store.migrate import upgrade
from eoffice.store.models import Base, Change, Document
from eoffice.store.security import PRIVATE_USER_COLUMNS
from eoffice.store.uow import UnitOfWork
from eoffice.sync import outbox, pull_files
from eoffice.sync.pull_files import chunks as _chunks

T = Base.metadata.tables
# Org-wide tables a change names by entity: (table, key column). Copied whole on the first pull.
ENTITIES = {
    "unit": ("units", "id"), "position": ("positions", "id"), "user": ("users", "id"),
    "classification": ("classification_codes", "code"), "route_template": ("route_templates", "id"),
    "number_format": ("number_formats", "id"), "delegation": ("delegations", "id"),
    "certificate": ("certificates", "id"),
}
# A letter's own rows, by document id (decisions through their steps, blobs through the rows that name them).
LETTER_TABLES = ("document_versions", "attachments", "recipients", "routes", "steps", "route_notes",
                 "dispositions")
# Changes that may move letters in or out of a user's view without a change of the letters: who holds which
# position in which unit, the hierarchy of positions, delegations (services/access.py; store/security.py).
VIEW_ENTITIES = ("user", "position", "unit", "delegation")
CHECK_EVERY = dt.timedelta(hours=1)  # the whole view is checked at least this often (_head)
ALWAYS_WHOLE = ("crls",)  # small, and not in the change feed
# SQLite's page cache while a pull writes rows (KiB, as PRAGMA cache_size takes it when negative): a batch's
# rows land all over the version and recipient tables (their ids do not follow the letters' order), which
# SQLite's default 2 MiB re-reads page by page. The connection gets the default back when the pull gives it
# back to the pool (_bulk_cache), so the desktop's readers keep SQLite's own 2 MiB each.
BULK_CACHE_KIB, SQLITE_CACHE_KIB = -32768, -2000
LETTER_BATCH = 2000  # letters copied and written per local transaction (their rows only: files come apart)
BLOB_COLUMNS = {t.name: [fk.parent.name for fk in t.foreign_keys if fk.column.table.name == "blobs"]
                for t in Base.metadata.sorted_tables}  # the files a row names (signed PDF, attachment, ...)

_state_meta = MetaData()
STATE = Table("mirror_state", _state_meta, Column("key", String(40), primary_key=True), Column("value", String(300)))


@dataclass(frozen=True)
class Pulled:
    letters: int  # letters copied (new or changed)
    removed: int  # letters no longer visible, removed from the cache
    rows: int  # rows written in all
    checkpoint: int  # the change sequence the cache is now at
    first: bool  # the first pull (everything the user may see)
    files: int = 0  # files whose bytes were fetched (those of the letters that need the user now)
    file_bytes: int = 0  # their size in all


def cache_path(home: Path, login: str) -> Path:
    return home / "cache" / f"{login}.db"


def open_cache(path: Path) -> Engine:
    """The cache database at *path*, created and migrated when needed."""
    try:
        private_dir(path.parent)  # the profile's cache directory (cache_path), private with any it creates
        private_file(path)  # 0600 before SQLite opens it: its -wal and -shm files take the same mode
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        pull_files.allow_unfetched(engine)
        _state_meta.create_all(engine)
        outbox.create(engine)
    except (OSError, DBAPIError) as exc:
        raise BadInput(f"Cache tidak dapat dibuka di {path}: {first_line(exc)}") from exc
    return engine


def refresh_login(cache: Engine, user_id: int, password_hash: str, active: bool) -> None:
    """The cache owner's login as the server has it now (called after an online login, before any pull)."""
    users = T["users"]
    with cache.begin() as conn:
        conn.execute(users.update().where(users.c.id == user_id).values(password_hash=password_hash, active=active))


def state(cache: Engine) -> dict[str, str]:
    with cache.connect() as conn:
        return {str(row[0]): str(row[1]) for row in conn.execute(select(STATE.c.key, STATE.c.value))}


def pull(server: Engine, cache: Engine, actor: Actor, server_label: str) -> Pulled:
    """Bring the cache up to the server's current change sequence for *actor*. Letters are copied and written
    LETTER_BATCH at a time (a first pull of a province's archive must not hold every PDF in memory); the
    checkpoint moves only after the last batch, so an interrupted pull is simply done again."""
    known = state(cache)
    if known.get("login", actor.login) != actor.login:
        raise BadInput(f"Cache ini milik {known.get('login')} di {known.get('server')}, bukan {actor.login}")
    if known.get("server", server_label) != server_label:
        raise BadInput(f"Cache ini milik {actor.login} di {known.get('server')}, bukan di {server_label}")
    since = int(known.get("checkpoint", "0"))
    uow = UnitOfWork(server, read_only=True)
    written = removed = 0
    with uow:
        last = dt.datetime.fromisoformat(known["checked_at"]) if "checked_at" in known else None
        top, now, moved = _head(uow, actor, last)
        if top < since:
            raise BadInput("Cache lebih baru dari server (database diganti?): hapus cache lalu sinkron ulang")
        copy = _Copy(uow, actor)
        named = _changed(uow.session.connection(), since, top) if since else {}
        copy.org(named if since else None)
        wanted = named.get("document", set()) | copy.letters_of_dispositions(named.get("disposition", set()))
        # the inbox: its letters and their files are always here (nothing new on the server: nothing new in it)
        need = pull_files.needed(uow, actor) if top > since else set()
        checked = None
        if since == 0 or moved or any(named.get(e) for e in VIEW_ENTITIES):
            # The whole view: the ids the server lets the user see now (one query; on PostgreSQL row-level
            # security decides) against the ids the cache holds; the difference leaves, the new ones come.
            seen, held = _visible_ids(uow, actor, None), _held(cache)
            # a first pull copies all (one cut short copied some from an older snapshot); a later one what changed
            # and what entered the view unchanged
            visible = seen if since == 0 else (wanted & seen) | (seen - held)
            copy.gone, checked = held - seen, now
            if visible and not need:  # the view grew with nothing new in the feed (a delegation began)
                need = pull_files.needed(uow, actor)
        else:  # only the letters that changed can have left the view: each is asked again
            have = pull_files.present(cache, need | wanted)
            wanted |= need - have  # entered the inbox unchanged (a step reached them)
            visible = _visible_ids(uow, actor, wanted)
            held, copy.gone = have & visible, wanted - visible
        with cache.begin() as conn:
            removed = _remove_letters(conn, copy.gone, sweep="swept" not in known)
            once = {"login": actor.login, "server": server_label, "swept": "1"}
            written += _write(conn, copy, {k: v for k, v in once.items() if k not in known})
        for batch in _chunks(sorted(visible), LETTER_BATCH):
            copy.letters(set(batch))
            with cache.begin() as conn:
                written += _write(conn, copy, {}, replace=held.intersection(batch))
        fetched = pull_files.fill(uow.session.connection(), cache, need)
    done = {"checkpoint": str(top), "pulled_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    if checked is not None:
        done["checked_at"] = checked.isoformat()
    with cache.begin() as conn:
        _write(conn, copy, done)
    return Pulled(len(visible), removed, written, top, since == 0, fetched.files, fetched.bytes)


def _write(conn: Connection, copy: _Copy, values: dict[str, str], replace: Iterable[str] = ()) -> int:
    """The rows copied so far (then forgotten) and *values* for the cache's state, in the caller's transaction.
    The letters *replace* (held before, copied again) lose first the rows the server no longer has (a
    recipient, an attachment removed), and any file no other row names."""
    conn.execute(text("PRAGMA defer_foreign_keys = ON"))  # parents and children arrive in one go
    files, _none = _clear_letters(conn, set(replace), whole=False)
    written = sum(_upsert(conn, T[name], rows) for name, rows in copy.ordered())
    pull_files.drop_unnamed(conn, files)
    copy.rows.clear()
    for key, value in values.items():
        conn.execute(sqlite_insert(STATE).values(key=key, value=value)
                     .on_conflict_do_update(index_elements=["key"], set_={"value": value}))
    return written


def _head(uow: UnitOfWork, actor: Actor, last: dt.datetime | None) -> tuple[int, dt.datetime, bool]:
    """In one statement: the newest change number, the server's clock, and whether letters that did not change
    may have entered or left the user's view by the clock alone since *last* (the last check of the whole view):
    a delegation to them began or ended; or the last check is older than CHECK_EVERY (a backstop for what the
    change feed does not tell: a row fixed by hand in the database, a rule changed by an upgrade)."""
    pg = uow.dialect == "postgresql"
    params: dict[str, Any] = {"me": actor.user_id, "last": last or dt.datetime.min.replace(tzinfo=dt.UTC)}
    if not pg:
        params["now"] = uow.now()
    row = uow.session.connection().execute(_head_statement(pg), params).one()
    if pg:
        uow.remember_now(row[1])
    now = uow.now()
    moved = last is None or not last <= now < last + CHECK_EVERY or bool(row[-1])
    return int(row[0] or 0), now, moved


@functools.cache
def _head_statement(pg: bool) -> Any:
    """_head's statement, built once per back end (a pull runs it every minute)."""
    d = T["delegations"]
    clock: Any = func.now() if pg else bindparam("now", type_=d.c.ends_at.type)  # PostgreSQL: its own clock
    last = bindparam("last", type_=d.c.ends_at.type)
    crossed = or_(and_(d.c.starts_at > last, d.c.starts_at <= clock), and_(d.c.ends_at > last, d.c.ends_at <= clock))
    columns: list[Any] = [func.coalesce(func.max(Change.seq), 0)] + ([func.now()] if pg else [])
    columns.append(exists().where(d.c.delegate_id == bindparam("me"), crossed))
    return select(*columns).select_from(Change)


def _held(cache: Engine) -> set[str]:
    """The letters the cache holds (sqlite3's own cursor: a province's archive is 100,000 ids, twice as fast)."""
    with cache.connect() as conn:
        lite: Any = conn.connection.driver_connection
        return {row[0] for row in lite.execute("SELECT id FROM documents").fetchall()}


def _visible_ids(uow: UnitOfWork, actor: Actor, among: set[str] | None) -> set[str]:
    """The letters the user may see (of *among*, if given), as the server decides."""
    if among is None and enforced(uow.engine):  # row-level security decides: every id, read by psycopg's own
        driver: Any = uow.session.connection().connection.driver_connection  # cursor (half the time)
        with driver.cursor() as cursor:
            return {row[0] for row in cursor.execute("SELECT id FROM documents").fetchall()}
    q = select(Document.id).where(visible_clause(uow, actor))
    if among is not None:
        if not among:
            return set()
        q = q.where(Document.id.in_(sorted(among)))
    return set(uow.session.scalars(q))


def _changed(conn: Connection, since: int, top: int) -> dict[str, set[str]]:
    named: dict[str, set[str]] = {}
    q = select(Change.entity, Change.entity_id).where(Change.seq > since, Change.seq <= top)
    for entity, entity_id in conn.execute(q):
        named.setdefault(entity, set()).add(entity_id)
    return named


class _Copy:
    """The rows one pull writes, read from the server within the pull's snapshot."""

    def __init__(self, uow: UnitOfWork, actor: Actor) -> None:
        self.conn, self.actor = uow.session.connection(), actor
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.gone: set[str] = set()
        # no one else's hash or NIK is readable (store/security.py): the cache holds only its owner's
        self.own = {"password_hash": password_hash_of(uow, actor.user_id), "nik": nik_of(uow, actor.user_id)}

    def _take(self, table: str, where: Any = None) -> list[dict[str, Any]]:
        columns = [c for c in T[table].c if (table != "users" or c.name not in PRIVATE_USER_COLUMNS)
                   and (table != "blobs" or c.name != "data")]  # a file's bytes: pull_files.fill, on demand
        q = select(*columns) if where is None else select(*columns).where(where)
        result = self.conn.execute(q)
        keys = list(result.keys())
        got = [dict(zip(keys, r, strict=True)) for r in result.all()]
        self.rows.setdefault(table, []).extend(got)
        return got

    def org(self, named: dict[str, set[str]] | None) -> None:
        for entity, (table, key) in ENTITIES.items():
            if named is None:
                self._take(table)
            elif named.get(entity):
                column = T[table].c[key]  # the feed holds ids as text
                self._take(table, column.in_(sorted(column.type.python_type(i) for i in named[entity])))
        for table in ALWAYS_WHOLE:
            self._take(table)
        for user in self.rows.get("users", []):  # a cache holds no one's password hash or NIK but its owner's
            mine = user["id"] == self.actor.user_id
            user["password_hash"] = self.own["password_hash"] if mine else ""
            user["nik"] = self.own["nik"] if mine else None

    def letters_of_dispositions(self, ids: set[str]) -> set[str]:
        if not ids:
            return set()
        d = T["dispositions"]
        return {r[0] for r in self.conn.execute(select(d.c.document_id).where(d.c.id.in_(sorted(ids))))}

    def letters(self, ids: set[str]) -> None:
        for chunk in _chunks(sorted(ids), 500):
            docs = self._take("documents", self._among(T["documents"].c.id, chunk))
            owned = {name: self._take(name, self._among(T[name].c.document_id, chunk)) for name in LETTER_TABLES}
            steps = [s["id"] for s in owned["steps"]]
            for part in _chunks(steps, 500):
                self._take("decisions", self._among(T["decisions"].c.step_id, part))
            blobs = {r[c] for name, rows in (("documents", docs), *owned.items()) for r in rows
                     for c in BLOB_COLUMNS.get(name, ())}
            for part in _chunks(sorted(b for b in blobs if b), 500):
                self._take("blobs", self._among(T["blobs"].c.sha256, part))

    def _among(self, column: Any, values: Iterable[Any]) -> Any:
        """``column IN values``; on PostgreSQL as ``= ANY`` of one array parameter: the same rows, without
        rendering and parsing a placeholder per value at every execution (bench/RESULTS.md, "First pull")."""
        if self.conn.dialect.name == "postgresql":
            from sqlalchemy import ARRAY, any_, literal

            return column == any_(literal(list(values), ARRAY(column.type)))
        return column.in_(values)

    def ordered(self) -> Iterable[tuple[str, list[dict[str, Any]]]]:
        for table in Base.metadata.sorted_tables:  # parents before children
            if table.name in self.rows and self.rows[table.name]:
                yield table.name, self.rows[table.name]


_BULK = "eoffice_bulk_cache"  # in a pooled connection's info: it has BULK_CACHE_KIB now


def _bulk_cache(conn: Connection) -> None:
    """BULK_CACHE_KIB for the connection writing a pull's rows, until it goes back to the pool."""
    if conn.info.get(_BULK):
        return
    if not contains(conn.engine, "checkin", _default_cache):
        listen(conn.engine, "checkin", _default_cache)
    conn.execute(text(f"PRAGMA cache_size = {BULK_CACHE_KIB}"))
    conn.info[_BULK] = True


def _default_cache(dbapi_conn: Any, record: Any) -> None:
    if record.info.pop(_BULK, False) and dbapi_conn is not None:
        dbapi_conn.execute(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")


def _upsert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> int:
    _bulk_cache(conn)
    keys = [c.name for c in table.primary_key.columns]
    unique: dict[tuple[Any, ...], dict[str, Any]] = {tuple(r[k] for k in keys): r for r in rows}
    stmt = sqlite_insert(table)
    update = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys
              and table.name != "blobs"}  # a file's name never changes; its bytes, once fetched, stay
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_=update) if update else stmt.on_conflict_do_nothing()
    for part in _chunks(list(unique.values()), 200):
        conn.execute(stmt, list(part))
    return len(unique)


def _remove_letters(conn: Connection, ids: set[str], *, sweep: bool = False) -> int:
    """Letters the user may no longer see (or that are gone) leave the cache with their rows (the search
    index's rows go with the letter: the FTS5 delete trigger) and the files no other letter names. *sweep*:
    also the files no row names at all (left by a version that removed letters without their files)."""
    if not ids and not sweep:
        return 0
    conn.execute(text("PRAGMA defer_foreign_keys = ON"))
    files, removed = _clear_letters(conn, ids, whole=True)
    pull_files.drop_unnamed(conn, files)
    if sweep:
        pull_files.drop_unnamed(conn, None)
    return removed


# The rows hanging off letters (decisions through their steps), children first; built once (a pull may run them
# for every letter it copies again).
_IDS: BindParameter[str] = bindparam("ids", expanding=True)
_CLEAR = [delete(T["decisions"]).where(T["decisions"].c.step_id.in_(
    select(T["steps"].c.id).where(T["steps"].c.document_id.in_(_IDS))))]
_CLEAR += [delete(T[name]).where(T[name].c.document_id.in_(_IDS)) for name in reversed(LETTER_TABLES)]
_DROP = delete(T["documents"]).where(T["documents"].c.id.in_(_IDS))


def _clear_letters(conn: Connection, ids: set[str], *, whole: bool) -> tuple[set[str], int]:
    """Delete the rows hanging off letters *ids* (and, if *whole*, the letters): the files those rows named, and
    how many letters left."""
    files: set[str] = set()
    removed = 0
    for chunk in _chunks(sorted(ids), 500):
        files |= pull_files.named(conn, chunk)
        for stmt in _CLEAR:
            conn.execute(stmt, {"ids": list(chunk)})
        if whole:
            removed += int(conn.execute(_DROP, {"ids": list(chunk)}).rowcount or 0)
    return files, removed
