"""Work made offline, as the screens say it: a write the database could not take comes back as a ``Queued``
(eoffice/app/offline.py) and is told "Disimpan, menunggu sinkronisasi" wherever it was made; a letter with a
command waiting carries a clock mark; a queued command is named in words, never by its id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from eoffice.ui.text import QT_TRANSLATE_NOOP, Labels

if TYPE_CHECKING:
    from eoffice.app.offline import OutboxItem

translate = QCoreApplication.translate
CLOCK = "\u25f7"  # a clock face: the letter has a command waiting to be pushed

WHAT = Labels({
    "decide": QT_TRANSLATE_NOOP("text", "Keputusan"),
    "draft_letter": QT_TRANSLATE_NOOP("text", "Konsep naskah baru"),
    "revise_letter": QT_TRANSLATE_NOOP("text", "Perbaikan naskah"),
    "submit_letter": QT_TRANSLATE_NOOP("text", "Pengajuan naskah"),
    "withdraw_letter": QT_TRANSLATE_NOOP("text", "Penarikan naskah"),
    "comment": QT_TRANSLATE_NOOP("text", "Komentar"),
    "forward": QT_TRANSLATE_NOOP("text", "Penerusan naskah"),
    "dispose": QT_TRANSLATE_NOOP("text", "Disposisi"),
    "report_done": QT_TRANSLATE_NOOP("text", "Laporan selesai disposisi"),
    "register_incoming": QT_TRANSLATE_NOOP("text", "Pencatatan naskah masuk"),
    "mark_read": QT_TRANSLATE_NOOP("text", "Tanda sudah dibaca"),
    "sign_letter": QT_TRANSLATE_NOOP("text", "Penandatanganan (TTE)")})
DECISION = Labels({"approve": QT_TRANSLATE_NOOP("text", "setuju"),
                   "return": QT_TRANSLATE_NOOP("text", "kembalikan"),
                   "reject": QT_TRANSLATE_NOOP("text", "tolak")})
STATUS = Labels({"pending": QT_TRANSLATE_NOOP("text", "menunggu sinkronisasi"),
                 "applied": QT_TRANSLATE_NOOP("text", "diterapkan"),
                 "rejected": QT_TRANSLATE_NOOP("text", "ditolak"),
                 "blocked": QT_TRANSLATE_NOOP("text", "tertahan"),
                 "discarded": QT_TRANSLATE_NOOP("text", "dibuang")})


def is_queued(result: Any) -> bool:
    return getattr(result, "status", None) == "queued" and hasattr(result, "action_id")


def queued_text() -> str:
    return translate("Pending", "Disimpan, menunggu sinkronisasi (dikirim otomatis saat database terhubung "
                                "kembali)")


def done_message(result: Any, message: str | Any) -> str:
    """What the status bar says after a write: *message* (a text, or a function of the result), or that it
    was queued."""
    if is_queued(result):
        return queued_text()
    return str(message(result) if callable(message) else message)


def waiting_text() -> str:
    return translate("Pending", "menunggu sinkronisasi")


def mark(subject: str, pending: str) -> str:
    """A list row's subject, with the clock mark when a command of the user's waits on the letter."""
    return f"{CLOCK} {subject}" if pending else subject


def what(item: OutboxItem) -> str:
    """The command in words: "Keputusan “setuju”", "Disposisi"..."""
    words = WHAT.get(item.type, item.type)
    if item.decision in DECISION:
        words += f" \u201c{DECISION[item.decision]}\u201d"
    return words
