"""Indonesian dates and number words, independent of the machine's locale."""

from __future__ import annotations

import datetime as dt

from eoffice.domain import BadInput

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")  # date.weekday() order

_SATUAN = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def nama_bulan(month: int) -> str:
    if not 1 <= month <= 12:
        raise BadInput(f"month must be 1..12, got {month}")
    return BULAN[month - 1]


def nama_hari(day: dt.date) -> str:
    return HARI[day.weekday()]


def format_tanggal(day: dt.date) -> str:
    """``23 November 2026`` (no leading zero, as in Tata Naskah Dinas)."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def format_hari_tanggal(day: dt.date) -> str:
    """``Senin, 23 November 2026``."""
    return f"{nama_hari(day)}, {format_tanggal(day)}"


def format_tempat_tanggal(place: str, day: dt.date | None) -> str:
    """``Samarinda, 23 November 2026``; an undated draft shows a blank for the date."""
    when = format_tanggal(day) if day is not None else "." * 24  # filled in at numbering/signing
    return f"{place}, {when}" if place else when


def terbilang(n: int) -> str:
    """Indonesian number words, lower case: 2026 -> ``dua ribu dua puluh enam``."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    if n >= 10**15:
        raise BadInput("number too large to spell out")
    return _words(n).strip()


def _words(n: int) -> str:
    if n < 10:
        return _SATUAN[n]
    if n < 20:
        if n == 10:
            return "sepuluh"
        if n == 11:
            return "sebelas"
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        return f"{_SATUAN[n // 10]} puluh {_words(n % 10)}".strip()
    if n < 1000:
        head = "seratus" if n // 100 == 1 else f"{_SATUAN[n // 100]} ratus"
        return f"{head} {_words(n % 100)}".strip()
    for size, name in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if n >= size:
            head = "seribu" if (size == 1000 and n // size == 1) else f"{_words(n // size)} {name}"
            return f"{head} {_words(n % size)}".strip()
    raise AssertionError("unreachable")


def ordinal_diktum(n: int) -> str:
    """Diktum labels of a decree: KESATU, KEDUA, ..., KESEBELAS, KEDUA PULUH SATU."""
    if n < 1:
        raise BadInput(f"diktum number must be >= 1, got {n}")
    return "KESATU" if n == 1 else "KE" + terbilang(n).upper()


def kalimat_tanggal(day: dt.date) -> str:
    """Words for a berita acara:
    ``Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam``."""
    words = f"tanggal {terbilang(day.day)} bulan {nama_bulan(day.month)} tahun {terbilang(day.year)}"
    return f"{nama_hari(day)} {words}"
