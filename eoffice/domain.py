"""Shared value types and errors. No I/O here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum


class EofficeError(Exception):
    """Base of every error the product reports to a user. ``exit_code`` is the CLI's."""

    exit_code = 2


class BadInput(EofficeError):
    """The input is malformed or names something that does not exist (exit 2)."""


class NotFound(BadInput):
    """A named record (user, unit, letter...) does not exist (exit 2)."""


class Unavailable(EofficeError):
    """A resource (database, file, key store) cannot be reached or read (exit 2)."""


class Refused(EofficeError):
    """The request is well formed but the domain says no (exit 1)."""

    exit_code = 1


class NotAuthorized(Refused):
    """The acting user may not do this (not the assignee, wrong password, no right)."""


class StepAlreadyDecided(Refused):
    """A workflow step was decided already; the message names who and when."""


class InvalidTransition(Refused):
    """The document or step is not in a state that allows this action."""


class DocKind(StrEnum):
    NOTA_DINAS = "nota_dinas"
    SURAT_DINAS = "surat_dinas"
    SURAT_UNDANGAN = "surat_undangan"
    SURAT_EDARAN = "surat_edaran"
    SURAT_KEPUTUSAN = "surat_keputusan"
    SURAT_TUGAS = "surat_tugas"
    MEMO = "memo"
    BERITA_ACARA = "berita_acara"
    NASKAH_MASUK = "naskah_masuk"


KIND_LABELS: dict[DocKind, str] = {
    DocKind.NOTA_DINAS: "Nota Dinas",
    DocKind.SURAT_DINAS: "Surat Dinas",
    DocKind.SURAT_UNDANGAN: "Surat Undangan",
    DocKind.SURAT_EDARAN: "Surat Edaran",
    DocKind.SURAT_KEPUTUSAN: "Surat Keputusan",
    DocKind.SURAT_TUGAS: "Surat Tugas",
    DocKind.MEMO: "Memo",
    DocKind.BERITA_ACARA: "Berita Acara",
    DocKind.NASKAH_MASUK: "Naskah Masuk",
}

def search_text_of(*, subject: str, number: str | None, sender: str, kind: str, to: Iterable[str],
                   cc: Iterable[str], body_text: str, attachment_names: Iterable[str]) -> str:
    """Everything full-text search looks at for one letter (documents.search_text)."""
    number = number or ""
    # The number also in pieces: PostgreSQL's parser reads "000.1/0012/X/2026" as one file-path token.
    parts = [subject, number, re.sub(r"[/._-]+", " ", number), sender, KIND_LABELS[DocKind(kind)], *to, *cc,
             body_text, *attachment_names]
    return "\n".join(p for p in parts if p)


STATUS_LABELS: dict[str, str] = {
    "draft": "Draf", "in_review": "Dalam review", "returned": "Dikembalikan", "to_sign": "Menunggu TTE",
    "signed": "Ditandatangani", "dispatched": "Terkirim", "rejected": "Ditolak", "withdrawn": "Ditarik",
    "registered": "Terdaftar", "archived": "Arsip",
}

# Lembar disposisi instructions (key -> label printed and shown).
INSTRUCTIONS: dict[str, str] = {
    "tindak_lanjuti": "Tindak lanjuti",
    "pelajari": "Pelajari dan beri saran",
    "hadiri": "Hadiri / wakili",
    "siapkan_bahan": "Siapkan bahan",
    "siapkan_jawaban": "Siapkan konsep jawaban",
    "untuk_diketahui": "Untuk diketahui",
    "koordinasikan": "Koordinasikan",
    "proses_sesuai_ketentuan": "Proses sesuai ketentuan",
    "bicarakan_dengan_saya": "Bicarakan dengan saya",
    "edarkan": "Edarkan",
    "arsipkan": "Arsipkan",
}


class Urgency(StrEnum):
    """Sifat (urgency)."""

    BIASA = "biasa"
    SEGERA = "segera"
    SANGAT_SEGERA = "sangat_segera"


class Classification(StrEnum):
    """Sifat (security classification)."""

    BIASA = "biasa"
    TERBATAS = "terbatas"
    RAHASIA = "rahasia"


class DocStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"  # paraf / approve stages running
    RETURNED = "returned"  # back to the drafter for revision
    TO_SIGN = "to_sign"  # waiting for the signatory's TTE
    SIGNED = "signed"  # signed, waiting for number/dispatch stages
    DISPATCHED = "dispatched"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    REGISTERED = "registered"  # incoming letter registered
    ARCHIVED = "archived"


class StageKind(StrEnum):
    PARAF = "paraf"
    APPROVE = "approve"
    SIGN = "sign"
    NUMBER = "number"
    DISPATCH = "dispatch"


class Capacity(StrEnum):
    """How a person acts: in their own right, or for someone else (delegation)."""

    SELF = ""
    AN = "a.n."
    UB = "u.b."  # untuk beliau: two levels below the principal, on behalf of the one between
    PLH = "Plh."
    PLT = "Plt."
