"""The local cache's pull (eoffice/sync/mirror.py) on a large database. Not a test.

    PYTHONPATH=. /work/venv/bin/python bench/bench_sync.py [--docs 10000]

Builds the start-up bench's database (the demo + N cloned drafts of `staf.kominfo`), then times, for that user:
the first pull into a new cache (everything the user may see), a quiet pull (nothing changed), and a pull
after one decision. Baseline in the same run: copying the whole server database file with SQLite's backup
API, the floor for "copy everything" (it copies every table and every user's letters, unfiltered).
The same first pull from PostgreSQL, next to bare psycopg and with the client's peak RSS: bench_sync_pg.py.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import build  # noqa: E402

from eoffice.services.auth import login  # noqa: E402
from eoffice.store.db import make_engine  # noqa: E402
from eoffice.store.uow import run_in_transaction  # noqa: E402
from eoffice.sync.mirror import open_cache, pull  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db, _home = build(root, a.docs)
        t = time.perf_counter()
        with sqlite3.connect(root / "e.db") as src, sqlite3.connect(root / "copy.db") as dst:
            src.backup(dst)
        backup_s = time.perf_counter() - t
        server = make_engine(db)
        actor = run_in_transaction(server, lambda uow: login(uow, "staf.kominfo", "demo"))
        t = time.perf_counter()
        cache = open_cache(root / "cache.db")
        opened = time.perf_counter() - t
        t = time.perf_counter()
        first = pull(server, cache, actor, "bench")
        first_s = time.perf_counter() - t
        t = time.perf_counter()
        pull(server, cache, actor, "bench")
        quiet_s = time.perf_counter() - t
        print(f"| measure ({a.docs} extra drafts) | s |")
        print("|---|---|")
        print(f"| baseline: SQLite backup of the whole server database ({(root / 'e.db').stat().st_size / 1e6:.1f} MB) "
              f"| {backup_s:.2f} |")
        print(f"| open + migrate a new cache | {opened:.2f} |")
        print(f"| first pull: {first.letters} letters, {first.rows} rows "
              f"(cache {(root / 'cache.db').stat().st_size / 1e6:.1f} MB) | {first_s:.2f} ({first_s / backup_s:.1f}x the backup) |")
        print(f"| pull with nothing new | {quiet_s:.3f} |")
        print(f"| peak memory of the process | {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB |")
        cache.dispose()
        server.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
