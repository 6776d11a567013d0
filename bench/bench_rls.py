"""Row-level security's cost on PostgreSQL (store/security.py). Not a test.

    EOFFICE_TEST_PG=postgresql+psycopg://eoffice@127.0.0.1:PORT/postgres \\
        PYTHONPATH=. .venv/bin/python bench/bench_rls.py --docs 10000 --docs 100000 [--reps 100]

Builds a database with the demo organisation and N generated letters (bulk COPY as the owner) spread over the
demo's units and users as an office writes them: mostly drafted by staff, some by heads of section, few by
heads of office; 1-3 review steps up the drafter's chain of superiors, one in ten going on to the Sekda and
the Governor; addressed to another unit (sometimes to a person, sometimes with a copy to a third unit); 80 %
biasa, 15 % terbatas, 5 % rahasia; the newest 400 in every state, the older ones settled (mostly sent); sent
and signed letters with their signed PDF.
Then for several users it times the desktop's own use cases (eoffice.app: Desktop and its read models):
navigation counts, inbox, the first letter-list page, one letter's LetterView and a search (words; words with
the Pencarian view's filters; filters without words, as Desktop.search runs them), once connected as
the user's own role (RLS on, visible_clause steps aside) and once as the owner (no RLS, the service-layer rule
visible_clause), interleaved in the same run. Prints p50/p99 (ms) per use case and user, the p99 ratio, and
EXPLAIN (as the user's role) of the queries the rule weighs on, and of the search inside eoffice_search
(auto_explain of the function's own statement, as the Governor and a staff member).
--keep reuses a database an earlier run generated, with eoffice_search made anew from store/security.py (so
a change to the search function is measured on the same letters); --only CASE times only the use cases
whose name holds CASE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import math
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
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from eoffice.app import queries as q
from eoffice.app.desktop import Desktop
from eoffice.services import demo
from eoffice.store import migrate, security
from eoffice.store.db import make_engine
from eoffice.store.uow import run_in_transaction

USERS = ["staf.kominfo", "kabid1.kominfo", "kepala.kominfo", "sekda", "gubernur"]
STATUSES = [("dispatched", 60), ("in_review", 10), ("draft", 10), ("signed", 5), ("returned", 5),
            ("rejected", 3), ("withdrawn", 2), ("to_sign", 5)]  # the newest letters, still moving
SETTLED = [("dispatched", 88), ("rejected", 4), ("withdrawn", 4), ("draft", 4)]  # older ones: finished
RECENT = 400  # letters in the works at any time: inboxes do not grow with the archive
CLASSES = [("biasa", 80), ("terbatas", 15), ("rahasia", 5)]
WORDS = ["jaringan", "anggaran", "rapat", "laporan", "kegiatan", "evaluasi", "pelatihan", "perjalanan", "pengadaan",
         "monitoring", "data", "aplikasi", "keamanan", "server", "pegawai", "kinerja", "program", "daerah"]
SEARCH = "jaringan anggaran"
SINCE = dt.date(2026, 1, 1)  # the Pencarian view's Dari tanggal
COLS = {"documents": "id, direction, kind, subject, urgency, classification, kode_klasifikasi, status, unit_id, "
                     "created_by, sender, current_version, search_text, signed_pdf_sha256, signed_version, "
                     "created_at, updated_at",
        "document_versions": "document_id, version, body, fields, body_text, content_sha256, created_by, created_at",
        "recipients": "document_id, role, position, label, unit_id, user_id",
        "routes": "document_id, template_id, drafter_id, status, round, version, stages, started_at, updated_at",
        "steps": "id, document_id, round, stage_name, stage_order, kind, assignee_id, status, seq",
        "blobs": "sha256, size, mime, data"}


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([w for w, _ in weighted], [n for _, n in weighted])[0]


def base_pdf() -> bytes:
    """A one-page PDF: the signed letters' files differ from it only by a trailing comment (unique sha256)."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    page = Canvas(out)
    page.drawString(72, 720, "Surat (bench_rls)")
    page.save()
    return out.getvalue()


class Org:
    """The demo's people: who drafts how often, and each one's chain of superiors."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        rows = conn.execute("SELECT u.id, u.unit_id, p.id, p.parent_id FROM users u JOIN positions p "
                            "ON p.id = u.position_id WHERE u.active").fetchall()
        self.holder = {pos: uid for uid, _unit, pos, _parent in rows}
        self.parent = {pos: par for _uid, _unit, pos, par in rows}
        has_children = {par for _uid, _unit, _pos, par in rows if par is not None}
        self.units = [r[0] for r in conn.execute("SELECT id FROM units")]
        self.people = [(uid, unit, pos) for uid, unit, pos, _ in rows]
        # staff (no one below) draft most; heads of section some; the top of a chain (no superior) seldom
        self.weights = [1 if self.parent.get(pos) is None else (12 if pos not in has_children else 3)
                        for _uid, _unit, pos in self.people]

    def drafter(self, rng: random.Random) -> tuple[int, int, int]:
        return rng.choices(self.people, self.weights)[0]

    def chain(self, rng: random.Random, pos: int) -> list[int]:
        """Reviewers up from the drafter: 1-3 superiors, one letter in ten up to the top."""
        want = 99 if rng.random() < 0.1 else rng.randint(1, 3)
        out, p = [], self.parent.get(pos)
        while p is not None and len(out) < want:
            if p in self.holder:
                out.append(self.holder[p])
            p = self.parent.get(p)
        return out


def generate(url: str, n: int, seed: int = 7) -> None:
    """N letters written straight with COPY (the owner's connection)."""
    rng = random.Random(seed)
    u = make_url(url)
    pdf = base_pdf()
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, password=u.password) as conn:
        org = Org(conn)
        template = conn.execute("SELECT min(id) FROM route_templates").fetchone()[0]  # type: ignore[index]
        people = [uid for uid, _unit, _pos in org.people]
        now = datetime.now(UTC)
        data: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLS}
        for k in range(n):
            uid, unit, pos = org.drafter(rng)
            doc = str(uuid.UUID(int=rng.getrandbits(128)))
            status = pick(rng, STATUSES if k >= n - RECENT else SETTLED)
            at = now - timedelta(minutes=n - k)
            subject = " ".join(rng.sample(WORDS, 4)).capitalize()
            signed = None
            if status in ("dispatched", "signed"):
                blob = pdf + f"% {doc}\n".encode()
                signed = hashlib.sha256(blob).hexdigest()
                data["blobs"].append((signed, len(blob), "application/pdf", blob))
            data["documents"].append((doc, "out", "nota_dinas", subject, "biasa", pick(rng, CLASSES), "000.1.2.3",
                                      status, unit, uid, "", 1, subject, signed, 1 if signed else None, at, at))
            data["document_versions"].append((doc, 1, json.dumps({"blocks": []}), "{}", subject, "0" * 64, uid, at))
            others = [x for x in org.units if x != unit] or org.units
            data["recipients"].append((doc, "to", 0, "Kepala", rng.choice(others), None))
            if rng.random() < 0.15:
                data["recipients"].append((doc, "to", 1, "Yth.", None, rng.choice(people)))
            if rng.random() < 0.2:
                data["recipients"].append((doc, "cc", 0, "Tembusan", rng.choice(others), None))
            if status == "draft":
                continue
            chain = org.chain(rng, pos)
            for s, (who, st) in enumerate(zip(chain, step_states(rng, status, len(chain)), strict=True)):
                kind = "sign" if s == len(chain) - 1 else "paraf"
                data["steps"].append((f"{doc}-{s}", doc, 1, f"st{s}", s, kind, who, st, s))
            if chain:
                data["routes"].append((doc, template, uid, "in_progress", 1, 1, json.dumps({"stages": []}), at, at))
        with conn.cursor() as cur:
            for table in ("blobs", "documents", "document_versions", "recipients", "routes", "steps"):
                with cur.copy(f"COPY {table} ({COLS[table]}) FROM STDIN") as copy:
                    for row in data[table]:
                        copy.write_row(row)
        conn.execute("ANALYZE")


def step_states(rng: random.Random, status: str, n: int) -> list[str]:
    """The steps of a letter in *status*: decided up to where its route stands, pending (or the decision that
    ended the round) there, waiting (or cancelled) after it."""
    if status in ("dispatched", "signed") or n == 0:
        return ["approved"] * n
    at = n - 1 if status == "to_sign" else rng.randrange(n)
    here, after = {"in_review": ("pending", "waiting"), "to_sign": ("pending", "waiting"),
                   "returned": ("returned", "cancelled"), "rejected": ("rejected", "cancelled"),
                   "withdrawn": ("cancelled", "cancelled")}[status]
    return ["approved"] * at + [here] + [after] * (n - at - 1)


def timed_pair(a: Callable[[], Any], b: Callable[[], Any], reps: int) -> tuple[tuple[float, float], ...]:
    """p50/p99 (ms) of a and b, run alternately (so load on the machine weighs on both alike). After the
    warm-up the heap is frozen, as the desktop does once its modules are loaded (ui/mainwindow.py), so a full
    garbage-collector pass over the bench's own objects does not land in one repetition. p99 by nearest rank:
    with fewer than 100 repetitions it is the slowest one."""
    for fn in (a, b, a, b):
        fn()
    gc.collect()
    gc.freeze()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(reps):
        for fn, out in ((a, times[0]), (b, times[1])):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
    return tuple((statistics.median(s), sorted(s)[math.ceil(len(s) * 0.99) - 1]) for s in times)


def open_target(app: Desktop, who: str) -> str | None:
    """The letter the user opens: the newest sent one in their first list page (else the newest)."""
    actor = app.login(who, "demo")
    page = app.letter_list(actor)
    sent = [r for r in page if r.status == "dispatched"]
    return (sent or page)[0].id if page else None


def cases(app: Desktop, who: str, doc: str | None) -> dict[str, Callable[[], Any]]:
    actor = app.login(who, "demo")
    out: dict[str, Callable[[], Any]] = {
        "counts": lambda: app.counts(actor),
        "inbox": lambda: app.inbox(actor),
        "list page": lambda: app.letter_list(actor),
        "search": lambda: app.read(lambda uow: q.search(uow, actor, SEARCH)),
        "search + filters": lambda: app.search(actor, SEARCH, q.Filters(kind="nota_dinas", date_from=SINCE)),
        "filters only": lambda: app.search(actor, "", q.Filters(status="dispatched", unit="DISKOMINFO")),
    }
    if doc is not None:
        out["open letter"] = lambda: app.letter_view(actor, doc)
    return out


def explain(url: URL, who: str, doc: str | None) -> None:
    queries = [("list page", "SELECT d.id FROM documents d JOIN users u ON u.id = d.created_by "
                             "ORDER BY d.updated_at DESC, d.id DESC LIMIT 50"),
               ("one letter", f"SELECT id, status FROM documents WHERE id = '{doc}'"),
               ("its steps", f"SELECT id FROM steps WHERE document_id = '{doc}'"),
               ("its signed PDF", f"SELECT size FROM blobs WHERE sha256 = "
                                  f"(SELECT signed_pdf_sha256 FROM documents WHERE id = '{doc}')")]
    with psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=f"eo_{who}",
                         password="demo") as conn:
        for label, sql in queries:
            plan = conn.execute(f"EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) {sql}").fetchall()
            print(f"\nEXPLAIN ANALYZE as eo_{who} ({label}): {sql}\n")
            print("\n".join("    " + r[0] for r in plan))


def refresh_search(url: str) -> None:
    """eoffice_search as store/security.py makes it now, in a database made by an earlier run."""
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, password=u.password,
                         autocommit=True) as conn:
        for (old,) in conn.execute("SELECT oid::regprocedure::text FROM pg_proc WHERE proname = 'eoffice_search'"
                                   ).fetchall():
            conn.execute(f"DROP FUNCTION {old}")
        for statement in security.upgrade_statements():
            if "FUNCTION eoffice_search(" in statement:
                conn.execute(statement)


def explain_search(url: str, who: str) -> None:
    """The plan of eoffice_search's own statement, run as *who* (auto_explain, loaded by the superuser who
    then takes the user's identity: the function sees the user as its session user)."""
    u = make_url(url)
    call = ("SELECT * FROM eoffice_search(to_tsquery('indonesian', %s), NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            "NULL, NULL, 50)")
    notes: list[str] = []
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, password=u.password,
                         autocommit=True) as conn:
        conn.add_notice_handler(lambda d: notes.append(d.message_primary or ""))
        for setting in ("LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0",
                        "SET auto_explain.log_nested_statements = on", "SET auto_explain.log_analyze = on",
                        "SET auto_explain.log_level = notice", f'SET SESSION AUTHORIZATION "eo_{who}"'):
            conn.execute(setting)
        conn.execute(call, (" & ".join(f"{w}:*" for w in SEARCH.split()),)).fetchall()
    inner = [n for n in notes if "FROM documents" in n]
    print(f"\nEXPLAIN ANALYZE as eo_{who} (search, inside eoffice_search; words {SEARCH!r}, limit 50):\n")
    print("\n".join("    " + line for line in (inner or notes)[0].splitlines()))


def run(admin: str, n: int, reps: int, keep: bool, only: str = "") -> None:
    name = f"bench_rls_{n}"
    server = create_engine(make_url(admin), isolation_level="AUTOCOMMIT")
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    with server.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not (keep and exists):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    if not (keep and exists):
        engine = make_engine(url)
        migrate.upgrade(engine)
        run_in_transaction(engine, demo.seed)
        engine.dispose()
        t = time.perf_counter()
        generate(url, n)
        print(f"\n## {n:,} letters (generated in {time.perf_counter() - t:.0f} s)\n")
    else:
        refresh_search(url)
        print(f"\n## {n:,} letters (database kept from an earlier run)\n")
    u = make_url(url)
    userless = URL.create(u.drivername, host=u.host, port=u.port, database=name).render_as_string()
    home = Path(tempfile.mkdtemp())
    print("| user | sees | use case | RLS p50 | RLS p99 | owner p50 | owner p99 | p99 ratio |")
    print("|---|---|---|---|---|---|---|---|")
    target = None
    for who in USERS:
        rls, owner = Desktop(userless, home), Desktop(url, home)
        doc = open_target(rls, who)
        if who == "kepala.kominfo":
            target = doc
        with_rls, without = cases(rls, who, doc), cases(owner, who, doc)
        sees = rls.read(lambda uow: uow.session.scalar(text("SELECT count(*) FROM documents")))
        for case, fn in with_rls.items():
            if only not in case:
                continue
            (a50, a99), (b50, b99) = timed_pair(fn, without[case], reps)
            print(f"| {who} | {sees} | {case} | {a50:.1f} | {a99:.1f} | {b50:.1f} | {b99:.1f} | {a99 / b99:.2f} |")
        rls.close()
        owner.close()
    explain(u, "kepala.kominfo", target)
    for who in ("gubernur", "staf.kominfo"):
        explain_search(url, who)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, action="append")
    ap.add_argument("--reps", type=int, default=100)
    ap.add_argument("--keep", action="store_true", help="reuse a database an earlier run generated")
    ap.add_argument("--only", default="", help="time only the use cases whose name holds this")
    a = ap.parse_args()
    admin = os.environ.get("EOFFICE_TEST_PG")
    if not admin:
        print("EOFFICE_TEST_PG is not set (a superuser URL of a throw-away PostgreSQL)", file=sys.stderr)
        return 2
    for n in a.docs or [10_000]:
        run(admin, n, a.reps, a.keep, a.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
