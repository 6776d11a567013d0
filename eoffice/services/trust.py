"""Which certificates this client trusts: the roots pinned in its profile (eoffice.signing.trust), and the
database's certificate rows only as far as they chain to those roots. The database's own roots are used once,
to pin the one its `ca.init` audit event announced on first use, when the profile (and the installer) holds
none; after that a root added to the database is ignored until an admin pins it here (`eoffice ca pin FILE`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from sqlalchemy import select

from eoffice.signing import trust
from eoffice.store.models import AuditEvent, CertificateRow
from eoffice.store.uow import UnitOfWork


def _load(rows: list[CertificateRow]) -> list[x509.Certificate]:
    out = []
    for r in rows:
        try:
            out.append(x509.load_pem_x509_certificate(r.pem.encode()))
        except ValueError:
            continue  # a malformed row is simply not trusted
    return out


def database_roots(uow: UnitOfWork) -> list[x509.Certificate]:
    return _load(list(uow.session.scalars(select(CertificateRow).where(CertificateRow.purpose == "root"))))


def announced_root(uow: UnitOfWork) -> list[x509.Certificate]:
    """The database's root that its first `ca.init` audit event names: a root row written beside the seal
    (straight into the table) is not it."""
    event = uow.session.scalars(select(AuditEvent).where(AuditEvent.action == "ca.init")
                                .order_by(AuditEvent.id).limit(1)).first()
    wanted = str((event.data or {}).get("root", "")) if event is not None else ""
    return [c for c in database_roots(uow) if wanted and trust.fingerprint(c) == wanted]


def roots(uow: UnitOfWork, home: Path) -> list[x509.Certificate]:
    """The pinned roots; on first use (nothing pinned) the database's announced root, pinned in the profile
    now (trust on first use: a machine should get the root file with its installer instead)."""
    pinned, _source = trust.pinned(home)
    if pinned:
        return pinned
    found = announced_root(uow)
    if found:
        trust.pin(home, found)
    return found


def intermediates(uow: UnitOfWork) -> list[x509.Certificate]:
    return _load(list(uow.session.scalars(select(CertificateRow).where(CertificateRow.purpose == "issuing"))))


def user_certificates(uow: UnitOfWork, pinned: list[x509.Certificate]) -> dict[str, tuple[CertificateRow,
                                                                                              x509.Certificate]]:
    """Published user certificates (by fingerprint) that chain to a pinned root at some point of their
    validity; the row's fingerprint must be the certificate's own. A certificate an attacker inserted into
    the database (signed by a root of their own) is not among them."""
    pool = intermediates(uow)
    out: dict[str, tuple[CertificateRow, x509.Certificate]] = {}
    for row in uow.session.scalars(select(CertificateRow).where(CertificateRow.purpose == "user")):
        loaded = _load([row])
        if not loaded or trust.fingerprint(loaded[0]) != row.fingerprint:
            continue
        cert = loaded[0]
        at = min(max(dt.datetime.now(dt.UTC), cert.not_valid_before_utc), cert.not_valid_after_utc)
        if trust.chains_to(cert, pool, pinned, at=at):
            out[row.fingerprint] = (row, cert)
    return out
