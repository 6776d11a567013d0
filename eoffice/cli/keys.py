"""Verbs: ca init|issue|revoke|export-root|pin|trust list|import-p12, key init, sign, verify, audit verify."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from eoffice.cli.context import Ctx, table
from eoffice.domain import BadInput, EofficeError, Refused
from eoffice.profile import private_dir, write_private
from eoffice.services import audit, signatures, trust
from eoffice.services.auth import Actor
from eoffice.signing import checkpoint
from eoffice.signing.keys import key_from_pem, key_to_pem
from eoffice.signing.keystore import Identity, import_p12, save_identity
from eoffice.signing.passphrase import lookup_passphrase
from eoffice.signing.trust import fingerprint, load_pem_file, pin, pinned
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
    p = ca.add_parser("pin", parents=[common],
                      help="trust exactly the root CA(s) in FILE from now on (replaces the profile's pinned roots)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_ca_pin)
    roots = ca.add_parser("trust", parents=[common], help="the trust roots pinned in this profile").add_subparsers(
        dest="trust_action", required=True)
    p = roots.add_parser("list", parents=[common], help="list the pinned roots")
    p.set_defaults(func=cmd_ca_trust_list)
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
    p.set_defaults(func=cmd_sign)
    p = sub.add_parser("ltv", parents=[common], help="add long-term validation data (+ timestamp) to signed letters")
    p.add_argument("ids", nargs="+")
    p.add_argument("--tsa", default=tsa_url(),
                   help="RFC 3161 timestamp service URL for the document timestamp (B-LTA; env EOFFICE_TSA)")
    p.set_defaults(func=cmd_ltv)
    p = sub.add_parser("verify", parents=[common], help="verify the signatures of a PDF")
    p.add_argument("file", type=Path)
    p.add_argument("--trust", action="append", default=[], type=Path, help="trusted root CA (PEM)")
    p.set_defaults(func=cmd_verify)
    aud = sub.add_parser("audit", parents=[common], help="audit log").add_subparsers(dest="action", required=True)
    p = aud.add_parser("verify", parents=[common], help="check the hash chain and the signed statements")
    p.set_defaults(func=cmd_audit_verify)
    p = aud.add_parser("logins", parents=[common], help="recent failed logins (admin)")
    p.set_defaults(func=cmd_failed_logins)
    cps = aud.add_parser("checkpoint", parents=[common], help="signed checkpoints of the audit head").add_subparsers(
        dest="checkpoint_action", required=True)
    p = cps.add_parser("export", parents=[common], help="write this profile's signed checkpoints to FILE")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_checkpoint_export)
    p = cps.add_parser("import", parents=[common], help="add the signed checkpoints in FILE (checked) to this profile")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_checkpoint_import)


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
    """The roots this profile trusts (on first use: the database's, pinned now), to hand to others."""
    roots = _pinned_or_first_use(ctx)
    if not roots:
        raise BadInput("Belum ada CA akar di database ini")
    data = b"".join(r.public_bytes(serialization.Encoding.PEM) for r in roots)
    try:
        ctx.args.file.write_bytes(data)
    except OSError as exc:
        raise BadInput(f"{ctx.args.file}: tidak dapat ditulis ({exc.strerror})") from exc
    ctx.emit({"file": str(ctx.args.file)}, lambda: print(f"Root CA: {ctx.args.file}"))
    return 0


def _pinned_or_first_use(ctx: Ctx) -> list[x509.Certificate]:
    roots, _source = pinned(ctx.home)
    return roots or ctx.run(lambda uow: trust.roots(uow, ctx.home))


def cmd_ca_pin(ctx: Ctx) -> int:
    roots = load_pem_file(ctx.args.file)
    path = pin(ctx.home, roots)
    fps = [fingerprint(r) for r in roots]
    ctx.emit({"file": str(path), "fingerprints": fps},
             lambda: print(f"{len(roots)} CA akar disematkan di {path}: " + ", ".join(f[:16] for f in fps)))
    return 0


def cmd_ca_trust_list(ctx: Ctx) -> int:
    roots, source = pinned(ctx.home)
    rows = [{"subject": r.subject.rfc4514_string(), "fingerprint": fingerprint(r), "source": source,
             "not_after": r.not_valid_after_utc.date().isoformat()} for r in roots]
    ctx.emit(rows, lambda: print(table([[r["subject"], r["fingerprint"][:16], r["source"], r["not_after"]]
                                        for r in rows], ["SUBJEK", "SHA-256", "SUMBER", "BERLAKU S.D."])
                                  if rows else "Belum ada CA akar yang disematkan di profil ini"))
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
    private_dir(ctx.home)
    write_private(path, key_to_pem(identity.key, passphrase))
    ctx.emit({"login": actor.login, "pending": str(path)},
             lambda: print(f"Kunci dibuat di {path}; minta admin: eoffice ca issue {actor.login}"))
    return 0


def cmd_sign(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    identity = identity_for(ctx, actor.login)
    if identity is None:
        raise BadInput(f"Tidak ada kunci TTE untuk {actor.login} di profil ini ({ctx.home})")
    results, failed = [], 0
    for n, doc_id in enumerate(ctx.args.ids, start=1):
        try:
            signed = ctx.run(partial(_sign_one, actor=actor, identity=identity, doc_id=doc_id, tsa=ctx.args.tsa))
            results.append({"id": signed.document_id, "ok": True, "number": signed.number, "level": signed.level})
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


def _sign_one(uow: UnitOfWork, *, actor: Actor, identity: Identity, doc_id: str,
              tsa: str | None) -> signatures.Signed:
    return signatures.sign_letter(uow, actor, identity, doc_id, tsa_url=tsa)


def cmd_ltv(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    roots = _pinned_or_first_use(ctx)
    results = []
    for doc_id in ctx.args.ids:
        up = ctx.run(partial(signatures.upgrade_letter, actor=actor, document_id=doc_id, tsa_url=ctx.args.tsa,
                             roots=roots))
        results.append(up.__dict__)
        if not ctx.json:
            print(f"{up.document_id[:8]}: {up.level}" + (f" (tanpa cap waktu: {up.timestamp_error})"
                                                           if up.timestamp_error else ""))
    if ctx.json:
        ctx.emit(results, lambda: None)
    return 0


def cmd_verify(ctx: Ctx) -> int:
    try:
        data = ctx.args.file.read_bytes()
    except OSError as exc:
        raise BadInput(f"{ctx.args.file}: tidak dapat dibaca ({exc.strerror})") from exc
    # --trust: exactly those roots. Otherwise the profile's pinned roots, never the database's own.
    roots = [c for p in ctx.args.trust for c in load_pem_file(p)] or _pinned_or_first_use(ctx)
    crls: list[bytes] = []  # CRLs are signed by the CA: taken from the database when there is one
    if not ctx.args.trust or getattr(ctx.args, "db", None) or os.environ.get("EOFFICE_DB"):
        try:
            crls = ctx.run(signatures.crls)
        except EofficeError:
            if not ctx.args.trust:
                raise
    from eoffice.signing.ltv import verify_timestamps
    from eoffice.signing.verify import verify_pdf  # pyHanko: only this verb needs it

    report = verify_pdf(data, trust_roots=roots, crls=crls)
    stamps = verify_timestamps(data, roots) if report.signatures else []
    payload: dict[str, Any] = {"ok": report.ok, "problems": report.problems, "signatures": [
        {"field": s.field_name, "signer": s.signer_name, "nip": s.signer_nip,
         "signing_time": s.claimed_time.isoformat() if s.claimed_time else None,
         "timestamp": s.timestamp_time.isoformat() if s.timestamp_time else None, "intact": s.intact,
         "valid": s.valid, "trusted": s.trusted, "revoked": s.revoked, "coverage": s.coverage,
         "changes": s.changes, "ok": s.ok, "error": s.error} for s in report.signatures],
        "document_timestamps": [{"field": t.field_name, "time": t.time.isoformat() if t.time else None,
                                 "ok": t.ok, "error": t.error} for t in stamps]}

    def human() -> None:
        if not report.signatures:
            print("Tidak ada tanda tangan elektronik pada berkas ini")
        for s in payload["signatures"]:
            print(f"{s['field']}: {s['signer']} (NIP {s['nip'] or '-'}) {s['signing_time'] or ''}")
            print(f"  utuh: {'ya' if s['intact'] else 'TIDAK'}  tepercaya: {'ya' if s['trusted'] else 'TIDAK'}  "
                  f"dicabut: {'YA' if s['revoked'] else 'tidak'}  perubahan: {s['changes']}")
        for t in payload["document_timestamps"]:
            print(f"cap waktu dokumen {t['field']}: {t['time']} {'sah' if t['ok'] else 'TIDAK SAH'}")
        for p in report.problems:
            print(f"masalah: {p}")
        print("HASIL: SAH" if report.ok else "HASIL: TIDAK SAH")

    ctx.emit(payload, human)
    return 0 if report.ok and all(t.ok for t in stamps) else 1


def cmd_audit_verify(ctx: Ctx) -> int:
    actor = ctx.actor(required=False)  # with --user and their key at hand, the new checkpoint is signed
    identity = None
    if actor is not None and (ctx.home / "keys" / f"{actor.login}.p12").exists():
        passphrase = os.environ.get("EOFFICE_KEY_PASSPHRASE") or lookup_passphrase(actor.login)
        identity = signatures.open_identity(ctx.home, actor.login, passphrase) if passphrase else None
    result = ctx.run(lambda uow: audit.verify(uow, ctx.home, identity=identity, login=actor.login if actor else "",
                                              tsa_url=tsa_url()))
    ctx.emit(result, lambda: print(table([[k, str(v)] for k, v in result.items()], ["PERIKSA", "HASIL"])))
    return 0 if result["ok"] else 1


def cmd_checkpoint_export(ctx: Ctx) -> int:
    own = [cp for cp in checkpoint.load(ctx.home) if cp.signature]
    if not own:
        raise BadInput("Belum ada checkpoint bertanda tangan di profil ini: jalankan 'eoffice audit verify "
                       "--user LOGIN' dengan kunci TTE Anda")
    try:
        ctx.args.file.write_text("".join(json.dumps(dataclasses.asdict(cp), sort_keys=True) + "\n" for cp in own),
                                 encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"{ctx.args.file}: tidak dapat ditulis ({exc.strerror})") from exc
    ctx.emit({"file": str(ctx.args.file), "checkpoints": len(own)},
             lambda: print(f"{len(own)} checkpoint ditulis ke {ctx.args.file}"))
    return 0


def cmd_checkpoint_import(ctx: Ctx) -> int:
    try:
        lines = [ln for ln in ctx.args.file.read_text(encoding="utf-8").splitlines() if ln.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{ctx.args.file}: tidak dapat dibaca") from exc
    roots = _pinned_or_first_use(ctx)
    found = [checkpoint.parse(ln) for ln in lines]
    bad = [n for n, cp in enumerate(found, start=1) if not checkpoint.signer_ok(cp, roots)]
    if bad or not found:
        raise Refused(f"{ctx.args.file}: checkpoint baris {', '.join(map(str, bad)) or '-'} tidak bertanda tangan "
                      "sah dari sertifikat yang dipercaya profil ini; tidak ada yang diimpor")
    checkpoint.append(ctx.home, [dataclasses.replace(cp, source="impor") for cp in found])
    ctx.emit({"imported": len(found)}, lambda: print(f"{len(found)} checkpoint diimpor"))
    return 0


def cmd_failed_logins(ctx: Ctx) -> int:
    from eoffice.services.auth import failed_logins, require_admin

    require_admin(ctx.require_actor())
    rows = ctx.run(failed_logins)
    ctx.emit(rows, lambda: print(table([[str(r["at"])[:19], str(r["user"])] for r in rows], ["WAKTU (UTC)", "AKUN"])
                                 if rows else "Tidak ada login gagal"))
    return 0
