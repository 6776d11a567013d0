from __future__ import annotations

import datetime as dt

import pytest

from eoffice.documents.dates import (
    format_hari_tanggal,
    format_tanggal,
    format_tempat_tanggal,
    kalimat_tanggal,
    nama_bulan,
    nama_hari,
    ordinal_diktum,
    terbilang,
)
from eoffice.documents.letter import format_nip
from eoffice.domain import BadInput


def test_format_tanggal() -> None:
    assert format_tanggal(dt.date(2026, 11, 23)) == "23 November 2026"
    assert format_tanggal(dt.date(2026, 1, 5)) == "5 Januari 2026"
    assert format_hari_tanggal(dt.date(2026, 11, 23)) == "Senin, 23 November 2026"
    assert format_tempat_tanggal("Samarinda", dt.date(2026, 8, 17)) == "Samarinda, 17 Agustus 2026"
    assert format_tempat_tanggal("Samarinda", None).startswith("Samarinda, ....")


def test_names() -> None:
    assert [nama_bulan(m) for m in (2, 5, 12)] == ["Februari", "Mei", "Desember"]
    assert [nama_hari(dt.date(2026, 11, 23) + dt.timedelta(days=d)) for d in range(7)] == [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]  # fmt: skip
    with pytest.raises(BadInput):
        nama_bulan(13)


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (23, "dua puluh tiga"),
        (100, "seratus"),
        (115, "seratus lima belas"),
        (1000, "seribu"),
        (1950, "seribu sembilan ratus lima puluh"),
        (2026, "dua ribu dua puluh enam"),
        (1_000_000, "satu juta"),
        (21_500_000, "dua puluh satu juta lima ratus ribu"),
    ],
)
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_diktum_and_berita_acara_words() -> None:
    assert [ordinal_diktum(n) for n in (1, 2, 10, 11, 12, 21)] == [
        "KESATU", "KEDUA", "KESEPULUH", "KESEBELAS", "KEDUA BELAS", "KEDUA PULUH SATU"]  # fmt: skip
    assert kalimat_tanggal(dt.date(2026, 11, 23)) == (
        "Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam"
    )


def test_format_nip() -> None:
    assert format_nip("197001011995031001") == "19700101 199503 1 001"
    assert format_nip("19700101 199503 1 001") == "19700101 199503 1 001"
    assert format_nip("12345") == "12345"


def test_demo_letterheads() -> None:
    from eoffice.documents.letterheads import (
        DEMO_UNITS,
        demo_letterhead,
        governor_letterhead,
        unit_letterhead,
    )

    head = demo_letterhead("diskominfo")
    assert head.lines == ("PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KOMUNIKASI DAN INFORMATIKA")
    # "Pos-el" and the address are joined by a no-break space (docs/tata-naskah.md, rule 6)
    assert (
        "Samarinda" in head.contact_lines[0] and "Pos-el\u00a0diskominfo@kaltimprov.go.id" in head.contact_lines[1]
    )
    assert demo_letterhead("nope").lines[1] == "SEKRETARIAT DAERAH"
    assert set(DEMO_UNITS) >= {"SETDA", "DISKOMINFO"}
    default = unit_letterhead()
    assert default.contact_lines[0].startswith("Jalan Gajah Mada No. 2, Samarinda 75121")
    gov = governor_letterhead()
    assert gov.centered and gov.lines == ("GUBERNUR KALIMANTAN TIMUR",)


# Rule 11 (docs/tata-naskah.md): the words and names come from num2words and Babel now; these pin the text
# the letters printed when both were hand-written, so the swap changed no letter.


@pytest.mark.parametrize(
    "n, words",
    [
        (19, "sembilan belas"),
        (101, "seratus satu"),
        (110, "seratus sepuluh"),
        (111, "seratus sebelas"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1001, "seribu satu"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (111_111, "seratus sebelas ribu seratus sebelas"),
        (2_000_000_000, "dua miliar"),
        (1_000_000_000_000, "satu triliun"),
        (-5, "minus lima"),
    ],
)
def test_terbilang_more(n: int, words: str) -> None:
    assert terbilang(n) == words


def _hand_written(n: int) -> str:
    """The words as eoffice spelled them before num2words (the oracle for the swap)."""
    satuan = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
    if n < 10:
        return satuan[n]
    if n < 20:
        return {10: "sepuluh", 11: "sebelas"}.get(n, f"{satuan[n - 10]} belas")
    if n < 100:
        return f"{satuan[n // 10]} puluh {_hand_written(n % 10)}".strip()
    if n < 1000:
        head = "seratus" if n // 100 == 1 else f"{satuan[n // 100]} ratus"
        return f"{head} {_hand_written(n % 100)}".strip()
    for size, name in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if n >= size:
            head = "seribu" if (size == 1000 and n // size == 1) else f"{_hand_written(n // size)} {name}"
            return f"{head} {_hand_written(n % size)}".strip()
    raise AssertionError


def test_terbilang_agrees_with_the_hand_written_words_for_every_day_month_and_year() -> None:
    for n in [*range(1, 3001), 10**6 + 1, 123_456_789, 999_999_999_999_999]:
        assert terbilang(n) == _hand_written(n), n
    with pytest.raises(BadInput):
        terbilang(10**15)


def test_every_month_and_weekday_in_indonesian() -> None:
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember"]
    assert [nama_bulan(m) for m in range(1, 13)] == months
    assert [format_tanggal(dt.date(2027, m, 1)) for m in range(1, 13)] == [f"1 {m} 2027" for m in months]
    assert format_hari_tanggal(dt.date(2026, 12, 31)) == "Kamis, 31 Desember 2026"
    assert format_hari_tanggal(dt.date(2027, 2, 28)) == "Minggu, 28 Februari 2027"
    assert kalimat_tanggal(dt.date(2026, 11, 19)) == (
        "Kamis tanggal sembilan belas bulan November tahun dua ribu dua puluh enam")


def test_stamp_and_verification_page_dates() -> None:
    from eoffice.signing.stamp import format_date_id
    from eoffice.web.pages import date_text

    when = dt.datetime(2026, 3, 9, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert format_date_id(when) == "9 Maret 2026 14:05 WITA"
    assert date_text(when, "id") == "9 Maret 2026" and date_text(when, "en") == "9 March 2026"
