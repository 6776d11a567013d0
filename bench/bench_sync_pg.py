"""The first pull of a large view from PostgreSQL (eoffice/sync/mirror.py), next to reading the same rows with
bare psycopg, and the pulling client's peak memory and the bytes it pulled. Not a test. Targets (issue 13):
peak RSS <= 300 MB at 100,000 letters; the ratio is reported.

    PYTHONPATH=. .venv/bin/python bench/bench_sync_pg.py --pg-url postgresql+psycopg://u@127.0.0.1:5432/postgres \
        [--docs 100000] [--files 2000]

Builds a database: the demo organisation plus N clones of one of staf.kominfo's drafts (documents, versions,
recipients, made server-side with generate_series), made an archive: dispatched, except one in a hundred left a
draft (the user's own work, which the cache must hold with its files). The first --files clones get an
attachment of its own (a distinct 25.6 kB file each), so the archive has files to leave on the server. The pull
runs in a child process (its own peak RSS, not the build's): open a new cache, pull everything staf.kominfo may
see (through the owner's connection: RLS, which a real client's role adds, is bench_rls.py's subject). Bytes
pulled: the file bytes fetched (eoffice/sync/pull_files.py), next to the bytes of the files the view names (what
a pull of every file would have copied), and the cache's size on disk. Baseline, in the same run: bare psycopg
reading every row the pull copied for those letters (the letter ids, versions, recipients, routes, steps,
decisions, notes, dispositions, attachments, the names of the files they name and the bytes of those it
fetched), fetched to the client and dropped.

Later pulls (--later R): after the first pull, R quiet pulls (nothing changed) and R pulls after one letter
changed (its subject, through the seal, by the owner), alternating, each timed (wall clock, and the pulling
client's CPU time, steadier on a shared machine), in --rounds child processes per code, medians reported; with --role as the user's
own role (row-level security deciding, as a real client pulls), else through the owner's connection.
--before DIR (a checkout of the code before a change, e.g. `git archive main | tar -x -C DIR`) times the same
pulls with that code too, on the same database and a cache of its own, interleaved with this code's (with
--one-first, a copy of this code's first pull: at 100,000 letters a first pull takes minutes):

    PYTHONPATH=. .venv/bin/python bench/bench_sync_pg.py --docs 10000 --later 5 --before /tmp/before [--role]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DB_NAME = "bench_sync"
LOGIN = "staf.kominfo"
KINDS = ("quiet", "changed", "org")  # later pulls: nothing changed, one letter changed, one user changed



def build(url: str, home: Path, docs: int, files: int) -> None:
    from eoffice.services import demo
    from eoffice.store.db import make_engine

    engine = make_engine(url)
    demo.build(engine, home)
    with engine.begin() as conn:
        src = conn.execute(text("SELECT d.id FROM documents d JOIN users u ON u.id = d.created_by "
                                "WHERE d.status = 'draft' AND u.login = :l LIMIT 1"), {"l": LOGIN}).scalar_one()
        cols = {t: [r[0] for r in conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = :t AND table_schema = 'public' "
            "AND (is_generated = 'NEVER') ORDER BY ordinal_position"), {"t": t})]
            for t in ("documents", "document_versions", "recipients")}
        doc_cols = [c for c in cols["documents"] if c not in ("id", "subject")]
        conn.execute(text(
            f"CREATE TEMP TABLE clones AS SELECT gen_random_uuid()::text AS id, n FROM generate_series(1, {docs}) n"))
        conn.execute(text(
            f"INSERT INTO documents (id, subject, {', '.join(doc_cols)}) SELECT c.id, 'Naskah uji beban nomor ' || "
            f"c.n, {', '.join('d.' + x for x in doc_cols)} FROM clones c, documents d WHERE d.id = :src"), {"src": src})
        for table in ("document_versions", "recipients"):
            rest = [x for x in cols[table] if x not in ("id", "document_id")]
            conn.execute(text(
                f"INSERT INTO {table} (document_id, {', '.join(rest)}) SELECT c.id, {', '.join('t.' + x for x in rest)} "
                f"FROM clones c, {table} t WHERE t.document_id = :src"), {"src": src})
        conn.execute(text("UPDATE documents d SET status = 'dispatched' FROM clones c WHERE d.id = c.id "
                          "AND c.n % 100 <> 0"))  # the archive; one in a hundred stays the user's draft
        conn.execute(text(
            "CREATE TEMP TABLE files AS SELECT c.id, c.n, decode(repeat(md5(c.n::text), 1600), 'hex') AS data "
            "FROM clones c WHERE c.n <= :files"), {"files": files})
        conn.execute(text("INSERT INTO blobs (sha256, size, mime, data) SELECT encode(sha256(data), 'hex'), "
                          "length(data), 'application/pdf', data FROM files"))
        conn.execute(text(
            "INSERT INTO attachments (document_id, name, sha256, size, mime, role, added_by, added_at) "
            "SELECT f.id, 'lampiran-' || f.n || '.pdf', encode(sha256(f.data), 'hex'), length(f.data), "
            "'application/pdf', 'lampiran', d.created_by, now() FROM files f JOIN documents d ON d.id = f.id"))
    engine.dispose()


def measure(url: str, cache_file: Path, first: bool, later: int, role: bool) -> None:
    """The child: a first pull into a new cache (if *first*), then *later* quiet pulls and *later* pulls after one
    letter changed; their times, counts and the process's peak RSS as JSON."""
    import eoffice
    from eoffice.services.auth import login
    from eoffice.store.db import make_engine
    from eoffice.store.uow import run_in_transaction
    from eoffice.sync.mirror import open_cache, pull

    owner = make_engine(url)
    if role:
        from eoffice.store.dbroles import connect_as

        u = make_url(url)
        server = connect_as(u.set(username=None, password=None).render_as_string(), LOGIN, "demo")
    else:
        server = owner
    actor = run_in_transaction(server, lambda uow: login(uow, LOGIN, "demo"))
    out: dict[str, object] = {"code": str(Path(eoffice.__file__).parent.parent)}
    t = time.perf_counter()
    cache = open_cache(cache_file)
    if first:
        got = pull(server, cache, actor, "bench")
        out.update(seconds=time.perf_counter() - t, letters=got.letters, rows=got.rows, files=got.files,
                   file_bytes=got.file_bytes)
    times: dict[str, list[float]] = {k: [] for kind in KINDS for k in (kind, f"{kind}_cpu")}
    if later:
        pull(server, cache, actor, "bench")  # the changes another child made meanwhile: untimed
    for _ in range(later):
        for kind in KINDS:
            if kind == "changed":
                run_in_transaction(owner, _change_one)
            elif kind == "org":
                run_in_transaction(owner, lambda uow: uow.touched("user", actor.user_id))
            t, cpu = time.perf_counter(), time.process_time()
            got = pull(server, cache, actor, "bench")
            times[kind].append(time.perf_counter() - t)
            times[f"{kind}_cpu"].append(time.process_time() - cpu)
            assert got.letters == (kind == "changed"), got
    out.update(times, rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out))


def _change_one(uow: Any) -> None:
    """One letter of the user's view changes (its subject), noted in the change feed as a write would."""
    doc = uow.session.execute(text("SELECT id FROM documents WHERE subject LIKE 'Naskah uji beban nomor %' "
                                   "ORDER BY id LIMIT 1")).scalar_one()
    uow.session.execute(text("UPDATE documents SET subject = subject || '.' WHERE id = :id"), {"id": doc})
    uow.touched("document", doc)


def child(url: str, cache_file: Path, *, first: bool, later: int, role: bool, code: str | None) -> dict[str, Any]:
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = code
    args = [sys.executable, __file__, "--measure", url, str(cache_file), "--later", str(later)]
    args += ["--first"] if first else []
    args += ["--role"] if role else []
    run = subprocess.run(args, capture_output=True, text=True, env=env)
    if run.returncode:
        sys.exit(run.stderr)
    got: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return got


def named_files(cache_file: Path) -> tuple[int, int, int, int]:
    """(files fetched, their bytes, files named only, their bytes) in the cache."""
    import sqlite3

    with sqlite3.connect(cache_file) as lite:
        got = lite.execute("SELECT count(*), coalesce(sum(size), 0) FROM blobs WHERE data IS NOT NULL").fetchone()
        left = lite.execute("SELECT count(*), coalesce(sum(size), 0) FROM blobs WHERE data IS NULL").fetchone()
    return int(got[0]), int(got[1]), int(left[0]), int(left[1])


def bare(url: str, cache_file: Path) -> tuple[float, int]:
    """Bare psycopg: the rows the pull copied (by the letter ids the cache now holds; the bytes only of the
    files it fetched, the names of the others)."""
    import sqlite3

    import psycopg

    with sqlite3.connect(cache_file) as lite:
        ids = [r[0] for r in lite.execute("SELECT id FROM documents")]
        shas = [r[0] for r in lite.execute("SELECT sha256 FROM blobs WHERE data IS NOT NULL")]
        names = [r[0] for r in lite.execute("SELECT sha256 FROM blobs WHERE data IS NULL")]
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    t, rows = time.perf_counter(), 0
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        for i in range(0, len(ids), 5000):
            part = ids[i:i + 5000]
            cur.execute("SELECT * FROM documents WHERE id = ANY(%s)", (part,))
            rows += len(cur.fetchall())
            for table in ("document_versions", "attachments", "recipients", "routes", "steps", "route_notes",
                          "dispositions"):
                cur.execute(f"SELECT * FROM {table} WHERE document_id = ANY(%s)", (part,))
                rows += len(cur.fetchall())
            cur.execute("SELECT x.* FROM decisions x JOIN steps s ON s.id = x.step_id WHERE s.document_id = ANY(%s)",
                        (part,))
            rows += len(cur.fetchall())
        for i in range(0, len(shas), 16):
            cur.execute("SELECT * FROM blobs WHERE sha256 = ANY(%s)", (shas[i:i + 16],))
            rows += len(cur.fetchall())
        for i in range(0, len(names), 500):
            cur.execute("SELECT sha256, size, mime FROM blobs WHERE sha256 = ANY(%s)", (names[i:i + 500],))
            rows += len(cur.fetchall())
    return time.perf_counter() - t, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg-url", default=os.environ.get("EOFFICE_TEST_PG"))
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=2000, help="clones with an attachment of their own")
    ap.add_argument("--later", type=int, default=0, help="quiet pulls and pulls after one change, each")
    ap.add_argument("--one-first", action="store_true", help="with --before: one first pull (this code's)")
    ap.add_argument("--rounds", type=int, default=2, help="children per code for --later, interleaved")
    ap.add_argument("--role", action="store_true", help="pull as the user's own role (RLS), not the owner")
    ap.add_argument("--before", help="a checkout of the code before: its pulls timed too, interleaved")
    ap.add_argument("--measure", nargs=2, metavar=("URL", "CACHE"), help=argparse.SUPPRESS)
    ap.add_argument("--first", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.measure:
        measure(a.measure[0], Path(a.measure[1]), a.first, a.later, a.role)
        return 0
    if not a.pg_url:
        sys.exit("--pg-url or EOFFICE_TEST_PG is needed")
    admin = create_engine(make_url(a.pg_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {DB_NAME}"))
    url = make_url(a.pg_url).set(drivername="postgresql+psycopg", database=DB_NAME).render_as_string(
        hide_password=False)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            t = time.perf_counter()
            build(url, root / "home", a.docs, min(a.files, a.docs))
            print(f"build: demo + {a.docs} letters in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            codes = [None, a.before] if a.before else [None]
            caches = {code: root / f"cache-{i}.db" for i, code in enumerate(codes)}
            firsts = {code: child(url, caches[code], first=True, later=0, role=a.role, code=code)
                      for code in (codes if not a.one_first else [None])}
            if a.one_first and a.before:  # the code before starts from a copy of this code's first pull
                shutil.copyfile(caches[None], caches[a.before])
            got = firsts[None]
            bare_s, bare_rows = bare(url, caches[None])
            fetched, fetched_bytes, left, left_bytes = named_files(caches[None])
            assert (fetched, fetched_bytes) == (got["files"], got["file_bytes"]), (fetched, got)
            who = f"{LOGIN}'s view{' as their own role' if a.role else ''}"
            print(f"| first pull of {who} ({a.docs} extra letters) | value |")
            print("|---|---|")
            print(f"| pull: {got['letters']} letters, {got['rows']} rows (cache "
                  f"{caches[None].stat().st_size / 1e6:.1f} MB) | {got['seconds']:.2f} s |")
            if a.before in firsts:
                was = firsts[a.before]
                print(f"| the same first pull with the code before ({was['letters']} letters, {was['rows']} rows) "
                      f"| {was['seconds']:.2f} s |")
            print(f"| baseline: bare psycopg reading the same letters' rows ({bare_rows} rows) | {bare_s:.2f} s |")
            print(f"| ratio pull / bare read | {got['seconds'] / bare_s:.1f}x |")
            print(f"| peak RSS of the pulling client | {got['rss_mb']:.0f} MB (target <= 300) |")
            print(f"| files pulled with their bytes (the user's drafts and inbox) | {fetched} files, "
                  f"{fetched_bytes / 1e6:.2f} MB |")
            print(f"| files left on the server, named only (the archive) | {left} files, {left_bytes / 1e6:.2f} MB |")
            if a.later:
                kinds = [k for kind in KINDS for k in (kind, f"{kind}_cpu")]
                times: dict[str | None, dict[str, list[float]]] = {c: {k: [] for k in kinds} for c in codes}
                for _round in range(a.rounds):  # interleaved: this code, the code before, this code, ...
                    for code in codes:
                        later = child(url, caches[code], first=False, later=a.later, role=a.role, code=code)
                        for kind in kinds:
                            times[code][kind] += later[kind]
                print()
                print(f"| later pulls of {who}, ms (median of {a.rounds * a.later}; min-max) | this code |"
                      + (" code before | ratio |" if a.before else ""))
                print("|---|---|" + ("---|---|" if a.before else ""))
                words_of = {"quiet": "nothing changed", "changed": "one letter changed",
                            "org": "one user changed (the whole view is checked)"}
                rows = [(k, words_of[k]) for k in KINDS] + [(f"{k}_cpu", f"{words_of[k]}: the client's CPU time")
                                                             for k in KINDS]
                for kind, words in rows:
                    now = times[None][kind]
                    line = f"| pull, {words} | {_ms(now)} |"
                    if a.before:
                        old = times[a.before][kind]
                        line += f" {_ms(old)} | {statistics.median(now) / statistics.median(old):.2f} |"
                    print(line)
    finally:
        admin.dispose()  # a fresh connection: the first one sat idle through the build
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"))
        admin.dispose()
    return 0


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"


if __name__ == "__main__":
    raise SystemExit(main())
