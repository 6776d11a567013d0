"""Rendering: every kind lays out, the text is where a reader expects it, the PDF is valid."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from eoffice.documents.body import Body, ListBlock, ListItem, Paragraph, Run, parse_markdown
from eoffice.documents.letter import Decree, LetterData, PaperSize, Signatory
from eoffice.documents.letterheads import governor_letterhead
from eoffice.documents.render import render_letter
from eoffice.domain import Capacity, DocKind

MakeLetter = Callable[..., LetterData]
Text = Callable[..., str]


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _index(lines: list[str], needle: str) -> int:
    for i, line in enumerate(lines):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not found in:\n" + "\n".join(lines))


@pytest.mark.parametrize("kind", list(DocKind))
def test_every_kind_renders_valid_pdf(
    kind: DocKind, letter: MakeLetter, qpdf_ok: Callable[[bytes], None]
) -> None:
    res = render_letter(letter(kind))
    assert res.pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(res.pdf))
    assert len(reader.pages) == res.page_count >= 1
    assert res.signature_rect is not None
    r = res.signature_rect
    # about 85 x 30 mm, inside the page
    assert 235 < r.x2 - r.x1 < 250 and 80 < r.y2 - r.y1 < 90
    assert 0 <= r.page < res.page_count and r.x1 >= 0 and r.x2 <= res.page_size[0] and r.y1 >= 0
    meta = reader.metadata
    assert meta is not None and meta.creator == "eoffice" and meta.title
    qpdf_ok(res.pdf)


def test_surat_dinas_layout(letter: MakeLetter, pdf_text: Text) -> None:
    lines = _lines(pdf_text(render_letter(letter(DocKind.SURAT_DINAS)).pdf))
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in lines[0]
    assert _index(lines, "DINAS KOMUNIKASI DAN INFORMATIKA") < _index(lines, "Samarinda, 23 November 2026")
    order = [
        "Samarinda, 23 November 2026",
        "Nomor : 000.1.2.3/0123/DISKOMINFO/2026",
        "Sifat : Biasa",
        "Lampiran : 1 (satu) berkas",
        "Hal : Penunjukan Admin",
        "Yth. Kepala Perangkat Daerah",
        "di Samarinda",
        "Sehubungan dengan",
        "Demikian disampaikan",
        "KEPALA DINAS KOMUNIKASI",
        "Dr. Muhammad Faisal",
        "NIP. 19750101 200003 1 002",
        "Tembusan:",
        "1. Gubernur Kalimantan Timur",
        "2. Sekretaris Daerah",
    ]
    positions = [_index(lines, s) for s in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    assert "Tembusan" in "\n".join(lines[-3:])


def test_signature_name_is_below_title_and_stamp(letter: MakeLetter) -> None:
    res = render_letter(letter(DocKind.SURAT_DINAS))
    page = PdfReader(io.BytesIO(res.pdf)).pages[res.signature_rect.page if res.signature_rect else 0]
    ys: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        for key in ("TIMUR,", "Dr. Muhammad Faisal"):
            if key in text:  # page y = text matrix applied through the current transformation matrix
                ys.setdefault(key, tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    assert res.signature_rect is not None
    assert ys["TIMUR,"] > res.signature_rect.y2 >= res.signature_rect.y1 > ys["Dr. Muhammad Faisal"]


def test_number_placeholder_and_undated_draft(letter: MakeLetter, pdf_text: Text) -> None:
    text = pdf_text(render_letter(letter(DocKind.SURAT_DINAS, number="", date=None)).pdf)
    assert "Nomor : ......." in " ".join(text.split())
    assert "Samarinda, ......" in text


def test_a_nota_dinas_with_no_sender_yet_leaves_a_line_to_fill_not_a_dash(letter: MakeLetter, pdf_text: Text) -> None:
    text = " ".join(pdf_text(render_letter(letter(DocKind.NOTA_DINAS, sender="", number="", date=None)).pdf).split())
    assert "Dari : ........................................ Tembusan" in text and "Dari : -" not in text


def test_nota_dinas_header(letter: MakeLetter, pdf_text: Text) -> None:
    lines = _lines(pdf_text(render_letter(letter(DocKind.NOTA_DINAS)).pdf))
    order = [
        "NOTA DINAS",
        "Kepada : Yth. Kepala Perangkat",
        "Dari : Kepala Dinas",
        "Tembusan : 1. Gubernur",
        "Tanggal : 23 November 2026",
        "Nomor : 000.1.2.3",
        "Sifat : Biasa",
        "Lampiran :",
        "Hal : Penunjukan",
        "Sehubungan",
        "Dr. Muhammad Faisal",
    ]
    positions = [_index(lines, s) for s in order]
    assert positions == sorted(positions)
    assert lines[_index(lines, "NOTA DINAS")].strip() == "NOTA DINAS"


def test_capacity_lines(letter: MakeLetter, pdf_text: Text) -> None:
    an = Signatory(
        "SEKRETARIS DAERAH", "Sri Wahyuni", capacity=Capacity.AN, principal_title="GUBERNUR KALIMANTAN TIMUR"
    )
    lines = _lines(pdf_text(render_letter(letter(DocKind.SURAT_DINAS, signatory=an)).pdf))
    assert _index(lines, "a.n. GUBERNUR KALIMANTAN TIMUR") + 1 == _index(lines, "SEKRETARIS DAERAH,")
    plt = Signatory("KEPALA BIRO UMUM", "Budi", capacity=Capacity.PLT)
    text = pdf_text(render_letter(letter(DocKind.SURAT_DINAS, signatory=plt)).pdf)
    assert "Plt. KEPALA BIRO UMUM," in text


def test_keputusan_parts(letter: MakeLetter, pdf_text: Text) -> None:
    data = letter(DocKind.SURAT_KEPUTUSAN, letterhead=governor_letterhead(), body=Body())
    lines = _lines(pdf_text(render_letter(data).pdf))
    order = [
        "GUBERNUR KALIMANTAN TIMUR",
        "KEPUTUSAN KEPALA DINAS",
        "NOMOR 000.1.2.3",
        "TENTANG",
        "PENUNJUKAN ADMIN",
        "DENGAN RAHMAT TUHAN YANG MAHA ESA",
        "Menimbang : a. bahwa",
        "b. bahwa",
        "Mengingat :",
        "MEMUTUSKAN:",
        "Menetapkan :",
        "KESATU : Membentuk",
        "KEDUA : Keputusan ini",
        "Ditetapkan di Samarinda",
        "pada tanggal 23 November 2026",
        "Dr. Muhammad Faisal",
    ]
    positions = [_index(lines, s) for s in order]
    assert positions == sorted(positions)


def test_fifty_page_keputusan(letter: MakeLetter, qpdf_ok: Callable[[bytes], None]) -> None:
    item = (
        "Peraturan Daerah Provinsi Kalimantan Timur tentang Penyelenggaraan Pemerintahan Berbasis "
        "Elektronik dan Satu Data Kalimantan Timur beserta perubahannya; "
    )
    decree = Decree([item * 2] * 40, [item] * 200, diktum=[item * 3] * 140)
    res = render_letter(letter(DocKind.SURAT_KEPUTUSAN, decree=decree, body=Body()))
    assert 45 <= res.page_count <= 70
    assert res.signature_rect is not None and res.signature_rect.page == res.page_count - 1
    text = PdfReader(io.BytesIO(res.pdf)).pages[1].extract_text()
    assert text.lstrip().startswith("- 2 -")
    qpdf_ok(res.pdf)


def test_page_numbers_from_page_two(letter: MakeLetter, pdf_text: Text) -> None:
    long_body = Body(
        tuple(Paragraph((Run("Kalimat panjang untuk mengisi halaman. " * 30),)) for _ in range(12))
    )
    res = render_letter(letter(DocKind.SURAT_DINAS, body=long_body))
    assert res.page_count >= 3
    pages = pdf_text(res.pdf).split("\f")
    assert "- 1 -" not in pages[0]
    # pdftotext drops the spaces of "- 2 -" (a single centred string)
    assert pages[1].strip().replace(" ", "").startswith("-2-") and pages[2].strip().replace(
        " ", ""
    ).startswith("-3-")


def test_f4_paper_and_paraf_boxes(letter: MakeLetter) -> None:
    res = render_letter(letter(DocKind.NOTA_DINAS, paper=PaperSize.F4, paraf_labels=["Sekretaris", "Kabid"]))
    assert round(res.page_size[1] / 72 * 25.4) == 330
    assert len(res.paraf_rects) == 2
    a, b = res.paraf_rects
    assert a.y1 > b.y2 and a.x1 == b.x1
    assert res.signature_rect is not None and a.x2 < res.signature_rect.x1


def test_no_signatory_means_no_stamp_rect(letter: MakeLetter) -> None:
    assert render_letter(letter(DocKind.MEMO, signatory=None)).signature_rect is None


def test_render_is_deterministic_and_pdfa_metadata(letter: MakeLetter) -> None:
    a = render_letter(letter(DocKind.SURAT_DINAS)).pdf
    b = render_letter(letter(DocKind.SURAT_DINAS)).pdf
    assert a == b
    reader = PdfReader(io.BytesIO(a))
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root and "/Metadata" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp
    fonts = set()
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert fonts and all("LiberationSans" in f for f in fonts), fonts  # every font embedded, no base-14


def test_unicode_names_and_long_words(letter: MakeLetter, pdf_text: Text) -> None:
    sig = Signatory("KEPALA DINAS", "Ñoño Ŝćœ Nguyễn Thị Minh Khai 王小明 \U0001f600", "1" * 18)
    body = Body(
        (
            Paragraph((Run("x" * 3000),)),
            ListBlock(False, (ListItem((Run("y" * 500),)),)),
            Paragraph((Run("<b>&amp;</b> <script>"),)),
        )
    )
    res = render_letter(letter(DocKind.SURAT_DINAS, signatory=sig, body=body, subject="Ü" * 400))
    text = pdf_text(res.pdf)
    assert "Ñoño Ŝćœ Nguyễn" in text
    assert "<b>&amp;</b> <script>" in text


def test_lembar_disposisi(letter: MakeLetter, pdf_text: Text) -> None:
    res = render_letter(letter(DocKind.NASKAH_MASUK, body=Body()))
    text = " ".join(pdf_text(res.pdf, layout=False).split())
    # Grid cells come out in a heuristic order: check labels and values, not their adjacency.
    for s in (
        "LEMBAR DISPOSISI",
        "Surat dari",
        "Kementerian Dalam",
        "Nomor agenda",
        "1234",
        "000.1/4567/SJ",
        "Diterima tanggal",
        "22 November 2026",
        "Tindak lanjuti",
        "Siapkan bahan",
        "Arsipkan",
        "Kabid Aptika",
        "Catatan:",
        "Mohon dihadiri.",
        "Batas waktu",
        "28 November 2026",
    ):
        assert s in text, s
    blank = render_letter(letter(DocKind.NASKAH_MASUK, disposition=None, signatory=None, body=Body()))
    assert blank.page_count == 1


def test_bad_logo_path_is_bad_input(letter: MakeLetter, tmp_path: object) -> None:
    from pathlib import Path

    from eoffice.documents.letter import Letterhead
    from eoffice.domain import BadInput

    bogus = Path(str(tmp_path)) / "logo.png"
    bogus.write_bytes(b"not a png")
    with pytest.raises(BadInput, match="logo"):
        render_letter(letter(DocKind.SURAT_DINAS, letterhead=Letterhead(["X"], logo_path=bogus)))


def test_dates_in_metadata(letter: MakeLetter) -> None:
    res = render_letter(letter(DocKind.MEMO, date=dt.date(2026, 2, 3)))
    meta = PdfReader(io.BytesIO(res.pdf)).metadata
    assert meta is not None and str(meta["/CreationDate"]).startswith("D:20260203080000+08")


@pytest.mark.parametrize("kind", [DocKind.SURAT_KEPUTUSAN, DocKind.NASKAH_MASUK, DocKind.SURAT_TUGAS])
def test_fields_at_their_length_limits_still_lay_out(kind: DocKind) -> None:
    from eoffice.documents.body import Table
    from eoffice.documents.letter import (
        SHORT_LIMITS,
        Assignee,
        Assignment,
        Disposition,
        Invitation,
        Letterhead,
    )
    from eoffice.domain import BadInput

    t = "Ü" * 2000  # one unbreakable word per field: the worst case for line breaking

    def cut(name: str) -> str:
        return t[: SHORT_LIMITS[name]]

    sig = Signatory(
        cut("signatory.title"),
        cut("signatory.name"),
        cut("signatory.nip"),
        cut("signatory.rank"),
        Capacity.AN,
        cut("signatory.principal_title"),
    )
    data = LetterData(
        kind,
        Letterhead([t, t], [t]),
        subject=t,
        number=t,
        place=cut("place"),
        attachment_note=t,
        recipients=[t] * 3,
        recipient_place=t,
        sender=t,
        signatory=sig,
        tembusan=[t] * 3,
        closing=t,
        paraf_labels=[cut("paraf_labels")] * 8,
        decree=Decree([t] * 3, [t], [t], t, [t] * 3),
        assignment=Assignment([t], [Assignee(t, t, t, t)], [t]),
        disposition=Disposition(
            t, t, None, t, None, t, recipient_options=[t] * 3, instructions=[t], note=t * 3
        ),
        invitation=Invitation(None, t, t, t, t),
        body=Body((Table((((Run(t * 3),),) * 3,) * 2),)),
    )
    res = render_letter(data)
    assert res.signature_rect is not None and len(res.paraf_rects) == 8
    with pytest.raises(BadInput, match="signatory.name"):
        Signatory_ = Signatory("X", t)
        LetterData(kind, Letterhead(["X"]), signatory=Signatory_)


def test_signature_follows_on_the_same_page_as_the_closing(letter: MakeLetter, pdf_text: Text) -> None:
    # Regression: a nested KeepTogether once pushed closing + signature to a new, otherwise empty page.
    para = "Kalimat isi surat yang cukup panjang untuk mengisi halaman pertama. " * 12
    rows = "\n".join(f"| {n} | Dinas Nomor {n} | {n} |" for n in range(1, 16))
    body = parse_markdown(f"{para}\n\n{para}\n\n{para}\n\n| No | Nama | Jumlah |\n|---|---|---|\n{rows}")
    res = render_letter(letter(DocKind.SURAT_DINAS, body=body))
    pages = pdf_text(res.pdf).split("\f")
    assert res.signature_rect is not None
    sig_page = pages[res.signature_rect.page]
    assert "Demikian disampaikan" in sig_page and "Tembusan" in sig_page
    before = pages[res.signature_rect.page - 1] if res.signature_rect.page else ""
    # the page before the signature page is not left mostly empty
    assert (
        res.signature_rect.page == 0 or len(before.strip().splitlines()) > 20 or "Dinas Nomor 15" in sig_page
    )
    assert res.page_count == 2


def test_logo_image_is_used(letter: MakeLetter, tmp_path: object) -> None:
    from pathlib import Path

    from PIL import Image

    from eoffice.documents.letterheads import unit_letterhead

    logo = Path(str(tmp_path)) / "logo.png"
    Image.new("RGBA", (120, 140), (20, 90, 160, 255)).save(logo)
    res = render_letter(letter(DocKind.SURAT_DINAS, letterhead=unit_letterhead("BIRO UMUM", logo_path=logo)))
    page = PdfReader(io.BytesIO(res.pdf)).pages[0]
    assert len(page.images) == 1
    Image.new("RGB", (5000, 10), (0, 0, 0)).save(logo)  # absurdly wide: scaled into its column
    render_letter(letter(DocKind.SURAT_KEPUTUSAN, letterhead=unit_letterhead("BIRO UMUM", logo_path=logo)))
