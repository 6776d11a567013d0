"""Audit checks: walk the hash chain, check every signed statement, and compare with the head this
client saw last time (a chain that shrank or forked is reported even if it is internally consistent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography import x509
from sqlalchemy import select

from eoffice.domain import NotFound
from eoffice.profile import private_dir, write_private
from eoffice.services import integrity, trust
from eoffice.services.signatures import check_decision_signatures
from eoffice.signing.audit import AuditHead, AuditHeadTracker
from eoffice.store.models import AuditEvent, CertificateRow
from eoffice.store.uow import UnitOfWork, audit_record

BATCH = 5000


def _events(uow: UnitOfWork) -> Any:
    last = 0
    while True:
        rows = uow.session.scalars(select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id)
                                   .limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            yield audit_record(row) | {"prev_hash": row.prev_hash, "hash": row.hash}
        last = rows[-1].id


def verify(uow: UnitOfWork, home: Path) -> dict[str, Any]:
    head_file = home / "audit_head.json"
    seen = None
    if head_file.exists():
        raw = json.loads(head_file.read_text(encoding="utf-8"))
        seen = AuditHead(raw["index"], raw["hash"])
    tracker = AuditHeadTracker(seen)
    events = list(_events(uow))
    chain = tracker.check(events)
    sigs = check_decision_signatures(uow, trust.roots(uow, home))
    files = integrity.check(uow, events)
    ok = chain.ok and not sigs.bad and not files
    result: dict[str, Any] = {"ok": ok, "events": chain.count, "head": chain.head_hash[:16],
                              "chain": "utuh" if chain.ok else f"RUSAK: {chain.reason}",
                              "signed_statements": sigs.checked, "unsigned_statements": sigs.unsigned,
                              "bad_signatures": "; ".join(sigs.bad) or "-",
                              "files": "; ".join(files) or "utuh"}
    if chain.ok:
        head = tracker.seen
        if head is not None:
            private_dir(home)
            write_private(head_file, json.dumps({"index": head.index, "hash": head.hash}).encode())
    return result


def pending_request(uow: UnitOfWork, login: str) -> x509.CertificateSigningRequest:
    user = uow.users.by_login(login)
    row = uow.session.scalars(select(CertificateRow).where(CertificateRow.user_id == user.id,
                                                           CertificateRow.purpose == "request")
                              .order_by(CertificateRow.id.desc())).first()
    if row is None:
        raise NotFound(f"{login} belum membuat kunci: minta {login} menjalankan 'eoffice key init'")
    return x509.load_pem_x509_csr(row.pem.encode())
