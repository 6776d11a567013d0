"""The local cache converges to what the user may see now (eoffice/sync/mirror.py): a letter the server no longer
lets them read leaves the cache at the next pull with every row hanging off it, its search rows and the files no
other cached letter names, whether or not any row of the letter changed (a delegation that ran out changes
nothing in the change feed); the letters still visible keep their rows and files; a command queued offline for
such a letter stays in the outbox and is refused at the push, as before. On both back ends, on PostgreSQL as the
user's own role (row-level security deciding)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Engine

from eoffice.app import commands as c
from eoffice.app.offline import enqueue, items
from eoffice.app.session import Session
from eoffice.services import delegation, letters, queries, routing
from eoffice.services.demo_letters import _scan_pdf
from eoffice.store.models import Blob, Delegation, Document, StepRow
from eoffice.sync import outbox
from eoffice.sync.mirror import LETTER_TABLES, pull
from eoffice.sync.mirror import state as mirror_state
from eoffice.sync.pull_files import LETTER_FILES, keep
from tests.integration.helpers import actor, draft, run
from tests.integration.pgroles import userless

T = Document.metadata.tables


def _session(content_url: str, backend: str, home: Path) -> Session:
    """A client as the person's machine has it: on PostgreSQL connected as their own role."""
    return Session(userless(content_url) if backend == "postgresql" else content_url, home)


def rows_of(cache: Engine, doc: str) -> dict[str, int]:
    """How many rows of letter *doc* each of the cache's letter tables holds (only the non-empty ones)."""
    out: dict[str, int] = {}
    with cache.connect() as conn:
        out["documents"] = int(conn.scalar(select(func.count()).select_from(T["documents"])
                                           .where(T["documents"].c.id == doc)) or 0)
        for name in LETTER_TABLES:
            out[name] = int(conn.scalar(select(func.count()).select_from(T[name])
                                        .where(T[name].c.document_id == doc)) or 0)
        steps = select(StepRow.id).where(StepRow.document_id == doc)
        out["decisions"] = int(conn.scalar(select(func.count()).select_from(T["decisions"])
                                           .where(T["decisions"].c.step_id.in_(steps))) or 0)
    return {k: v for k, v in out.items() if v}


def files(cache: Engine, shas: set[str]) -> dict[str, bytes | None]:
    with cache.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(select(Blob.sha256, Blob.data).where(Blob.sha256.in_(shas)))}


def found(cache: Engine, word: str) -> int:
    """Letters the cache's full-text index finds for *word* (the FTS5 table's own rows)."""
    with cache.connect() as conn:
        return int(conn.scalar(text("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :w"), {"w": word})
                   or 0)


def test_a_letter_made_rahasia_leaves_the_cache_with_its_rows_search_rows_and_files(
        content_engine: Engine, content_url: str, backend: str, home: Path) -> None:
    """The head of section sees a subordinate's draft until it is made rahasia; his own letter, which names one
    of the same files, keeps it."""
    own, shared = _scan_pdf("Lampiran milik naskah ini saja"), _scan_pdf("Lampiran bersama")
    doc = draft(content_engine, "staf.kominfo", subject="Naskah zamrudrahasia yang dinaikkan")
    staf = actor(content_engine, "staf.kominfo")
    sha_own, sha_shared = (run(content_engine, lambda uow, n=n, b=b: letters.attach(
        uow, staf, doc, n, b, max_bytes=10_000_000)) for n, b in (("sendiri.pdf", own), ("bersama.pdf", shared)))
    mine = draft(content_engine, "kasi1.kominfo", subject="Naskah kepala seksi")
    kasi_ = actor(content_engine, "kasi1.kominfo")
    run(content_engine, lambda uow: letters.attach(uow, kasi_, mine, "bersama.pdf", shared, max_bytes=10_000_000))
    session = _session(content_url, backend, home)
    try:
        kasi = session.login("kasi1.kominfo", "demo")
        session.sync(kasi)
        cache = session.cache
        assert cache is not None
        assert rows_of(cache, doc)["attachments"] == 2 and found(cache, "zamrudrahasia") == 1
        keep(cache, own)  # opened online (the other came with his own draft): both files' bytes in the cache
        assert files(cache, {sha_own, sha_shared}) == {sha_own: own, sha_shared: shared}
        before_mine = rows_of(cache, mine)
        run(content_engine, lambda uow: letters.revise(uow, staf, doc, head=letters.Head(classification="rahasia")))
        session.sync(kasi)
        assert rows_of(cache, doc) == {}  # no row of it in any letter table
        assert found(cache, "zamrudrahasia") == 0
        assert files(cache, {sha_own, sha_shared}) == {sha_shared: shared}  # the other letter names this one
        assert rows_of(cache, mine) == before_mine
        assert doc not in {r.id for r in run(cache, lambda uow: queries.list_letters(uow, kasi))}
    finally:
        session.close()


def test_a_delegation_that_runs_out_takes_the_delegators_letters_out_and_keeps_the_outbox(
        content_engine: Engine, content_url: str, backend: str, home: Path) -> None:
    """The one standing in for the head of Diskominfo holds the letters waiting for him with their files; the
    delegation runs out (time passes: nothing in the change feed), and the next pull takes them out. A comment
    queued offline on one of them stays in the outbox through that pull and is refused at the push."""
    kepala = actor(content_engine, "kepala.kominfo")
    ahead = {i.document_id for i in run(content_engine, lambda uow: routing.inbox(uow, kepala))}
    own = draft(content_engine, "staf.dinkes", subject="Naskah sendiri Plh")
    plh_ = actor(content_engine, "staf.dinkes")
    annex = _scan_pdf("Lampiran naskah sendiri")
    sha_annex = run(content_engine, lambda uow: letters.attach(uow, plh_, own, "a.pdf", annex, max_bytes=10_000_000))
    session = _session(content_url, backend, home)
    try:
        plh = session.login("staf.dinkes", "demo")
        session.sync(plh)
        cache = session.cache
        assert cache is not None
        before = _held(cache)
        today = run(content_engine, lambda uow: uow.now().date())
        made = run(content_engine, lambda uow: delegation.delegate(uow, kepala, "staf.dinkes", "Plh.", today,
                                                                   today + dt.timedelta(days=3)))
        session.sync(plh)
        through = _held(cache) - before  # what the delegation shows them: the inbox and more of his
        assert ahead and ahead <= through
        theirs = {s for d in through for s in _named(cache, d)}
        assert None not in files(cache, {s for d in ahead for s in _named(cache, d)}).values()  # with bytes
        assert files(cache, {sha_annex}) == {sha_annex: annex}
        target = sorted(ahead)[0]
        queued = enqueue(cache, c.Comment(document_id=target, text="Catatan luring"), plh, None)

        now = run(content_engine, lambda uow: uow.now())
        with content_engine.begin() as conn:  # it runs out as the clock does: nothing through the seal, no change
            conn.execute(update(Delegation).where(Delegation.id == made["id"]).values(ends_at=now))
        time.sleep(0.05)
        checkpoint = int(mirror_state(cache)["checkpoint"])
        got = pull(session.engine, cache, plh, session.label)
        assert got.checkpoint == checkpoint and got.letters == 0 and got.removed == len(through)
        assert _held(cache) == before and all(rows_of(cache, d) == {} for d in through)
        still = {s for d in before for s in _named(cache, d)}
        assert theirs - still and set(files(cache, theirs)) <= still  # no file of them stays but those still named
        assert rows_of(cache, own) and files(cache, {sha_annex}) == {sha_annex: annex}  # still visible: kept
        assert outbox.get(cache, queued.action_id).status == outbox.PENDING  # the pull leaves the outbox alone
        session.sync(plh)  # push (refused: the letter is not found for them now), then pull
        entry = outbox.get(cache, queued.action_id)
        assert entry.status == outbox.REJECTED and "tidak ditemukan" in entry.last_error
        assert [i.action_id for i in items(cache, "staf.dinkes", (outbox.REJECTED,))] == [queued.action_id]
    finally:
        session.close()


def test_an_attachment_removed_from_a_letter_still_visible_leaves_the_cache(
        content_engine: Engine, content_url: str, backend: str, home: Path) -> None:
    """Rows the server no longer has leave with the letter's next copy (the upsert alone would keep them)."""
    doc = draft(content_engine, "staf.kominfo", subject="Naskah dengan dua lampiran")
    staf = actor(content_engine, "staf.kominfo")
    one, two = _scan_pdf("Lampiran satu"), _scan_pdf("Lampiran dua")
    sha_one, sha_two = (run(content_engine, lambda uow, n=n, b=b: letters.attach(
        uow, staf, doc, n, b, max_bytes=10_000_000)) for n, b in (("1.pdf", one), ("2.pdf", two)))
    session = _session(content_url, backend, home)
    try:
        me = session.login("staf.kominfo", "demo")
        session.sync(me)
        cache = session.cache
        assert cache is not None
        assert files(cache, {sha_one, sha_two}) == {sha_one: one, sha_two: two}  # a draft of theirs: fetched
        run(content_engine, lambda uow: letters.detach(uow, staf, doc, sha_two))
        session.sync(me)
        assert rows_of(cache, doc)["attachments"] == 1
        assert files(cache, {sha_one, sha_two}) == {sha_one: one}
    finally:
        session.close()


def _held(cache: Engine) -> set[str]:
    with cache.connect() as conn:
        return set(conn.scalars(select(Document.id)))


def _named(cache: Engine, doc: str) -> set[str]:
    """The files the cache's rows of *doc* name."""
    with cache.connect() as conn:
        return {r[0] for table, key, cols in LETTER_FILES for col in cols
                for r in conn.execute(select(T[table].c[col]).where(T[table].c[key] == doc)) if r[0]}


def test_a_cache_made_before_loses_the_files_no_letter_names_once(content_engine: Engine, tmp_path: Path) -> None:
    """A cache from a version that removed letters without their files: its first pull now drops those files."""
    import hashlib

    from eoffice.sync.mirror import STATE, open_cache

    staff = actor(content_engine, "staf.kominfo")
    cache = open_cache(tmp_path / "old.db")
    pull(content_engine, cache, staff, "server-a")
    left = b"%PDF-1.7 a file of a letter that left"
    sha = hashlib.sha256(left).hexdigest()
    with cache.begin() as conn:
        conn.execute(T["blobs"].insert().values(sha256=sha, size=len(left), mime="application/pdf", data=left))
        conn.execute(STATE.delete().where(STATE.c.key == "swept"))  # as that version left it
    kept = files(cache, set(_all_files(cache)))
    pull(content_engine, cache, staff, "server-a")
    assert files(cache, {sha}) == {} and files(cache, set(kept)) == {k: v for k, v in kept.items() if k != sha}
    cache.dispose()


def _all_files(cache: Engine) -> list[str]:
    with cache.connect() as conn:
        return list(conn.scalars(select(Blob.sha256)))


def test_a_drafter_moved_to_another_unit_takes_his_drafts_out_of_his_former_heads_cache(
        content_engine: Engine, content_url: str, backend: str, home: Path) -> None:
    """The head of section saw his staff member's draft; the staff member moves to another unit without a
    position there (an admin's edit: a change of the user, not of the letter), and the draft leaves."""
    from eoffice.services import org
    from eoffice.services.demo_data import ADMIN

    doc = draft(content_engine, "staf.kominfo", subject="Naskah staf yang pindah")
    session = _session(content_url, backend, home)
    try:
        kasi = session.login("kasi1.kominfo", "demo")
        session.sync(kasi)
        cache = session.cache
        assert cache is not None and rows_of(cache, doc)
        admin = actor(content_engine, ADMIN[0])
        run(content_engine, lambda uow: org.edit_user(uow, admin, "staf.kominfo",
                                                      org.UserEdit(unit_code="DINKES", position_code="")))
        session.sync(kasi)
        assert rows_of(cache, doc) == {}
    finally:
        session.close()


def test_the_whole_view_is_checked_when_it_may_have_changed_and_at_least_hourly(
        content_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pull compares the whole view only when something besides the letters' own changes may have moved it;
    a quiet pull stays cheap. A change the feed never tells (a row fixed by hand in the database) is caught by
    the hourly check."""
    from eoffice.sync import mirror

    staff = actor(content_engine, "staf.dinkes")
    doc = draft(content_engine, "staf.dinkes", subject="Naskah yang diubah langsung di database")
    cache = mirror.open_cache(tmp_path / "dinkes.db")
    pull(content_engine, cache, staff, "server-a")
    real, looks = mirror._held, []
    monkeypatch.setattr(mirror, "_held", lambda c: looks.append(1) or real(c))
    pull(content_engine, cache, staff, "server-a")
    assert looks == []  # quiet: no look at the whole view
    other = actor(content_engine, "staf.kominfo")
    with content_engine.begin() as conn:  # by hand: no change numbered
        conn.execute(update(Document).where(Document.id == doc).values(created_by=other.user_id))
    assert pull(content_engine, cache, staff, "server-a").removed == 0 and looks == []
    last = dt.datetime.fromisoformat(mirror_state(cache)["checked_at"]) - mirror.CHECK_EVERY
    with cache.begin() as conn:  # an hour later
        conn.execute(mirror.STATE.update().where(mirror.STATE.c.key == "checked_at").values(value=last.isoformat()))
    got = pull(content_engine, cache, staff, "server-a")
    assert got.removed == 1 and looks == [1] and rows_of(cache, doc) == {}
    cache.dispose()
