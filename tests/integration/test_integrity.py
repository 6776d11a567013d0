"""Reads check integrity, on both back ends: a blob edited in place is never served, and `audit verify`
notices it, another letter's file put under this letter, and an attachment swapped."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Engine

from eoffice.domain import Tampered
from eoffice.services import audit, queries
from eoffice.store.models import Attachment, Blob, Document
from tests.e2e.cli import assert_one_line_error
from tests.e2e.cli import run as cli
from tests.integration.helpers import actor, run


def _signed(engine: Engine) -> tuple[str, str, str]:
    """A signed letter: its id, its signed PDF's hash, and the hash of some other stored file."""
    with engine.connect() as conn:
        doc, sha = conn.execute(select(Document.id, Document.signed_pdf_sha256)
                                .where(Document.signed_pdf_sha256.is_not(None)).limit(1)).one()
        other = conn.scalar(select(Blob.sha256).where(Blob.sha256 != sha, Blob.mime == "application/pdf").limit(1))
    assert other is not None
    return str(doc), str(sha), str(other)


def test_a_blob_edited_in_place_is_never_served(content_engine: Engine, content_url: str, home: Path) -> None:
    doc, sha, other = _signed(content_engine)
    with content_engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # a superuser can drop the key check first (store/security.py)
            conn.execute(text("ALTER TABLE blobs DROP CONSTRAINT ck_blobs_sha256"))
        data = conn.scalar(select(Blob.data).where(Blob.sha256 == other))
        conn.execute(update(Blob).where(Blob.sha256 == sha).values(data=data))
    gub = actor(content_engine, "gubernur")
    with pytest.raises(Tampered, match="rusak atau diganti"):
        run(content_engine, lambda uow: queries.export_pdf(uow, gub, doc))
    r = cli("letter", "export", doc, str(home / "out.pdf"), db=content_url, home=home, user="gubernur",
            password="demo")
    assert_one_line_error(r, 2, "rusak atau diganti")
    assert not (home / "out.pdf").exists()
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert not result["ok"] and f"berkas {sha[:12]}" in result["files"]


def test_another_letters_pdf_under_this_letter_fails_audit_verify(content_engine: Engine, home: Path) -> None:
    assert run(content_engine, lambda uow: audit.verify(uow, home))["files"] == "utuh"
    doc, _sha, other = _signed(content_engine)
    with content_engine.begin() as conn:
        conn.execute(update(Document).where(Document.id == doc).values(signed_pdf_sha256=other))
        subject = conn.scalar(select(Document.subject).where(Document.id == doc))
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert not result["ok"] and f'naskah "{subject[:60]}" bukan yang tercatat' in result["files"]


def test_a_swapped_attachment_fails_audit_verify(content_engine: Engine, home: Path) -> None:
    with content_engine.begin() as conn:
        if not conn.scalar(select(func.count()).select_from(Attachment)):
            pytest.fail("the content fixture has attachments")
        att = conn.execute(select(Attachment.id, Attachment.sha256).limit(1)).one()
        other = conn.scalar(select(Blob.sha256).where(Blob.sha256 != att.sha256).limit(1))
        conn.execute(text("UPDATE attachments SET sha256 = :o WHERE id = :i"), {"o": other, "i": att.id})
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert not result["ok"] and "lampiran" in result["files"]
