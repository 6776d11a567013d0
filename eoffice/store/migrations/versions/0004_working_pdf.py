"""The working PDF of a letter under review: the version rendered with number/date form fields and every
signature field of the round, signed by each paraf/approve decision (services/paraf.py).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document_versions") as batch:
        batch.add_column(sa.Column("working_pdf_sha256", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("working_pdf_key", sa.String(length=64), nullable=True))
        batch.create_foreign_key("fk_document_versions_working_pdf", "blobs", ["working_pdf_sha256"], ["sha256"])


def downgrade() -> None:
    with op.batch_alter_table("document_versions") as batch:
        batch.drop_constraint("fk_document_versions_working_pdf", type_="foreignkey")
        batch.drop_column("working_pdf_key")
        batch.drop_column("working_pdf_sha256")
