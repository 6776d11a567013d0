"""Indonesian labels shown in the UI (one place, so wording stays consistent)."""

from __future__ import annotations

from eoffice.domain import KIND_LABELS
from eoffice.services.queries import STATUS_LABELS
from eoffice.workflow.disposition import INSTRUCTIONS as _INSTRUCTIONS

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
