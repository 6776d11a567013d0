"""Test 4 of the outbox (issue 13): `eoffice sync --once`, the real CLI, killed with SIGKILL at random points of
its push and pull (the network slowed by the fault proxy so the kills land inside them), then run again to the
end. Nothing is lost or doubled: every queued command is applied exactly once on the server and its outbox row
ends applied; the cache is a sound SQLite file holding what the server lets the user see."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from eoffice.app import commands as c
from eoffice.app.offline import enqueue
from eoffice.services import queries, routing
from eoffice.store.db import make_engine
from eoffice.store.models import DecisionRow, PushedCommand, RouteNote, StepRow
from eoffice.sync import outbox
from eoffice.sync.mirror import cache_path, open_cache
from tests.dbs import Databases
from tests.faultproxy import FaultProxy
from tests.integration.helpers import actor, draft, identity, run, submit

KILLS = 6
SEED = int(os.environ.get("EOFFICE_KILL_SEED", "0")) or random.randrange(1, 10**6)


def _sync(url: str, home: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EOFFICE_")}
    env.update(EOFFICE_HOME=str(home), EOFFICE_PASSWORD="demo", EOFFICE_KEY_PASSPHRASE="demo")
    return subprocess.Popen([sys.executable, "-m", "eoffice", "sync", "--once", "--json", "--db", url,
                             "--user", "kasi1.kominfo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _pushed(server: object, ids: list[str]) -> int:
    return int(run(server, lambda uow: uow.session.scalar(select(func.count()).select_from(PushedCommand).where(  # type: ignore[arg-type]
        PushedCommand.action_id.in_(ids)))) or 0)


def _letters(engine: object, n: int, subject: str) -> list[str]:
    docs = [draft(engine, "staf.kominfo", subject=f"{subject} {i}") for i in range(n)]  # type: ignore[arg-type]
    for doc in docs:
        submit(engine, "staf.kominfo", doc)  # type: ignore[arg-type]
    return docs


def test_sync_killed_at_random_points_then_restarted_loses_and_doubles_nothing(databases: Databases,
                                                                              home: Path) -> None:
    url = databases.with_content("postgresql", home)
    proxy = FaultProxy(url)
    server = make_engine(url)
    try:
        approve = _letters(server, 8, "Uji sinkron terputus")
        kasi, key = actor(server, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
        filled = _sync(proxy.url(), home)  # the cache, filled while connected
        assert filled.wait(120) == 0
        cache = open_cache(cache_path(home, "kasi1.kominfo"))
        queued = [enqueue(cache, c.Decide(document_id=d, decision="approve", note="setuju"), kasi, key).action_id
                  for d in approve]
        queued += [enqueue(cache, c.Comment(document_id=d, text=f"Catatan luring {i}"), kasi, key).action_id
                   for i, d in enumerate(approve[:2])]
        cache.dispose()
        _letters(server, 6, "Masuk selama luring")  # the pull after the push has work too
        proxy.delay = 0.004  # every chunk through the proxy waits a little: push and pull last seconds
        rng, landed, mid_push = random.Random(SEED), 0, 0
        for n in range(KILLS):
            before = _pushed(server, queued)
            proc = _sync(proxy.url(), home)
            if n == 0 or (before < len(queued) and rng.random() < 0.6):  # right after the server applied more
                top = len(queued) - 3 if n == 0 else len(queued)  # the first kill surely inside the push
                target, deadline = rng.randint(before + 1, top), time.monotonic() + 120
                while _pushed(server, queued) < target and proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.01)
            else:  # anywhere: start-up, login, push, pull
                time.sleep(rng.uniform(0.5, 6.0))
            if proc.poll() is None:
                landed += 1
                mid_push += 0 < _pushed(server, queued) < len(queued)
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=30)
        # The kills at a random time may all come after a fast sync ended; the one that matters must land.
        assert mid_push >= 1, f"seed {SEED}: no kill landed inside the push ({landed} of {KILLS} while it ran)"
        proxy.delay = 0.0
        final = _sync(proxy.url(), home)
        out, err = final.communicate(timeout=300)
        assert final.returncode == 0, (SEED, err.decode())

        cache = open_cache(cache_path(home, "kasi1.kominfo"))
        with cache.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        rows = {e.action_id: e for e in outbox.entries(cache, "kasi1.kominfo")}
        assert set(rows) == set(queued) and {e.status for e in rows.values()} == {outbox.APPLIED}, SEED
        on_server = run(server, lambda uow: {r.action_id: r.status for r in uow.session.scalars(
            select(PushedCommand).where(PushedCommand.action_id.in_(queued)))})
        assert on_server == dict.fromkeys(queued, outbox.APPLIED)
        for doc in approve:  # one decision each, one note each for the comments
            assert run(server, lambda uow, d=doc: uow.session.scalar(select(func.count()).select_from(DecisionRow)
                       .join(StepRow, StepRow.id == DecisionRow.step_id).where(StepRow.document_id == d))) == 1
        for i, doc in enumerate(approve[:2]):
            assert run(server, lambda uow, d=doc, n=i: uow.session.scalar(select(func.count()).select_from(
                RouteNote).where(RouteNote.document_id == d, RouteNote.text == f"Catatan luring {n}"))) == 1
        # the cache holds what the server lets kasi see, as the server has it now
        assert [r.id for r in run(cache, lambda uow: queries.list_letters(uow, kasi))] == \
            [r.id for r in run(server, lambda uow: queries.list_letters(uow, kasi))]
        assert [i.document_id for i in run(cache, lambda uow: routing.inbox(uow, kasi))] == \
            [i.document_id for i in run(server, lambda uow: routing.inbox(uow, kasi))]
        for doc in approve[:3]:
            assert run(cache, lambda uow, d=doc: queries.letter_detail(uow, kasi, d)) == \
                run(server, lambda uow, d=doc: queries.letter_detail(uow, kasi, d))
        cache.dispose()
    finally:
        server.dispose()
        proxy.close()
        databases.drop(url)
