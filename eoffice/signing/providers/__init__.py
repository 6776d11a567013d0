"""Signing providers: who makes the TTE's PDF signature. ``local``: the signatory's own key in their profile
(pyHanko, today's default); ``bsre``: the government CA's esign client service (the key stays at BSrE; the
signer gives NIK and passphrase per signing or batch). Both get the same job: the working PDF, the visible
stamp and the number/date to fill; both return a PAdES PDF that is an incremental update of it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from eoffice.domain import BadInput
from eoffice.signing.pades import SignResult
from eoffice.signing.stamp import StampSpec

PROVIDERS = ("local", "bsre")
BSRE_FOOTER = ("Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
               "diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN")


@dataclass(frozen=True)
class SignJob:
    document_id: str
    pdf: bytes  # the working PDF (paraf signatures, the prepared fields)
    field_name: str  # the prepared signature field (local) or the stamp's text field (bsre)
    stamp: StampSpec | None  # None: an invisible paraf (beyond the boxes beside the signature block)
    fill: Mapping[str, str]
    reason: str
    location: str
    signing_time: dt.datetime
    tsa_url: str | None = None


def paraf_job_id(document_id: str) -> str:
    """The job (and BSrE pending-request marker) name of a paraf on *document_id*; a TTE's is the id itself."""
    return f"{document_id}-paraf"


class Provider(Protocol):
    name: str

    def sign(self, job: SignJob) -> SignResult: ...

    def settled(self, document_id: str) -> None:
        """The signed PDF is committed (or nothing was signed): forget any pending-request marker."""


def check_provider(name: str) -> str:
    name = (name or "").strip().lower()
    if name not in PROVIDERS:
        raise BadInput(f"Penyedia tanda tangan tidak dikenal: {name!r} (pilih: {', '.join(PROVIDERS)})")
    return name


def env_provider() -> str | None:
    """EOFFICE_SIGN_PROVIDER overrides the organisation's setting on this machine (e.g. a test bench)."""
    raw = os.environ.get("EOFFICE_SIGN_PROVIDER", "").strip()
    return check_provider(raw) if raw else None
