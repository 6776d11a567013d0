"""The full-text index follows the letters (both back ends); on PostgreSQL it sits off the documents row
(migration 0005), so a status change never re-parses or re-indexes the search text."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Engine

from eoffice.documents.body import parse_markdown
from eoffice.services import letters
from eoffice.services.search import _match, search
from eoffice.store import migrate
from eoffice.store.db import make_engine
from eoffice.store.models import Document
from eoffice.store.uow import UnitOfWork
from tests.dbs import Databases
from tests.integration.helpers import actor, draft, run, status, submit


def found(engine: Engine, login: str, query: str) -> set[str]:
    who = actor(engine, login)
    return {row.id for row in run(engine, lambda uow: search(uow, who, query))}


def test_search_follows_a_revised_letter_and_its_status(content_engine: Engine) -> None:
    doc = draft(content_engine, "staf.kominfo", subject="Pengadaan kerbau")
    assert doc in found(content_engine, "staf.kominfo", "kerbau")
    staff = actor(content_engine, "staf.kominfo")
    run(content_engine, lambda uow: letters.revise(uow, staff, doc, subject="Pengadaan kambing",
                                                   body=parse_markdown("Isi naskah tentang **jerapah**.")))
    assert doc in found(content_engine, "staf.kominfo", "kambing")
    assert doc in found(content_engine, "staf.kominfo", "jerapah pengadaan")
    assert doc not in found(content_engine, "staf.kominfo", "kerbau")
    submit(content_engine, "staf.kominfo", doc)  # a status-only change keeps it findable
    assert status(content_engine, doc) != "draft"
    assert doc in found(content_engine, "staf.kominfo", "jerapah")


def test_migrations_down_and_up_keep_search_working(content_engine: Engine, backend: str) -> None:
    doc = draft(content_engine, "staf.kominfo", subject="Pengadaan kerbau", to=["KEPALA-DISKOMINFO"])
    queries = ["kerbau", "uji", "surat", "kepala"]
    before = {q: found(content_engine, "staf.kominfo", q) for q in queries}
    assert doc in before["kerbau"] and doc in before["uji"] and doc in before["kepala"]
    migrate.downgrade(content_engine, "0004")
    with content_engine.connect() as conn:
        if backend == "postgresql":
            assert conn.execute(text("SELECT to_regclass('documents_fts')")).scalar() is None
            assert conn.execute(text("SELECT count(*) FROM documents WHERE to_tsvector('indonesian', search_text) "
                                     "@@ to_tsquery('indonesian', 'kerbau:*')")).scalar_one() == 1
    migrate.downgrade(content_engine, "0002")  # below full-text search, with letters in the database
    with content_engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("documents")}
        assert "search_text" not in columns
        letters = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
    migrate.upgrade(content_engine)  # 0003 adds search_text empty; 0005 back-fills it
    with content_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == letters
    assert migrate.current_revision(content_engine) == migrate.head_revision()
    with content_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents WHERE search_text = ''")).scalar_one() == 0
    # subject, body (from the current version), recipients: the same letters as before
    assert {q: found(content_engine, "staf.kominfo", q) for q in queries} == before


# PostgreSQL only from here (SQLite keeps FTS5, covered above).

@pytest.fixture
def pg_content(databases: Databases, home: Path) -> Iterator[Engine]:
    url = databases.with_content("postgresql", home)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    databases.drop(url)


@pytest.fixture
def pg_demo(databases: Databases) -> Iterator[Engine]:
    url = databases.new("postgresql", seeded=True)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    databases.drop(url)


def test_search_uses_the_gin_index_off_the_documents_row(pg_content: Engine) -> None:
    content_engine = pg_content
    mine = draft(content_engine, "staf.kominfo", subject="Server pusat")
    with UnitOfWork(content_engine) as uow:  # as the owner: the service-layer rule, the match straight on the index
        query = select(Document.id).where(_match(uow, ["server", "pusat"]))
        conn = uow.session.connection()
        compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})  # what search() sends
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params).scalars())
    assert "to_tsvector" not in plan and "ix_documents_fts_tsv" in plan, plan
    # As a user's own role the matching runs in eoffice_search (store/security.py), on the GIN index, and its
    # LIMIT sits above the rule: auto_explain shows the function's own statement.
    u = content_engine.url
    notes: list[str] = []
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, password=u.password,
                         autocommit=True) as raw_conn:
        raw_conn.add_notice_handler(lambda d: notes.append(d.message_primary or ""))
        for setting in ("LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0",
                        "SET auto_explain.log_nested_statements = on", "SET auto_explain.log_level = notice",
                        "SET enable_seqscan = off", 'SET SESSION AUTHORIZATION "eo_staf.kominfo"'):
            raw_conn.execute(setting)  # type: ignore[arg-type]
        rows = raw_conn.execute("SELECT id FROM eoffice_search(to_tsquery('indonesian', 'server:* & pusat:*'), "
                                "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 50)").fetchall()
    inner = next(n for n in notes if "FROM documents" in n)
    assert (mine,) in rows, notes
    assert "ix_documents_fts_tsv" in inner and "to_tsvector" not in inner, inner
    assert inner.index("Limit") < inner.index("SubPlan") < inner.index("ix_documents_fts_tsv"), inner  # rule: SubPlans
    with content_engine.connect() as conn:
        defs = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE tablename = 'documents'")).scalars().all()
    assert not [d for d in defs if "tsvector" in d]  # 0003's expression index is gone


def _add_letters(engine: Engine, count: int, size: int) -> None:
    rng = random.Random(7)
    vocab = [f"kata{n}an" for n in range(3000)]
    rows = []
    for n in range(count):
        words = " ".join(rng.choice(vocab) for _ in range(size // 10))
        rows.append({"id": f"00000000-0000-0000-0000-{n:012d}", "t": "surat " + words})
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (id, direction, kind, subject, urgency, classification, kode_klasifikasi, "
            "status, unit_id, created_by, sender, current_version, search_text, created_at, updated_at) "
            "SELECT :id, 'out', 'surat_dinas', 'Uji', 'biasa', 'biasa', '', 'draft', "
            "(SELECT min(id) FROM units), (SELECT min(id) FROM users), '', 1, :t, now(), now()"), rows)


def test_a_status_change_does_not_touch_the_search_index(pg_demo: Engine) -> None:
    demo_engine = pg_demo
    _add_letters(demo_engine, 200, 11_000)  # 2-page letters
    with demo_engine.begin() as conn:
        calls = "SELECT coalesce(pg_stat_get_xact_function_calls('documents_fts_sync'::regproc), 0)"
        conn.execute(text("SET LOCAL track_functions = 'pl'"))
        stamps = "SELECT array_agg(xmin::text ORDER BY document_id) FROM documents_fts"
        rows_before = conn.execute(text(stamps)).scalar_one()
        assert len(rows_before) == 200  # the insert trigger indexed every letter
        started = time.perf_counter()
        conn.execute(text("UPDATE documents SET status = 'review', updated_at = now()"))
        status_time = time.perf_counter() - started
        assert conn.execute(text(calls)).scalar_one() == 0
        assert conn.execute(text(stamps)).scalar_one() == rows_before  # no index row rewritten
        conn.execute(text("UPDATE documents SET search_text = search_text"))  # same text: still nothing to do
        assert conn.execute(text(calls)).scalar_one() == 0
        started = time.perf_counter()
        conn.execute(text("UPDATE documents SET search_text = search_text || ' tambahan'"))
        text_time = time.perf_counter() - started
        assert conn.execute(text(calls)).scalar_one() == 200
        assert conn.execute(text("SELECT count(*) FROM documents_fts WHERE search_tsv @@ "
                                 "to_tsquery('indonesian', 'tambahan')")).scalar_one() == 200
    # Measured ~1 ms against ~300 ms (bench/bench_search_index.py); the margin absorbs a loaded machine.
    assert status_time * 5 < text_time, (status_time, text_time)
