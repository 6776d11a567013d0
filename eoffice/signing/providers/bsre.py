"""The BSrE provider: the app fills the number and date and draws its own stamp (QR + text) into the
prepared stamp field, then asks BSrE for an INVISIBLE signature over that PDF (or, in VISIBLE mode, sends
the stamp as an image and its place, and BSrE draws it: see bsre_visible.py). The answer must be an
incremental update of exactly what was sent (earlier paraf signatures stay valid).

Before a request goes out a marker (document id, the sha256 of what was sent, the time; never the NIK's
passphrase) is written in the profile's ``bsre-pending/``; a definite answer removes it, a time-out leaves
it: the next attempt for that letter is refused until the user has checked and asks to send again
(``resend``). Once the signed letter is committed the caller calls ``settled``."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader

from eoffice.domain import BadInput, Refused, Unavailable
from eoffice.signing.bsre import BsreClient, SignOutcomeUnknown
from eoffice.signing.pades import SignResult
from eoffice.signing.providers import SignJob
from eoffice.signing.stamp_field import fill_stamp


@dataclass(frozen=True)
class Pending:
    document_id: str
    request_sha256: str
    sent_at: str


@dataclass
class PendingStore:
    directory: Path

    def _path(self, document_id: str) -> Path:
        safe = "".join(c for c in document_id if c.isalnum() or c == "-")
        return self.directory / f"{safe}.json"

    def get(self, document_id: str) -> Pending | None:
        try:
            raw = json.loads(self._path(document_id).read_text(encoding="utf-8"))
            return Pending(raw["document_id"], raw["request_sha256"], raw["sent_at"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:
            raise Unavailable(f"Penanda permintaan TTE {document_id} tidak terbaca: {exc}") from exc

    def put(self, document_id: str, request_sha256: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        p = Pending(document_id, request_sha256, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        tmp = self._path(document_id).with_suffix(".tmp")
        tmp.write_text(json.dumps(p.__dict__), encoding="utf-8")
        os.replace(tmp, self._path(document_id))

    def clear(self, document_id: str) -> None:
        self._path(document_id).unlink(missing_ok=True)


def pending_store(home: Path) -> PendingStore:
    return PendingStore(home / "bsre-pending")


def unknown_outcome_message(p: Pending) -> str:
    return (f"Permintaan TTE BSrE untuk naskah {p.document_id[:8]} (dikirim {p.sent_at}) tidak terjawab: "
            "hasilnya tidak diketahui. Periksa apakah dokumen itu sudah ditandatangani di layanan BSrE; "
            "bila belum, kirim ulang dengan --resend")


@dataclass
class BsreProvider:
    client: BsreClient
    nik: str
    passphrase: str = field(repr=False)
    pending: PendingStore
    resend: bool = False  # the user checked an unknown outcome and asks to send again
    visible: bool = False  # BSrE's VISIBLE mode draws the TTE stamp (settings bsre_tampilan VISIBLE)
    name: str = "bsre"

    def sign(self, job: SignJob) -> SignResult:
        marker = self.pending.get(job.document_id)
        if marker is not None and not self.resend:
            raise Refused(unknown_outcome_message(marker))
        drawn_by_bsre = self.visible and job.stamp is not None and job.stamp.qr_data is not None  # the TTE
        prepared = job.pdf if job.stamp is None and not job.fill else fill_stamp(
            job.pdf, field_name=job.field_name, stamp=None if drawn_by_bsre else job.stamp,
            when=job.signing_time, fill=job.fill)
        props: dict[str, Any] = {"tampilan": "INVISIBLE"}
        if drawn_by_bsre and job.stamp is not None:
            from eoffice.signing.providers.bsre_visible import visible_props

            props = visible_props(prepared, job.field_name, job.stamp, job.signing_time)
        props |= {"location": job.location[:80], "reason": job.reason[:120]}
        self.pending.put(job.document_id, hashlib.sha256(prepared).hexdigest())
        try:
            signed = self.client.sign_pdf(self.nik, self.passphrase, prepared, props)
        except SignOutcomeUnknown:
            raise  # the marker stays: see the module docstring
        except Exception:
            self.pending.clear(job.document_id)  # a definite answer: nothing was signed
            raise
        try:
            level = check_signed(prepared, signed)
        except BadInput:
            self.pending.clear(job.document_id)
            raise
        return SignResult(signed, level)

    def settled(self, document_id: str) -> None:
        self.pending.clear(document_id)


def check_signed(sent: bytes, signed: bytes) -> str:
    """The answer is what we sent plus one signature (incremental update); its level, B-B or B-T."""
    if not signed.startswith(sent) or len(signed) == len(sent):
        raise BadInput("PDF dari layanan BSrE bukan pembaruan inkremental dari PDF yang dikirim: ditolak")
    try:
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        sigs = list(reader.embedded_regular_signatures)
        before = len(list(PdfFileReader(io.BytesIO(sent), strict=False).embedded_regular_signatures))
    except Exception as exc:  # a mangled answer is refused, never stored
        raise BadInput(f"PDF dari layanan BSrE tidak terbaca: {exc}".splitlines()[0]) from exc
    if len(sigs) != before + 1:
        raise BadInput("PDF dari layanan BSrE tidak berisi tepat satu tanda tangan baru: ditolak")
    signer_info: Any = sigs[-1].signer_info
    unsigned = signer_info["unsigned_attrs"].native or []
    has_ts = any(a["type"] == "signature_time_stamp_token" for a in unsigned)
    return "B-T" if has_ts else "B-B"
