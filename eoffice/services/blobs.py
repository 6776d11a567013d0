"""Content-addressed file storage: each distinct content is stored once, keyed by SHA-256."""

from __future__ import annotations

import hashlib

from sqlalchemy.dialects.postgresql import insert as pg_insert

from eoffice.domain import NotFound
from eoffice.store.models import Blob
from eoffice.store.uow import UnitOfWork


def put_blob(uow: UnitOfWork, data: bytes, mime: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if uow.dialect == "postgresql":  # the same bytes may be stored already, in a letter this user cannot see
        uow.session.execute(pg_insert(Blob).values(sha256=digest, size=len(data), mime=mime, data=data)
                            .on_conflict_do_nothing())
    elif uow.session.get(Blob, digest) is None:
        uow.session.add(Blob(sha256=digest, size=len(data), mime=mime, data=data))
        uow.flush()
    return digest


def get_blob(uow: UnitOfWork, digest: str) -> bytes:
    blob = uow.session.get(Blob, digest)
    if blob is None:
        raise NotFound(f"Berkas tidak ditemukan: {digest[:12]}")
    return blob.data


def drop_blob(uow: UnitOfWork, digest: str) -> None:
    """Delete a blob nothing refers to any more (call after the referring rows were updated)."""
    from sqlalchemy import delete, text

    uow.flush()
    if uow.dialect == "postgresql":  # clients delete no blob themselves (store/security.py)
        uow.session.execute(text("SELECT eoffice_drop_blob(:digest)"), {"digest": digest})
        return
    uow.session.execute(delete(Blob).where(Blob.sha256 == digest))
