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
from eoffice.services.audit_rows import read_events
from eoffice.services.checkpoints import record_checkpoint as record_checkpoint
from eoffice.services.checkpoints import server_label
from eoffice.services.decision_checks import check_decision_signatures
from eoffice.signing import checkpoint
from eoffice.signing.audit import AuditHead, AuditHeadTracker, ChainResult
from eoffice.signing.keystore import Identity
from eoffice.store.dbroles import sees_whole_trail
from eoffice.store.models import AuditHead as AuditHeadRow
from eoffice.store.models import CertificateRow, Document
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


PARTIAL = ("hanya naskah yang dapat Anda lihat yang diperiksa; pemeriksaan seluruh jejak memerlukan peran "
           "auditor (admin: eoffice user edit LOGIN --auditor yes)")
DECISION_EVENTS = {"route.approve": "persetujuan", "route.return": "pengembalian", "route.reject": "penolakan"}


def verify(uow: UnitOfWork, home: Path, *, identity: Identity | None = None, login: str = "",
           tsa_url: str | None = None) -> dict[str, Any]:
    """The whole check: the chain links, matches every checkpoint this profile knows and the head row; every
    decision (and its event) carries its actor's valid signature; the files are as recorded. When all is
    well, the head is recorded as a new checkpoint (signed with *identity* when given)."""
    head_file = home / "audit_head.json"
    seen = None
    if head_file.exists():
        raw = json.loads(head_file.read_text(encoding="utf-8"))
        seen = AuditHead(raw["index"], raw["hash"])
    tracker = AuditHeadTracker(seen)
    events = list(_events(uow))
    whole = sees_whole_trail(uow)
    head_row = uow.session.get(AuditHeadRow, 1)
    # A role that sees only some letters (not an auditor) checks those: the chain only if every event shows
    # (an admin's), each visible decision's signature, the files of the letters it sees.
    chained = whole or head_row is None or len(events) == head_row.last_id
    chain = tracker.check(events) if chained else ChainResult(True, len(events), "")
    server = server_label(uow)
    known = [cp for cp in checkpoint.load(home) if cp.server == server]
    rewritten = checkpoint.compare(known, events) + _head_row(uow, events) if chained else []
    sigs = check_decision_signatures(uow, trust.roots(uow, home))
    seen_letters = None if whole else set(uow.session.scalars(select(Document.id)))
    forged = _unsigned_decision_events([e for e in events if seen_letters is None
                                        or e.get("document_id") in seen_letters], sigs.valid)
    files = integrity.check(uow, events)
    ok = chain.ok and not rewritten and not sigs.bad and not forged and not files
    result: dict[str, Any] = {"ok": ok, "events": chain.count, "head": chain.head_hash[:16],
                              "chain": "utuh" if chain.ok and not rewritten else
                              f"RUSAK: {'; '.join(([] if chain.ok else [chain.reason]) + rewritten)}",
                              "checkpoints": len(known),
                              "signed_statements": sigs.checked, "unsigned_statements": sigs.unsigned,
                              "bad_signatures": "; ".join(sigs.bad + forged) or "-",
                              "files": "; ".join(files) or "utuh"}
    if not chained:
        result["chain"] = "tidak diperiksa (sebagian peristiwa tidak terlihat oleh peran Anda)"
    if not whole:
        result["scope"] = PARTIAL
    if chained and chain.ok and not rewritten:
        head = tracker.seen
        if head is not None:
            private_dir(home)
            write_private(head_file, json.dumps({"index": head.index, "hash": head.hash}).encode())
    if ok and chained and events:
        checkpoint.append(home, [checkpoint.make(
            server=server, head_id=int(events[-1]["id"]), head_hash=str(events[-1]["hash"]), count=len(events),
            time=uow.now().isoformat(), login=login, identity=identity, tsa_url=tsa_url)])
    return result


def _head_row(uow: UnitOfWork, events: list[dict[str, Any]]) -> list[str]:
    """The head row every writer advances must name the chain's last event (an event slipped in beside the
    seal leaves it behind)."""
    head = uow.session.get(AuditHeadRow, 1)
    if head is None or not events:
        return []
    if head.last_id != events[-1]["id"] or head.last_hash != events[-1]["hash"]:
        return [f"peristiwa terakhir rantai ({len(events)}) bukan yang tercatat sebagai kepala rantai "
                "(ditambahkan di luar aplikasi)"]
    return []


def _unsigned_decision_events(events: list[dict[str, Any]], valid: frozenset[str]) -> list[str]:
    """A decision's event must carry the signature of a decision that verified: an event appended by hand
    (even with a correct hash) has none."""
    bad = []
    for n, ev in enumerate(events, start=1):
        what = DECISION_EVENTS.get(str(ev.get("action")))
        if what is not None and ev.get("signature") not in valid:
            when = str(ev.get("at", ""))[:16].replace("T", " ")
            bad.append(f"peristiwa ke-{n} ({what}, {when} UTC) tanpa tanda tangan sah pelakunya")
    return bad


def pending_request(uow: UnitOfWork, login: str) -> x509.CertificateSigningRequest:
    user = uow.users.by_login(login)
    row = uow.session.scalars(select(CertificateRow).where(CertificateRow.user_id == user.id,
                                                           CertificateRow.purpose == "request")
                              .order_by(CertificateRow.id.desc())).first()
    if row is None:
        raise NotFound(f"{user.name} belum membuat kunci: minta beliau menjalankan 'eoffice key init'")
    return x509.load_pem_x509_csr(row.pem.encode())
