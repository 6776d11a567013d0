"""PostgreSQL: the search tsvector as a stored column, kept by a trigger only when search_text changes.

0003's expression GIN index on to_tsvector('indonesian', search_text) made every non-HOT UPDATE of a
letter (each workflow status change: status is indexed) re-run the Indonesian parser and stemmer over the
whole search text, ~1 ms of server CPU for a 2-page letter. Now ``documents.search_tsv`` holds the tsvector,
BEFORE INSERT / BEFORE UPDATE OF search_text triggers (the latter only when the text really differs) compute
it, and the GIN index is on the column. The column lives outside the ORM models, like the FTS5 table on
SQLite (migrations/env.py excludes it from autogenerate); services/search.py queries it.

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
    "ALTER TABLE documents ADD COLUMN search_tsv tsvector",
    "CREATE FUNCTION documents_search_tsv() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.search_tsv := to_tsvector('indonesian', NEW.search_text); RETURN NEW; END $$",
    "CREATE TRIGGER documents_search_tsv_bi BEFORE INSERT ON documents "
    "FOR EACH ROW EXECUTE FUNCTION documents_search_tsv()",
    "CREATE TRIGGER documents_search_tsv_bu BEFORE UPDATE OF search_text ON documents "
    "FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) EXECUTE FUNCTION documents_search_tsv()",
    "UPDATE documents SET search_tsv = to_tsvector('indonesian', search_text)",
]
POSTGRESQL_INDEX = [
    "CREATE INDEX ix_documents_search_tsv ON documents USING GIN (search_tsv)",
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
    op.execute("DROP INDEX ix_documents_search_tsv")
    op.execute("DROP TRIGGER documents_search_tsv_bu ON documents")
    op.execute("DROP TRIGGER documents_search_tsv_bi ON documents")
    op.execute("DROP FUNCTION documents_search_tsv()")
    op.execute("ALTER TABLE documents DROP COLUMN search_tsv")
