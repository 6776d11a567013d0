"""Indonesian dates and number words, independent of the machine's locale: Babel's CLDR data for the
month and day names (locale ``id``), num2words (``lang="id"``) for the words (rule 11, docs/tata-naskah.md)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from num2words import num2words  # type: ignore[import-untyped]

from eoffice.domain import BadInput

_LOCALE = "id"


def nama_bulan(month: int) -> str:
    if not 1 <= month <= 12:
        raise BadInput(f"month must be 1..12, got {month}")
    return format_date(dt.date(2000, month, 1), "MMMM", locale=_LOCALE)


def nama_hari(day: dt.date) -> str:
    return format_date(day, "EEEE", locale=_LOCALE)


def format_tanggal(day: dt.date) -> str:
    """``23 November 2026`` (no leading zero, as in Tata Naskah Dinas)."""
    return format_date(day, "d MMMM y", locale=_LOCALE)


def format_hari_tanggal(day: dt.date) -> str:
    """``Senin, 23 November 2026``."""
    return format_date(day, "EEEE, d MMMM y", locale=_LOCALE)


def format_tempat_tanggal(place: str, day: dt.date | None) -> str:
    """``Samarinda, 23 November 2026``; an undated draft shows a blank for the date."""
    when = format_tanggal(day) if day is not None else "." * 24  # filled in at numbering/signing
    return f"{place}, {when}" if place else when


def terbilang(n: int) -> str:
    """Indonesian number words, lower case: 2026 -> ``dua ribu dua puluh enam``."""
    if n < 0:
        return "minus " + terbilang(-n)  # (num2words says "min")
    if n >= 10**15:
        raise BadInput("number too large to spell out")
    return str(num2words(n, lang="id"))


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
