"""Alembic environment: always run with a connection passed in by eoffice.store.migrate."""

from alembic import context

from eoffice.store.models import Base

connection = context.config.attributes["connection"]


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # Full-text search objects are made by hand in 0003 and 0005 (FTS5 tables on SQLite; the search_tsv
    # column and its GIN index on PostgreSQL).
    return not ((name or "").startswith(("documents_fts", "ix_documents_fts", "ix_documents_search_tsv"))
                or (type_ == "column" and name == "search_tsv"))


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
