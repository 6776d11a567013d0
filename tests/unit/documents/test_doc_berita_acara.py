"""Berita acara: the opening sentence spells out the day of the event (a part the drafter fills in), in the
preview and the working PDF alike, independent of the signing date; the place-and-date line stays a field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from eoffice.documents.letter import LetterData, Proceedings
from eoffice.documents.render import render_letter
from eoffice.domain import BadInput, DocKind
from eoffice.services.parts import check_complete, check_parts, kind_parts

EVENT = dt.date(2026, 11, 19)  # a Thursday
SPELLED = ("Pada hari ini Kamis tanggal sembilan belas bulan November tahun dua ribu dua puluh enam, bertempat di "
           "Ruang Server Diskominfo, telah dilaksanakan kegiatan sebagaimana tersebut di bawah ini.")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def ba(letter: Callable[..., LetterData], **over: object) -> LetterData:
    fields: dict[str, object] = {"subject": "Serah Terima Perangkat Jaringan", "number": "", "date": None,
                                 "proceedings": Proceedings(EVENT, "Ruang Server Diskominfo")}
    return letter(DocKind.BERITA_ACARA, **(fields | over))


def test_preview_of_a_draft_states_the_event_day(letter: Callable[..., LetterData],
                                                 pdf_text: Callable[..., str]) -> None:
    assert SPELLED in flat(pdf_text(render_letter(ba(letter)).pdf, layout=False))


def test_working_pdf_states_the_event_day_and_keeps_the_date_a_field(letter: Callable[..., LetterData],
                                                                     pdf_text: Callable[..., str]) -> None:
    res = render_letter(ba(letter, form_fields=True))
    text = flat(pdf_text(res.pdf, layout=False))
    assert SPELLED in text
    assert {s.name for s in res.text_slots} >= {"nomor", "tanggal"}  # number and signing date filled at signing


def test_signed_render_keeps_the_event_day_not_the_signing_date(letter: Callable[..., LetterData],
                                                                pdf_text: Callable[..., str]) -> None:
    text = flat(pdf_text(render_letter(ba(letter, date=dt.date(2026, 11, 23), number="BA/1/2026")).pdf,
                         layout=False))
    assert SPELLED in text and "Samarinda, 23 November 2026" in text
    assert "dua puluh tiga" not in text


def test_without_an_event_day(letter: Callable[..., LetterData], pdf_text: Callable[..., str]) -> None:
    # a draft: dotted blanks to fill in, as on a paper form (submission refuses it, see below)
    blank = flat(pdf_text(render_letter(ba(letter, proceedings=None)).pdf, layout=False))
    assert re.search(r"Pada hari ini \.{12} tanggal \.{12} bulan \.{12} tahun \.{12}, bertempat di Samarinda,", blank)
    # a berita acara signed before the event day was a part renders as it was signed: with the signing date
    old = flat(pdf_text(render_letter(ba(letter, proceedings=None, date=dt.date(2026, 11, 23))).pdf, layout=False))
    assert "Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam" in old


def test_parts_are_checked_when_written_and_at_submission() -> None:
    parts = kind_parts({"berita_acara": {"tanggal": "2026-11-19", "tempat": " Aula "}})
    assert parts["proceedings"] == Proceedings(EVENT, "Aula")
    with pytest.raises(BadInput, match="Tanggal kegiatan berita acara tidak valid"):
        check_parts("berita_acara", {"berita_acara": {"tanggal": "2026-02-30"}})
    with pytest.raises(BadInput):
        check_parts("berita_acara", {"berita_acara": "2026-11-19"})
    with pytest.raises(BadInput):
        check_parts("surat_undangan", {"undangan": "besok"})
    check_parts("berita_acara", {"berita_acara": {}})  # a draft may leave it empty ...
    for fields in ({}, {"berita_acara": {"tempat": "Aula"}}, {"berita_acara": {"tanggal": ""}}):
        with pytest.raises(BadInput, match="Tanggal kegiatan berita acara wajib diisi"):
            check_complete("berita_acara", fields)  # ... but not submit without it
    check_complete("berita_acara", {"berita_acara": {"tanggal": "2026-11-19"}})
    check_complete("nota_dinas", {})


def test_event_place_is_one_short_line(letter: Callable[..., LetterData]) -> None:
    with pytest.raises(BadInput, match="proceedings.place"):
        ba(letter, proceedings=Proceedings(EVENT, "x" * 301))
