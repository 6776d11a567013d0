"""Trust roots pinned outside the database, on both back ends: whoever writes the database (a forged root and
a "gubernur" certificate of their own) cannot make a forgery verify, install, or pass `audit verify`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from eoffice.domain import NotAuthorized
from eoffice.services import audit, signatures, trust
from eoffice.signing.ca import init_ca, issue_user_cert
from eoffice.signing.keys import generate_key
from eoffice.signing.keystore import Identity
from eoffice.signing.payload import sign_payload_b64
from eoffice.signing.trust import pinned
from eoffice.signing.verify import verify_pdf
from eoffice.store.models import DecisionRow, User
from eoffice.store.uow import UnitOfWork
from tests.integration.helpers import identity, run


def forge(engine: Engine, login: str = "gubernur") -> Identity:
    """What a database writer can do: publish a root of their own, an issuing CA and a certificate in
    *login*'s name (same organisation name, same person) for a key they hold."""
    evil = init_ca("Pemerintah Provinsi Kalimantan Timur")
    key = generate_key()

    def use_case(uow: UnitOfWork) -> Identity:
        user = uow.users.by_login(login)
        cert = issue_user_cert(evil, key.public_key(), name=user.name, nip=user.nip, title="Gubernur",
                               unit="Pemerintah Provinsi")
        signatures._publish(uow, evil.root_cert, "root", None)
        signatures._publish(uow, evil.issuing_cert, "issuing", None)
        signatures._publish(uow, cert, "user", user.id)
        return Identity(key, cert, evil.chain)
    return run(engine, use_case)


def blank_pdf() -> bytes:
    w = PdfWriter()
    w.add_blank_page(595, 842)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_a_forged_root_in_the_database_does_not_make_a_forgery_verify(content_engine: Engine, home: Path) -> None:
    from eoffice.signing.pades import sign_pdf

    real = pinned(home)[0]
    assert real, "ca init pinned the organisation's root in the admin's profile"
    fake = forge(content_engine)
    forged = sign_pdf(blank_pdf(), fake, field_name="TTE", certify=True).pdf
    db_roots = run(content_engine, signatures.trust_roots)
    assert verify_pdf(forged, trust_roots=db_roots).ok  # what trusting the database's roots would say
    roots = run(content_engine, lambda uow: trust.roots(uow, home))
    assert [signatures.fingerprint(r) for r in roots] == [signatures.fingerprint(r) for r in real]
    report = verify_pdf(forged, trust_roots=roots)
    assert not report.ok and not report.signatures[0].trusted


def test_a_new_profile_pins_the_database_roots_once(content_engine: Engine, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    first = run(content_engine, lambda uow: trust.roots(uow, fresh))
    assert pinned(fresh)[1] == "profil" and len(first) == 1
    assert (fresh / "trust").stat().st_mode & 0o777 == 0o700
    assert (fresh / "trust" / "roots.pem").stat().st_mode & 0o777 == 0o600
    forge(content_engine)  # a root added to the database later is not trusted by this profile
    later = run(content_engine, lambda uow: trust.roots(uow, fresh))
    assert [signatures.fingerprint(r) for r in later] == [signatures.fingerprint(r) for r in first]


def test_a_forged_certificate_is_not_installed(content_engine: Engine, home: Path) -> None:
    fake = forge(content_engine, "kasi1.kominfo")
    with pytest.raises(NotAuthorized, match="tidak diterbitkan CA yang dipercaya"):
        run(content_engine, lambda uow: signatures.install_identity(uow, home, "kasi1.kominfo", fake.key, "x"))


def _resign(engine: Engine, who: Identity, step_filter: str | None = None) -> str:
    """Replace one decision's signature with *who*'s over the same statement; the decision's actor's name."""
    def use_case(uow: UnitOfWork) -> str:
        d = uow.session.scalars(select(DecisionRow).where(DecisionRow.signature.is_not(None))
                                .order_by(DecisionRow.id)).first()
        assert d is not None
        uow.session.execute(update(DecisionRow).where(DecisionRow.id == d.id).values(
            signature=sign_payload_b64(who, d.payload), cert_fingerprint=signatures.fingerprint(who.cert)))
        return str(uow.session.get(User, d.actor_id).name)  # type: ignore[union-attr]
    return run(engine, use_case)


def test_a_decision_signed_by_a_forged_certificate_fails_audit_verify(content_engine: Engine, home: Path) -> None:
    assert run(content_engine, lambda uow: audit.verify(uow, home))["ok"]
    actor = run(content_engine, lambda uow: uow.users.get(uow.session.scalars(
        select(DecisionRow.actor_id).order_by(DecisionRow.id)).first() or 0).login)
    name = _resign(content_engine, forge(content_engine, actor))
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert not result["ok"]
    assert f"oleh {name} atas naskah" in result["bad_signatures"] and "tanda tangan tidak sah" in result["bad_signatures"]


def test_a_decision_signed_with_another_users_real_key_fails(content_engine: Engine, home: Path) -> None:
    other = identity(home, "sekda")
    _resign(content_engine, other)
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert not result["ok"] and "tanda tangan tidak sah" in result["bad_signatures"]


def test_an_unsigned_decision_is_a_failure_not_a_count(content_engine: Engine, home: Path) -> None:
    run(content_engine, lambda uow: uow.session.execute(
        update(DecisionRow).where(DecisionRow.id == 1).values(signature=None, cert_fingerprint=None)))
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert not result["ok"] and "tanpa tanda tangan" in result["bad_signatures"]
