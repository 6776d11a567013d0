"""Content-addressed file storage: each distinct content is stored once, keyed by SHA-256."""

from __future__ import annotations

import hashlib

from eoffice.domain import NotCached, NotFound, Tampered
from eoffice.store.models import Blob
from eoffice.store.uow import UnitOfWork


def put_blob(uow: UnitOfWork, data: bytes, mime: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if uow.dialect == "postgresql":  # the same bytes may be stored already, in a letter this user cannot see
        from sqlalchemy.dialects.postgresql import insert as pg_insert  # loaded with a PostgreSQL engine only

        uow.session.execute(pg_insert(Blob).values(sha256=digest, size=len(data), mime=mime, data=data)
                            .on_conflict_do_nothing())
    elif uow.session.get(Blob, digest) is None:
        uow.session.add(Blob(sha256=digest, size=len(data), mime=mime, data=data))
        uow.flush()
    return digest


def get_blob(uow: UnitOfWork, digest: str) -> bytes:
    """The bytes filed under *digest*, checked against it: whoever writes the database must not be able to
    serve other bytes under a signed letter's hash."""
    blob = uow.session.get(Blob, digest)
    if blob is None:
        raise NotFound(f"Berkas tidak ditemukan: {digest[:12]}")
    data: bytes | None = blob.data  # None only in a local cache: a file not fetched yet (sync/pull_files.py)
    if data is None:
        raise NotCached("Berkas ini belum ada di salinan lokal komputer ini; berkas tersedia setelah terhubung "
                        "kembali ke jaringan")
    if hashlib.sha256(data).hexdigest() != digest:
        raise Tampered(f"Berkas rusak atau diganti di database (isinya tidak cocok dengan SHA-256 {digest[:12]}): "
                       "tidak ditampilkan; laporkan ke admin")
    return data


def drop_blob(uow: UnitOfWork, digest: str) -> None:
    """Delete a blob nothing refers to any more (call after the referring rows were updated)."""
    from sqlalchemy import delete, text

    uow.flush()
    if uow.dialect == "postgresql":  # clients delete no blob themselves (store/security.py)
        uow.session.execute(text("SELECT eoffice_drop_blob(:digest)"), {"digest": digest})
        return
    uow.session.execute(delete(Blob).where(Blob.sha256 == digest))
