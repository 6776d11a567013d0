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
