"""TTE use cases: the organisation CA, user keys and certificates, signing letters, verifying PDFs,
signed action statements and the audit chain check.

Private keys live only in the user's profile dir (HOME/keys); the shared database holds certificates,
certificate requests (public keys) and CRLs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from sqlalchemy import select

from eoffice.domain import (
    WITA,
    BadInput,
    InvalidTransition,
    NotAuthorized,
    NotFound,
    StageKind,
    StepAlreadyDecided,
)
from eoffice.services import letters, numbering, routing, settings
from eoffice.services.access import conceal_hidden
from eoffice.services.auth import Actor, require_admin
from eoffice.services.blobs import put_blob
from eoffice.services.decision_checks import SignatureCheck, check_decision_signatures
from eoffice.signing.ca import CaBundle, init_ca, issue_user_cert, load_ca, make_crl, save_ca
from eoffice.signing.keys import generate_key
from eoffice.signing.keystore import Identity, has_identity, load_identity, save_identity
from eoffice.signing.payload import action_statement, sign_payload_b64
from eoffice.store.models import CertificateRow, CrlRow, DecisionRow, Document, StepRow
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.state import Decision, Route, Step

__all__ = ["SignatureCheck", "check_decision_signatures"]  # the audit check, re-exported (services/audit.py)

SIGNATURE_FIELD = "TTE"
PDF_STEPS = (StageKind.PARAF, StageKind.APPROVE)  # the decisions that sign the working PDF

if TYPE_CHECKING:
    from eoffice.signing.providers import Provider


def fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _publish(uow: UnitOfWork, cert: x509.Certificate, purpose: str, user_id: int | None) -> CertificateRow:
    fp = fingerprint(cert)
    row = uow.session.scalars(select(CertificateRow).where(CertificateRow.fingerprint == fp)).first()
    if row is not None:
        return row
    row = CertificateRow(user_id=user_id, purpose=purpose, serial=format(cert.serial_number, "x"), fingerprint=fp,
                         subject=cert.subject.rfc4514_string()[:400], pem=pem(cert),
                         not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                         revoked_at=None, created_at=uow.now())
    uow.session.add(row)
    uow.flush()
    return row


# --- CA ---------------------------------------------------------------------------------------------

def ca_dir(home: Path) -> Path:
    return home / "ca"


def create_ca(uow: UnitOfWork, actor: Actor | None, home: Path, passphrase: str, *, org_name: str,
              bootstrap: bool = False) -> CaBundle:
    if not bootstrap:
        require_admin(actor)
    if (ca_dir(home) / "org.txt").exists():
        raise BadInput(f"CA sudah ada di {ca_dir(home)}")
    if uow.session.scalars(select(CertificateRow).where(CertificateRow.purpose == "root")).first() is not None:
        raise BadInput("Database ini sudah memiliki CA akar; gunakan CA yang ada")
    ca = init_ca(org_name)
    save_ca(ca, ca_dir(home), passphrase)
    from eoffice.signing.trust import pin

    pin(home, [ca.root_cert])  # the new root is this profile's trust anchor
    _publish(uow, ca.root_cert, "root", None)
    _publish(uow, ca.issuing_cert, "issuing", None)
    uow.audit("ca.init", actor_id=actor.user_id if actor else None,
              data={"root": fingerprint(ca.root_cert), "issuing": fingerprint(ca.issuing_cert)})
    return ca


def open_ca(home: Path, passphrase: str) -> CaBundle:
    if not (ca_dir(home) / "org.txt").exists():
        raise BadInput(f"Tidak ada CA di {ca_dir(home)}: jalankan 'eoffice ca init' dahulu")
    return load_ca(ca_dir(home), passphrase)


def issue(uow: UnitOfWork, actor: Actor | None, ca: CaBundle, login: str, public_key: Any, *,
          bootstrap: bool = False, days: int = 730) -> CertificateRow:
    """Issue and publish a user's certificate for a public key made on that user's machine."""
    if not bootstrap:
        require_admin(actor)
    user = uow.users.by_login(login)
    position = uow.positions.get(user.position_id) if user.position_id else None
    unit = uow.units.get(user.unit_id)
    cert = issue_user_cert(ca, public_key, name=user.name, nip=user.nip, title=position.title if position else "",
                           unit=unit.name, days=days)
    for old in uow.session.scalars(select(CertificateRow).where(CertificateRow.user_id == user.id,
                                                                CertificateRow.purpose == "user",
                                                                CertificateRow.revoked_at.is_(None))):
        old.revoked_at, old.revocation_reason = uow.now(), "superseded"
    row = _publish(uow, cert, "user", user.id)
    uow.audit("ca.issue", actor_id=actor.user_id if actor else None,
              data={"login": user.login, "fingerprint": row.fingerprint, "serial": row.serial})
    return row


def request_key(uow: UnitOfWork, actor: Actor, home: Path, passphrase: str, ca_chain: Sequence[x509.Certificate]
                ) -> Identity:
    """Make the actor's key pair here; only the public key goes to the database (as a request)."""
    key = generate_key()
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, actor.name)]))
           .sign(key, hashes.SHA256()))
    der = csr.public_bytes(serialization.Encoding.PEM).decode("ascii")
    now = uow.now()
    uow.session.add(CertificateRow(user_id=actor.user_id, purpose="request", serial="-",
                                   fingerprint=hashlib.sha256(der.encode()).hexdigest(), subject=actor.name,
                                   pem=der, not_before=now, not_after=now, created_at=now))
    uow.flush()
    uow.audit("key.request", actor_id=actor.user_id, data={"login": actor.login})
    return Identity(key, None, [])  # type: ignore[arg-type]  # certificate arrives when the admin issues it


def user_certificate(uow: UnitOfWork, user_id: int) -> CertificateRow | None:
    return uow.session.scalars(select(CertificateRow).where(
        CertificateRow.user_id == user_id, CertificateRow.purpose == "user", CertificateRow.revoked_at.is_(None))
        .order_by(CertificateRow.id.desc())).first()


def revoke(uow: UnitOfWork, actor: Actor, ca: CaBundle, login: str, reason: str = "") -> CertificateRow:
    require_admin(actor)
    user = uow.users.by_login(login)
    row = user_certificate(uow, user.id)
    if row is None:
        raise NotFound(f"{user.name} tidak memiliki sertifikat aktif")
    row.revoked_at, row.revocation_reason = uow.now(), reason or "dicabut admin"
    revoked = [(int(r.serial, 16), r.revoked_at) for r in uow.session.scalars(select(CertificateRow).where(
        CertificateRow.purpose == "user", CertificateRow.revoked_at.is_not(None))) if r.revoked_at is not None]
    count = len(list(uow.session.scalars(select(CrlRow.id))))
    crl = make_crl(ca, revoked, crl_number=count + 1)
    uow.session.add(CrlRow(issuer_fingerprint=fingerprint(ca.issuing_cert), der=crl, created_at=uow.now()))
    uow.flush()
    uow.audit("ca.revoke", actor_id=actor.user_id, data={"login": login, "fingerprint": row.fingerprint})
    return row


def trust_roots(uow: UnitOfWork) -> list[x509.Certificate]:
    """The roots the database publishes. Not a trust decision: clients trust the roots pinned in their
    profile (services/trust.py), which these only seed on first use."""
    from eoffice.services.trust import database_roots

    return database_roots(uow)


def crls(uow: UnitOfWork) -> list[bytes]:
    latest = uow.session.scalars(select(CrlRow).order_by(CrlRow.id.desc())).first()
    return [latest.der] if latest else []


# --- the user's identity ----------------------------------------------------------------------------

def open_identity(home: Path, login: str, passphrase: str | None) -> Identity | None:
    """The actor's key and certificate on this machine, or None when they have none here."""
    if not has_identity(home, login):
        return None
    if passphrase is None:
        raise BadInput("Kunci TTE Anda ada di profil ini: berikan passphrase (EOFFICE_KEY_PASSPHRASE)")
    return load_identity(home, login, passphrase)


def install_identity(uow: UnitOfWork, home: Path, login: str, key: Any, passphrase: str) -> Identity:
    """Store key + the published certificate (with its chain) in the profile."""
    user = uow.users.by_login(login)
    row = user_certificate(uow, user.id)
    if row is None:
        raise NotFound(f"{user.name} belum memiliki sertifikat: minta admin menjalankan 'eoffice ca issue {login}'")
    cert = x509.load_pem_x509_certificate(row.pem.encode())
    from eoffice.services import trust as trusted
    from eoffice.signing.trust import chains_to

    roots = trusted.roots(uow, home)
    issuers = [c for c in trusted.intermediates(uow) if chains_to(c, [], roots)]
    if not chains_to(cert, issuers, roots):
        raise NotAuthorized(f"Sertifikat {user.name} di database tidak diterbitkan CA yang dipercaya profil ini: "
                      "jangan dipasang, hubungi admin")
    identity = Identity(key, cert, [*issuers[::-1], *roots])
    save_identity(home, login, identity, passphrase)
    return identity


# --- signed statements ------------------------------------------------------------------------------

def statement_extras(identity: Identity | None, *, document_id: str, version_hash: str, step_id: str,
                     decision: str, actor: str, action_id: str | None = None,
                     command: str | None = None) -> dict[str, Any]:
    """The actor's signature over the canonical statement of their action (if they have a key). *action_id*:
    the client's id for the action (made here when none); *command*: the SHA-256 of the command's canonical
    JSON (eoffice.app.commands), so the signature covers the whole command (its note too)."""
    action_id = action_id or str(uuid.uuid4())
    extra = {"command": command} if command is not None else {}
    payload = action_statement(action_id=action_id, document_id=document_id, version_hash=version_hash,
                               step_id=step_id, decision=decision, time=dt.datetime.now(dt.UTC), actor=actor,
                               **extra)
    out: dict[str, Any] = {"action_id": action_id, "payload": _jsonable(payload), "version_hash": version_hash}
    if identity is not None and identity.cert is not None:
        out["signature"] = sign_payload_b64(identity, payload)
        out["cert_fingerprint"] = fingerprint(identity.cert)
    return out


def _jsonable(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if isinstance(v, dt.datetime) else v)
            for k, v in payload.items()}


@conceal_hidden
def decide_signed(uow: UnitOfWork, actor: Actor, identity: Identity | None, document_id: str, decision: Decision,
                  *, note: str = "", return_to: str | None = None, tsa_url: str | None = None,
                  action_id: str | None = None, command: str | None = None,
                  provider: Provider | None = None) -> routing.Outcome:
    """paraf / approve / return / reject, carrying the actor's signed statement of it. *tsa_url* timestamps
    the PDF paraf signature (B-T; an unreachable TSA leaves it B-B, never fails the decision). Approving a paraf/approve
    step with an active key also signs the working PDF (services/paraf.py), in the same transaction.

    *action_id* (a UUID the client made) makes the decision idempotent: sent again (the connection broke
    before the client heard back, or an outbox replays it), it changes nothing and returns the outcome, marked
    ``replayed``; the same id for another action is refused.

    Where the organisation has BSrE make the paraf signatures (settings.paraf_provider), *provider* is the
    reviewer's BSrE session for it; without one such a decision is refused (nothing is half-done)."""
    if action_id is not None:
        action_id = _valid_action_id(action_id)
        done = _replayed(uow, actor, action_id, document_id, decision)
        if done is not None:
            return done
    doc, version_hash = letters.get_document_and_hash(uow, document_id)

    def hook(d: Document, route: Route, step: Step) -> dict[str, Any]:
        if decision == Decision.APPROVE and step.kind == StageKind.NUMBER:
            numbering.allocate(uow, d)  # normally given at signing already; this only fills a gap
        extra = statement_extras(identity, document_id=d.id, version_hash=version_hash, step_id=step.id,
                                 decision=decision.value, actor=actor.login, action_id=action_id,
                                 command=command)
        if decision != Decision.APPROVE or d.signed_pdf_sha256 is not None or step.kind not in PDF_STEPS:
            return extra
        from eoffice.services import paraf  # pyHanko and ReportLab: only for a step that may sign the PDF

        if not paraf.signs_pdf(route, step):  # (before the provider setting: no extra read on other steps)
            return extra
        if settings.paraf_provider(uow) == "bsre":
            if provider is None:
                raise BadInput("Paraf di organisasi ini dibuat melalui BSrE: berikan passphrase TTE BSrE "
                               "(EOFFICE_BSRE_PASSPHRASE atau isian passphrase)")
            extra["pdf_sha256"] = paraf.sign_paraf(uow, actor, None, d, letters.current_version(uow, d), route,
                                                   step, tsa_url=tsa_url, provider=provider)
        elif identity is not None and _active(uow, actor, identity):
            extra["pdf_sha256"] = paraf.sign_paraf(uow, actor, identity, d, letters.current_version(uow, d),
                                                   route, step, tsa_url=tsa_url)
        return extra

    try:
        return routing.decide(uow, actor, document_id, decision, note=note, return_to=return_to, on_step=hook)
    except StepAlreadyDecided:
        # The same action from a second client at the same moment: the first has committed by now (the
        # route lock made this one wait), so the stored outcome is the answer.
        done = _replayed(uow, actor, action_id, document_id, decision) if action_id is not None else None
        if done is None:
            raise
        return done


def _valid_action_id(action_id: str) -> str:
    try:
        return str(uuid.UUID(action_id))
    except ValueError:
        raise BadInput(f"action_id bukan UUID: {action_id!r}") from None


def _replayed(uow: UnitOfWork, actor: Actor, action_id: str, document_id: str,
              decision: Decision) -> routing.Outcome | None:
    """The outcome of an action already applied under *action_id*, or None if there is none."""
    row = uow.session.scalar(select(DecisionRow).where(DecisionRow.action_id == action_id))
    if row is None:
        return None
    step = uow.session.get(StepRow, row.step_id)
    same = (step is not None and step.document_id == document_id and row.actor_id == actor.user_id
            and row.payload.get("decision") == decision.value)
    if not same or step is None:
        raise BadInput(f"action_id {action_id} sudah dipakai untuk tindakan lain")
    doc = letters.get_document(uow, document_id)
    return routing.Outcome(doc.id, doc.status, step.id, step.stage_name, doc.number, replayed=True)


def _active(uow: UnitOfWork, actor: Actor, identity: Identity) -> bool:
    """The identity's certificate is the actor's published, unrevoked one. A paraf/approve decision made
    without such a key carries the signed statement only (no PDF signature)."""
    published = user_certificate(uow, actor.user_id)
    return identity.cert is not None and published is not None and published.fingerprint == fingerprint(identity.cert)


# --- signing a letter -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signed:
    document_id: str
    number: str
    pdf_sha256: str
    level: str
    timestamp_fallback: bool


@conceal_hidden
def sign_letter(uow: UnitOfWork, actor: Actor, identity: Identity | None, document_id: str, *,
                tsa_url: str | None = None, verify_url: str | None = None,
                provider: Provider | None = None) -> Signed:
    """The signatory's TTE: number the letter, fill the number and date of the working PDF (the reviewers'
    paraf signatures are already in it; made now if there are none), PAdES-sign it with the visible stamp +
    QR (certifying when it is the first signature), and record the decision with the signed statement, in
    one transaction. *provider*: who signs (default: the local key *identity*; see signing/providers). A
    failure of the provider rolls everything back, the number too."""
    # Imported here: pyHanko and ReportLab cost a second at start-up that other verbs need not pay.
    from eoffice.documents.dates import format_tanggal
    from eoffice.documents.letter import format_nip
    from eoffice.documents.render_parts import signer_title_lines
    from eoffice.services import compose, paraf, settings
    from eoffice.signing.pades import SignResult
    from eoffice.signing.providers import SignJob
    from eoffice.signing.providers.local import LocalProvider
    from eoffice.signing.stamp import StampSpec, qr_payload
    from eoffice.signing.stamp_field import STAMP_FIELD

    if provider is None:
        if identity is None or identity.cert is None:
            raise BadInput("Kunci ini belum memiliki sertifikat")
        provider = LocalProvider(identity)
    doc = letters.get_document(uow, document_id)
    if provider.name == "local" and (identity is None or not _active(uow, actor, identity)):
        raise NotAuthorized("Sertifikat di profil ini tidak aktif (dicabut atau diganti): minta sertifikat baru")
    if identity is not None and provider.name != "local" and not _active(uow, actor, identity):
        identity = None  # the decision's statement is signed only with a published key
    version = letters.current_version(uow, doc)
    result: dict[str, SignResult] = {}
    cosigned: list[str] = []  # a berita acara party's TTE: the working PDF's new digest
    base_url = verify_url or settings.get(uow, settings.VERIFY_URL)

    def hook(d: Document, route: Route, step: Step) -> dict[str, Any]:
        _require_approved_version(uow, route, version.content_sha256)
        in_turn = [s.id for s in compose.sign_steps(route)]
        party = in_turn.index(step.id) if step.id != in_turn[-1] else None  # an earlier berita acara party
        if party is None:
            numbering.allocate(uow, d, compose.register_for(uow, route))
        signed_at = uow.now()
        pdf = paraf.working_pdf(uow, d, version, route, provider=provider.name)
        fill = {} if party is not None else {"nomor": d.number or "",
                                             "tanggal": format_tanggal(signed_at.astimezone(WITA).date())}
        user = uow.users.get(actor.user_id)
        sig = compose.signatory_for(uow, step, d.kind)[0]
        stamp = StampSpec(name=sig.name if sig else user.name,
                          title="\n".join(signer_title_lines(sig, upper=False, comma="")) if sig else "",
                          nip=format_nip(sig.nip) if sig else user.nip,
                          qr_data=qr_payload(d.id, version.content_sha256, verify_url=base_url))
        bsre = provider.name == "bsre"
        field = ((paraf.party_stamp_field(party) if bsre else paraf.party_field(party)) if party is not None
                 else STAMP_FIELD if bsre else SIGNATURE_FIELD)
        job = SignJob(d.id, pdf, field, stamp, fill,
                      reason=f"Penandatanganan {d.subject[:80]}", location=numbering.agency_of(uow, d.unit_id).place,
                      signing_time=signed_at.astimezone(WITA), tsa_url=tsa_url)  # the stamp shows WITA
        res = provider.sign(job)
        result["r"] = res
        if party is not None:  # the next party signs this PDF; the number and date come with the last TTE
            digest = paraf.keep_signed(uow, version, res.pdf)
            cosigned.append(digest)
        else:
            digest = put_blob(uow, res.pdf, "application/pdf")
            paraf.finish(uow, version)
            d.signed_pdf_sha256, d.signed_version, d.letter_date = digest, version.version, signed_at
        return statement_extras(identity, document_id=d.id, version_hash=version.content_sha256, step_id=step.id,
                                decision="sign", actor=actor.login) | {"pdf_sha256": digest,
                                                                        "provider": provider.name}

    outcome = routing.decide(uow, actor, doc.id, Decision.APPROVE, on_step=hook, signing=True)
    res = result["r"]
    if cosigned:  # not numbered yet: the last signatory's TTE numbers and dates it
        uow.audit("letter.cosigned", actor_id=actor.user_id, document_id=doc.id,
                  data={"pdf_sha256": cosigned[0], "level": res.level, "provider": provider.name})
        return Signed(doc.id, "", cosigned[0], res.level, res.timestamp_fallback)
    assert doc.signed_pdf_sha256 is not None and doc.number is not None
    uow.audit("letter.signed", actor_id=actor.user_id, document_id=doc.id,
              data={"number": doc.number, "pdf_sha256": doc.signed_pdf_sha256, "level": res.level,
                    "status": outcome.status, "provider": provider.name})
    return Signed(doc.id, doc.number, doc.signed_pdf_sha256, res.level, res.timestamp_fallback)


def _require_approved_version(uow: UnitOfWork, route: Route, content_sha256: str) -> None:
    """Invariant 5: what gets signed is the version every reviewer of this round approved."""
    step_ids = [s.id for s in route.steps if s.round == route.round and s.status.value == "approved"
                and s.kind.value in ("paraf", "approve")]
    if not step_ids:
        return
    hashes_seen = set(uow.session.scalars(select(DecisionRow.version_hash).where(DecisionRow.step_id.in_(step_ids))))
    if hashes_seen != {content_sha256}:
        raise InvalidTransition("Isi naskah berbeda dari versi yang disetujui pemeriksa: ajukan ulang naskah ini")


def publish_external(uow: UnitOfWork, actor: Actor, identity: Identity) -> CertificateRow:
    """Publish the certificate of a key imported from an external CA (e.g. the national CA)."""
    for old in uow.session.scalars(select(CertificateRow).where(CertificateRow.user_id == actor.user_id,
                                                                CertificateRow.purpose == "user",
                                                                CertificateRow.revoked_at.is_(None))):
        old.revoked_at, old.revocation_reason = uow.now(), "superseded"
    row = _publish(uow, identity.cert, "user", actor.user_id)
    uow.audit("key.import", actor_id=actor.user_id, data={"fingerprint": row.fingerprint,
                                                           "issuer": identity.cert.issuer.rfc4514_string()})
    return row


@dataclass(frozen=True)
class Upgraded:
    document_id: str
    level: str
    pdf_sha256: str
    timestamp_error: str


@conceal_hidden
def upgrade_letter(uow: UnitOfWork, actor: Actor, document_id: str, *, tsa_url: str | None,
                   roots: Sequence[x509.Certificate]) -> Upgraded:
    """Long-term validation: embed the certificates and CRLs (B-LT) and, when the TSA answers, a document
    timestamp (B-LTA). Also how a signature that fell back to B-B gets its trusted time later."""
    from eoffice.services.blobs import get_blob
    from eoffice.signing.ltv import upgrade_pdf  # pyHanko: only for this use case

    doc = letters.visible_document(uow, actor, document_id)
    if not doc.signed_pdf_sha256:
        raise InvalidTransition("Naskah belum ditandatangani")
    result = upgrade_pdf(get_blob(uow, doc.signed_pdf_sha256), timestamper_url=tsa_url,
                         trust_roots=list(roots), crls=crls(uow))
    digest = put_blob(uow, result.pdf, "application/pdf")
    previous, doc.signed_pdf_sha256 = doc.signed_pdf_sha256, digest
    uow.audit("letter.ltv", actor_id=actor.user_id, document_id=doc.id,
              data={"level": result.level, "from": previous, "pdf_sha256": digest,
                    "timestamp_error": result.timestamp_error})
    return Upgraded(doc.id, result.level, digest, result.timestamp_error)
