"""Verbs: ca init|issue|revoke|export-root|import-p12, key init, sign, verify, audit verify.

What each verb does; the parser is in keys.py."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization

from eoffice.app import commands as c
from eoffice.app import queries as q
from eoffice.app.offline import Queued
from eoffice.app.session import pending_key_path
from eoffice.cli.context import Ctx, table
from eoffice.domain import BadInput, EofficeError
from eoffice.signing.passphrase import lookup_passphrase

if TYPE_CHECKING:
    from eoffice.signing.keystore import Identity


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
        return getpass.getpass("Passphrase kunci TTE Anda: ")
    return None


def identity_for(ctx: Ctx, login: str) -> Identity | None:
    """The user's identity on this machine; installs a freshly issued certificate on first use."""
    if pending_key_path(ctx.home, login).exists():
        passphrase = key_passphrase(login)
        if passphrase is None:
            raise BadInput("Passphrase kunci TTE diperlukan (EOFFICE_KEY_PASSPHRASE)")
        identity = ctx.session.identity(login, passphrase, forget_stale=False)
        if pending_key_path(ctx.home, login).exists():
            return None  # not issued yet: act unsigned until it is
        return identity
    return ctx.session.identity(login, key_passphrase(login) if (ctx.home / "keys" / f"{login}.p12").exists()
                                else None, forget_stale=False)


def cmd_ca_init(ctx: Ctx) -> int:
    from eoffice.services.signatures import ca_dir

    ctx.require_actor()
    passphrase = _secret("EOFFICE_CA_PASSPHRASE", "Passphrase CA baru")
    fp = ctx.execute(c.CreateCa(org_name=ctx.args.org), secret=passphrase)
    ctx.emit({"root_fingerprint": fp, "dir": str(ca_dir(ctx.home))},
             lambda: print(f"CA dibuat di {ca_dir(ctx.home)} (root SHA-256 {fp[:16]}...). "
                           "Simpan kunci root secara offline."))
    return 0


def cmd_ca_issue(ctx: Ctx) -> int:
    ctx.require_actor()
    passphrase = _secret("EOFFICE_CA_PASSPHRASE", "Passphrase CA")
    fp = ctx.execute(c.IssueCertificate(login=ctx.args.login), secret=passphrase)
    ctx.emit({"login": ctx.args.login, "fingerprint": fp}, lambda: print(f"Sertifikat {ctx.args.login}: {fp[:16]}..."))
    return 0


def cmd_ca_revoke(ctx: Ctx) -> int:
    ctx.require_actor()
    passphrase = _secret("EOFFICE_CA_PASSPHRASE", "Passphrase CA")
    fp = ctx.execute(c.RevokeCertificate(login=ctx.args.login, reason=ctx.args.reason), secret=passphrase)
    ctx.emit({"login": ctx.args.login, "fingerprint": fp},
             lambda: print(f"Sertifikat {ctx.args.login} dicabut; CRL diterbitkan"))
    return 0


def cmd_export_root(ctx: Ctx) -> int:
    """The roots this profile trusts (on first use: the database's, pinned now), to hand to others."""
    roots = ctx.session.trusted_roots()
    if not roots:
        raise BadInput("Belum ada CA akar di database ini")
    data = b"".join(r.public_bytes(serialization.Encoding.PEM) for r in roots)
    try:
        ctx.args.file.write_bytes(data)
    except OSError as exc:
        raise BadInput(f"{ctx.args.file}: tidak dapat ditulis ({exc.strerror})") from exc
    ctx.emit({"file": str(ctx.args.file)}, lambda: print(f"Root CA: {ctx.args.file}"))
    return 0


def cmd_ca_pin(ctx: Ctx) -> int:
    from eoffice.signing.trust import fingerprint, load_pem_file, pin

    roots = load_pem_file(ctx.args.file)
    path = pin(ctx.home, roots)
    fps = [fingerprint(r) for r in roots]
    ctx.emit({"file": str(path), "fingerprints": fps},
             lambda: print(f"{len(roots)} CA akar disematkan di {path}: " + ", ".join(f[:16] for f in fps)))
    return 0


def cmd_ca_trust_list(ctx: Ctx) -> int:
    from eoffice.signing.trust import fingerprint, pinned

    roots, source = pinned(ctx.home)
    rows = [{"subject": r.subject.rfc4514_string(), "fingerprint": fingerprint(r), "source": source,
             "not_after": r.not_valid_after_utc.date().isoformat()} for r in roots]
    ctx.emit(rows, lambda: print(table([[r["subject"], r["fingerprint"][:16], r["source"], r["not_after"]]
                                        for r in rows], ["SUBJEK", "SHA-256", "SUMBER", "BERLAKU S.D."])
                                  if rows else "Belum ada CA akar yang disematkan di profil ini"))
    return 0


def cmd_import_p12(ctx: Ctx) -> int:
    from eoffice.signing.keystore import import_p12, save_identity

    actor = ctx.require_actor()
    passphrase = _secret("EOFFICE_P12_PASSPHRASE", "Passphrase berkas PKCS#12")
    identity = import_p12(ctx.args.file, passphrase, now=dt.datetime.now(dt.UTC))
    local = key_passphrase(actor.login) or passphrase
    save_identity(ctx.home, actor.login, identity, local)
    fp = ctx.execute(c.PublishKey(), identity=identity)
    ctx.emit({"fingerprint": fp}, lambda: print(f"Kunci dari {ctx.args.file.name} dipasang; sertifikat {fp[:16]}..."))
    return 0


def cmd_key_init(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    passphrase = key_passphrase(actor.login)
    if not passphrase:
        raise BadInput("Passphrase kunci TTE baru: set EOFFICE_KEY_PASSPHRASE atau jalankan di terminal")
    path = ctx.execute(c.RequestKey(), secret=passphrase)
    ctx.emit({"login": actor.login, "pending": path},
             lambda: print(f"Kunci dibuat di {path}; minta admin: eoffice ca issue {actor.login}"))
    return 0


def cmd_sign(ctx: Ctx) -> int:
    from eoffice.app.providers import stops_batch
    from eoffice.cli.signing import provider_for, provider_name, reconcile

    actor = ctx.require_actor()
    local = ctx.session.offline or provider_name(ctx) == "local"  # offline: queued, signed at push with the key
    identity = identity_for(ctx, actor.login) if local else None
    provider = provider_for(ctx, actor, identity) if not ctx.session.offline else None
    if local and identity is None:
        raise BadInput(f"Tidak ada kunci TTE untuk {actor.name} di profil ini ({ctx.home})")
    ctx.session.tsa_url = ctx.args.tsa
    results, failed = [], 0
    for n, doc_id in enumerate(ctx.args.ids, start=1):
        try:
            if provider is not None and provider.name == "bsre":
                reconcile(ctx, doc_id)
            signed = ctx.execute(c.SignLetter(document_id=doc_id), identity=identity, queued_ok=True,
                                 provider=provider if provider is not None and provider.name != "local" else None)
            if isinstance(signed, Queued):  # offline: number, date and signature are made when it is pushed
                results.append(signed.to_dict())
                if not ctx.json:
                    print(f"[{n}/{len(ctx.args.ids)}] {signed.document_id[:8]} diantrekan (menunggu "
                          "sinkronisasi): nomor, tanggal dan tanda tangan dibuat saat terkirim")
                continue
            if provider is not None:
                provider.settled(signed.document_id)
            results.append({"id": signed.document_id, "ok": True, "number": signed.number, "level": signed.level,
                            "provider": provider.name if provider is not None else "local"})
            if not ctx.json:
                done = f"nomor {signed.number}" if signed.number else "menunggu penandatangan berikutnya"
                print(f"[{n}/{len(ctx.args.ids)}] {signed.document_id[:8]} ditandatangani, {done}"
                      + (" (TSA tidak terjangkau: B-B)" if signed.timestamp_fallback else ""))
        except EofficeError as exc:
            failed += 1
            results.append({"id": doc_id, "ok": False, "error": str(exc)})
            if len(ctx.args.ids) == 1:
                raise
            print(f"[{n}/{len(ctx.args.ids)}] {doc_id[:8]} GAGAL: {exc}", file=sys.stderr)
            if stops_batch(exc):  # e.g. a wrong passphrase: not sent again for every later letter
                print(f"Dihentikan: {len(ctx.args.ids) - n} naskah lainnya tidak dikirim", file=sys.stderr)
                break
    if ctx.json:
        ctx.emit(results, lambda: None)
    return 1 if failed else 0


def cmd_ltv(ctx: Ctx) -> int:
    ctx.require_actor()
    ctx.session.tsa_url = ctx.args.tsa
    results = []
    for doc_id in ctx.args.ids:
        up = ctx.execute(c.UpgradeLetter(document_id=doc_id))
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
    pdf: bytes = ctx.read(lambda uow: q.signed_pdf(uow, actor, ref))
    return pdf


def cmd_verify(ctx: Ctx) -> int:
    data = _verify_input(ctx)
    from eoffice.signing.trust import load_pem_file

    # --trust: exactly those roots. Otherwise the profile's pinned roots, never the database's own.
    roots = [c for p in ctx.args.trust for c in load_pem_file(p)] or ctx.session.trusted_roots()
    crls: list[bytes] = []  # CRLs are signed by the CA: taken from the database when there is one
    if not ctx.args.trust or getattr(ctx.args, "db", None) or os.environ.get("EOFFICE_DB"):
        try:
            crls = ctx.read(q.crls)
        except EofficeError:
            if not ctx.args.trust:
                raise
    from eoffice.signing.verdict import human_lines, verdict

    payload = verdict(data, roots, crls)
    ctx.emit(payload, lambda: print("\n".join(human_lines(payload))))
    return 0 if payload["ok"] else 1


def cmd_audit_verify(ctx: Ctx) -> int:
    from eoffice.signing.tsa import tsa_url

    actor = ctx.actor(required=False)  # with --user and their key at hand, the new checkpoint is signed
    identity = None
    if actor is not None and (ctx.home / "keys" / f"{actor.login}.p12").exists():
        passphrase = os.environ.get("EOFFICE_KEY_PASSPHRASE") or lookup_passphrase(actor.login)
        identity = ctx.session.identity(actor.login, passphrase, forget_stale=False) if passphrase else None
    result = ctx.read(lambda uow: q.audit_check(uow, ctx.home, identity=identity,
                                                login=actor.login if actor else "", tsa_url=tsa_url()))
    def show() -> None:
        print(table([[k, str(v)] for k, v in result.items() if k != "scope"], ["PERIKSA", "HASIL"]))
        if "scope" in result:  # a role that sees only some letters: say so, in one line
            print(f"Catatan: {result['scope']}")

    ctx.emit(result, show)
    return 0 if result["ok"] else 1


def cmd_checkpoint_export(ctx: Ctx) -> int:
    import dataclasses
    import json

    from eoffice.signing import checkpoint

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
    import dataclasses

    from eoffice.domain import Refused
    from eoffice.signing import checkpoint

    try:
        lines = [ln for ln in ctx.args.file.read_text(encoding="utf-8").splitlines() if ln.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{ctx.args.file}: tidak dapat dibaca") from exc
    roots = ctx.session.trusted_roots()
    found = [checkpoint.parse(ln) for ln in lines]
    bad = [n for n, cp in enumerate(found, start=1) if not checkpoint.signer_ok(cp, roots)]
    if bad or not found:
        raise Refused(f"{ctx.args.file}: checkpoint baris {', '.join(map(str, bad)) or '-'} tidak bertanda tangan "
                      "sah dari sertifikat yang dipercaya profil ini; tidak ada yang diimpor")
    checkpoint.append(ctx.home, [dataclasses.replace(cp, source="impor") for cp in found])
    ctx.emit({"imported": len(found)}, lambda: print(f"{len(found)} checkpoint diimpor"))
    return 0


def cmd_failed_logins(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    rows = ctx.read(lambda uow: q.failed_logins(uow, actor))
    ctx.emit(rows, lambda: print(table([[str(r["at"])[:19], str(r["user"])] for r in rows], ["WAKTU (UTC)", "AKUN"])
                                 if rows else "Tidak ada login gagal"))
    return 0
