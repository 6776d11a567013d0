"""Indonesian labels shown in the UI, and the small widgets every dialog shares (one place, so wording
and looks stay consistent)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from eoffice.domain import INSTRUCTIONS as _INSTRUCTIONS
from eoffice.domain import KIND_LABELS, STATUS_LABELS

APP_NAME = "eOffice Pemprov Kaltim"
KIND = {k.value: v for k, v in KIND_LABELS.items()}
STATUS = dict(STATUS_LABELS)
INSTRUCTIONS = dict(_INSTRUCTIONS)
URGENCY = {"biasa": "Biasa", "segera": "Segera", "sangat_segera": "Sangat Segera"}
CLASSIFICATION = {"biasa": "Biasa", "terbatas": "Terbatas", "rahasia": "Rahasia"}
STAGE_KIND = {"paraf": "Paraf", "approve": "Persetujuan", "sign": "Tanda tangan (TTE)", "number": "Penomoran",
              "dispatch": "Pengiriman"}
STEP_STATUS = {"pending": "menunggu", "approved": "disetujui", "returned": "dikembalikan", "rejected": "ditolak",
               "skipped": "dilewati", "cancelled": "dibatalkan", "waiting": "belum", "forwarded": "diteruskan"}
DISPOSITION_STATUS = {"sent": "Terkirim", "read": "Dibaca", "done": "Selesai", "baru": "Baru",
                      "disposed": "Sudah didisposisikan"}
MODIFICATION = {"NONE": "tidak ada perubahan", "LTA_UPDATES": "hanya pembaruan validasi (LTA)",
                "FORM_FILLING": "pengisian formulir", "ANNOTATIONS": "anotasi ditambahkan",
                "OTHER": "PERUBAHAN LAIN", "UNKNOWN": "tidak diketahui"}


ERROR_STYLE = "color:#b3261e"


def error_label() -> QLabel:
    """The red, wrapping message line every dialog shows its refusals in."""
    label = QLabel("")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def ok_cancel(ok_text: str, accept: Callable[[], object], reject: Callable[[], object]) -> QDialogButtonBox:
    """OK/Batal buttons with the OK button named for what it does."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
    box.accepted.connect(accept)
    box.rejected.connect(reject)
    return box
