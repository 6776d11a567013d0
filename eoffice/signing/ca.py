"""Internal two-level CA: an offline root and an issuing CA that certifies user signing keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from eoffice.domain import BadInput
from eoffice.profile import private_dir, write_private
from eoffice.signing.keys import KeyType, PrivateKey, PublicKey, generate_key, key_from_pem, key_to_pem

# RFC 9336 id-kp-documentSigning and Microsoft's document signing; emailProtection is what NSS (pdfsig)
# and Adobe accept for signer certificates when an EKU extension is present.
EKU_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
EKU_MS_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")
USER_EKUS = [ExtendedKeyUsageOID.EMAIL_PROTECTION, EKU_DOCUMENT_SIGNING, EKU_MS_DOCUMENT_SIGNING]

_ROOT_FILE, _ROOT_KEY_FILE = "root.pem", "root-key.pem"
_ISSUING_FILE, _ISSUING_KEY_FILE = "issuing.pem", "issuing-key.pem"


@dataclass(frozen=True)
class CaBundle:
    org_name: str
    root_cert: x509.Certificate
    issuing_cert: x509.Certificate
    issuing_key: PrivateKey
    root_key: PrivateKey | None = None  # None once the root key is kept offline

    @property
    def chain(self) -> list[x509.Certificate]:
        """Certificates a signer embeds after its own: issuing CA then root."""
        return [self.issuing_cert, self.root_cert]


@dataclass(frozen=True)
class RevokedCert:
    serial: int
    revoked_at: dt.datetime
    reason: x509.ReasonFlags | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ca_cert(
    subject: x509.Name, issuer: x509.Name, pub: PublicKey, signer: PrivateKey, issuer_pub: PublicKey,
    *, days: int, path_len: int, now: dt.datetime,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(pub)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_len), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_pub), critical=False)
    )
    return builder.sign(signer, hashes.SHA256())


def init_ca(
    org_name: str, *, key_type: KeyType | str = KeyType.EC_P256, now: dt.datetime | None = None,
    root_days: int = 365 * 20, issuing_days: int = 365 * 10,
) -> CaBundle:
    """Create a root CA (kept offline) and an issuing CA signed by it."""
    if not org_name.strip():
        raise BadInput("Nama organisasi CA tidak boleh kosong.")
    now = now or _now()
    root_key, issuing_key = generate_key(key_type), generate_key(key_type)
    root_name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org_name),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{org_name} Root CA"),
    ])
    issuing_name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org_name),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{org_name} Issuing CA"),
    ])
    root_cert = _ca_cert(root_name, root_name, root_key.public_key(), root_key, root_key.public_key(),
                         days=root_days, path_len=1, now=now)
    issuing_cert = _ca_cert(issuing_name, root_name, issuing_key.public_key(), root_key,
                            root_key.public_key(), days=issuing_days, path_len=0, now=now)
    return CaBundle(org_name, root_cert, issuing_cert, issuing_key, root_key)


def issue_user_cert(
    ca: CaBundle, public_key: PublicKey, *, name: str, nip: str, title: str, unit: str,
    email: str | None = None, days: int = 730, now: dt.datetime | None = None,
    not_before: dt.datetime | None = None,
) -> x509.Certificate:
    """Certificate for a person's document-signing key: CN=name, serialNumber=NIP, title, OU=unit."""
    if not name.strip() or not nip.strip():
        raise BadInput("Nama dan NIP wajib diisi untuk sertifikat.")
    now = now or _now()
    start = not_before or (now - dt.timedelta(minutes=5))
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ca.org_name),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit),
        x509.NameAttribute(NameOID.TITLE, title),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, nip),
        x509.NameAttribute(NameOID.COMMON_NAME, name),
    ]
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca.issuing_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage(USER_EKUS), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.issuing_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if email:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
    return builder.sign(ca.issuing_key, hashes.SHA256())


def revoke(serial: int, *, when: dt.datetime | None = None,
           reason: x509.ReasonFlags | None = None) -> RevokedCert:
    """A revocation entry; the store keeps these and hands them back to make_crl."""
    return RevokedCert(serial, when or _now(), reason)


def make_crl(
    ca: CaBundle, revoked: Iterable[RevokedCert | tuple[int, dt.datetime]], *,
    now: dt.datetime | None = None, next_update_days: int = 7, crl_number: int = 1,
) -> bytes:
    """DER CRL signed by the issuing CA."""
    now = now or _now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.issuing_cert.subject)
        .last_update(now - dt.timedelta(minutes=1))
        .next_update(now + dt.timedelta(days=next_update_days))
        .add_extension(x509.CRLNumber(crl_number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.issuing_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    for item in revoked:
        entry = item if isinstance(item, RevokedCert) else RevokedCert(item[0], item[1])
        rc = x509.RevokedCertificateBuilder().serial_number(entry.serial).revocation_date(entry.revoked_at)
        if entry.reason is not None:
            rc = rc.add_extension(x509.CRLReason(entry.reason), critical=False)
        builder = builder.add_revoked_certificate(rc.build())
    crl = builder.sign(ca.issuing_key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.DER)


def cert_to_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def cert_from_pem(data: bytes) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise BadInput("Berkas sertifikat tidak valid (bukan PEM X.509).") from exc


def save_ca(ca: CaBundle, directory: Path, passphrase: str, *, root_passphrase: str | None = None) -> None:
    """Write the CA as PEM files; keys are encrypted PKCS#8. The root key may get its own passphrase
    so it can be moved to offline media and deleted here."""
    if not passphrase:
        raise BadInput("Passphrase CA wajib diisi.")
    private_dir(directory)
    write_private(directory / _ROOT_FILE, cert_to_pem(ca.root_cert))
    write_private(directory / _ISSUING_FILE, cert_to_pem(ca.issuing_cert))
    write_private(directory / _ISSUING_KEY_FILE, key_to_pem(ca.issuing_key, passphrase))
    if ca.root_key is not None:
        write_private(directory / _ROOT_KEY_FILE, key_to_pem(ca.root_key, root_passphrase or passphrase))
    write_private(directory / "org.txt", ca.org_name.encode("utf-8"))


def load_ca(directory: Path, passphrase: str, *, root_passphrase: str | None = None,
            with_root_key: bool = False) -> CaBundle:
    try:
        org = (directory / "org.txt").read_text(encoding="utf-8").strip()
        root = cert_from_pem((directory / _ROOT_FILE).read_bytes())
        issuing = cert_from_pem((directory / _ISSUING_FILE).read_bytes())
        issuing_key = key_from_pem((directory / _ISSUING_KEY_FILE).read_bytes(), passphrase)
        root_key = None
        if with_root_key:
            root_key = key_from_pem((directory / _ROOT_KEY_FILE).read_bytes(), root_passphrase or passphrase)
    except FileNotFoundError as exc:
        raise BadInput(f"Direktori CA tidak lengkap: {exc.filename} tidak ada.") from exc
    return CaBundle(org, root, issuing, issuing_key, root_key)
