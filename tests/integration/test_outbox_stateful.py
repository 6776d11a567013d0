"""Test 7 of the outbox (issue 13), a Hypothesis state machine: three clients (kasi1 on a laptop and on a desk,
kabid1 on a laptop) queue decisions and comments on fresh letters, go offline and online, and send their
commands one by one with the network in the way: a request lost before it arrives, an answer lost after the
server committed, the same command sent twice, commands sent out of order; or they run a whole sync. Always:
no step decided twice, and the server answers an action_id the same way every time. Once every client has
synced: every command is applied or rejected with a reason (on the server as in the outbox), and each cache
shows what the server lets its user see."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from eoffice.app import commands as c
from eoffice.app.offline import enqueue
from eoffice.app.session import Session
from eoffice.services import queries, routing
from eoffice.services.auth import Actor
from eoffice.signing.keystore import Identity
from eoffice.store.models import DecisionRow, Document, PushedCommand, StepRow
from eoffice.sync import outbox
from eoffice.sync.mirror import open_cache, pull
from eoffice.sync.push import push, push_one
from tests.integration.helpers import actor, draft, identity, run, submit

DEVICES = (("kasi1.kominfo", "laptop"), ("kasi1.kominfo", "desk"), ("kabid1.kominfo", "laptop"))
LETTERS = 3
LATER = lambda: time.time() + 10_000  # noqa: E731 - a clock past every backoff
FATES = ("ok", "request_lost", "answer_lost", "twice")


@dataclass
class Client:
    login: str
    who: Actor
    key: Identity
    cache: Engine
    online: bool = True
    queued: list[str] = field(default_factory=list)


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def test_clients_offline_online_with_lost_duplicated_and_reordered_messages(
        content_engine: Engine, content_url: str, home: Path, tmp_path: Path) -> None:
    session = Session(content_url, home)
    label = "server"
    pristine: dict[tuple[str, str], Path] = {}
    for login, device in DEVICES:  # a first pull each, once: every example starts from a copy
        path = tmp_path / "pristine" / f"{login}-{device}.db"
        cache = open_cache(path)
        pull(content_engine, cache, actor(content_engine, login), label)
        cache.dispose()
        pristine[(login, device)] = path
    examples = iter(range(10_000))

    class Offices(RuleBasedStateMachine):
        @initialize()
        def start(self) -> None:
            n = next(examples)
            self.letters = [draft(content_engine, "staf.kominfo", subject=f"Uji mesin {n}.{i}")
                            for i in range(LETTERS)]
            for doc in self.letters:
                submit(content_engine, "staf.kominfo", doc)
            self.clients: list[Client] = []
            for login, device in DEVICES:
                path = tmp_path / f"ex{n}" / f"{login}-{device}.db"
                _copy(pristine[(login, device)], path)
                cache = open_cache(path)
                who = actor(content_engine, login)
                pull(content_engine, cache, who, label)
                self.clients.append(Client(login, who, identity(home, login), cache))
            self.answers: dict[str, tuple[str, dict[str, Any]]] = {}

        def _answer(self, action_id: str, answer: tuple[str, dict[str, Any]]) -> None:
            first = self.answers.setdefault(action_id, answer)
            assert answer == first, (action_id, first, answer)  # the stored outcome, whatever happens

        @rule(i=st.integers(0, len(DEVICES) - 1), letter=st.integers(0, LETTERS - 1),
              what=st.sampled_from(("approve", "approve", "return", "reject", "comment")))
        def act(self, i: int, letter: int, what: str) -> None:
            cl, doc = self.clients[i], self.letters[letter]
            if run(cl.cache, lambda uow: uow.session.get(Document, doc)) is None:
                return  # not in this device's cache (yet): nothing to act on
            command: c.Command = c.Comment(document_id=doc, text=f"Catatan {what}") if what == "comment" else \
                c.Decide(document_id=doc, decision=what, note="Mohon diperbaiki" if what != "approve" else "")
            cl.queued.append(enqueue(cl.cache, command, cl.who, cl.key).action_id)

        @rule(i=st.integers(0, len(DEVICES) - 1))
        def toggle_network(self, i: int) -> None:
            self.clients[i].online = not self.clients[i].online

        @rule(i=st.integers(0, len(DEVICES) - 1), pick=st.integers(0, 50), fate=st.sampled_from(FATES))
        def send_one(self, i: int, pick: int, fate: str) -> None:
            """One command, any of the pending ones (out of order), through a faulty network."""
            cl = self.clients[i]
            due = outbox.entries(cl.cache, cl.login, [outbox.PENDING])
            if not cl.online or not due:
                return
            entry = due[pick % len(due)]
            if fate == "request_lost":
                outbox.set_status(cl.cache, entry.action_id, outbox.PENDING, error="jaringan", attempted=True)
                return
            answer = push_one(session, cl.who, cl.key, entry)
            self._answer(entry.action_id, answer)
            if fate == "answer_lost":
                return  # the server decided; the client never heard: it stays pending and is sent again
            if fate == "twice":
                self._answer(entry.action_id, push_one(session, cl.who, cl.key, entry))
            status, outcome = answer
            outbox.set_status(cl.cache, entry.action_id, status, result=outcome.get("result"),
                              error=str(outcome.get("reason", "")), attempted=True)

        @rule(i=st.integers(0, len(DEVICES) - 1), push_first=st.booleans())
        def sync(self, i: int, push_first: bool) -> None:
            """A whole sync (push in order, then pull), or only a pull."""
            cl = self.clients[i]
            if cl.online:
                if push_first:
                    push(session, cl.who, cl.key, cl.cache, clock=LATER)
                pull(session.engine, cl.cache, cl.who, label)

        @invariant()
        @precondition(lambda self: hasattr(self, "letters"))
        def no_step_decided_twice(self) -> None:
            counts = run(content_engine, lambda uow: list(uow.session.scalars(
                select(func.count()).select_from(DecisionRow).join(StepRow, StepRow.id == DecisionRow.step_id)
                .where(StepRow.document_id.in_(self.letters)).group_by(DecisionRow.step_id))))
            assert all(n == 1 for n in counts), counts

        def teardown(self) -> None:
            if not hasattr(self, "clients"):
                return
            try:
                self._everyone_synced()
            finally:
                for cl in self.clients:
                    cl.cache.dispose()

        def _everyone_synced(self) -> None:
            for cl in self.clients:
                pushed = push(session, cl.who, cl.key, cl.cache, clock=LATER)
                assert pushed.waiting == pushed.blocked == 0, pushed
            for cl in self.clients:  # after every push, so each pull sees everyone's
                pull(content_engine, cl.cache, cl.who, label)
            mine = set(self.letters)
            for cl in self.clients:
                entries = outbox.entries(cl.cache, cl.login)
                assert {e.action_id for e in entries} == set(cl.queued)
                stored = run(content_engine, lambda uow, ids=cl.queued: {r.action_id: r for r in uow.session.scalars(
                    select(PushedCommand).where(PushedCommand.action_id.in_(ids)))})
                for e in entries:
                    assert e.status in (outbox.APPLIED, outbox.REJECTED), e
                    assert e.status == stored[e.action_id].status  # the outbox says what the server decided
                    if e.status == outbox.REJECTED:  # visibly, in the person's words
                        assert e.last_error and "Traceback" not in e.last_error
                    if e.action_id in self.answers:
                        assert self.answers[e.action_id][0] == e.status
                assert [r.id for r in run(cl.cache, lambda uow, w=cl.who: queries.list_letters(uow, w))] == \
                    [r.id for r in run(content_engine, lambda uow, w=cl.who: queries.list_letters(uow, w))]
                assert [x.document_id for x in run(cl.cache, lambda uow, w=cl.who: routing.inbox(uow, w))] == \
                    [x.document_id for x in run(content_engine, lambda uow, w=cl.who: routing.inbox(uow, w))]
                seen = run(content_engine, lambda uow, w=cl.who: {r.id for r in queries.list_letters(uow, w)})
                for doc in sorted(mine & seen):
                    assert run(cl.cache, lambda uow, d=doc, w=cl.who: queries.letter_detail(uow, w, d)) == \
                        run(content_engine, lambda uow, d=doc, w=cl.who: queries.letter_detail(uow, w, d))

    try:
        run_state_machine_as_test(Offices, settings=settings(
            max_examples=5, stateful_step_count=20, deadline=None, derandomize=False, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
    finally:
        session.close()
