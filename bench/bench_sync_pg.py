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
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DB_NAME = "bench_sync"
LOGIN = "staf.kominfo"



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


def measure(url: str, cache_file: Path) -> None:
    """The child: one first pull into a new cache; its time, counts and the process's peak RSS as JSON."""
    from eoffice.services.auth import login
    from eoffice.store.db import make_engine
    from eoffice.store.uow import run_in_transaction
    from eoffice.sync.mirror import open_cache, pull

    server = make_engine(url)
    actor = run_in_transaction(server, lambda uow: login(uow, LOGIN, "demo"))
    t = time.perf_counter()
    cache = open_cache(cache_file)
    got = pull(server, cache, actor, "bench")
    took = time.perf_counter() - t
    print(json.dumps({"seconds": took, "letters": got.letters, "rows": got.rows, "files": got.files,
                      "file_bytes": got.file_bytes,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


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
    ap.add_argument("--measure", nargs=2, metavar=("URL", "CACHE"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.measure:
        measure(a.measure[0], Path(a.measure[1]))
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
            child = subprocess.run([sys.executable, __file__, "--measure", url, str(root / "cache.db")],
                                   capture_output=True, text=True, check=True, env=os.environ)
            got = json.loads(child.stdout.strip().splitlines()[-1])
            bare_s, bare_rows = bare(url, root / "cache.db")
            fetched, fetched_bytes, left, left_bytes = named_files(root / "cache.db")
            assert (fetched, fetched_bytes) == (got["files"], got["file_bytes"]), (fetched, got)
            print(f"| first pull of {LOGIN}'s view ({a.docs} extra letters) | value |")
            print("|---|---|")
            print(f"| pull: {got['letters']} letters, {got['rows']} rows (cache "
                  f"{(root / 'cache.db').stat().st_size / 1e6:.1f} MB) | {got['seconds']:.2f} s |")
            print(f"| baseline: bare psycopg reading the same letters' rows ({bare_rows} rows) | {bare_s:.2f} s |")
            print(f"| ratio pull / bare read | {got['seconds'] / bare_s:.1f}x |")
            print(f"| peak RSS of the pulling client | {got['rss_mb']:.0f} MB (target <= 300) |")
            print(f"| files pulled with their bytes (the user's drafts and inbox) | {fetched} files, "
                  f"{fetched_bytes / 1e6:.2f} MB |")
            print(f"| files left on the server, named only (the archive) | {left} files, {left_bytes / 1e6:.2f} MB |")
    finally:
        admin.dispose()  # a fresh connection: the first one sat idle through the build
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
