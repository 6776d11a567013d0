"""A person's profile for letters and certified signing: NIK (16 digits, for BSrE), academic titles (gelar,
before and after the name) and pangkat/golongan, printed under an official's name (Permendagri 1/2023 Pasal 44).

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
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("nik", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("gelar_depan", sa.String(length=60), nullable=False, server_default=""))
        batch.add_column(sa.Column("gelar_belakang", sa.String(length=100), nullable=False, server_default=""))
        batch.add_column(sa.Column("pangkat", sa.String(length=100), nullable=False, server_default=""))
        batch.create_unique_constraint("uq_users_nik", ["nik"])


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_nik", type_="unique")
        batch.drop_column("pangkat")
        batch.drop_column("gelar_belakang")
        batch.drop_column("gelar_depan")
        batch.drop_column("nik")
