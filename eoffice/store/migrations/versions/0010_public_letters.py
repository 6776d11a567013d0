"""Organisation settings (signing provider, the verification page's base URL: never secrets) and the public
face of signed letters for the verification page: the view ``public_letters`` (number, date, kind, hal,
signer, capacity, status, sha256 of the signed PDF) and, on PostgreSQL, the role ``eoffice_web`` that may
read that view and nothing else (the page logs in as a LOGIN role that is a member of it).

Revision ID: 0010
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0011"
branch_labels = None
depends_on = None

WEB_ROLE = "eoffice_web"
VIEW = """
CREATE VIEW public_letters AS
SELECT d.id AS id, d.number AS number, d.letter_date AS letter_date, d.kind AS kind, d.subject AS subject,
       d.classification AS classification, d.status AS status, d.signed_pdf_sha256 AS signed_pdf_sha256,
       u.name AS signer_name, COALESCE(p.title, '') AS signer_title, r.capacity AS capacity,
       r.decided_at AS signed_at
FROM documents d
JOIN steps s ON s.document_id = d.id AND s.kind = 'sign' AND s.status = 'approved'
JOIN decisions r ON r.step_id = s.id
JOIN users u ON u.id = r.actor_id
LEFT JOIN positions p ON p.id = u.position_id
WHERE d.signed_pdf_sha256 IS NOT NULL AND d.direction = 'out'
"""


def upgrade() -> None:
    op.create_table(
        "org_settings",
        sa.Column("key", sa.String(length=60), primary_key=True),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute(VIEW)
    if op.get_bind().dialect.name == "postgresql":
        # Roles belong to the cluster, not the database: made once, granted per database.
        op.execute(f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{WEB_ROLE}') THEN
                CREATE ROLE {WEB_ROLE} NOLOGIN;
            END IF; END $$""")
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {WEB_ROLE}")
        op.execute(f"GRANT USAGE ON SCHEMA public TO {WEB_ROLE}")
        op.execute(f"GRANT SELECT ON public_letters TO {WEB_ROLE}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON public_letters FROM {WEB_ROLE}")
    op.execute("DROP VIEW public_letters")
    op.drop_table("org_settings")
