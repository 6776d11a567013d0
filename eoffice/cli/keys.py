"""Verbs: ca init|issue|revoke|export-root|import-p12, key init, sign, verify, audit verify."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from functools import partial
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from eoffice.cli.context import Ctx, table
from eoffice.domain import BadInput, EofficeError
from eoffice.services import audit, signatures
from eoffice.services.auth import Actor
from eoffice.signing.keys import key_from_pem, key_to_pem
from eoffice.signing.keystore import Identity, import_p12, save_identity
from eoffice.signing.passphrase import lookup_passphrase
from eoffice.signing.pinned import load_pem_roots
from eoffice.signing.providers import Provider
from eoffice.signing.tsa import tsa_url
from eoffice.store.uow import UnitOfWork


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    ca = sub.add_parser("ca", parents=[common], help="organisation CA and certificates").add_subparsers(
        dest="action", required=True)
    p = ca.add_parser("init", parents=[common], help="create the organisation CA (admin)")
    p.add_argument("--org", default="Pemerintah Provinsi Kalimantan Timur")
    p.set_defaults(func=cmd_ca_init)
    p = ca.add_parser("issue", parents=[common], help="issue USER's certificate for their key request (admin)")
    p.add_argument("login")
    p.set_defaults(func=cmd_ca_issue)
    p = ca.add_parser("revoke", parents=[common], help="revoke USER's certificate and publish a CRL (admin)")
    p.add_argument("login")
    p.add_argument("--reason", default="")
    p.set_defaults(func=cmd_ca_revoke)
    p = ca.add_parser("export-root", parents=[common], help="write the trust anchor (root CA) as PEM")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_export_root)
    p = ca.add_parser("import-p12", parents=[common], help="use a PKCS#12 issued by an external CA as your key")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_import_p12)
    key = sub.add_parser("key", parents=[common], help="your signing key").add_subparsers(dest="action",
                                                                                        required=True)
    p = key.add_parser("init", parents=[common], help="make your key pair here and request a certificate")
    p.set_defaults(func=cmd_key_init)
    p = sub.add_parser("sign", parents=[common], help="sign letters waiting for your TTE (one or many)")
    p.add_argument("ids", nargs="+")
    p.add_argument("--tsa", default=tsa_url(),
                   help="RFC 3161 timestamp service URL (B-T; env EOFFICE_TSA); unreachable: B-B, upgraded later")
    p.add_argument("--provider", choices=["local", "bsre"], default=None,
                   help="who signs: your local key or BSrE's esign service (default: the organisation's setting)")
    p.add_argument("--resend", action="store_true",
                   help="BSrE: send again a letter whose earlier request got no answer (after checking)")
    p.set_defaults(func=cmd_sign)
    p = sub.add_parser("ltv", parents=[common], help="add long-term validation data (+ timestamp) to signed letters")
    p.add_argument("ids", nargs="+")
    p.add_argument("--tsa", default=tsa_url(),
                   help="RFC 3161 timestamp service URL for the document timestamp (B-LTA; env EOFFICE_TSA)")
    p.set_defaults(func=cmd_ltv)
    p = sub.add_parser("verify", parents=[common], help="verify the signatures of a PDF (or a letter by its QR code)")
    p.add_argument("file", help="a PDF file, or a scanned QR code (verification URL, EOFFICE:id:sha) or a letter id")
    p.add_argument("--trust", action="append", default=[], type=Path, help="trusted root CA (PEM)")
    p.set_defaults(func=cmd_verify)
    aud = sub.add_parser("audit", parents=[common], help="audit log").add_subparsers(dest="action", required=True)
    p = aud.add_parser("verify", parents=[common], help="check the hash chain and the signed statements")
    p.set_defaults(func=cmd_audit_verify)


def _secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise BadInput(f"{prompt}: set {env} atau jalankan di terminal")
    return getpass.getpass(f"{prompt}: ")


def key_passphrase(login: str) -> str | None:
    """EOFFICE_KEY_PASSPHRASE, the OS keyring, or a prompt; None when none can be had."""
    value = os.environ.get("EOFFICE_KEY_PASSPHRASE") or lookup_passphrase(login)
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(f"Passphrase kunci TTE {login}: ")
    return None


def _pending_path(ctx: Ctx, login: str) -> Path:
    return ctx.home / "keys" / f"{login}.pending.pem"


def identity_for(ctx: Ctx, login: str) -> Identity | None:
    """The user's identity on this machine; installs a freshly issued certificate on first use."""
    pending = _pending_path(ctx, login)
    if pending.exists():
        passphrase = key_passphrase(login)
        if passphrase is None:
            raise BadInput("Passphrase kunci TTE diperlukan (EOFFICE_KEY_PASSPHRASE)")
        key = key_from_pem(pending.read_bytes(), passphrase)
        try:
            ctx.run(lambda uow: signatures.install_identity(uow, ctx.home, login, key, passphrase))
        except EofficeError:
            return None  # not issued yet: act unsigned until it is
        pending.unlink()
    return signatures.open_identity(ctx.home, login, key_passphrase(login) if
                                    (ctx.home / "keys" / f"{login}.p12").exists() else None)


def cmd_ca_init(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    passphrase = _secret("EOFFICE_CA_PASSPHRASE", "Passphrase CA baru")
    ca = ctx.run(lambda uow: signatures.create_ca(uow, actor, ctx.home, passphrase, org_name=ctx.args.org))
    fp = signatures.fingerprint(ca.root_cert)
    ctx.emit({"root_fingerprint": fp, "dir": str(signatures.ca_dir(ctx.home))},
             lambda: print(f"CA dibuat di {signatures.ca_dir(ctx.home)} (root SHA-256 {fp[:16]}...). "
                           "Simpan kunci root secara offline."))
    return 0


def cmd_ca_issue(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    ca = signatures.open_ca(ctx.home, _secret("EOFFICE_CA_PASSPHRASE", "Passphrase CA"))

    def use_case(uow: UnitOfWork) -> str:
        request = audit.pending_request(uow, ctx.args.login)
        return signatures.issue(uow, actor, ca, ctx.args.login, request.public_key()).fingerprint

    fp = ctx.run(use_case)
    ctx.emit({"login": ctx.args.login, "fingerprint": fp}, lambda: print(f"Sertifikat {ctx.args.login}: {fp[:16]}..."))
    return 0


def cmd_ca_revoke(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    ca = signatures.open_ca(ctx.home, _secret("EOFFICE_CA_PASSPHRASE", "Passphrase CA"))
    row = ctx.run(lambda uow: signatures.revoke(uow, actor, ca, ctx.args.login, ctx.args.reason))
    ctx.emit({"login": ctx.args.login, "fingerprint": row.fingerprint},
             lambda: print(f"Sertifikat {ctx.args.login} dicabut; CRL diterbitkan"))
    return 0


def cmd_export_root(ctx: Ctx) -> int:
    roots = ctx.run(signatures.trust_roots)
    if not roots:
        raise BadInput("Belum ada CA akar di database ini")
    data = b"".join(r.public_bytes(serialization.Encoding.PEM) for r in roots)
    try:
        ctx.args.file.write_bytes(data)
    except OSError as exc:
        raise BadInput(f"{ctx.args.file}: tidak dapat ditulis ({exc.strerror})") from exc
    ctx.emit({"file": str(ctx.args.file)}, lambda: print(f"Root CA: {ctx.args.file}"))
    return 0


def cmd_import_p12(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    passphrase = _secret("EOFFICE_P12_PASSPHRASE", "Passphrase berkas PKCS#12")
    identity = import_p12(ctx.args.file, passphrase, now=dt.datetime.now(dt.UTC))
    local = key_passphrase(actor.login) or passphrase
    save_identity(ctx.home, actor.login, identity, local)

    def publish(uow: UnitOfWork) -> str:
        row = signatures.publish_external(uow, actor, identity)
        return row.fingerprint

    fp = ctx.run(publish)
    ctx.emit({"fingerprint": fp}, lambda: print(f"Kunci dari {ctx.args.file.name} dipasang; sertifikat {fp[:16]}..."))
    return 0


def cmd_key_init(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    passphrase = key_passphrase(actor.login)
    if not passphrase:
        raise BadInput("Passphrase kunci TTE baru: set EOFFICE_KEY_PASSPHRASE atau jalankan di terminal")
    identity = ctx.run(lambda uow: signatures.request_key(uow, actor, ctx.home, passphrase, []))
    path = _pending_path(ctx, actor.login)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(key_to_pem(identity.key, passphrase))
    path.chmod(0o600)
    ctx.emit({"login": actor.login, "pending": str(path)},
             lambda: print(f"Kunci dibuat di {path}; minta admin: eoffice ca issue {actor.login}"))
    return 0


def cmd_sign(ctx: Ctx) -> int:
    from eoffice.cli.signing import provider_for, provider_name, reconcile

    actor = ctx.require_actor()
    identity = identity_for(ctx, actor.login) if provider_name(ctx) == "local" else None
    provider = provider_for(ctx, actor, identity)
    results, failed = [], 0
    for n, doc_id in enumerate(ctx.args.ids, start=1):
        try:
            reconcile(ctx, doc_id)
            signed = ctx.run(partial(_sign_one, actor=actor, identity=identity, doc_id=doc_id, tsa=ctx.args.tsa,
                                     provider=provider))
            provider.settled(signed.document_id)
            results.append({"id": signed.document_id, "ok": True, "number": signed.number, "level": signed.level,
                            "provider": provider.name})
            if not ctx.json:
                print(f"[{n}/{len(ctx.args.ids)}] {signed.document_id[:8]} ditandatangani, nomor {signed.number}"
                      + (" (TSA tidak terjangkau: B-B)" if signed.timestamp_fallback else ""))
        except EofficeError as exc:
            failed += 1
            results.append({"id": doc_id, "ok": False, "error": str(exc)})
            if len(ctx.args.ids) == 1:
                raise
            print(f"[{n}/{len(ctx.args.ids)}] {doc_id[:8]} GAGAL: {exc}", file=sys.stderr)
    if ctx.json:
        ctx.emit(results, lambda: None)
    return 1 if failed else 0


def _sign_one(uow: UnitOfWork, *, actor: Actor, identity: Identity | None, doc_id: str,
              tsa: str | None, provider: Provider) -> signatures.Signed:
    return signatures.sign_letter(uow, actor, identity, doc_id, tsa_url=tsa, provider=provider)


def cmd_ltv(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    results = []
    for doc_id in ctx.args.ids:
        up = ctx.run(partial(signatures.upgrade_letter, actor=actor, document_id=doc_id, tsa_url=ctx.args.tsa))
        results.append(up.__dict__)
        if not ctx.json:
            print(f"{up.document_id[:8]}: {up.level}" + (f" (tanpa cap waktu: {up.timestamp_error})"
                                                           if up.timestamp_error else ""))
    if ctx.json:
        ctx.emit(results, lambda: None)
    return 0


def _verify_input(ctx: Ctx) -> bytes:
    """The PDF named on the command line: a file, or a letter by its QR code (URL, EOFFICE:id:sha) or id."""
    from eoffice.web.qr import letter_ref

    path = Path(ctx.args.file)
    ref = None if path.exists() else letter_ref(ctx.args.file)
    if ref is None:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise BadInput(f"{ctx.args.file}: tidak dapat dibaca ({exc.strerror})") from exc
    actor = ctx.require_actor()
    from eoffice.services import letters
    from eoffice.services.blobs import get_blob

    def signed_pdf(uow: UnitOfWork) -> bytes:
        doc = letters.visible_document(uow, actor, ref)
        if not doc.signed_pdf_sha256:
            raise BadInput(f"Naskah {ref[:8]} belum ditandatangani")
        return get_blob(uow, doc.signed_pdf_sha256)

    return ctx.run(signed_pdf)


def cmd_verify(ctx: Ctx) -> int:
    data = _verify_input(ctx)
    roots = load_pem_roots(ctx.args.trust)
    crls: list[bytes] = []
    if not ctx.args.trust or getattr(ctx.args, "db", None) or os.environ.get("EOFFICE_DB"):
        try:
            roots += ctx.run(signatures.trust_roots)
            crls = ctx.run(signatures.crls)
        except EofficeError:
            if not roots:
                raise
    from eoffice.signing.verdict import human_lines, verdict

    payload = verdict(data, roots, crls)
    ctx.emit(payload, lambda: print("\n".join(human_lines(payload))))
    return 0 if payload["ok"] else 1


def cmd_audit_verify(ctx: Ctx) -> int:
    result = ctx.run(lambda uow: audit.verify(uow, ctx.home))
    ctx.emit(result, lambda: print(table([[k, str(v)] for k, v in result.items()], ["PERIKSA", "HASIL"])))
    return 0 if result["ok"] else 1
