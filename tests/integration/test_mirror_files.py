"""Which files the local cache holds (eoffice/sync/pull_files.py), on both back ends: a first pull brings the
files of the letters that need the user now, byte for byte, and only the names of the archive's; a file opened
online stays in the cache; read offline, a file left on the server is a plain NotCached; a letter that enters the
inbox later gets its files at the next pull."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from eoffice.app import queries as q
from eoffice.domain import NotCached
from eoffice.services import letters
from eoffice.services.auth import Actor
from eoffice.services.demo_letters import _scan_pdf
from eoffice.store.models import Blob, Document
from eoffice.store.uow import UnitOfWork
from eoffice.sync.mirror import open_cache, pull
from eoffice.sync.pull_files import LETTER_FILES, needed
from tests.integration.helpers import actor, decide, draft, pending, run, submit


def files_of(engine: Engine, ids: set[str]) -> set[str]:
    """The files the rows of letters *ids* name, on *engine*."""
    def look(uow: UnitOfWork) -> set[str]:
        t = Document.metadata.tables
        out: set[str] = set()
        for table, key, cols in LETTER_FILES:
            for col in cols:
                out |= {s for s in uow.session.scalars(select(t[table].c[col]).where(t[table].c[key].in_(ids))) if s}
        return out
    return run(engine, look)


def data(engine: Engine, shas: set[str]) -> dict[str, bytes | None]:
    return run(engine, lambda uow: dict(uow.session.execute(  # type: ignore[arg-type]
        select(Blob.sha256, Blob.data).where(Blob.sha256.in_(shas))).all()))


def test_a_first_pull_as_the_governor_brings_the_inbox_files_and_leaves_the_archive_out(
        content_engine: Engine, tmp_path: Path) -> None:
    first_pull_as_governor(content_engine, actor(content_engine, "gubernur"), tmp_path)


@pytest.mark.parametrize("backend", ["postgresql"])
def test_the_same_through_the_governors_own_role(content_url: str, tmp_path: Path) -> None:
    """As a real client pulls: connected as the governor's role, row-level security deciding what is read."""
    from tests.integration.pgroles import Roles

    roles = Roles(content_url)
    try:
        first_pull_as_governor(roles.engine("gubernur"), roles.actor("gubernur"), tmp_path)
    finally:
        roles.close()


def first_pull_as_governor(content_engine: Engine, gub: Actor, tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "gubernur.db")
    got = pull(content_engine, cache, gub, "server-a")
    waiting = run(content_engine, lambda uow: needed(uow, gub))
    cached = set(run(cache, lambda uow: set(uow.session.scalars(select(Document.id)))))
    assert waiting and waiting <= cached
    inbox_files = files_of(cache, waiting)
    archive_files = files_of(cache, cached - waiting) - inbox_files
    assert inbox_files and archive_files  # the demo's governor has both
    on_server = data(content_engine, inbox_files)
    assert data(cache, inbox_files) == on_server and None not in on_server.values()  # byte for byte
    assert set(data(cache, archive_files).values()) == {None}  # named, not fetched
    sizes = run(content_engine, lambda uow: dict(uow.session.execute(
        select(Blob.sha256, Blob.size).where(Blob.sha256.in_(archive_files))).all()))
    assert run(cache, lambda uow: dict(uow.session.execute(
        select(Blob.sha256, Blob.size).where(Blob.sha256.in_(archive_files))).all())) == sizes
    assert (got.files, got.file_bytes) == (len(inbox_files), sum(len(b or b"") for b in on_server.values()))
    again = pull(content_engine, cache, gub, "server-a")
    assert (again.files, again.file_bytes) == (0, 0)  # nothing twice
    # read offline: an archive letter's file is a plain "not in the local copy", the inbox's are there
    signed = run(cache, lambda uow: [d.id for d in uow.session.scalars(select(Document).where(
        Document.signed_pdf_sha256.in_(archive_files)))])
    assert signed
    with pytest.raises(NotCached, match="belum ada di salinan lokal"):
        run(cache, lambda uow: q.export_pdf(uow, gub, signed[0]))
    view = run(cache, lambda uow: q.letter_view(uow, gub, signed[0]))
    assert view.file_missing and view.pdf == b"" and view.signed and "verify" not in view.allowed_actions
    mine = run(cache, lambda uow: q.letter_view(uow, gub, sorted(waiting)[0]))
    assert not mine.file_missing and mine.pdf.startswith(b"%PDF")
    cache.dispose()


def test_a_file_opened_online_stays_in_the_cache(content_url: str, home: Path) -> None:
    from eoffice.app.desktop import Desktop

    desk = Desktop(content_url, home)
    try:
        gub = desk.login("gubernur", "demo")
        desk.sync(gub)
        assert desk.cache is not None
        waiting = desk.read(lambda uow: needed(uow, gub))
        cached = desk.run(lambda uow: set(uow.session.scalars(select(Document.id))), read_only=True)
        archive = sorted(files_of(desk.cache, cached - waiting) - files_of(desk.cache, waiting))
        by_letter = run(desk.cache, lambda uow: [(d.id, d.signed_pdf_sha256) for d in uow.session.scalars(
            select(Document).where(Document.signed_pdf_sha256.in_(archive)).order_by(Document.id))])
        assert len(by_letter) >= 1
        doc, sha = by_letter[0]
        online = desk.letter_view(gub, doc)  # the server's file; the cache keeps a copy
        assert not online.file_missing and online.signed
        assert data(desk.cache, {sha}) == {sha: online.pdf} == data(desk.engine, {sha})
        left = sorted(set(archive) - {sha})
        desk.offline = True  # the database is away: reads come from the cache
        offline = desk.letter_view(gub, doc)
        assert offline.pdf == online.pdf and not offline.file_missing
        assert set(data(desk.cache, set(left)).values()) == {None}  # the rest stays on the server
    finally:
        desk.close()


def test_a_letter_that_enters_the_inbox_gets_its_files_at_the_next_pull(content_engine: Engine, home: Path,
                                                                         tmp_path: Path) -> None:
    doc = draft(content_engine, "staf.kominfo", subject="Naskah dengan lampiran")
    staf = actor(content_engine, "staf.kominfo")
    annex = _scan_pdf("Lampiran uji")
    sha = run(content_engine, lambda uow: letters.attach(uow, staf, doc, "lampiran.pdf", annex,
                                                         max_bytes=10_000_000))
    submit(content_engine, "staf.kominfo", doc)
    kepala = actor(content_engine, "kepala.kominfo")  # the signer, who sees the unit's letters meanwhile
    cache = open_cache(tmp_path / "kepala.db")
    pull(content_engine, cache, kepala, "server-a")
    assert run(cache, lambda uow: uow.session.get(Document, doc)) is not None
    assert data(cache, {sha}) == {sha: None}  # in review elsewhere: named only
    for _ in range(5):
        _stage, _kind, login = pending(content_engine, doc)[0]
        if login == "kepala.kominfo":
            break
        decide(content_engine, home, login, doc)
        pull(content_engine, cache, kepala, "server-a")
    assert login == "kepala.kominfo"  # the letter waits for the signer now
    assert data(cache, {sha}) == {sha: annex}
    working = files_of(content_engine, {doc})
    assert data(cache, working) == data(content_engine, working) and None not in data(cache, working).values()
    cache.dispose()


def test_a_delegation_brings_the_delegators_inbox_with_its_files_at_the_next_pull(content_engine: Engine,
                                                                                  tmp_path: Path) -> None:
    """The letters waiting for the head of Diskominfo reach the cache of the one standing in for them (here
    someone who could not see them before), with their files, though none of the letters changed."""
    import datetime as dt

    from eoffice.services import delegation, routing
    from eoffice.sync.pull_files import present

    plh, kepala = actor(content_engine, "staf.dinkes"), actor(content_engine, "kepala.kominfo")
    cache = open_cache(tmp_path / "plh.db")
    pull(content_engine, cache, plh, "server-a")
    ahead = {i.document_id for i in run(content_engine, lambda uow: routing.inbox(uow, kepala))}  # steps
    assert ahead and not present(cache, ahead)
    today = run(content_engine, lambda uow: uow.now().date())
    run(content_engine, lambda uow: delegation.delegate(uow, kepala, "staf.dinkes", "Plh.", today,
                                                        today + dt.timedelta(days=3)))
    got = pull(content_engine, cache, plh, "server-a")
    assert present(cache, ahead) == ahead
    assert [i.document_id for i in run(cache, lambda uow: routing.inbox(uow, plh))] == \
        [i.document_id for i in run(content_engine, lambda uow: routing.inbox(uow, plh))]
    files = files_of(content_engine, ahead)
    assert files and data(cache, files) == data(content_engine, files) and got.files > 0
    cache.dispose()


def test_a_cache_made_before_keeps_its_files_and_every_read_is_checked(tmp_path: Path) -> None:
    """A cache from an earlier version (blobs.data NOT NULL, every file in it) opens with its files kept and
    may then name files without bytes; a file whose bytes were changed in the cache is refused, not served."""
    import hashlib

    from eoffice.domain import Tampered
    from eoffice.services.blobs import get_blob
    from eoffice.store.db import make_engine
    from eoffice.store.migrate import upgrade

    blobs = Document.metadata.tables["blobs"]
    path = tmp_path / "old.db"
    old = make_engine(f"sqlite:///{path}")
    upgrade(old)
    kept, later, bad = b"%PDF-1.7 kept", b"%PDF-1.7 later", b"%PDF-1.7 bad"
    sha = {b: hashlib.sha256(b).hexdigest() for b in (kept, later, bad)}
    with old.begin() as conn:
        conn.execute(blobs.insert(), [{"sha256": sha[b], "size": len(b), "mime": "application/pdf", "data": b}
                                      for b in (kept, bad)])
    old.dispose()
    cache = open_cache(path)
    with cache.begin() as conn:
        conn.execute(blobs.insert().values(sha256=sha[later], size=len(later), mime="application/pdf", data=None))
        conn.execute(blobs.update().where(blobs.c.sha256 == sha[bad]).values(data=b"%PDF-1.7 replaced"))
    assert run(cache, lambda uow: get_blob(uow, sha[kept])) == kept
    with pytest.raises(NotCached):
        run(cache, lambda uow: get_blob(uow, sha[later]))
    with pytest.raises(Tampered):
        run(cache, lambda uow: get_blob(uow, sha[bad]))
    cache.dispose()
