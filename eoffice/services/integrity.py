"""The stored files against what the audit chain recorded (part of `eoffice audit verify`): every blob's
bytes hash to its key, a signed letter's PDF is the one its last signing (or LTV) event named, and every
attachment is one an event of that letter named. Catches a blob edited in place and another letter's signed
PDF put under this letter."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select, text

from eoffice.store.dbroles import enforced, is_auditor
from eoffice.store.models import Attachment, Blob, Document
from eoffice.store.uow import UnitOfWork

BATCH = 50  # blobs read at a time (PDFs: bounded memory)
SIGNING = ("letter.signed", "letter.ltv")
_HEX = re.compile(r"^[0-9a-f]{64}$")


def _hashes(value: Any) -> Iterable[str]:
    if isinstance(value, str) and _HEX.match(value):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _hashes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _hashes(v)


def check(uow: UnitOfWork, events: Iterable[Mapping[str, Any]]) -> list[str]:
    """Problems in plain words (empty when every file is as recorded). *events*: the chain, as audit reads it."""
    signed: dict[str, str] = {}  # document -> the PDF its last signing event named
    named: dict[str, set[str]] = {}  # document -> every file hash its events named
    for ev in events:
        doc = ev.get("document_id")
        if not doc:
            continue
        data = ev.get("data") or {}
        named.setdefault(doc, set()).update(_hashes(data))
        if ev.get("action") in SIGNING and data.get("pdf_sha256"):
            signed[doc] = str(data["pdf_sha256"])
    auditor = enforced(uow.engine) and is_auditor(uow)  # letters' rows and files: through the owner's functions
    problems = _bad_blobs(uow, auditor)
    for doc_id, subject, pdf in _signed_letters(uow, auditor):
        if signed.get(doc_id) != pdf:
            problems.append(f'PDF bertanda tangan naskah "{subject[:60]}" bukan yang tercatat saat '
                            "penandatanganannya (diganti)")
    for a in uow.session.scalars(select(Attachment)):
        if a.sha256 not in named.get(a.document_id, set()):
            subject = uow.session.scalar(select(Document.subject).where(Document.id == a.document_id)) or ""
            problems.append(f'lampiran "{a.name[:60]}" naskah "{subject[:60]}" tidak tercatat di jejak audit '
                            "(diganti)")
    return problems


def _signed_letters(uow: UnitOfWork, auditor: bool) -> list[tuple[str, str, str]]:
    """(id, subject, signed PDF hash) of every signed letter the check may see."""
    if auditor:
        rows = uow.session.execute(text("SELECT id, subject, signed FROM eoffice_audit_letters() "
                                        "WHERE signed IS NOT NULL"))
    else:
        rows = uow.session.execute(select(Document.id, Document.subject, Document.signed_pdf_sha256)
                                   .where(Document.signed_pdf_sha256.is_not(None)))
    return [(str(i), str(s), str(p)) for i, s, p in rows]


def _bad_blobs(uow: UnitOfWork, auditor: bool) -> list[str]:
    bad: list[str] = []
    last = ""
    while True:
        rows: list[tuple[str, str]]
        if auditor:  # the server hashes them: an auditor reads no letter's file
            rows = [(str(d), str(a)) for d, a in uow.session.execute(
                text("SELECT sha256, actual FROM eoffice_audit_blobs(:after, :n)"), {"after": last, "n": BATCH})]
        else:
            rows = [(digest, hashlib.sha256(data).hexdigest()) for digest, data in uow.session.execute(
                select(Blob.sha256, Blob.data).where(Blob.sha256 > last).order_by(Blob.sha256).limit(BATCH))]
        if not rows:
            return bad
        for digest, actual in rows:
            if actual != digest:
                bad.append(f"berkas {digest[:12]} di database isinya tidak cocok dengan SHA-256-nya (rusak atau diganti)")
        last = rows[-1][0]
