"""The database decides who reads and writes what (PostgreSQL): per-user login roles in the group
eoffice_user, row-level security on letters and workflow state, narrow write paths, the audit seal as the
owner's function. The SQL lives in eoffice/store/security.py. Both back ends: users.db_role and the indexes
the policies use (SQLite stays single-machine, with the service-layer rule).

Revision ID: 0009
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from eoffice.store import security

revision = "0009"
down_revision = "0012"
branch_labels = None
depends_on = None


def _run(statements: list[str]) -> None:
    # Straight to the driver: the SQL holds format() patterns (%I) and := that neither SQLAlchemy's text()
    # nor psycopg's parameter parsing may touch. Same connection, same transaction as Alembic's.
    cursor = op.get_bind().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        for statement in statements:
            cursor.execute(statement)
    finally:
        cursor.close()


def upgrade() -> None:
    # Plain ADD/DROP COLUMN on both back ends: a SQLite table rebuild of users would trip the foreign keys.
    op.add_column("users", sa.Column("db_role", sa.String(63), nullable=True))
    op.create_index("uq_users_db_role", "users", ["db_role"], unique=True)
    for name, table, columns in security.INDEXES:
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name == "postgresql":
        _run(security.upgrade_statements())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _run(security.downgrade_statements())
    for name, table, _columns in reversed(security.INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_index("uq_users_db_role", table_name="users")
    op.execute("ALTER TABLE users DROP COLUMN db_role")
