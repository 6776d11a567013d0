"""Audit checks: walk the hash chain, check every signed statement, and compare with the head this
client saw last time (a chain that shrank or forked is reported even if it is internally consistent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography import x509
from sqlalchemy import select

from eoffice.domain import NotFound
from eoffice.services.audit_rows import read_events
from eoffice.services.signatures import check_decision_signatures
from eoffice.signing.audit import AuditHead, AuditHeadTracker
from eoffice.store.models import CertificateRow
from eoffice.store.uow import UnitOfWork

BATCH = 5000


def _events(uow: UnitOfWork) -> Any:
    last = 0
    while True:
        rows = list(read_events(uow, after=last, limit=BATCH))  # a malformed row fails its hash, no crash
        if not rows:
            return
        for row in rows:
            yield row.record()
        last = rows[-1].id


def verify(uow: UnitOfWork, home: Path) -> dict[str, Any]:
    head_file = home / "audit_head.json"
    seen = None
    if head_file.exists():
        raw = json.loads(head_file.read_text(encoding="utf-8"))
        seen = AuditHead(raw["index"], raw["hash"])
    tracker = AuditHeadTracker(seen)
    chain = tracker.check(list(_events(uow)))
    sigs = check_decision_signatures(uow)
    ok = chain.ok and not sigs.bad
    result: dict[str, Any] = {"ok": ok, "events": chain.count, "head": chain.head_hash[:16],
                              "chain": "utuh" if chain.ok else f"RUSAK: {chain.reason}",
                              "signed_statements": sigs.checked, "unsigned_statements": sigs.unsigned,
                              "bad_signatures": "; ".join(sigs.bad) or "-"}
    if chain.ok:
        home.mkdir(parents=True, exist_ok=True)
        head = tracker.seen
        if head is not None:
            head_file.write_text(json.dumps({"index": head.index, "hash": head.hash}), encoding="utf-8")
    return result


def pending_request(uow: UnitOfWork, login: str) -> x509.CertificateSigningRequest:
    user = uow.users.by_login(login)
    row = uow.session.scalars(select(CertificateRow).where(CertificateRow.user_id == user.id,
                                                           CertificateRow.purpose == "request")
                              .order_by(CertificateRow.id.desc())).first()
    if row is None:
        raise NotFound(f"{login} belum membuat kunci: minta {login} menjalankan 'eoffice key init'")
    return x509.load_pem_x509_csr(row.pem.encode())
