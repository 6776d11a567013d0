"""Full-text search over letters: FTS5 on SQLite, a GIN tsvector index on PostgreSQL.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5(search_text, content='documents', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER documents_fts_au AFTER UPDATE OF search_text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO documents_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    op.add_column("documents", sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_documents_fts ON documents USING GIN (to_tsvector('indonesian', search_text))")
    else:
        for statement in SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_documents_fts")
    else:
        for name in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE documents_fts")
        # Not batch mode: it rebuilds the table, and dropping the old one trips the foreign keys of every
        # table that points at documents once there are letters. SQLite >= 3.35 drops a plain column itself.
        op.execute("ALTER TABLE documents DROP COLUMN search_text")
        return
    op.drop_column("documents", "search_text")
