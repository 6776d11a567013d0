"""Row-level security's cost on PostgreSQL (store/security.py). Not a test.

    EOFFICE_TEST_PG=postgresql+psycopg://eoffice:PW@127.0.0.1:PORT/postgres \\
        PYTHONPATH=. .venv/bin/python bench/bench_rls.py --docs 10000 [--docs 100000] [--reps 40]

Builds a database with the demo organisation and N generated letters spread over the demo's users (drafter:
any user with a position; 2-3 review steps up the drafter's chain of superiors; addressed to a random unit;
80 % biasa, 15 % terbatas, 5 % rahasia; a realistic mix of statuses), then for several users times the
desktop's own use cases (services/app.py Backend): navigation counts, inbox, the first letter-list page, one
letter's view and a search, once connected as the user's own role (RLS on, visible_clause steps aside) and
once as the owner (no RLS, the service-layer rule visible_clause), in the same run. Prints p50/p99 (ms) per
use case and user, the p99 ratio, and EXPLAIN of a count as the user's role.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from eoffice.services.app import Backend
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from eoffice.services import demo, search
from eoffice.store import migrate
from eoffice.store.db import make_engine
from eoffice.store.uow import run_in_transaction

USERS = ["staf.kominfo", "kabid1.kominfo", "kepala.kominfo", "sekda", "gubernur"]
STATUSES = [("dispatched", 60), ("in_review", 10), ("draft", 10), ("signed", 5), ("returned", 5),
            ("rejected", 3), ("withdrawn", 2), ("to_sign", 5)]
CLASSES = [("biasa", 80), ("terbatas", 15), ("rahasia", 5)]
WORDS = ["jaringan", "anggaran", "rapat", "laporan", "kegiatan", "evaluasi", "pelatihan", "perjalanan", "pengadaan",
         "monitoring", "data", "aplikasi", "keamanan", "server", "pegawai", "kinerja", "program", "daerah"]


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([w for w, _ in weighted], [n for _, n in weighted])[0]


def generate(url: str, n: int, seed: int = 7) -> None:
    """N letters written straight with COPY (the owner's connection)."""
    rng = random.Random(seed)
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, password=u.password) as conn:
        users = conn.execute("SELECT u.id, u.unit_id, p.id, p.parent_id FROM users u JOIN positions p "
                             "ON p.id = u.position_id").fetchall()
        holder = {pos: uid for uid, _unit, pos, _parent in users}
        parent = {pos: par for _uid, _unit, pos, par in users}
        units = [r[0] for r in conn.execute("SELECT id FROM units")]
        template = conn.execute("SELECT min(id) FROM route_templates").fetchone()[0]  # type: ignore[index]
        now = datetime.now(UTC)
        docs, versions, steps, recips, routes = [], [], [], [], []
        for k in range(n):
            uid, unit, pos, _ = rng.choice(users)
            doc, status = str(uuid.UUID(int=rng.getrandbits(128))), pick(rng, STATUSES)
            at = now - timedelta(minutes=n - k)
            subject = " ".join(rng.sample(WORDS, 4)).capitalize()
            docs.append((doc, "out", "nota_dinas", subject, "biasa", pick(rng, CLASSES), "000.1.2.3", status, unit, uid,
                         "", 1, subject, at, at))
            versions.append((doc, 1, json.dumps({"blocks": []}), "{}", subject, "0" * 64, uid, at))
            recips.append((doc, "to", 0, "Kepala", rng.choice(units)))
            if status == "draft":
                continue
            chain, p = [], parent.get(pos)
            while p is not None and len(chain) < rng.randint(2, 3):
                if p in holder:
                    chain.append(holder[p])
                p = parent.get(p)
            for s, who in enumerate(chain):
                last = s == len(chain) - 1
                st = "approved" if status in ("dispatched", "signed") or not last else "pending"
                steps.append((f"{doc}-{s}", doc, 1, f"st{s}", s, "sign" if last else "paraf", who, st, s))
            if chain:
                routes.append((doc, template, uid, "in_progress", 1, 1, json.dumps({"stages": []}), at, at))
        with conn.cursor() as cur:
            for table, cols, data in [
                ("documents", "id, direction, kind, subject, urgency, classification, kode_klasifikasi, status, "
                              "unit_id, created_by, sender, current_version, search_text, created_at, updated_at", docs),
                ("document_versions", "document_id, version, body, fields, body_text, content_sha256, created_by, "
                                      "created_at", versions),
                ("recipients", "document_id, role, position, label, unit_id", recips),
                ("routes", "document_id, template_id, drafter_id, status, round, version, stages, started_at, "
                           "updated_at", routes),
                ("steps", "id, document_id, round, stage_name, stage_order, kind, assignee_id, status, seq", steps)]:
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
        conn.execute("ANALYZE")


def timed(fn: Callable[[], Any], reps: int) -> tuple[float, float]:
    fn()
    fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def cases(backend: Backend, who: str) -> dict[str, Callable[[], Any]]:
    actor = backend.login(who, "demo")
    page = backend.letter_list(actor)
    doc = page[len(page) // 2].id if page else None
    out: dict[str, Callable[[], Any]] = {
        "counts": lambda: backend.counts(actor),
        "inbox": lambda: backend.inbox(actor),
        "list page": lambda: backend.letter_list(actor),
        "search": lambda: backend.read(lambda uow: search.search(uow, actor, "jaringan anggaran")),
    }
    if doc is not None:
        out["open letter"] = lambda: backend.detail(actor, doc)
    return out


def run(admin: str, n: int, reps: int) -> None:
    name = f"bench_rls_{n}"
    server = create_engine(make_url(admin), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate.upgrade(engine)
    run_in_transaction(engine, demo.seed)
    engine.dispose()
    t = time.perf_counter()
    generate(url, n)
    print(f"\n## {n:,} letters (generated in {time.perf_counter() - t:.0f} s)\n")
    u = make_url(url)
    userless = URL.create(u.drivername, host=u.host, port=u.port, database=name).render_as_string()
    home = Path(tempfile.mkdtemp())
    print("| user | sees | use case | RLS p50 | RLS p99 | owner p50 | owner p99 | p99 ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for who in USERS:
        rls, owner = Backend(userless, home), Backend(url, home)
        with_rls, without = cases(rls, who), cases(owner, who)
        sees = rls.read(lambda uow: uow.session.scalar(text("SELECT count(*) FROM documents")))
        for case, fn in with_rls.items():
            a50, a99 = timed(fn, reps)
            b50, b99 = timed(without[case], reps)
            print(f"| {who} | {sees} | {case} | {a50:.1f} | {a99:.1f} | {b50:.1f} | {b99:.1f} | {a99 / b99:.2f} |")
        rls.close()
        owner.close()
    with psycopg.connect(host=u.host, port=u.port, dbname=name, user="eo_gubernur", password="demo") as conn:
        plan = conn.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
                            "SELECT count(*) FROM documents WHERE status = 'dispatched'").fetchall()
    print("\nEXPLAIN as eo_gubernur: SELECT count(*) FROM documents WHERE status = 'dispatched'\n")
    print("\n".join("    " + r[0] for r in plan))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, action="append")
    ap.add_argument("--reps", type=int, default=40)
    a = ap.parse_args()
    admin = os.environ.get("EOFFICE_TEST_PG")
    if not admin:
        print("EOFFICE_TEST_PG is not set (a superuser URL of a throw-away PostgreSQL)", file=sys.stderr)
        return 2
    for n in a.docs or [10_000]:
        run(admin, n, a.reps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
