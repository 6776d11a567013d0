"""The outbox (eoffice/sync/outbox.py) and its push (eoffice/sync/push.py): commands made while the database is
away are queued, signed, then applied once each, whatever happens to the connection or how often they are sent.
The network faults go through a real TCP proxy (tests/faultproxy.py) in front of a real PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from eoffice.app import commands as c
from eoffice.app.offline import Queued, enqueue
from eoffice.app.session import Session
from eoffice.services import routing
from eoffice.store.models import DecisionRow, PushedCommand
from eoffice.sync import outbox
from eoffice.sync.mirror import cache_path, open_cache, pull
from eoffice.sync.push import push, push_one
from eoffice.workflow.state import Decision
from tests.dbs import Databases
from tests.faultproxy import FaultProxy
from tests.integration.helpers import actor, decide, draft, identity, run, submit

LATER = lambda: time.time() + 10_000  # noqa: E731 - a clock past every backoff


def _letter_for_kasi(engine: Engine, subject: str = "Uji antrean") -> str:
    doc = draft(engine, "staf.kominfo", subject=subject)
    submit(engine, "staf.kominfo", doc)
    return doc


def _decisions(engine: Engine, doc: str) -> int:
    from eoffice.store.models import StepRow

    return int(run(engine, lambda uow: uow.session.scalar(
        select(func.count()).select_from(DecisionRow).join(StepRow, StepRow.id == DecisionRow.step_id)
        .where(StepRow.document_id == doc))) or 0)


def _cache(engine: Engine, home: Path, login: str) -> Engine:
    cache = open_cache(cache_path(home, login))
    pull(engine, cache, actor(engine, login), "server")
    return cache


@pytest.fixture
def pg_content(databases: Databases, home: Path) -> Iterator[str]:
    url = databases.with_content("postgresql", home)
    yield url
    databases.drop(url)


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_push_cut_before_or_after_the_commit_decides_once_and_answers_the_same(
        pg_content: str, home: Path, when: str) -> None:
    proxy = FaultProxy(pg_content)
    session = Session(proxy.url(), home)
    try:
        server = session.engine
        doc = _letter_for_kasi(server)
        kasi, key = actor(server, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
        session.sync(kasi, key)  # the cache, filled while connected
        proxy.cut()  # the network goes
        queued = session.execute(c.Decide(document_id=doc[:8], decision="approve", note="setuju"), actor=kasi,
                                 identity=key)
        assert isinstance(queued, Queued) and queued.document_id == doc and session.offline
        assert session.sync_status().pending == 1
        proxy.restore()
        proxy.drop_at_commit(when)  # type: ignore[arg-type]
        first = push(session, kasi, key, session.cache)  # type: ignore[arg-type]
        assert proxy.dropped.is_set() and first.waiting == 1 and first.applied == 0
        assert _decisions(server, doc) == (1 if when == "after" else 0)
        entry = outbox.get(session.cache, queued.action_id)  # type: ignore[arg-type]
        assert entry.status == outbox.PENDING and entry.attempts == 1 and entry.last_error
        again = push(session, kasi, key, session.cache, clock=LATER)  # type: ignore[arg-type]
        assert (again.applied, again.waiting) == (1, 0)
        assert _decisions(server, doc) == 1
        applied = outbox.get(session.cache, queued.action_id)  # type: ignore[arg-type]
        assert applied.status == outbox.APPLIED and applied.result["document_id"] == doc
        # the same command once more (a duplicate from a restored backup): the stored outcome, nothing new
        status, outcome = push_one(session, kasi, key, applied)
        assert status == outbox.APPLIED and outcome["result"] == applied.result
        assert _decisions(server, doc) == 1
        row = run(server, lambda uow: uow.session.get(PushedCommand, queued.action_id))
        assert row is not None and row.claimed_at == entry.claimed_at and row.recorded_at >= entry.claimed_at
        assert row.signature  # the person's signature over the queued command is kept with it
    finally:
        session.close()
        proxy.close()


def test_duplicate_pushes_sequential_and_concurrent_apply_once(content_engine: Engine, content_url: str,
                                                               home: Path) -> None:
    doc, other = _letter_for_kasi(content_engine), _letter_for_kasi(content_engine, "Naskah kedua")
    kasi, key = actor(content_engine, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
    cache = _cache(content_engine, home, "kasi1.kominfo")
    sessions = [Session(content_url, home) for _ in range(4)]
    try:
        one = enqueue(cache, c.Decide(document_id=doc, decision="approve"), kasi, key)
        two = enqueue(cache, c.Comment(document_id=other, text="Mohon dicek lampirannya."), kasi, key)
        entries = {e.action_id: e for e in outbox.entries(cache, "kasi1.kominfo")}
        first = push_one(sessions[0], kasi, key, entries[one.action_id])
        assert push_one(sessions[0], kasi, key, entries[one.action_id]) == first  # sequential duplicate
        answers: list[object] = []
        barrier = threading.Barrier(len(sessions))

        def send(s: Session) -> None:
            barrier.wait()
            answers.append(push_one(s, kasi, key, entries[two.action_id]))

        threads = [threading.Thread(target=send, args=(s,)) for s in sessions]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert len(answers) == len(sessions) and all(a == answers[0] for a in answers)
        assert answers[0][0] == outbox.APPLIED  # type: ignore[index]
        assert _decisions(content_engine, doc) == 1
        notes = run(content_engine, lambda uow: routing.load(uow, other))
        assert notes is not None
        comments = run(content_engine, lambda uow: uow.session.scalar(select(func.count()).select_from(
            PushedCommand).where(PushedCommand.action_id == two.action_id)))
        assert comments == 1
        from eoffice.store.models import RouteNote

        assert run(content_engine, lambda uow: uow.session.scalar(select(func.count()).select_from(RouteNote).where(
            RouteNote.document_id == other, RouteNote.text == "Mohon dicek lampirannya."))) == 1
        # the same id with another payload is refused, and the first command's record is untouched
        forged = outbox.Entry(**{**entries[one.action_id].__dict__, "payload": c.Decide(
            action_id=c.parse_action_id(one.action_id), document_id=doc, decision="reject").to_json()})
        status, outcome = push_one(sessions[0], kasi, key, forged)
        assert status == outbox.REJECTED and "sudah dipakai untuk perintah lain" in outcome["reason"]
        assert push_one(sessions[0], kasi, key, entries[one.action_id]) == first
    finally:
        for s in sessions:
            s.close()
        cache.dispose()


def test_two_offline_clients_decide_the_same_step_one_is_applied_one_rejected_and_listed(
        content_engine: Engine, content_url: str, home: Path, tmp_path: Path) -> None:
    doc = _letter_for_kasi(content_engine)
    kasi, key = actor(content_engine, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
    laptop = _cache(content_engine, home, "kasi1.kominfo")
    desk_home = tmp_path / "desk"
    desk = _cache(content_engine, desk_home, "kasi1.kominfo")
    session = Session(content_url, home)
    try:
        enqueue(laptop, c.Decide(document_id=doc, decision="approve", note="Setuju"), kasi, key)
        late = enqueue(desk, c.Decide(document_id=doc, decision="return", note="Perbaiki"), kasi, key)
        assert push(session, kasi, key, laptop).applied == 1
        second = push(session, kasi, key, desk)
        assert (second.applied, second.rejected) == (0, 1)
        rejected = outbox.entries(desk, "kasi1.kominfo", [outbox.REJECTED])
        assert [e.action_id for e in rejected] == [late.action_id]
        assert rejected[0].last_error and "Traceback" not in rejected[0].last_error
        assert _decisions(content_engine, doc) == 1
        assert outbox.count(desk, "kasi1.kominfo", outbox.OPEN) == 1  # stays until the person acts
        outbox.discard(desk, late.action_id)
        assert outbox.count(desk, "kasi1.kominfo", outbox.OPEN) == 0
    finally:
        session.close()
        laptop.dispose()
        desk.dispose()


def test_a_decision_on_a_version_changed_meanwhile_is_rejected(content_engine: Engine, content_url: str,
                                                              home: Path) -> None:
    doc = _letter_for_kasi(content_engine)
    kasi, key = actor(content_engine, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
    cache = _cache(content_engine, home, "kasi1.kominfo")
    session = Session(content_url, home)
    try:
        enqueue(cache, c.Decide(document_id=doc, decision="approve"), kasi, key)
        decide(content_engine, home, "kasi1.kominfo", doc, Decision.RETURN, note="Perbaiki hal")  # another device
        staff = actor(content_engine, "staf.kominfo")
        from eoffice.services import letters

        run(content_engine, lambda uow: letters.revise(uow, staff, doc, subject="Hal yang diubah"))
        submit(content_engine, "staf.kominfo", doc)
        got = push(session, kasi, key, cache)
        assert got.rejected == 1
        [entry] = outbox.entries(cache, "kasi1.kominfo")
        assert "telah diubah" in entry.last_error and _decisions(content_engine, doc) == 1  # the return only
    finally:
        session.close()
        cache.dispose()


def test_a_database_newer_than_the_client_pauses_the_push_and_keeps_the_queue(
        content_engine: Engine, content_url: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eoffice.sync import push as push_module
    from eoffice.sync.push import ClientTooOld

    doc = _letter_for_kasi(content_engine)
    kasi, key = actor(content_engine, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
    cache = _cache(content_engine, home, "kasi1.kominfo")
    session = Session(content_url, home)
    try:
        enqueue(cache, c.Decide(document_id=doc, decision="approve"), kasi, key)
        monkeypatch.setattr(push_module, "HEAD", "0010")  # this client is older than the database
        with pytest.raises(ClientTooOld, match="perbarui eoffice"):
            push(session, kasi, key, cache)
        assert outbox.count(cache, "kasi1.kominfo") == 1 and _decisions(content_engine, doc) == 0
    finally:
        session.close()
        cache.dispose()


def test_a_push_through_the_users_own_role_applies_once(pg_content: str, home: Path) -> None:
    """As on a real server: the client connects as the person's own PostgreSQL role (RLS and the narrow write
    paths), pushes a decision and a comment, and a second push of the same command gets the stored outcome."""
    from eoffice.store.db import make_engine
    from tests.integration.pgroles import userless

    owner = make_engine(pg_content)
    session = Session(userless(pg_content), home)
    try:
        doc = _letter_for_kasi(owner)
        kasi, key = session.login("kasi1.kominfo", "demo"), identity(home, "kasi1.kominfo")
        cache = open_cache(cache_path(home, "kasi1.kominfo"))
        pull(session.engine, cache, kasi, session.label)
        one = enqueue(cache, c.Decide(document_id=doc, decision="approve", note="setuju"), kasi, key)
        enqueue(cache, c.Comment(document_id=doc, text="Sudah saya periksa."), kasi, key)
        got = push(session, kasi, key, cache)
        assert (got.applied, got.rejected, got.waiting) == (2, 0, 0)
        applied = outbox.get(cache, one.action_id)
        assert push_one(session, kasi, key, applied) == (outbox.APPLIED, {"result": applied.result})
        assert _decisions(owner, doc) == 1
        row = run(owner, lambda uow: uow.session.get(PushedCommand, one.action_id))
        assert row is not None and row.user_id == kasi.user_id and row.outcome == {"result": applied.result}
        cache.dispose()
    finally:
        session.close()
        owner.dispose()
