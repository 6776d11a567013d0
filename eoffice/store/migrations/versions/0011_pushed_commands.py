"""pushed_commands: the commands clients pushed from their offline outbox, with their outcome (applied or
rejected), so a command pushed again (a lost answer, a second client racing) is applied once and answered the
same (eoffice/sync/push.py).

Revision ID: 0011
Revises: 0005 (the lead re-chains it after 0006 at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pushed_commands",
        sa.Column("action_id", sa.String(length=36), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("base_version", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.Column("cert_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_pushed_commands_user_id", "pushed_commands", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_pushed_commands_user_id", table_name="pushed_commands")
    op.drop_table("pushed_commands")
