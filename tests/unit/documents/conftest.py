"""Sample letters for the documents tests."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

from eoffice.documents.body import parse_markdown
from eoffice.documents.letter import (
    Assignee,
    Assignment,
    Decree,
    Disposition,
    Invitation,
    LetterData,
    Signatory,
)
from eoffice.documents.letterheads import demo_letterhead
from eoffice.domain import DocKind, Urgency

BODY_MD = """Sehubungan dengan pelaksanaan **Transformasi Digital** Pemerintah Provinsi Kalimantan
Timur, dengan hormat kami sampaikan hal-hal sebagai berikut:

1. Setiap Perangkat Daerah agar menunjuk *satu orang* admin.
2. Nama admin disampaikan paling lambat 30 November 2026.

| No | Perangkat Daerah |
|----|------------------|
| 1  | Dinas Kesehatan  |
"""

SIGNER = Signatory(
    "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA PROVINSI KALIMANTAN TIMUR",
    "Dr. Muhammad Faisal, S.Kom., M.Si.",
    "197501012000031002",
    "Pembina Utama Muda (IV/c)",
)


def sample_letter(kind: DocKind = DocKind.SURAT_DINAS, **over: Any) -> LetterData:
    fields: dict[str, Any] = dict(
        kind=kind,
        letterhead=demo_letterhead("DISKOMINFO"),
        subject="Penunjukan Admin Aplikasi E-Office",
        body=parse_markdown(BODY_MD),
        number="000.1.2.3/0123/DISKOMINFO/2026",
        date=dt.date(2026, 11, 23),
        recipients=["Kepala Perangkat Daerah se-Provinsi Kalimantan Timur"],
        recipient_place="Samarinda",
        sender="Kepala Dinas Komunikasi dan Informatika",
        signatory=SIGNER,
        tembusan=[
            "Gubernur Kalimantan Timur (sebagai laporan)",
            "Sekretaris Daerah Provinsi Kalimantan Timur",
        ],
        attachment_note="1 (satu) berkas",
        closing="Demikian disampaikan, atas perhatiannya diucapkan terima kasih.",
        invitation=Invitation(
            dt.date(2026, 12, 1),
            "09.00 WITA s.d. selesai",
            "Ruang Rapat Tepian I",
            "Sosialisasi Aplikasi E-Office",
        ),
        decree=Decree(
            ["bahwa perlu dibentuk tim;", "bahwa perlu menetapkan Keputusan;"],
            ["Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"],
            diktum=[
                "Membentuk Tim Transformasi Digital.",
                "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
            ],
        ),
        assignment=Assignment(
            ["Surat Gubernur Nomor 000/123/2026"],
            [
                Assignee(
                    "Andi Pratama, S.T.", "198803152010011003", "Penata (III/c)", "Pranata Komputer Ahli Muda"
                )
            ],
            ["Mengikuti rapat koordinasi di Jakarta"],
        ),
        disposition=Disposition(
            "Kementerian Dalam Negeri",
            "000.1/4567/SJ",
            dt.date(2026, 11, 20),
            "Undangan Rapat Koordinasi Nasional",
            dt.date(2026, 11, 22),
            "1234",
            Urgency.SEGERA,
            recipient_options=["Sekretaris", "Kabid Aptika"],
            recipients=["Kabid Aptika"],
            instructions=["Hadiri/Wakili"],
            note="Mohon dihadiri.",
            deadline=dt.date(2026, 11, 28),
        ),
    )
    fields.update(over)
    return LetterData(**fields)


@pytest.fixture
def letter() -> Callable[..., LetterData]:
    return sample_letter


def pdftotext(pdf: bytes, layout: bool = True) -> str:
    """Text of a PDF via poppler's pdftotext (layout mode keeps the reading order of lines)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + ["-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=60).stdout.decode("utf-8")


def qpdf_check(pdf: bytes, tmp_path: Any) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf not installed")
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    res = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.fixture
def pdf_text() -> Callable[..., str]:
    return pdftotext


@pytest.fixture
def qpdf_ok(tmp_path: Any) -> Callable[[bytes], None]:
    return lambda pdf: qpdf_check(pdf, tmp_path)
