"""The trust roots pinned on this machine for verifying letters from outside: --trust files, else the PEM
files in the profile's ``trust/`` directory. Never roots read from the shared database (anyone who can
write there could make their own CA trusted). One function so the profile's pinning (issue #11) can
replace it."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509

from eoffice.domain import BadInput


def load_pem_roots(paths: list[Path]) -> list[x509.Certificate]:
    certs: list[x509.Certificate] = []
    for p in paths:
        try:
            certs += x509.load_pem_x509_certificates(p.read_bytes())
        except OSError as exc:
            raise BadInput(f"{p}: tidak dapat dibaca ({exc.strerror})") from exc
        except ValueError as exc:
            raise BadInput(f"{p}: bukan sertifikat PEM") from exc
    return certs


def pinned_roots(home: Path, given: list[Path] | None = None) -> list[x509.Certificate]:
    if given:
        return load_pem_roots(given)
    folder = home / "trust"
    return load_pem_roots(sorted(folder.glob("*.pem"))) if folder.is_dir() else []
