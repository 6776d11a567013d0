"""A person's profile for letters and certified signing: NIK (16 digits, for BSrE), academic titles (gelar,
before and after the name) and pangkat/golongan, printed under an official's name (Permendagri 1/2023 Pasal 44).

Plain ADD/DROP COLUMN and a unique index (no table rebuild): on SQLite a rebuild of ``users`` trips the foreign
keys of every table that points at it.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("nik", sa.String(length=16), nullable=True))
    op.add_column("users", sa.Column("gelar_depan", sa.String(length=60), nullable=False, server_default=""))
    op.add_column("users", sa.Column("gelar_belakang", sa.String(length=100), nullable=False, server_default=""))
    op.add_column("users", sa.Column("pangkat", sa.String(length=100), nullable=False, server_default=""))
    op.create_index("uq_users_nik", "users", ["nik"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_users_nik", table_name="users")
    for column in ("pangkat", "gelar_belakang", "gelar_depan", "nik"):
        op.drop_column("users", column)
