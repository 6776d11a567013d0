"""The trust roots the verification page checks uploads against: --trust files, else the roots pinned in the
profile (eoffice/signing/trust.py). Never roots read from the shared database (anyone who can write there
could make their own CA trusted)."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509

from eoffice.signing.trust import load_pem_file, pinned


def pinned_roots(home: Path, given: list[Path] | None = None) -> list[x509.Certificate]:
    if given:
        return [c for p in given for c in load_pem_file(p)]
    return pinned(home)[0]
