"""Alembic environment: always run with a connection passed in by eoffice.store.migrate."""

from alembic import context

from eoffice.store.models import Base

connection = context.config.attributes["connection"]


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # Full-text search objects are made by hand in 0003 and 0005 (documents_fts: FTS5 tables on SQLite, a
    # tsvector table on PostgreSQL; 0003's expression index).
    return not (name or "").startswith(("documents_fts", "ix_documents_fts"))


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
