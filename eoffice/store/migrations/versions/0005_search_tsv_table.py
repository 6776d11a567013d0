"""PostgreSQL: the search tsvector stored in a side table, documents_fts, kept by triggers only when search_text
changes.

0003's expression GIN index on to_tsvector('indonesian', search_text) made every non-HOT UPDATE of a letter
(each workflow status change: status is indexed) re-run the Indonesian parser and stemmer over the whole
search text and insert all its lexemes into the GIN index again: ~1 ms of server CPU for a 2-page letter.
A stored tsvector column on documents would save the parsing but not the GIN insertion (a non-HOT update
adds an entry to every index of the table), so the tsvector and its GIN index live in their own table, one
row per letter, like the FTS5 table of the same name on SQLite: AFTER INSERT / AFTER UPDATE OF search_text
triggers (the latter only when the text really differs) upsert it. A status change no longer touches it.
The table lives outside the ORM models (migrations/env.py excludes documents_fts*); services/search.py
queries it. Measured: bench/bench_search_index.py, bench/RESULTS.md.

Both back ends: letters that existed before 0003 got an empty search_text (0003 only added the column);
they are indexed here, with the text letters.changed() would give them (eoffice.domain.search_text_of).

Revision ID: 0005
Revises: 0004
"""

from collections import defaultdict
from typing import Any

from alembic import op
from sqlalchemy import bindparam, text

from eoffice.domain import search_text_of

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CHUNK = 500

POSTGRESQL = [
    "CREATE TABLE documents_fts (document_id VARCHAR(36) PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE, "
    "search_tsv tsvector NOT NULL)",
    "CREATE FUNCTION documents_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO documents_fts (document_id, search_tsv) VALUES (NEW.id, to_tsvector('indonesian', NEW.search_text)) "
    "ON CONFLICT (document_id) DO UPDATE SET search_tsv = EXCLUDED.search_tsv; RETURN NULL; END $$",
    "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents FOR EACH ROW EXECUTE FUNCTION documents_fts_sync()",
    "CREATE TRIGGER documents_fts_au AFTER UPDATE OF search_text ON documents "
    "FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) EXECUTE FUNCTION documents_fts_sync()",
    "INSERT INTO documents_fts (document_id, search_tsv) SELECT id, to_tsvector('indonesian', search_text) "
    "FROM documents",
]
POSTGRESQL_INDEX = [
    "CREATE INDEX ix_documents_fts_tsv ON documents_fts USING GIN (search_tsv)",
    "DROP INDEX ix_documents_fts",
]


def _backfill_search_text() -> None:
    """Index the letters 0003 left with an empty search_text (every letter has a subject and a kind, so an
    empty text means "never indexed"). Plain SQL, in chunks: no ORM models in a migration."""
    conn = op.get_bind()
    ids = list(conn.execute(text("SELECT id FROM documents WHERE search_text = '' ORDER BY id")).scalars())
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        where = bindparam("ids", expanding=True)
        docs = conn.execute(text(
            "SELECT d.id, d.subject, d.number, d.sender, d.kind, v.body_text FROM documents d "
            "LEFT JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version "
            "WHERE d.id IN :ids").bindparams(where), {"ids": chunk}).all()
        people: dict[tuple[str, str], list[str]] = defaultdict(list)
        for doc_id, role, label in conn.execute(text(
                "SELECT document_id, role, label FROM recipients WHERE document_id IN :ids "
                "ORDER BY document_id, role, position").bindparams(where), {"ids": chunk}):
            people[(doc_id, role)].append(label)
        files: dict[str, list[str]] = defaultdict(list)
        for doc_id, name in conn.execute(text(
                "SELECT document_id, name FROM attachments WHERE document_id IN :ids ORDER BY id")
                .bindparams(where), {"ids": chunk}):
            files[doc_id].append(name)
        rows: list[dict[str, Any]] = [
            {"id": d.id, "search_text": search_text_of(
                subject=d.subject, number=d.number, sender=d.sender or "", kind=d.kind,
                to=people[(d.id, "to")], cc=people[(d.id, "cc")], body_text=d.body_text or "",
                attachment_names=files[d.id])}
            for d in docs]
        if rows:
            conn.execute(text("UPDATE documents SET search_text = :search_text WHERE id = :id"), rows)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        for statement in POSTGRESQL:
            op.execute(statement)
    _backfill_search_text()  # SQLite: 0003's FTS5 triggers index it; PostgreSQL: the new triggers do
    if postgresql:
        for statement in POSTGRESQL_INDEX:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # the back-filled search texts stay: they are what 0003's schema expects
    op.execute("CREATE INDEX ix_documents_fts ON documents USING GIN (to_tsvector('indonesian', search_text))")
    op.execute("DROP TRIGGER documents_fts_au ON documents")
    op.execute("DROP TRIGGER documents_fts_ai ON documents")
    op.execute("DROP FUNCTION documents_fts_sync()")
    op.execute("DROP TABLE documents_fts")
