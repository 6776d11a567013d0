"""Outbox push benchmark (not a test): N approvals queued offline and pushed (eoffice/sync/push.py) next to N
approvals of the same kind applied online through the same front door (Session.execute), in the same run on the
same PostgreSQL. Target: push rate >= 0.8x the online rate.

    PYTHONPATH=. .venv/bin/python bench/bench_outbox.py --pg-url postgresql+psycopg://u@127.0.0.1:5432/postgres \
        [--count 1000] [--round 50] [--no-key] [--profile FILE]

The organisation is the demo one (eoffice demo: keys in a temp profile). 2N letters are drafted and submitted
by staf.kominfo, alternately for each side (so both sides get equal, equally old letters); kasi1.kominfo, with
a local cache pulled (untimed), then decides them in rounds of --round commands: N/round rounds, each applying
one round online (Session.execute, one transaction each) and queueing the next round offline (timed
separately: the offline part) and pushing it (timed), the two sides' order swapped every round, so neither
runs on a database the other has grown more (audit chain, change feed, decisions). --no-key: kasi acts
without a key (signed statement and PDF paraf signature left out on both sides: the outbox's own overhead is
then the largest share). --profile FILE: cProfile each side into FILE.online and FILE.push (pstats).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DB_NAME = "bench_outbox"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg-url", default=os.environ.get("EOFFICE_TEST_PG"), help="admin URL (database postgres)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--no-key", action="store_true")
    parser.add_argument("--round", type=int, default=50, help="commands per side and round (default 50)")
    parser.add_argument("--profile", metavar="FILE",
                        help="cProfile each side into FILE.online and FILE.push (pstats), the tops printed")
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

        online_docs: list[str] = []
        queued_docs: list[str] = []
        for i in range(args.count + 1):  # alternately: neither side gets the older (or the newer) letters
            online_docs.append(letter(2 * i))
            queued_docs.append(letter(2 * i + 1))
        print(f"setup: {2 * args.count + 2} letters in {time.perf_counter() - t0:.1f} s", flush=True)

        session = Session(url, home)
        cache = open_cache(cache_path(home, kasi.login))
        pull(engine, cache, kasi, session.label)
        profilers = {side: cProfile.Profile() for side in ("online", "push")} if args.profile else {}
        spent = {"online": 0.0, "queue": 0.0, "push": 0.0}
        totals = {"applied": 0, "rejected": 0, "blocked": 0, "waiting": 0}

        def timed(side: str, work: Callable[[], object]) -> None:
            profiler = profilers.get(side)
            t0 = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            try:
                work()
            finally:
                if profiler is not None:
                    profiler.disable()
                spent[side] += time.perf_counter() - t0

        def online(docs: list[str]) -> None:
            for doc in docs:
                session.execute(c.Decide(document_id=doc, decision="approve"), actor=kasi, identity=key)

        def queue(docs: list[str]) -> None:
            for doc in docs:
                enqueue(cache, c.Decide(document_id=doc, decision="approve"), kasi, key)

        def pushed() -> None:
            got = push(session, kasi, key, cache)
            for name in totals:
                totals[name] += getattr(got, name)

        online(online_docs[:1])  # warm-up, untimed: imports (pyHanko...), prepared statements, caches
        queue(queued_docs[:1])
        pushed()
        step, n = max(1, args.round), args.count
        for r, at in enumerate(range(1, n + 1, step)):
            round_ = slice(at, at + step)
            for side in ("online", "push") if r % 2 == 0 else ("push", "online"):
                if side == "online":
                    timed("online", partial(online, online_docs[round_]))
                else:
                    timed("queue", partial(queue, queued_docs[round_]))
                    timed("push", pushed)
        for side, profiler in profilers.items():
            profiler.dump_stats(f"{args.profile}.{side}")
            print(f"--- {side} ---")
            pstats.Stats(f"{args.profile}.{side}").sort_stats("cumulative").print_stats(25)
        assert totals["applied"] == args.count + 1 and not totals["rejected"] + totals["blocked"] + totals["waiting"], \
            totals
        for side, what in (("online", "applied online"), ("queue", "queued offline"), ("push", "pushed")):
            print(f"{side + ':':8} {n} approvals {what} in {spent[side]:.2f} s = {n / spent[side]:.1f}/s "
                  f"({1000 * spent[side] / n:.1f} ms each)")
        print(f"ratio push/online: {spent['online'] / spent['push']:.2f} (target >= 0.8; "
              f"{-(-n // step)} rounds of {step})")
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
