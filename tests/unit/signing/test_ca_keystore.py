from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from eoffice.domain import BadInput, NotFound
from eoffice.signing import passphrase as pp
from eoffice.signing.ca import CaBundle, issue_user_cert, load_ca, make_crl, revoke, save_ca
from eoffice.signing.keys import KeyType, generate_key, key_from_pem, key_to_pem
from eoffice.signing.keystore import Identity, import_p12, load_identity, save_identity


def test_generate_key_types() -> None:
    assert isinstance(generate_key(KeyType.EC_P256), ec.EllipticCurvePrivateKey)
    assert isinstance(generate_key("ec-p256"), ec.EllipticCurvePrivateKey)
    with pytest.raises(ValueError):
        generate_key("dsa-1024")


def test_key_pem_roundtrip_and_wrong_passphrase() -> None:
    key = generate_key()
    pem = key_to_pem(key, "rahasia")
    assert b"ENCRYPTED PRIVATE KEY" in pem
    assert key_from_pem(pem, "rahasia").private_numbers() == key.private_numbers()  # type: ignore[union-attr]
    with pytest.raises(BadInput, match="Passphrase salah"):
        key_from_pem(pem, "salah")


def test_user_cert_fields(ca: CaBundle, ec_identity: Identity) -> None:
    cert = ec_identity.cert
    subj = cert.subject
    assert subj.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Budi Santoso"
    assert subj.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == "198001012005011001"
    assert subj.get_attributes_for_oid(NameOID.TITLE)[0].value == "Kepala Bidang"
    assert subj.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "Diskominfo"
    assert subj.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == ca.org_name
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical and ku.value.digital_signature and ku.value.content_commitment
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.oid.ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert cert.issuer == ca.issuing_cert.subject
    # chain signatures: user <- issuing <- root
    cert.verify_directly_issued_by(ca.issuing_cert)
    ca.issuing_cert.verify_directly_issued_by(ca.root_cert)


def test_ca_save_load(tmp_path: Path, ca: CaBundle) -> None:
    save_ca(ca, tmp_path / "ca", "pp-issuing", root_passphrase="pp-root")
    assert b"ENCRYPTED" in (tmp_path / "ca" / "root-key.pem").read_bytes()
    loaded = load_ca(tmp_path / "ca", "pp-issuing")
    assert loaded.root_key is None and loaded.issuing_cert == ca.issuing_cert
    with_root = load_ca(tmp_path / "ca", "pp-issuing", root_passphrase="pp-root", with_root_key=True)
    assert with_root.root_key is not None
    with pytest.raises(BadInput, match="Passphrase salah"):
        load_ca(tmp_path / "ca", "wrong")
    with pytest.raises(BadInput, match="tidak lengkap"):
        load_ca(tmp_path / "nope", "pp-issuing")


def test_crl(ca: CaBundle, ec_identity: Identity) -> None:
    when = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    der = make_crl(ca, [revoke(ec_identity.cert.serial_number, when=when), (12345, when)])
    crl = x509.load_der_x509_crl(der)
    assert crl.is_signature_valid(ca.issuing_cert.public_key())  # type: ignore[arg-type]
    entry = crl.get_revoked_certificate_by_serial_number(ec_identity.cert.serial_number)
    assert entry is not None and entry.revocation_date_utc == when


def test_keystore_roundtrip(tmp_path: Path, ec_identity: Identity) -> None:
    p = save_identity(tmp_path, "budi", ec_identity, "kunci-rahasia")
    assert p == tmp_path / "keys" / "budi.p12" and (tmp_path / "keys" / "budi.pem").exists()
    assert p.stat().st_mode & 0o777 == 0o600
    # modern encryption: AES-256 appears in the PKCS#12 structure
    out = subprocess.run(["openssl", "pkcs12", "-info", "-noout", "-in", str(p), "-passin", "pass:kunci-rahasia"],
                         capture_output=True, text=True)
    assert "AES-256-CBC" in out.stderr + out.stdout
    ident = load_identity(tmp_path, "budi", "kunci-rahasia")
    assert ident.cert == ec_identity.cert and len(ident.chain) == 2
    with pytest.raises(BadInput, match="^Passphrase salah") as ei:
        load_identity(tmp_path, "budi", "salah")
    assert "\n" not in str(ei.value)
    with pytest.raises(NotFound):
        load_identity(tmp_path, "siapa", "x")
    with pytest.raises(BadInput):
        load_identity(tmp_path, "../etc", "x")


def _write_p12(path: Path, key: object, cert: x509.Certificate | None, chain: list[x509.Certificate], pw: str,
               legacy: bool = False) -> Path:
    if legacy:
        enc = (serialization.PrivateFormat.PKCS12.encryption_builder()
               .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC).hmac_hash(hashes.SHA1())
               .build(pw.encode()))
    else:
        enc = serialization.BestAvailableEncryption(pw.encode())
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"x", key, cert, chain, enc))  # type: ignore[arg-type]
    return path


def test_import_p12_ok_and_errors(tmp_path: Path, ca: CaBundle, ec_identity: Identity, now: dt.datetime) -> None:
    good = _write_p12(tmp_path / "good.p12", ec_identity.key, ec_identity.cert, ca.chain, "pw")
    assert import_p12(good, "pw", now=now).cert == ec_identity.cert
    with pytest.raises(BadInput, match="Passphrase salah"):
        import_p12(good, "wrong", now=now)
    garbage = tmp_path / "garbage.p12"
    garbage.write_bytes(b"not a pkcs12 file at all")
    with pytest.raises(BadInput, match="bukan PKCS#12"):
        import_p12(garbage, "pw", now=now)
    with pytest.raises(BadInput, match="Tidak dapat membaca"):
        import_p12(tmp_path / "missing.p12", "pw", now=now)

    # key that does not match the certificate
    other = generate_key()
    bad = _write_p12(tmp_path / "mismatch.p12", other, None, [ec_identity.cert], "pw")  # type: ignore[arg-type]
    with pytest.raises(BadInput, match="tidak cocok"):
        import_p12(bad, "pw", now=now)

    # expired / not yet valid
    with pytest.raises(BadInput, match="kedaluwarsa"):
        import_p12(good, "pw", now=now + dt.timedelta(days=800))
    with pytest.raises(BadInput, match="belum berlaku"):
        import_p12(good, "pw", now=now - dt.timedelta(days=1))


def test_import_p12_missing_key_usage(tmp_path: Path, ca: CaBundle, now: dt.datetime) -> None:
    key = generate_key()
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TLS")]))
            .issuer_name(ca.issuing_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, False, True, False, False, False, False, False, False), critical=True)
            .sign(ca.issuing_key, hashes.SHA256()))
    p = _write_p12(tmp_path / "tls.p12", key, cert, [], "pw")
    with pytest.raises(BadInput, match="nonRepudiation"):
        import_p12(p, "pw", now=now)


def test_import_legacy_3des_p12(tmp_path: Path, ca: CaBundle, ec_identity: Identity, now: dt.datetime) -> None:
    p = _write_p12(tmp_path / "legacy.p12", ec_identity.key, ec_identity.cert, ca.chain, "lama", legacy=True)
    assert import_p12(p, "lama", now=now).cert == ec_identity.cert


def test_import_legacy_rc2_p12_from_openssl(tmp_path: Path, ca: CaBundle, rsa2048_identity: Identity,
                                           now: dt.datetime) -> None:
    """What an old government CA hands out: RC2-40 certs + 3DES key, SHA-1 MAC (openssl -legacy)."""
    ident = rsa2048_identity
    (tmp_path / "k.pem").write_bytes(key_to_pem(ident.key, None))
    (tmp_path / "c.pem").write_bytes(ident.cert.public_bytes(serialization.Encoding.PEM))
    out = tmp_path / "rc2.p12"
    r = subprocess.run(["openssl", "pkcs12", "-export", "-legacy", "-inkey", str(tmp_path / "k.pem"),
                        "-in", str(tmp_path / "c.pem"), "-out", str(out), "-passout", "pass:lama"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"system openssl cannot write legacy PKCS#12: {r.stderr.strip()}")
    info = subprocess.run(["openssl", "pkcs12", "-legacy", "-info", "-noout", "-in", str(out), "-passin",
                           "pass:lama"], capture_output=True, text=True)
    assert "RC2" in info.stderr + info.stdout
    loaded = import_p12(out, "lama", now=now)
    assert loaded.cert == ident.cert and isinstance(loaded.key, rsa.RSAPrivateKey)
    with pytest.raises(BadInput, match="Passphrase salah"):
        import_p12(out, "salah", now=now)


def test_issue_not_before(ca: CaBundle, now: dt.datetime) -> None:
    key = generate_key()
    cert = issue_user_cert(ca, key.public_key(), name="A", nip="1", title="t", unit="u",
                           not_before=now + dt.timedelta(days=3), days=10)
    assert cert.not_valid_before_utc > now



@pytest.fixture()
def mem_keyring(monkeypatch: pytest.MonkeyPatch) -> Callable[[], dict[tuple[str, str], str]]:
    import keyring
    from keyring.backend import KeyringBackend

    store: dict[tuple[str, str], str] = {}

    class Mem(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            import keyring.errors
            if (service, username) not in store:
                raise keyring.errors.PasswordDeleteError("none")
            del store[(service, username)]

    old = keyring.get_keyring()
    keyring.set_keyring(Mem())
    yield lambda: store
    keyring.set_keyring(old)


def test_passphrase_keyring(mem_keyring: Callable[[], dict[tuple[str, str], str]]) -> None:
    assert pp.remember_passphrase("budi", "rahasia") is True
    assert pp.lookup_passphrase("budi") == "rahasia"
    assert mem_keyring() == {("eoffice", "key-passphrase:budi"): "rahasia"}
    pp.forget_passphrase("budi")
    pp.forget_passphrase("budi")  # idempotent
    assert pp.lookup_passphrase("budi") is None


def test_passphrase_no_backend(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import keyring
    from keyring.backends import chainer, fail

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    for backend in (fail.Keyring(), chainer.ChainerBackend()):
        old = keyring.get_keyring()
        keyring.set_keyring(backend)
        try:
            if isinstance(backend, chainer.ChainerBackend) and backend.backends:
                continue  # a real backend exists on this machine
            assert pp.remember_passphrase("budi", "rahasia") is False
            assert pp.lookup_passphrase("budi") is None
            pp.forget_passphrase("budi")
        finally:
            keyring.set_keyring(old)
    assert not any(tmp_path.rglob("*")), "nothing may be written to disk"
