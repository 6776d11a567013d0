"""The audit's signature check: every decision must carry a valid signature of its actor's certificate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cryptography import x509
from sqlalchemy import select

from eoffice.signing.payload import verify_payload
from eoffice.store.models import DecisionRow, Document, StepRow, User
from eoffice.store.uow import UnitOfWork

# --- audit ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignatureCheck:
    checked: int
    unsigned: int
    bad: list[str]
    valid: frozenset[str] = frozenset()  # the signatures that verified


_DECISION_WORDS = {"approve": "persetujuan", "return": "pengembalian", "reject": "penolakan", "sign": "penandatanganan",
                   "paraf": "paraf"}


def check_decision_signatures(uow: UnitOfWork, roots: Sequence[x509.Certificate]) -> SignatureCheck:
    """Every decision must carry its actor's signature over its own statement, made with a certificate that
    chains to a pinned root (*roots*) and was issued to that actor. Anything else is named in ``bad``."""
    from eoffice.services.trust import user_certificates

    certs = user_certificates(uow, list(roots))
    users = {u.id: u for u in uow.session.scalars(select(User))}
    checked, unsigned, bad, valid = 0, 0, [], set()
    for d in uow.session.scalars(select(DecisionRow).order_by(DecisionRow.id)):
        if not d.signature:
            unsigned += 1
            bad.append(f"{_decision_words(uow, users, d)}: tanpa tanda tangan pelakunya")
            continue
        checked += 1
        found = certs.get(d.cert_fingerprint or "")
        user = users.get(d.actor_id)
        p = d.payload or {}
        own = (found is not None and user is not None and found[0].user_id == d.actor_id
               and p.get("actor") == user.login and p.get("step_id") == d.step_id
               and p.get("action_id") == d.action_id and p.get("version_hash") == d.version_hash)
        if not own or found is None or not verify_payload(found[1], p, d.signature):
            bad.append(f"{_decision_words(uow, users, d)}: tanda tangan tidak sah")
        else:
            valid.add(d.signature)
    return SignatureCheck(checked, unsigned, bad, frozenset(valid))


def _decision_words(uow: UnitOfWork, users: dict[int, User], d: DecisionRow) -> str:
    """A decision in plain words: what, by whom, on which letter, when."""
    step = uow.session.get(StepRow, d.step_id)
    doc = uow.session.get(Document, step.document_id) if step is not None else None
    who = users[d.actor_id].name if d.actor_id in users else "pengguna tak dikenal"
    what = _DECISION_WORDS.get(str((d.payload or {}).get("decision", d.decision)), d.decision)
    when = d.decided_at.strftime("%d-%m-%Y %H:%M") if d.decided_at else ""
    letter = f' atas naskah "{doc.subject[:60]}"' if doc is not None else ""
    return f"{what} oleh {who}{letter} ({when} UTC)"
