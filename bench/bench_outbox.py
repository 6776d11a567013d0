"""Outbox push benchmark (not a test): N approvals queued offline and pushed (eoffice/sync/push.py) next to N
approvals of the same kind applied online through the same front door (Session.execute), in the same run on the
same PostgreSQL. Target: push rate >= 0.8x the online rate.

    PYTHONPATH=. .venv/bin/python bench/bench_outbox.py --pg-url postgresql+psycopg://u@127.0.0.1:5432/postgres \
        [--count 1000] [--no-key]

The organisation is the demo one (eoffice demo: keys in a temp profile). 2N letters are drafted and submitted
by staf.kominfo; kasi1.kominfo approves N online (one transaction each), then, with a local cache pulled
(untimed), queues the other N (timed separately: the offline part) and pushes them (timed). --no-key: kasi acts
without a key (signed statement and PDF paraf signature left out on both sides: the outbox's own overhead is
then the largest share).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DB_NAME = "bench_outbox"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg-url", default=os.environ.get("EOFFICE_TEST_PG"), help="admin URL (database postgres)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--no-key", action="store_true")
    parser.add_argument("--profile", metavar="FILE", help="cProfile the push into FILE (pstats), the top printed")
    args = parser.parse_args()
    if not args.pg_url:
        sys.exit("--pg-url or EOFFICE_TEST_PG is needed")

    from eoffice.app import commands as c
    from eoffice.app.offline import enqueue
    from eoffice.app.session import Session
    from eoffice.documents.body import parse_markdown
    from eoffice.domain import DocKind
    from eoffice.services import auth, demo, letters, routing, signatures
    from eoffice.store.db import make_engine
    from eoffice.store.uow import run_in_transaction
    from eoffice.sync.mirror import cache_path, open_cache, pull
    from eoffice.sync.push import push

    admin = create_engine(make_url(args.pg_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {DB_NAME}"))
        conn.execute(text(f"CREATE DATABASE {DB_NAME}"))
    url = make_url(args.pg_url).set(drivername="postgresql+psycopg", database=DB_NAME).render_as_string(
        hide_password=False)
    home = Path(tempfile.mkdtemp(prefix="bench-outbox-"))
    engine = make_engine(url)
    try:
        t0 = time.perf_counter()
        demo.build(engine, home)
        staff = run_in_transaction(engine, lambda uow: auth.actor_of(uow.users.by_login("staf.kominfo")))
        kasi = run_in_transaction(engine, lambda uow: auth.actor_of(uow.users.by_login("kasi1.kominfo")))
        key = None if args.no_key else signatures.open_identity(home, "kasi1.kominfo", "demo")
        body = parse_markdown("Isi naskah uji.")

        def letter(i: int) -> str:
            d = letters.Draft(kind=DocKind.NOTA_DINAS, subject=f"Uji antrean {i}", body=body,
                              to=["KEPALA-DISKOMINFO"], kode_klasifikasi="000.1.2.3")

            def make(uow: object) -> str:
                doc = letters.draft(uow, staff, d)  # type: ignore[arg-type]
                routing.submit(uow, staff, doc)  # type: ignore[arg-type]
                return doc

            return run_in_transaction(engine, make)  # type: ignore[arg-type]

        online_docs = [letter(i) for i in range(args.count)]
        queued_docs = [letter(args.count + i) for i in range(args.count)]
        print(f"setup: {2 * args.count} letters in {time.perf_counter() - t0:.1f} s", flush=True)

        session = Session(url, home)
        t0 = time.perf_counter()
        for doc in online_docs:
            session.execute(c.Decide(document_id=doc, decision="approve"), actor=kasi, identity=key)
        online = time.perf_counter() - t0

        cache = open_cache(cache_path(home, kasi.login))
        pull(engine, cache, kasi, session.label)
        t0 = time.perf_counter()
        for doc in queued_docs:
            enqueue(cache, c.Decide(document_id=doc, decision="approve"), kasi, key)
        queueing = time.perf_counter() - t0
        profiler = cProfile.Profile() if args.profile else None
        t0 = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        got = push(session, kasi, key, cache)
        pushed = time.perf_counter() - t0
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
            pstats.Stats(args.profile).sort_stats("cumulative").print_stats(30)
        assert got.applied == args.count and got.rejected == got.blocked == got.waiting == 0, got
        n = args.count
        print(f"online:  {n} approvals in {online:.2f} s = {n / online:.1f}/s")
        print(f"queue:   {n} approvals queued offline in {queueing:.2f} s = {n / queueing:.1f}/s")
        print(f"push:    {n} approvals pushed in {pushed:.2f} s = {n / pushed:.1f}/s")
        print(f"ratio push/online: {online / pushed:.2f} (target >= 0.8)")
        session.close()
        cache.dispose()
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
