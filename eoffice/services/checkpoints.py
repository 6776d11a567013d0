"""The audit head a client saw, kept in its profile at login and sync (signing/checkpoint.py). Apart from
services/audit.py (the chain's verification, which loads the signature stack) because every login runs it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from eoffice.signing import checkpoint
from eoffice.store.models import AuditEvent
from eoffice.store.uow import UnitOfWork

if TYPE_CHECKING:
    from eoffice.signing.keystore import Identity


def server_label(uow: UnitOfWork) -> str:
    """Which database a checkpoint belongs to (its URL, never with the password)."""
    return uow.session.get_bind().engine.url.render_as_string(hide_password=True)


def record_checkpoint(uow: UnitOfWork, home: Path, *, login: str, identity: Identity | None = None,
                      tsa_url: str | None = None) -> checkpoint.Checkpoint | None:
    """The head as the server shows it now, kept in the profile (at login and sync; cheap: one indexed row.
    Event ids run 1, 2, 3... under the head lock, so the head's id is the count)."""
    last = uow.session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc())
                               .limit(1)).first()
    if last is None:
        return None
    server = server_label(uow)
    before = [cp for cp in checkpoint.load(home) if cp.server == server]
    if before and (before[-1].head_id, before[-1].head_hash) == (int(last[0]), str(last[1])):
        return before[-1]  # nothing new since the last one: the file grows only with the chain
    cp = checkpoint.make(server=server, head_id=int(last[0]), head_hash=str(last[1]), count=int(last[0]),
                         time=uow.now().isoformat(), login=login, identity=identity, tsa_url=tsa_url)
    checkpoint.append(home, [cp])
    return cp
