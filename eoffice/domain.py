"""Shared value types and errors. No I/O here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum

WITA = dt.timezone(dt.timedelta(hours=8))  # Kalimantan Timur (UTC+8): the one zone definition
UNIT_KINDS = ("pemprov", "setda", "asisten", "biro", "bagian", "dinas", "badan", "sekretariat", "bidang", "seksi",
              "subbagian")
LIST_LIMIT = 500  # lists load the newest letters a page at a time; counts (count_letters) are exact


def end_of_day(day: dt.date) -> dt.datetime:
    """A deadline or last day given as a date: the end of that day in WITA (midnight of the next)."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=WITA)


# A password in a URL (scheme://user:PASSWORD@host) or a libpq key=value string (password=PASSWORD).
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)\S*(@)")
_KV_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def scrub(message: str, *secrets: str | None) -> str:
    """*message* without passwords: those embedded in URLs or key=value strings, and each of *secrets*."""
    for secret in secrets:
        if secret:
            message = message.replace(secret, "***")
    return _KV_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***\2", message))


def url_password(raw: str | None) -> str | None:
    """The password a database URL carries, if any (None when it has none). Light: no SQLAlchemy, so the CLI
    can ask before it loads anything."""
    if not raw:
        return None
    from urllib.parse import unquote, urlsplit

    try:
        password = urlsplit(raw).password
    except ValueError:
        password = None
    if password:
        return unquote(password)
    match = _URL_PASSWORD.search(raw)
    return match.group(0)[match.group(0).index(":", 3) + 1:-1] or None if match else None


def first_line(exc: BaseException) -> str:
    """The first line of an error (of the driver's error under a SQLAlchemy one), for a person: never with a
    password a driver echoed back."""
    orig = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip()]
    if not lines:
        return type(orig).__name__
    if "certificate verify failed" in lines[0] or "server certificate for" in lines[0]:
        return ("sertifikat TLS server database tidak diterbitkan CA yang dipercaya (EOFFICE_DB_SSLROOTCERT "
                f"atau sslrootcert): {scrub(lines[0])}")
    return scrub(lines[0])


class EofficeError(Exception):
    """Base of every error the product reports to a user. ``exit_code`` is the CLI's."""

    exit_code = 2


class BadInput(EofficeError):
    """The input is malformed or names something that does not exist (exit 2)."""


class NotFound(BadInput):
    """A named record (user, unit, letter...) does not exist (exit 2)."""


class Unavailable(EofficeError):
    """A resource (database, file, key store) cannot be reached or read (exit 2)."""


class Tampered(Unavailable):
    """Stored bytes do not match the SHA-256 they are filed under: never served (exit 2)."""


class NotCached(Unavailable):
    """A file of a letter this machine's local cache holds without its bytes (fetched when the letter is opened
    online, or when it enters the inbox: eoffice/sync/pull_files.py), read while the database is away (exit 2)."""


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


# A route stage's kind in words (the UI's own, translated, are ui/text.STAGE_KIND).
STAGE_LABELS: dict[str, str] = {"paraf": "Paraf", "approve": "Persetujuan", "sign": "Tanda tangan",
                                "number": "Penomoran", "dispatch": "Pengiriman"}


def stage_words(kind: str, title: str | None, labels: Mapping[str, str] = STAGE_LABELS) -> str:
    """A route stage as a person reads it, never its template name: what happens there and the jabatan of who
    does it ("Paraf Kepala Seksi ..."), the kind alone when that is not one jabatan."""
    word = labels.get(kind, kind)
    return f"{word} {title}" if title else word


STATUS_LABELS: dict[str, str] = {
    "draft": "Draf", "in_review": "Dalam review", "returned": "Dikembalikan", "to_sign": "Menunggu TTE",
    "signed": "Ditandatangani", "dispatched": "Terkirim", "rejected": "Ditolak", "withdrawn": "Ditarik",
    "registered": "Terdaftar", "archived": "Arsip",
}

# What happened, in words: a letter's history (Riwayat, `eoffice letter history`), and the organisation's own
# events. Every action the code writes has one (tests/unit/test_audit_labels.py); AUDIT_FALLBACK is for an event
# a newer version wrote.
AUDIT_FALLBACK = "Peristiwa lain"
AUDIT_LABELS: dict[str, str] = {
    "letter.draft": "Draf dibuat", "letter.revise": "Naskah diperbaiki", "letter.attach": "Lampiran ditambahkan",
    "letter.detach": "Lampiran dihapus", "letter.signed": "Ditandatangani secara elektronik (TTE)",
    "letter.cosigned": "Ditandatangani salah satu pihak (TTE)", "letter.withdraw": "Ditarik oleh pembuat",
    "letter.read": "Dibaca penerima", "letter.ltv": "Data validasi jangka panjang ditambahkan",
    "letter.paraf_pdf_reset": "Paraf pada PDF diulang", "route.submit": "Diajukan ke rute",
    "route.resubmit": "Diajukan kembali setelah revisi", "route.approve": "Disetujui / diparaf",
    "route.return": "Dikembalikan ke pembuat", "route.reject": "Ditolak", "route.withdraw": "Ditarik dari rute",
    "route.forward": "Diteruskan", "route.comment": "Komentar", "route.reminder": "Pengingat batas waktu",
    "incoming.register": "Naskah masuk didaftarkan", "disposition.send": "Disposisi dikirim",
    "disposition.read": "Disposisi dibaca", "disposition.done": "Disposisi dilaporkan selesai",
    "workflow.import": "Templat rute diimpor", "numbering.format": "Format nomor diatur",
    "unit.add": "Unit ditambahkan", "position.add": "Jabatan ditambahkan", "user.add": "Pengguna ditambahkan",
    "user.edit": "Data pengguna diubah", "user.passwd": "Kata sandi diganti", "login.failed": "Login gagal",
    "delegation.add": "Delegasi dibuat", "ca.init": "CA organisasi dibuat", "ca.issue": "Sertifikat diterbitkan",
    "ca.revoke": "Sertifikat dicabut", "key.request": "Permintaan sertifikat diajukan",
    "key.import": "Sertifikat dari CA luar dipublikasikan", "holiday.add": "Hari libur ditambahkan",
    "holiday.remove": "Hari libur dihapus", "org.setting": "Pengaturan diubah", "demo.seed": "Data demo dibuat",
}

# A route step's state in a listing (the Rute tab, `eoffice letter show`).
STEP_LABELS: dict[str, str] = {
    "pending": "menunggu", "approved": "disetujui", "returned": "dikembalikan", "rejected": "ditolak",
    "skipped": "dilewati", "cancelled": "dibatalkan", "waiting": "belum", "forwarded": "diteruskan",
}

# A disposisi's state (its tree, the Disposisi list).
DISPOSITION_LABELS: dict[str, str] = {"sent": "Terkirim", "read": "Dibaca", "done": "Selesai", "baru": "Baru",
                                      "disposed": "Sudah didisposisikan"}

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
