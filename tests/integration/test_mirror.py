"""The local cache (eoffice/sync/mirror.py) pulled from both back ends: it holds what the user may see and
nothing else, the read use cases give the same answers on it, and later pulls bring only what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from eoffice.domain import BadInput
from eoffice.services import queries, routing
from eoffice.store.models import Blob, Document, User
from eoffice.store.uow import UnitOfWork
from eoffice.sync import mirror
from eoffice.sync.mirror import open_cache, pull, state
from tests.dbs import Databases
from tests.integration.helpers import actor, decide, draft, run


def _ids(rows: list[queries.LetterRow]) -> list[str]:
    return [r.id for r in rows]


def test_first_pull_holds_what_the_user_may_see_and_nothing_else(content_engine: Engine, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mirror, "LETTER_BATCH", 3)  # several batches, as a province's archive would need
    staff = actor(content_engine, "staf.kominfo")
    cache = open_cache(tmp_path / "staf.db")
    got = pull(content_engine, cache, staff, "server-a")
    visible = run(content_engine, lambda uow: queries.count_letters(uow, staff))
    assert got.first and got.letters == visible > 0 and got.checkpoint > 0
    assert run(cache, lambda uow: uow.session.scalar(select(func.count()).select_from(Document))) == visible
    # the read use cases answer the same on the cache
    assert _ids(run(cache, lambda uow: queries.list_letters(uow, staff))) == \
        _ids(run(content_engine, lambda uow: queries.list_letters(uow, staff)))
    some = _ids(run(content_engine, lambda uow: queries.list_letters(uow, staff)))[0]
    on_server = run(content_engine, lambda uow: queries.letter_detail(uow, staff, some))
    assert run(cache, lambda uow: queries.letter_detail(uow, staff, some)) == on_server
    # no one's password hash but the owner's; files only of the letters in the cache
    hashes = run(cache, lambda uow: {r[0]: r[1] for r in uow.session.execute(select(User.login, User.password_hash))})
    assert hashes["staf.kominfo"] and not any(h for who, h in hashes.items() if who != "staf.kominfo")
    assert run(cache, lambda uow: uow.session.scalar(select(func.count()).select_from(Blob))) <= \
        run(content_engine, lambda uow: uow.session.scalar(select(func.count()).select_from(Blob)))
    assert state(cache)["login"] == "staf.kominfo"


def test_later_pulls_bring_only_what_changed(content_engine: Engine, home: Path, tmp_path: Path) -> None:
    kasi = actor(content_engine, "kasi1.kominfo")
    cache = open_cache(tmp_path / "kasi.db")
    first = pull(content_engine, cache, kasi, "server-a")
    quiet = pull(content_engine, cache, kasi, "server-a")
    assert not quiet.first and quiet.letters == 0 and quiet.checkpoint == first.checkpoint
    waiting = [i.document_id for i in run(cache, lambda uow: routing.inbox(uow, kasi))]
    assert waiting == [i.document_id for i in run(content_engine, lambda uow: routing.inbox(uow, kasi))]
    decide(content_engine, home, "kasi1.kominfo", waiting[0])
    after = pull(content_engine, cache, kasi, "server-a")
    assert after.letters == 1 and after.checkpoint > first.checkpoint
    assert waiting[0] not in [i.document_id for i in run(cache, lambda uow: routing.inbox(uow, kasi))]
    assert run(cache, lambda uow: queries.letter_detail(uow, kasi, waiting[0])) == \
        run(content_engine, lambda uow: queries.letter_detail(uow, kasi, waiting[0]))


def test_a_letter_the_user_may_no_longer_see_leaves_the_cache(content_engine: Engine, tmp_path: Path) -> None:
    doc = draft(content_engine, "staf.dinkes", subject="Naskah yang berpindah tangan")
    staff = actor(content_engine, "staf.dinkes")
    cache = open_cache(tmp_path / "dinkes.db")
    pull(content_engine, cache, staff, "server-a")
    assert doc in _ids(run(cache, lambda uow: queries.list_letters(uow, staff)))
    other = actor(content_engine, "staf.kominfo")

    def hand_over(uow: UnitOfWork) -> None:  # as if an admin moved the draft to another drafter
        uow.session.execute(update(Document).where(Document.id == doc).values(created_by=other.user_id))
        uow.touched("document", doc)

    run(content_engine, hand_over)
    got = pull(content_engine, cache, staff, "server-a")
    assert got.removed == 1 and got.letters == 0
    assert doc not in _ids(run(cache, lambda uow: queries.list_letters(uow, staff)))


def test_a_cache_belongs_to_one_user_on_one_server(content_engine: Engine, tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "c.db")
    pull(content_engine, cache, actor(content_engine, "staf.kominfo"), "server-a")
    with pytest.raises(BadInput, match="Cache ini milik staf.kominfo"):
        pull(content_engine, cache, actor(content_engine, "gubernur"), "server-a")
    with pytest.raises(BadInput, match="milik staf.kominfo di server-a, bukan di server-b"):
        pull(content_engine, cache, actor(content_engine, "staf.kominfo"), "server-b")


def test_an_interrupted_pull_is_simply_done_again(content_engine: Engine, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    staff = actor(content_engine, "staf.kominfo")
    cache = open_cache(tmp_path / "c.db")
    monkeypatch.setattr(mirror, "LETTER_BATCH", 2)
    real, calls = mirror._write, []

    def cut_off(*args: object, **kw: object) -> int:  # the network goes after the first batch of letters
        calls.append(1)
        if len(calls) == 3:
            raise OSError("jaringan terputus")
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(mirror, "_write", cut_off)
    with pytest.raises(OSError):
        pull(content_engine, cache, staff, "server-a")
    assert "checkpoint" not in state(cache)  # nothing claims to be complete
    monkeypatch.setattr(mirror, "_write", real)
    done = pull(content_engine, cache, staff, "server-a")
    assert done.first and state(cache)["checkpoint"] == str(done.checkpoint)
    assert _ids(run(cache, lambda uow: queries.list_letters(uow, staff))) == \
        _ids(run(content_engine, lambda uow: queries.list_letters(uow, staff)))


def _subjects(cache: Engine, ids: list[str]) -> list[str]:
    return run(cache, lambda uow: [uow.session.get(Document, i).subject for i in ids])  # type: ignore[union-attr]


def test_a_transaction_that_commits_late_is_not_skipped_by_a_pull(content_engine: Engine, tmp_path: Path) -> None:
    """A writes a letter and stays open; B writes another and commits; a pull runs; then A commits. The next pull
    must bring A's change although B's committed first (a watermark on the change sequence would skip A if A's
    sequence number were taken before B's but became visible after it)."""
    import threading

    from eoffice.services import letters

    first, second = (draft(content_engine, "staf.kominfo", subject=f"Naskah {n}") for n in ("satu", "dua"))
    staff = actor(content_engine, "staf.kominfo")
    cache = open_cache(tmp_path / "staf.db")
    pull(content_engine, cache, staff, "server-a")
    late = UnitOfWork(content_engine)
    with late:
        letters.revise(late, staff, first, subject="Naskah satu diubah terlambat")
        late.flush()  # written, not committed
        other = threading.Thread(target=run, args=(content_engine, lambda uow: letters.revise(
            uow, staff, second, subject="Naskah dua diubah lebih dulu")))
        other.start()
        other.join(2)  # PostgreSQL: B commits now; SQLite (one writer) waits for A, so the order cannot happen
        middle = pull(content_engine, cache, staff, "server-a")
        if content_engine.dialect.name == "postgresql":
            assert not other.is_alive() and middle.letters == 1
            assert _subjects(cache, [first, second]) == ["Naskah satu", "Naskah dua diubah lebih dulu"]
        late.commit()
    other.join(30)
    assert not other.is_alive()
    pull(content_engine, cache, staff, "server-a")
    assert _subjects(cache, [first, second]) == ["Naskah satu diubah terlambat", "Naskah dua diubah lebih dulu"]


def test_a_commit_held_back_after_its_seal_is_not_skipped_by_a_pull(databases: Databases, home: Path,
                                                                    tmp_path: Path) -> None:
    """The late commit at the worst moment: A's statements and its seal (which numbers its changes) have run on
    the server, its COMMIT is held back in the network; B commits meanwhile (or tries to). Pulls before and after
    A's commit miss nothing. PostgreSQL only: on SQLite no second writer runs beside A."""
    import threading

    from eoffice.services import letters
    from eoffice.store.db import make_engine
    from tests.faultproxy import FaultProxy

    url = databases.with_content("postgresql", home)
    proxy = FaultProxy(url)
    server, slow = make_engine(url), make_engine(proxy.url())
    try:
        first, second = (draft(server, "staf.kominfo", subject=f"Naskah {n}") for n in ("satu", "dua"))
        staff = actor(server, "staf.kominfo")
        cache = open_cache(tmp_path / "staf.db")
        pull(server, cache, staff, "server-a")
        release = proxy.hold_commit()
        threads = [threading.Thread(target=run, args=(slow, lambda uow: letters.revise(
            uow, staff, first, subject="Naskah satu diubah terlambat")))]
        threads[0].start()
        assert proxy.held.wait(30)  # A's seal ran; its COMMIT waits in the network
        threads.append(threading.Thread(target=run, args=(server, lambda uow: letters.revise(
            uow, staff, second, subject="Naskah dua diubah kemudian"))))
        threads[1].start()
        threads[1].join(1)
        assert threads[1].is_alive()  # B's seal waits for A's: change numbers follow commit order
        middle = pull(server, cache, staff, "server-a")
        assert middle.letters == 0 and _subjects(cache, [first, second]) == ["Naskah satu", "Naskah dua"]
        release.set()
        for t in threads:
            t.join(30)
            assert not t.is_alive()
        pull(server, cache, staff, "server-a")
        assert _subjects(cache, [first, second]) == ["Naskah satu diubah terlambat", "Naskah dua diubah kemudian"]
    finally:
        slow.dispose()
        server.dispose()
        proxy.close()
        databases.drop(url)


def test_every_inbox_letter_comes_with_what_is_needed_to_act_on_it(content_engine: Engine, tmp_path: Path) -> None:
    """Each letter waiting for the user is in the cache with its current version, its working PDF (once a
    paraf made one) and its attachments, byte for byte as on the server."""
    from eoffice.store.models import Attachment, DocumentVersion, StepRow

    holders = run(content_engine, lambda uow: sorted(set(uow.session.scalars(
        select(User.login).join(StepRow, StepRow.assignee_id == User.id).where(StepRow.status == "pending")))))
    files = 0
    for login in holders[:4]:
        who = actor(content_engine, login)
        cache = open_cache(tmp_path / f"{login}.db")
        pull(content_engine, cache, who, "server-a")
        waiting = [i.document_id for i in run(content_engine, lambda uow, w=who: routing.inbox(uow, w))]
        assert waiting == [i.document_id for i in run(cache, lambda uow, w=who: routing.inbox(uow, w))]

        def needed(uow: UnitOfWork, ids: list[str] = waiting) -> dict[str, bytes | None]:
            shas = set(uow.session.scalars(select(Attachment.sha256).where(Attachment.document_id.in_(ids))))
            shas |= {s for s in uow.session.scalars(select(DocumentVersion.working_pdf_sha256).join(
                Document, (Document.id == DocumentVersion.document_id)
                & (Document.current_version == DocumentVersion.version)).where(Document.id.in_(ids))) if s}
            return {s: uow.session.scalar(select(Blob.data).where(Blob.sha256 == s)) for s in shas}

        on_server = run(content_engine, needed)
        assert run(cache, needed) == on_server and None not in on_server.values()
        files += len(on_server)
        cache.dispose()
    assert files > 0  # some inbox letter had a working PDF or an attachment to check
