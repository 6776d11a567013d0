"""Trust roots pinned outside the shared database: whoever writes the database must not be able to make a
forgery verify, so the roots a client trusts live in its profile (HOME/trust/roots.pem) or come with the
installer (resources/trust/roots.pem); the database's copies are only a source for the first pin.

Also the one chain check for certificates read from the database: a certificate row is trusted only if it
chains, through issuing CAs, to a pinned root.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization

from eoffice.domain import BadInput
from eoffice.profile import private_dir, write_private
from eoffice.signing.pins import pin_file, pin_sources


def fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def load_pem_file(path: Path) -> list[x509.Certificate]:
    try:
        certs = x509.load_pem_x509_certificates(path.read_bytes())
    except OSError as exc:
        raise BadInput(f"{path}: tidak dapat dibaca ({exc.strerror})") from exc
    except ValueError as exc:
        raise BadInput(f"{path}: bukan sertifikat PEM") from exc
    return certs


def pinned(home: Path) -> tuple[list[x509.Certificate], str]:
    """The roots this client trusts and where they come from ("profil", "installer" or "" for none)."""
    for path, source in pin_sources(home):
        if path.exists():
            return load_pem_file(path), source
    return [], ""


def pin(home: Path, roots: Sequence[x509.Certificate]) -> Path:
    """Replace the profile's pinned roots (an explicit act: `eoffice ca pin`, `ca init`, the first connection)."""
    if not roots:
        raise BadInput("Tidak ada sertifikat akar untuk disematkan")
    for cert in roots:
        if not _is_ca(cert) or cert.issuer != cert.subject:
            raise BadInput(f"Bukan sertifikat CA akar: {cert.subject.rfc4514_string()}")
    private_dir(home)
    return write_private(pin_file(home), b"".join(c.public_bytes(serialization.Encoding.PEM) for c in _unique(roots)))


def _unique(certs: Iterable[x509.Certificate]) -> list[x509.Certificate]:
    seen: dict[str, x509.Certificate] = {}
    for c in certs:
        seen.setdefault(fingerprint(c), c)
    return list(seen.values())


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def chains_to(cert: x509.Certificate, intermediates: Sequence[x509.Certificate], roots: Sequence[x509.Certificate],
              *, at: dt.datetime | None = None) -> bool:
    """*cert* is signed by a pinned root, directly or through CA certificates from *intermediates*, each
    valid at *at* (default now). Intermediates are untrusted input (they come from the database)."""
    at = at or dt.datetime.now(dt.UTC)
    root_fps = {fingerprint(r) for r in roots}
    current, depth = cert, 0
    while depth < 5:
        if not current.not_valid_before_utc <= at <= current.not_valid_after_utc:
            return False
        if fingerprint(current) in root_fps:
            return True
        for issuer in [*roots, *intermediates]:
            if issuer.subject == current.issuer and _is_ca(issuer) and _issued_by(current, issuer):
                current, depth = issuer, depth + 1
                break
        else:
            return False
    return False
