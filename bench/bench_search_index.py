"""What a workflow status change costs the full-text index on PostgreSQL, before and after migration 0005.

Builds a throw-away database at revision 0004 (the expression GIN index on to_tsvector('indonesian',
search_text)), adds N letters with a ~11 KB search text each (a 2-page letter), and times, as single
statements over all N rows: UPDATE status (what every route decision does), UPDATE search_text (what a
revision does) and a prefix search matching every row. Then migrates to head (0005: the tsvector in the
side table documents_fts kept by triggers, the GIN index on it) and times the same. The texts draw words
from a 4,000-word vocabulary, half of them Zipf-distributed: ~700 distinct lexemes per letter. Each figure is the median of --repeat
runs, each after a VACUUM (so the GIN pending list and dead rows start the same).

    /work/venv/bin/python bench/bench_search_index.py --pg-url postgresql+psycopg://user@host:port/postgres
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from eoffice.services import demo
from eoffice.store import migrate
from eoffice.store.db import make_engine
from eoffice.store.uow import run_in_transaction

DB_NAME = "bench_search_index"
SYLLABLES = ["ba", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "da", "ga", "ja", "wa", "ya", "be", "ke", "me",
             "ne", "pe", "re", "se", "te", "bi", "ki", "li", "mi", "ni", "pi", "ri", "si", "ti", "bu", "ku", "lu",
             "mu", "nu", "pu", "ru", "su", "tu", "ngan", "nya", "kan", "lah", "tas", "rin", "dang", "pung"]
PREFIXES = ["", "", "", "me", "mem", "di", "ber", "pe", "ter", "ke"]
SUFFIXES = ["", "", "", "kan", "an", "nya", "i"]


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    words = {rng.choice(PREFIXES) + "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
             + rng.choice(SUFFIXES) for _ in range(size)}
    return sorted(words)


def letter_text(rng: random.Random, size: int, vocab: list[str]) -> str:
    words: list[str] = []
    length = 0
    while length < size:
        if rng.random() < 0.5:  # common words, Zipf-like
            word = vocab[min(int(rng.paretovariate(1.0)) - 1, len(vocab) - 1)]
        else:
            word = rng.choice(vocab)
        words.append(word)
        length += len(word) + 1
    return "surat dinas " + " ".join(words)


def admin_exec(admin_url: str, sql: str) -> None:
    engine = create_engine(make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def timed(engine: Engine, sql: str, repeat: int, params: list[dict[str, str]]) -> float:
    times: list[float] = []
    for i in range(repeat):
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM documents"))
        with engine.begin() as conn:
            started = time.perf_counter()
            conn.execute(text(sql), params[i % len(params)])
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(engine: Engine, repeat: int) -> dict[str, float]:
    return {
        "status": timed(engine, "UPDATE documents SET status = :s", repeat, [{"s": "review"}, {"s": "draft"}]),
        "search_text": timed(engine, "UPDATE documents SET search_text = left(search_text, -2) || :s", repeat,
                             [{"s": " a"}, {"s": " b"}]),
        "search": timed(engine, "SELECT count(*) FROM documents WHERE " + (
            "id IN (SELECT document_id FROM documents_fts WHERE search_tsv" if migrate.current_revision(engine) == "0005"
            else "(to_tsvector('indonesian', search_text)") + " @@ to_tsquery('indonesian', :s))", repeat, [{"s": "surat:* & dinas:*"}]),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg-url", default=os.environ.get("EOFFICE_TEST_PG"))
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--size", type=int, default=11_000, help="characters of search text per letter")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if not args.pg_url:
        ap.error("--pg-url or EOFFICE_TEST_PG is required")
    admin_exec(args.pg_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    admin_exec(args.pg_url, f'CREATE DATABASE "{DB_NAME}"')
    url = make_url(args.pg_url).set(drivername="postgresql+psycopg", database=DB_NAME)
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        migrate.upgrade(engine, "0004")
        run_in_transaction(engine, demo.seed)
        rng = random.Random(1)
        vocab = vocabulary(rng)
        rows = [{"id": f"00000000-0000-0000-0000-{n:012d}", "t": letter_text(rng, args.size, vocab)}
                for n in range(args.docs)]
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO documents (id, direction, kind, subject, urgency, classification, kode_klasifikasi, "
                "status, unit_id, created_by, sender, current_version, search_text, created_at, updated_at) "
                "SELECT :id, 'out', 'surat_dinas', 'Uji', 'biasa', 'biasa', '', 'draft', "
                "(SELECT min(id) FROM units), (SELECT min(id) FROM users), '', 1, :t, now(), now()"), rows)
            lexemes = conn.execute(text(
                "SELECT avg(length(to_tsvector('indonesian', search_text))) FROM documents")).scalar_one()
        results = {"0004 (expression index)": measure(engine, args.repeat)}
        migrate.upgrade(engine)
        results["0005 (documents_fts table)"] = measure(engine, args.repeat)
    finally:
        engine.dispose()
        admin_exec(args.pg_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    print(f"{args.docs} letters, {args.size} characters of search text each ({lexemes:.0f} lexemes); ms per statement over all rows, "
          f"median of {args.repeat}")
    print("| schema | UPDATE status | UPDATE search_text | prefix search (2 words, all rows match) |")
    print("|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['status']:.1f} | {r['search_text']:.1f} | {r['search']:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
