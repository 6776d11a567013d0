"""The user's local key store: an encrypted PKCS#12 per login under HOME/keys, passphrase in the keyring.

Private keys never leave this machine (invariant 4); only the certificate goes to the shared database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from eoffice.domain import BadInput, NotFound
from eoffice.profile import private_dir, write_private
from eoffice.signing.keys import PrivateKey, same_public_key
from eoffice.signing.passphrase import forget_passphrase, lookup_passphrase, remember_passphrase

__all__ = ["Identity", "check_signing_cert", "forget_passphrase", "has_identity", "import_p12", "load_identity",
           "lookup_passphrase", "p12_bytes", "remember_passphrase", "save_identity"]

_LOGIN_RE = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
_KDF_ROUNDS = 200_000


@dataclass(frozen=True)
class Identity:
    key: PrivateKey
    cert: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)  # issuing CA(s), then root

    @property
    def subject_name(self) -> str:
        return cert_attr(self.cert, x509.NameOID.COMMON_NAME) or self.cert.subject.rfc4514_string()


def cert_attr(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str | None:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def _paths(home: Path, login: str) -> tuple[Path, Path]:
    if not _LOGIN_RE.match(login):
        raise BadInput(f"Login tidak valid untuk nama berkas kunci: {login!r}.")
    keys = home / "keys"
    return keys / f"{login}.p12", keys / f"{login}.pem"


def p12_bytes(identity: Identity, passphrase: str, *, friendly_name: str = "eoffice") -> bytes:
    """PKCS#12 with AES-256-CBC / PBKDF2-SHA256 and an SHA-256 MAC (not the legacy RC2/3DES)."""
    if not passphrase:
        raise BadInput("Passphrase kunci tidak boleh kosong.")
    enc = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"), identity.key, identity.cert, identity.chain or None, enc
    )


def save_identity(home: Path, login: str, identity: Identity, passphrase: str) -> Path:
    """Write HOME/keys/<login>.p12 (0600) and the certificate as PEM beside it. Returns the .p12 path."""
    p12_path, pem_path = _paths(home, login)
    data = p12_bytes(identity, passphrase, friendly_name=login)
    with contextlib.suppress(OSError):  # a filesystem without POSIX modes; the PKCS#12 is encrypted anyway
        private_dir(home)
    write_private(p12_path, data)
    write_private(pem_path, b"".join(c.public_bytes(serialization.Encoding.PEM) for c in [identity.cert,
                                                                                          *identity.chain]))
    return p12_path


def has_identity(home: Path, login: str) -> bool:
    return _paths(home, login)[0].exists()


def load_identity(home: Path, login: str, passphrase: str) -> Identity:
    p12_path, _ = _paths(home, login)
    if not p12_path.exists():
        raise NotFound(f"Kunci penandatangan untuk {login} belum ada di {p12_path.parent}.")
    return _parse_p12(p12_path.read_bytes(), passphrase, what=f"kunci {login}")


def _parse_p12(data: bytes, passphrase: str, *, what: str) -> Identity:
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except ValueError as exc:
        raise BadInput(_p12_error(data, what)) from exc
    if key is None:
        raise BadInput(f"Berkas PKCS#12 ({what}) tidak berisi kunci privat.")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise BadInput(f"Jenis kunci tidak didukung ({type(key).__name__}); gunakan RSA atau EC.")
    certs = ([cert] if cert is not None else []) + list(extra)
    # Some tools put the user's certificate among the CA bags: take the one that matches the key.
    own = next((c for c in certs if same_public_key(key.public_key(), c.public_key())), None)  # type: ignore[arg-type]
    if own is None:
        if not certs:
            raise BadInput(f"Berkas PKCS#12 ({what}) tidak berisi sertifikat.")
        raise BadInput(f"Kunci privat di {what} tidak cocok dengan sertifikat mana pun di dalamnya.")
    return Identity(key, own, [c for c in certs if c is not own])


def _p12_error(data: bytes, what: str) -> str:
    """cryptography says 'Invalid password or PKCS12 data' for every failure; tell the user which."""
    from asn1crypto import pkcs12 as a_p12  # local: only needed on the error path

    try:
        pfx = a_p12.Pfx.load(data)
        pfx.native  # noqa: B018 - forces a full parse; garbage raises here
    except Exception:
        return f"Berkas {what} bukan PKCS#12 yang valid (rusak atau format lain)."
    if _uses_rc2(pfx) and not _legacy_provider_loaded():
        return (f"Berkas {what} memakai enkripsi lama RC2 yang tidak didukung OpenSSL ini; ekspor ulang: "
                "openssl pkcs12 -legacy -in lama.p12 -nodes | openssl pkcs12 -export -out baru.p12")
    return f"Passphrase salah untuk {what} (atau berkas rusak)."


def _uses_rc2(pfx: object) -> bool:
    return b"rc2" in repr(getattr(pfx, "native", "")).lower().encode()


def _legacy_provider_loaded() -> bool:
    try:
        from cryptography.hazmat.bindings._rust import openssl as rust_openssl

        return bool(getattr(rust_openssl, "_legacy_provider_loaded", True))
    except ImportError:  # pragma: no cover - layout differs between versions
        return True


def check_signing_cert(cert: x509.Certificate, *, now: dt.datetime) -> None:
    """Refuse certificates that cannot make a valid document signature now."""
    if now < cert.not_valid_before_utc:
        raise BadInput(f"Sertifikat belum berlaku (mulai {cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC).")
    if now > cert.not_valid_after_utc:
        raise BadInput(f"Sertifikat kedaluwarsa sejak {cert.not_valid_after_utc:%Y-%m-%d %H:%M} UTC.")
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound as exc:
        raise BadInput("Sertifikat tidak memiliki key usage digitalSignature/nonRepudiation.") from exc
    missing = [n for n, ok in (("digitalSignature", ku.digital_signature),
                               ("nonRepudiation", ku.content_commitment)) if not ok]
    if missing:
        raise BadInput(f"Sertifikat tidak boleh dipakai untuk tanda tangan dokumen (tanpa {', '.join(missing)}).")


def import_p12(path: Path, passphrase: str, *, now: dt.datetime) -> Identity:
    """Load a PKCS#12 from an external or internal CA and check it is usable for signing documents."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"Tidak dapat membaca {path}: {exc.strerror}.") from exc
    ident = _parse_p12(data, passphrase, what=path.name)
    check_signing_cert(ident.cert, now=now)
    return ident
