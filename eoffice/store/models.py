"""SQLAlchemy 2 declarative models: the shared schema (SQLite and PostgreSQL).

The schema itself is created by Alembic migrations (eoffice/store/migrations); these classes describe it
for the ORM. Keep them in step with the migrations: tests compare the two.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both back ends (SQLite keeps no zone: store UTC, give back UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: UTCDateTime()}


class Unit(Base):
    """Organisation unit (Pemprov > Setda > Biro..., Dinas > Bidang > Seksi)."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    place: Mapped[str] = mapped_column(String(80), default="Samarinda")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime]


class Position(Base):
    """Jabatan: an office with the official title used on letters; routes address positions."""

    __tablename__ = "positions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id"))
    roles: Mapped[str] = mapped_column(String(200), default="")  # space-separated role names


class User(Base):
    __tablename__ = "users"
    __table_args__ = (Index("uq_users_nik", "nik", unique=True), Index("uq_users_db_role", "db_role", unique=True))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(60), unique=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id"))
    # Deferred: on PostgreSQL no client may read another user's hash (store/security.py); their own comes
    # through eoffice_password_hash (store/dbroles.py: password_hash).
    password_hash: Mapped[str] = mapped_column(String(200), deferred=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    # 16 digits; BSrE signs by NIK. Personal data: deferred like password_hash, readable on PostgreSQL only by
    # the user and admins (store/dbroles.py: nik_of, niks).
    nik: Mapped[str | None] = mapped_column(String(16), deferred=True)
    gelar_depan: Mapped[str] = mapped_column(String(60), default="", server_default="")  # e.g. "Dr. H."
    gelar_belakang: Mapped[str] = mapped_column(String(100), default="", server_default="")  # e.g. "S.T., M.Si."
    pangkat: Mapped[str] = mapped_column(String(100), default="", server_default="")  # e.g. "Pembina (IV/a)"
    db_role: Mapped[str | None] = mapped_column(String(63))  # PostgreSQL login role (None on SQLite)


class ClassificationCode(Base):
    """Kode klasifikasi arsip (national archive classification)."""

    __tablename__ = "classification_codes"
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("classification_codes.code"))


class Blob(Base):
    """Content-addressed file storage: stored once per SHA-256."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Document(Base):
    """A naskah dinas, outgoing (drafted here) or incoming (registered)."""

    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # out | in
    kind: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(500))
    urgency: Mapped[str] = mapped_column(String(20), default="biasa")
    classification: Mapped[str] = mapped_column(String(20), default="biasa")
    kode_klasifikasi: Mapped[str] = mapped_column(String(30), default="")
    status: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    number: Mapped[str | None] = mapped_column(String(120))
    number_scope: Mapped[str | None] = mapped_column(String(200))
    letter_date: Mapped[datetime | None]
    sender: Mapped[str] = mapped_column(String(300), default="")  # incoming: who sent it
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    signed_version: Mapped[int | None] = mapped_column(Integer)
    signed_pdf_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    # Everything full-text search looks at (FTS5 on SQLite, a GIN tsvector index on PostgreSQL).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (
        UniqueConstraint("number_scope", "number", name="uq_documents_number"),
        Index("ix_documents_status", "status"),
        Index("ix_documents_direction", "direction"),  # the few incoming letters, for the Disposisi badge
        Index("ix_documents_created_by", "created_by"),
        Index("ix_documents_signed_pdf", "signed_pdf_sha256"),
        Index("ix_documents_updated", "updated_at", "id"),  # a list page: the newest first, stops at its limit
    )


class DocumentVersion(Base):
    __tablename__ = "document_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]]  # documented body format (eoffice/documents/body.py)
    fields: Mapped[dict[str, Any]]  # kind-specific parts (lampiran, undangan details, SK parts...)
    body_text: Mapped[str] = mapped_column(Text, default="")  # plain text, for search and diff
    content_sha256: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    # The PDF the reviewers of the current round sign (services/paraf.py), and what it was made from.
    working_pdf_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    working_pdf_key: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("document_id", "version", name="uq_version"),
                      Index("ix_versions_working_pdf", "working_pdf_sha256"))


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    size: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), default="lampiran")  # lampiran | scan (incoming)
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime]
    __table_args__ = (Index("ix_attachments_document", "document_id"), Index("ix_attachments_sha256", "sha256"))


class Recipient(Base):
    """Tujuan (to) and tembusan (cc)."""

    __tablename__ = "recipients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    role: Mapped[str] = mapped_column(String(3))  # to | cc
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(300))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    __table_args__ = (Index("ix_recipients_document", "document_id"), Index("ix_recipients_user", "user_id"),
                      Index("ix_recipients_unit", "unit_id"))


class RouteTemplateRow(Base):
    """A versioned route template; a running document keeps the version it started with."""

    __tablename__ = "route_templates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    doc_kind: Mapped[str] = mapped_column(String(30))
    unit_code: Mapped[str | None] = mapped_column(String(40))
    definition: Mapped[dict[str, Any]]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("name", "version", name="uq_template_version"),)


class RouteRow(Base):
    """A route instance: the workflow of one document (engine state: eoffice/workflow/state.py)."""

    __tablename__ = "routes"
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("route_templates.id"))
    drafter_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20))
    round: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer)  # optimistic lock: bumped by every change
    restart_from: Mapped[str | None] = mapped_column(String(100))
    stages: Mapped[dict[str, Any]]  # {"stages": [...]}: the template stages frozen at route start
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class StepRow(Base):
    __tablename__ = "steps"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    round: Mapped[int] = mapped_column(Integer)
    stage_name: Mapped[str] = mapped_column(String(100))
    stage_order: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    assignee_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime | None]
    activated_at: Mapped[datetime | None]
    seq: Mapped[int] = mapped_column(Integer)  # creation order within the document
    __table_args__ = (Index("ix_steps_assignee_status", "assignee_id", "status"),
                      Index("ix_steps_document", "document_id"))


class RouteNote(Base):
    """Decision notes and comments; kept across rounds, never dropped."""

    __tablename__ = "route_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    step_id: Mapped[str | None] = mapped_column(String(64))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    round: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    __table_args__ = (Index("ix_route_notes_document", "document_id"),)


class DecisionRow(Base):
    """The decision on a step. UNIQUE(step_id) makes "decided at most once" a database fact."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step_id: Mapped[str] = mapped_column(ForeignKey("steps.id"), unique=True)
    action_id: Mapped[str] = mapped_column(String(36), unique=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[str] = mapped_column(String(10), default="")
    on_behalf_of: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    version_hash: Mapped[str] = mapped_column(String(64), default="")
    payload: Mapped[dict[str, Any]]  # the canonical statement the actor signed
    signature: Mapped[str | None] = mapped_column(Text)  # actor's signature over the canonical payload
    cert_fingerprint: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime]


class Delegation(Base):
    """Plh./Plt./a.n.: authority delegated for a date range."""

    __tablename__ = "delegations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delegator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    delegate_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    capacity: Mapped[str] = mapped_column(String(10))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(300), default="")
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    __table_args__ = (Index("ix_delegations_delegate", "delegate_id"),)


class Disposition(Base):
    """One node of a disposisi tree on an incoming letter."""

    __tablename__ = "dispositions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("dispositions.id"))
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    instructions: Mapped[dict[str, Any]]  # {"items": [...]}
    note: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(10), default="sent")  # sent | read | done
    report: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    __table_args__ = (Index("ix_dispositions_document", "document_id"), Index("ix_dispositions_to", "to_user_id"),
                      Index("ix_dispositions_from", "from_user_id"))


class NumberFormat(Base):
    __tablename__ = "number_formats"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    doc_kind: Mapped[str | None] = mapped_column(String(30))
    pattern: Mapped[str] = mapped_column(String(200))
    __table_args__ = (UniqueConstraint("unit_id", "doc_kind", name="uq_number_format"),)


class NumberCounter(Base):
    """Last number handed out per scope (format scope + year); updated atomically."""

    __tablename__ = "number_counters"
    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class CertificateRow(Base):
    """Public certificates, published so every client can verify everyone. Never private keys."""

    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    purpose: Mapped[str] = mapped_column(String(20))  # user | root | issuing
    serial: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(400))
    pem: Mapped[str] = mapped_column(Text)
    not_before: Mapped[datetime]
    not_after: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revocation_reason: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]


class CrlRow(Base):
    __tablename__ = "crls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issuer_fingerprint: Mapped[str] = mapped_column(String(64))
    der: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class OrgSetting(Base):
    """Organisation-wide settings that are not secrets: the signing provider, the verify page's base URL."""

    __tablename__ = "org_settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime]


class AuditEvent(Base):
    """Append-only, hash-chained audit log. Triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    document_id: Mapped[str | None] = mapped_column(String(36))
    data: Mapped[dict[str, Any]]
    signature: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    __table_args__ = (Index("ix_audit_events_document", "document_id"),)


class AuditHead(Base):
    """Single row: the chain head. Locked by every writer so chain writes are serialised."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


class SyncCounter(Base):
    """Single row: the change sequence. Updated inside each writing transaction so seq follows commit order."""

    __tablename__ = "sync_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Change(Base):
    """What changed, in commit order: clients pull rows with seq > their checkpoint."""

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]


class Holiday(Base):
    """A day off in the holiday calendar (national holiday or cuti bersama): not a working day for deadlines
    counted from a letter's sifat. Admins write it; everyone reads it."""

    __tablename__ = "holidays"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # nasional | cuti_bersama


class PushedCommand(Base):
    """A command pushed from a client's outbox (eoffice/sync/push.py), recorded with its outcome in the
    transaction that applied it, or alone when it was rejected: the same action_id again gets the stored outcome,
    the same id with another payload is refused. ``recorded_at`` is the server's clock; ``claimed_at`` is the
    time the client says the person acted (kept, shown as claimed, never used for ordering or deadlines)."""

    __tablename__ = "pushed_commands"
    action_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    payload_sha256: Mapped[str] = mapped_column(String(64))
    base_version: Mapped[str] = mapped_column(String(64), default="")
    claimed_at: Mapped[datetime]
    signature: Mapped[str | None] = mapped_column(Text)  # the actor's signature over the command's statement
    cert_fingerprint: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))  # applied | rejected
    outcome: Mapped[dict[str, Any]]  # {"result": ...} or {"reason": "..."}
    recorded_at: Mapped[datetime]
