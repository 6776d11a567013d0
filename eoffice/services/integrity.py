"""The stored files against what the audit chain recorded (part of `eoffice audit verify`): every blob's
bytes hash to its key, a signed letter's PDF is the one its last signing (or LTV) event named, and every
attachment is one an event of that letter named. Catches a blob edited in place and another letter's signed
PDF put under this letter."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

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
    problems = _bad_blobs(uow)
    for d in uow.session.scalars(select(Document).where(Document.signed_pdf_sha256.is_not(None))):
        if signed.get(d.id) != d.signed_pdf_sha256:
            problems.append(f'PDF bertanda tangan naskah "{d.subject[:60]}" bukan yang tercatat saat '
                            "penandatanganannya (diganti)")
    for a in uow.session.scalars(select(Attachment)):
        if a.sha256 not in named.get(a.document_id, set()):
            subject = uow.session.scalar(select(Document.subject).where(Document.id == a.document_id)) or ""
            problems.append(f'lampiran "{a.name[:60]}" naskah "{subject[:60]}" tidak tercatat di jejak audit '
                            "(diganti)")
    return problems


def _bad_blobs(uow: UnitOfWork) -> list[str]:
    bad: list[str] = []
    last = ""
    while True:
        rows = uow.session.execute(select(Blob.sha256, Blob.data).where(Blob.sha256 > last)
                                   .order_by(Blob.sha256).limit(BATCH)).all()
        if not rows:
            return bad
        for digest, data in rows:
            if hashlib.sha256(data).hexdigest() != digest:
                bad.append(f"berkas {digest[:12]} di database isinya tidak cocok dengan SHA-256-nya (rusak atau diganti)")
        last = rows[-1][0]
