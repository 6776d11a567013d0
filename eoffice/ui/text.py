"""Labels shown in the UI, how dates and numbers are written, and the small widgets every dialog shares (one
place, so wording and looks stay consistent).

The label tables hold Indonesian source strings marked with QT_TRANSLATE_NOOP("text", ...); a ``Labels``
table translates on lookup, so ``text.KIND.get(kind, kind)`` shows the user's language. Kinds, statuses and
instructions are defined in the core (where letters and the CLI need them in Indonesian); their labels are
marked here too, and tests/ui/test_i18n.py fails when the core adds one that is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from eoffice.domain import (  # every time is shown in WITA
    AUDIT_FALLBACK,
    AUDIT_LABELS,
    DISPOSITION_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    STEP_LABELS,
    WITA,
)
from eoffice.domain import INSTRUCTIONS as _INSTRUCTIONS


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802  (the name lupdate looks for)
    """Marks ``source`` for translation in ``context`` where it is defined; translated where it is shown.
    (PySide6's own returns ``object`` to the type checker.)"""
    return source


APP_NAME = "eOffice Pemprov Kaltim"


class Labels(Mapping[str, str]):
    """Key -> label, translated (context "text") each time it is read."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = dict(table)

    def __getitem__(self, key: str) -> str:
        return QCoreApplication.translate("text", self._table[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


# The core's labels, marked for translation (the tables themselves come from the core, below).
CORE_LABELS = (
    QT_TRANSLATE_NOOP("text", "Nota Dinas"), QT_TRANSLATE_NOOP("text", "Surat Dinas"),
    QT_TRANSLATE_NOOP("text", "Surat Undangan"), QT_TRANSLATE_NOOP("text", "Surat Edaran"),
    QT_TRANSLATE_NOOP("text", "Surat Keputusan"), QT_TRANSLATE_NOOP("text", "Surat Tugas"),
    QT_TRANSLATE_NOOP("text", "Memo"), QT_TRANSLATE_NOOP("text", "Berita Acara"),
    QT_TRANSLATE_NOOP("text", "Naskah Masuk"),
    QT_TRANSLATE_NOOP("text", "Draf"), QT_TRANSLATE_NOOP("text", "Dalam review"),
    QT_TRANSLATE_NOOP("text", "Dikembalikan"), QT_TRANSLATE_NOOP("text", "Menunggu TTE"),
    QT_TRANSLATE_NOOP("text", "Ditandatangani"), QT_TRANSLATE_NOOP("text", "Terkirim"),
    QT_TRANSLATE_NOOP("text", "Ditolak"), QT_TRANSLATE_NOOP("text", "Ditarik"),
    QT_TRANSLATE_NOOP("text", "Terdaftar"), QT_TRANSLATE_NOOP("text", "Arsip"),
    QT_TRANSLATE_NOOP("text", "Tindak lanjuti"), QT_TRANSLATE_NOOP("text", "Pelajari dan beri saran"),
    QT_TRANSLATE_NOOP("text", "Hadiri / wakili"), QT_TRANSLATE_NOOP("text", "Siapkan bahan"),
    QT_TRANSLATE_NOOP("text", "Siapkan konsep jawaban"), QT_TRANSLATE_NOOP("text", "Untuk diketahui"),
    QT_TRANSLATE_NOOP("text", "Koordinasikan"), QT_TRANSLATE_NOOP("text", "Proses sesuai ketentuan"),
    QT_TRANSLATE_NOOP("text", "Bicarakan dengan saya"), QT_TRANSLATE_NOOP("text", "Edarkan"),
    QT_TRANSLATE_NOOP("text", "Arsipkan"),
)
KIND = Labels({k.value: v for k, v in KIND_LABELS.items()})
STATUS = Labels(STATUS_LABELS)
INSTRUCTIONS = Labels(_INSTRUCTIONS)
URGENCY = Labels({"biasa": QT_TRANSLATE_NOOP("text", "Biasa"), "segera": QT_TRANSLATE_NOOP("text", "Segera"),
                  "sangat_segera": QT_TRANSLATE_NOOP("text", "Sangat Segera")})
CLASSIFICATION = Labels({"biasa": QT_TRANSLATE_NOOP("text", "Biasa"),
                         "terbatas": QT_TRANSLATE_NOOP("text", "Terbatas"),
                         "rahasia": QT_TRANSLATE_NOOP("text", "Rahasia")})
STAGE_KIND = Labels({"paraf": QT_TRANSLATE_NOOP("text", "Paraf"),
                     "approve": QT_TRANSLATE_NOOP("text", "Persetujuan"),
                     "sign": QT_TRANSLATE_NOOP("text", "Tanda tangan (TTE)"),
                     "number": QT_TRANSLATE_NOOP("text", "Penomoran"),
                     "dispatch": QT_TRANSLATE_NOOP("text", "Pengiriman")})
STEP_STATUS = Labels(STEP_LABELS)
_STEP_MARKS = (
    QT_TRANSLATE_NOOP("text", "menunggu"), QT_TRANSLATE_NOOP("text", "disetujui"),
    QT_TRANSLATE_NOOP("text", "dikembalikan"), QT_TRANSLATE_NOOP("text", "ditolak"),
    QT_TRANSLATE_NOOP("text", "dilewati"), QT_TRANSLATE_NOOP("text", "dibatalkan"),
    QT_TRANSLATE_NOOP("text", "belum"), QT_TRANSLATE_NOOP("text", "diteruskan"),
)
NOTE_KIND = Labels({"return": QT_TRANSLATE_NOOP("text", "Catatan pengembalian"),
                    "reject": QT_TRANSLATE_NOOP("text", "Alasan penolakan"),
                    "reminder": QT_TRANSLATE_NOOP("text", "Pengingat"),
                    "comment": QT_TRANSLATE_NOOP("text", "Komentar"),
                    "withdraw": QT_TRANSLATE_NOOP("text", "Alasan penarikan")})
CERT_PURPOSE = Labels({"user": QT_TRANSLATE_NOOP("text", "Pengguna"),  # the Sertifikat tab's Peran
                       "root": QT_TRANSLATE_NOOP("text", "CA akar"),
                       "issuing": QT_TRANSLATE_NOOP("text", "CA penerbit"),
                       "request": QT_TRANSLATE_NOOP("text", "Permintaan sertifikat")})
AUDIT_ACTION = Labels(AUDIT_LABELS)  # the Riwayat tab: what happened, in words (the core's, marked here)
_AUDIT_MARKS = (
    QT_TRANSLATE_NOOP("text", "Draf dibuat"),
    QT_TRANSLATE_NOOP("text", "Naskah diperbaiki"),
    QT_TRANSLATE_NOOP("text", "Lampiran ditambahkan"),
    QT_TRANSLATE_NOOP("text", "Lampiran dihapus"),
    QT_TRANSLATE_NOOP("text", "Ditandatangani secara elektronik (TTE)"),
    QT_TRANSLATE_NOOP("text", "Ditandatangani salah satu pihak (TTE)"),
    QT_TRANSLATE_NOOP("text", "Ditarik oleh pembuat"),
    QT_TRANSLATE_NOOP("text", "Dibaca penerima"),
    QT_TRANSLATE_NOOP("text", "Data validasi jangka panjang ditambahkan"),
    QT_TRANSLATE_NOOP("text", "Paraf pada PDF diulang"),
    QT_TRANSLATE_NOOP("text", "Diajukan ke rute"),
    QT_TRANSLATE_NOOP("text", "Diajukan kembali setelah revisi"),
    QT_TRANSLATE_NOOP("text", "Disetujui / diparaf"),
    QT_TRANSLATE_NOOP("text", "Dikembalikan ke pembuat"),
    QT_TRANSLATE_NOOP("text", "Ditolak"),
    QT_TRANSLATE_NOOP("text", "Ditarik dari rute"),
    QT_TRANSLATE_NOOP("text", "Diteruskan"),
    QT_TRANSLATE_NOOP("text", "Komentar"),
    QT_TRANSLATE_NOOP("text", "Pengingat batas waktu"),
    QT_TRANSLATE_NOOP("text", "Naskah masuk didaftarkan"),
    QT_TRANSLATE_NOOP("text", "Disposisi dikirim"),
    QT_TRANSLATE_NOOP("text", "Disposisi dibaca"),
    QT_TRANSLATE_NOOP("text", "Disposisi dilaporkan selesai"),
    QT_TRANSLATE_NOOP("text", "Templat rute diimpor"),
    QT_TRANSLATE_NOOP("text", "Format nomor diatur"),
    QT_TRANSLATE_NOOP("text", "Unit ditambahkan"),
    QT_TRANSLATE_NOOP("text", "Jabatan ditambahkan"),
    QT_TRANSLATE_NOOP("text", "Pengguna ditambahkan"),
    QT_TRANSLATE_NOOP("text", "Data pengguna diubah"),
    QT_TRANSLATE_NOOP("text", "Kata sandi diganti"),
    QT_TRANSLATE_NOOP("text", "Login gagal"),
    QT_TRANSLATE_NOOP("text", "Delegasi dibuat"),
    QT_TRANSLATE_NOOP("text", "CA organisasi dibuat"),
    QT_TRANSLATE_NOOP("text", "Sertifikat diterbitkan"),
    QT_TRANSLATE_NOOP("text", "Sertifikat dicabut"),
    QT_TRANSLATE_NOOP("text", "Permintaan sertifikat diajukan"),
    QT_TRANSLATE_NOOP("text", "Sertifikat dari CA luar dipublikasikan"),
    QT_TRANSLATE_NOOP("text", "Hari libur ditambahkan"),
    QT_TRANSLATE_NOOP("text", "Hari libur dihapus"),
    QT_TRANSLATE_NOOP("text", "Pengaturan diubah"),
    QT_TRANSLATE_NOOP("text", "Data demo dibuat"),
    QT_TRANSLATE_NOOP("text", "Peristiwa lain"),  # AUDIT_FALLBACK
)


def audit_action(action: str) -> str:
    """What happened, in the user's language: the label of *action*, or "Peristiwa lain" (translated too) for an
    event type this version has no label for (one a newer version wrote)."""
    return AUDIT_ACTION[action] if action in AUDIT_ACTION else QCoreApplication.translate("text", AUDIT_FALLBACK)
DISPOSITION_STATUS = Labels(DISPOSITION_LABELS)
_DISPOSITION_MARKS = (
    QT_TRANSLATE_NOOP("text", "Terkirim"), QT_TRANSLATE_NOOP("text", "Dibaca"),
    QT_TRANSLATE_NOOP("text", "Selesai"), QT_TRANSLATE_NOOP("text", "Baru"),
    QT_TRANSLATE_NOOP("text", "Sudah didisposisikan"),
)
MODIFICATION = Labels({"NONE": QT_TRANSLATE_NOOP("text", "tidak ada perubahan"),
                       "LTA_UPDATES": QT_TRANSLATE_NOOP("text", "hanya pembaruan validasi (LTA)"),
                       "FORM_FILLING": QT_TRANSLATE_NOOP("text", "pengisian formulir"),
                       "ANNOTATIONS": QT_TRANSLATE_NOOP("text", "anotasi ditambahkan"),
                       "OTHER": QT_TRANSLATE_NOOP("text", "PERUBAHAN LAIN"),
                       "UNKNOWN": QT_TRANSLATE_NOOP("text", "tidak diketahui")})


# --- dates and numbers in the user's language (QLocale's default: set by i18n.Translations) -----------

DATE_EDIT_FORMAT = "d MMM yyyy"  # QDateEdit: month names in the user's language, day first in both


def route_name(name: str) -> str:
    """A route template by the kind it routes (the shipped ones are named by the kind's value), else its name."""
    return KIND[name] if name in KIND else name.replace("_", " ")


def date_text(value: dt.date) -> str:
    """23 Nov 2026"""
    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def long_date(value: dt.date) -> str:
    """Senin, 23 November 2026 / Monday, 23 November 2026"""
    return QLocale().toString(QDate(value.year, value.month, value.day), "dddd, d MMMM yyyy")


def datetime_text(value: dt.datetime) -> str:
    """23 Nov 2026 14:05, in WITA (a naive value is taken as UTC, as the store keeps it)."""
    local = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(WITA)
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
                       QTimeZone.fromSecondsAheadOfUtc(8 * 3600))
    return QLocale().toString(moment, "d MMM yyyy HH:mm")


def deadline_text(value: dt.datetime) -> str:
    """A deadline: one picked as a day is kept as the next day's 00:00 WITA (the end of that day, CLI and app
    alike) and shown as that day, "4 Des 2026"; any other moment with its time."""
    local = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(WITA)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return date_text(local.date() - dt.timedelta(days=1))
    return datetime_text(value)


def iso_text(value: str | None) -> str:
    """An ISO timestamp from a service (audit, notes, steps) as datetime_text; '-' when empty."""
    if not value:
        return "-"
    try:
        return datetime_text(dt.datetime.fromisoformat(value))
    except ValueError:
        return value


def iso_date(value: str) -> str:
    """An ISO date or timestamp from a service as date_text (a timestamp's day in WITA)."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(WITA)
    return date_text(moment.date())


def number(value: float, decimals: int = 0) -> str:
    """1.234,5 / 1,234.5"""
    return QLocale().toString(float(value), "f", decimals)


def size_text(size: int) -> str:
    return f"{number(size / 1024)} KB"


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("text", "ya") if value else QCoreApplication.translate("text", "tidak")


# --- shared widgets -------------------------------------------------------------------------------------

ERROR_STYLE = "color:#b3261e"


def error_label() -> QLabel:
    """The red, wrapping message line every dialog shows its refusals in."""
    label = QLabel("")
    label.setTextFormat(Qt.TextFormat.PlainText)  # a refusal may quote what was typed: never markup
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def ok_cancel(ok_text: str, accept: Callable[[], object], reject: Callable[[], object]) -> QDialogButtonBox:
    """OK/Batal buttons with the OK button named for what it does."""
    box = QDialogButtonBox()  # the buttons set after: that constructor overload builds the Qt namespace's enums
    box.setStandardButtons(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("text", "Batal"))
    box.accepted.connect(accept)
    box.rejected.connect(reject)
    return box
