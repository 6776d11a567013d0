"""Tata Naskah Dinas rules (docs/tata-naskah.md), each checked on the rendered PDF read back."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.lib.units import mm

from eoffice.documents.body import parse_markdown
from eoffice.documents.letter import LetterData, PaperSize, Signatory
from eoffice.documents.letterheads import governor_letterhead, unit_letterhead
from eoffice.documents.page import DEFAULT_PROFILE, PageProfile, profile_from
from eoffice.documents.render import render_letter
from eoffice.domain import BadInput, Capacity, DocKind
from eoffice.workflow.tata_naskah import check_level, full_name, signs_bare
from tests.unit.documents.conftest import sample_letter
from tests.unit.documents.pdfread import find, fonts, words

LONG_BODY = "\n\n".join(f"Paragraf {n}: " + "isi surat yang panjang untuk mengisi halaman. " * 8 for n in range(30))


def _lines_of(ws: list, page: int) -> list[str]:
    rows: dict[float, list] = {}
    for w in ws:
        if w.page == page:
            rows.setdefault(round(w.y1), []).append(w)
    return [" ".join(w.text for w in sorted(r, key=lambda w: w.x1)) for _, r in sorted(rows.items())]


# ---------------------------------------------------------------- rule 1: Pasal 44


def test_pasal_44_who_signs_bare() -> None:
    assert signs_bare({"gubernur"}, Capacity.SELF)
    assert signs_bare({"wagub"}, Capacity.SELF) and signs_bare({"sekda"}, Capacity.SELF)
    assert signs_bare({"wagub"}, Capacity.PLT, {"gubernur"})  # Plt. Gubernur
    assert signs_bare({"asisten"}, Capacity.PLH, {"sekda"})  # Plh. Sekda
    assert not signs_bare({"kepala_opd"}, Capacity.SELF)
    assert not signs_bare({"sekretaris_opd"}, Capacity.PLH, {"kepala_opd"})  # Plh. Kepala Dinas: with NIP
    assert not signs_bare({"asisten"}, Capacity.AN, {"sekda"})
    assert full_name("Budi Santoso", "Dr. H.", "S.T., M.Si.") == "Dr. H. Budi Santoso, S.T., M.Si."
    assert full_name("Budi Santoso") == "Budi Santoso"


def test_signature_block_prints_pangkat_then_nip_and_omits_empty_ones() -> None:
    sig = Signatory("Kepala Dinas Kesehatan", "dr. Rina, M.Kes.", "197501012000031002", "Pembina (IV/a)")
    _, ws = words(render_letter(sample_letter(signatory=sig)).pdf)
    lines = _lines_of(ws, 0)
    i = lines.index("Pembina (IV/a)")
    assert lines[i + 1] == "NIP. 19750101 200003 1 002" and "dr. Rina, M.Kes." in lines[i - 1]
    bare = Signatory("GUBERNUR KALIMANTAN TIMUR", "HARYANTO WICAKSONO")
    _, ws = words(render_letter(sample_letter(signatory=bare)).pdf)
    assert not find(ws, "NIP.")


# ---------------------------------------------------------------- rule 3: a.n., u.b., Plt./Plh.


def test_plt_block_names_the_office_then_the_signers_own_jabatan_in_capitals() -> None:
    plt = Signatory("Wakil Gubernur Kalimantan Timur", "H. Joko", capacity=Capacity.PLT,
                    principal_title="Gubernur Kalimantan Timur")
    _, ws = words(render_letter(sample_letter(signatory=plt)).pdf)
    lines = _lines_of(ws, 0)
    i = lines.index("Plt. GUBERNUR KALIMANTAN TIMUR,")
    assert lines[i + 1] == "WAKIL GUBERNUR KALIMANTAN TIMUR,"


def test_ub_block_and_own_title_capitalised() -> None:
    ub = Signatory("Kepala Biro Hukum", "Budi", capacity=Capacity.UB, principal_title="Gubernur Kalimantan Timur",
                   via_title="Sekretaris Daerah")
    _, ws = words(render_letter(sample_letter(signatory=ub)).pdf)
    lines = _lines_of(ws, 0)
    i = lines.index("a.n. GUBERNUR KALIMANTAN TIMUR,")
    assert lines[i + 1: i + 4] == ["SEKRETARIS DAERAH,", "u.b.", "KEPALA BIRO HUKUM,"]


def test_an_only_one_level_ub_two() -> None:
    check_level(Capacity.AN, 1)
    check_level(Capacity.UB, 2)
    for cap, depth in ((Capacity.AN, 2), (Capacity.AN, None), (Capacity.UB, 1)):
        with pytest.raises(BadInput):
            check_level(cap, depth)


# ---------------------------------------------------------------- rule 4: fonts and paper per kind


def test_keputusan_in_bookman_twin_letters_in_arial_twin_all_embedded() -> None:
    sk = fonts(render_letter(sample_letter(DocKind.SURAT_KEPUTUSAN)).pdf)
    assert sk and all(name.startswith("EofficeBonum") and emb for name, emb in sk), sk
    for kind in (DocKind.SURAT_DINAS, DocKind.NOTA_DINAS, DocKind.SURAT_TUGAS):
        used = fonts(render_letter(sample_letter(kind)).pdf)
        assert used and all(name.startswith("LiberationSans") and emb for name, emb in used), (kind, used)


def test_paper_a4_by_default_f4_per_kind_in_the_profile() -> None:
    pages, _ = words(render_letter(sample_letter(DocKind.SURAT_KEPUTUSAN)).pdf)
    assert (round(pages[0].width), round(pages[0].height)) == (595, 842)
    f4 = profile_from({"paper": {"surat_keputusan": "F4"}})
    res = render_letter(sample_letter(DocKind.SURAT_KEPUTUSAN), profile=f4)
    pages, _ = words(res.pdf)
    assert (round(pages[0].width), round(pages[0].height)) == (609, 935)
    pages, _ = words(render_letter(sample_letter(DocKind.SURAT_DINAS), profile=f4).pdf)
    assert round(pages[0].height) == 842
    with pytest.raises(BadInput):
        profile_from({"paper": {"surat_keputusan": "Letter"}})
    with pytest.raises(BadInput):
        profile_from({"margin_bottom": 10})


# ---------------------------------------------------------------- rule 5: margins, space under the kop


def test_margins_bottom_25mm_left_30_right_20() -> None:
    res = render_letter(sample_letter(body=parse_markdown(LONG_BODY)))
    pages, ws = words(res.pdf)
    assert res.page_count >= 2
    for p, page in enumerate(pages):
        on = [w for w in ws if w.page == p]
        assert max(w.y2 for w in on) <= page.height - 25 * mm + 0.5, p
        assert min(w.x1 for w in on) >= 30 * mm - 0.5
        assert max(w.x2 for w in on) <= page.width - 20 * mm + 0.5
    body_page1 = [w for w in ws if w.page == 0 and w.text.startswith("Paragraf")]
    assert body_page1


def test_two_line_spaces_under_the_kop() -> None:
    _, ws = words(render_letter(sample_letter()).pdf)
    kop_last = max(w.y2 for w in find(ws, "Pos-el", 0))
    first = min(w.y1 for w in ws if w.page == 0 and w.y1 > kop_last + 2)
    # the double rule (~8 pt with its padding) then two lines of 14.5 pt
    assert first - kop_last >= 8 + 2 * 14.5 - 1


def test_profile_margins_are_adjustable() -> None:
    wide = dataclasses.replace(DEFAULT_PROFILE, margin_left_mm=40)
    _, ws = words(render_letter(sample_letter(), profile=wide).pdf)
    assert min(w.x1 for w in ws) >= 40 * mm - 0.5
    assert isinstance(DEFAULT_PROFILE, PageProfile) and DEFAULT_PROFILE.margin_bottom_mm >= 25


# ---------------------------------------------------------------- rule 6: kop


def test_kepala_daerah_kop_has_the_lambang_negara_above_the_title_pd_kop_the_lambang_daerah() -> None:
    _, ws = words(render_letter(sample_letter(DocKind.SURAT_EDARAN, letterhead=governor_letterhead())).pdf)
    negara = find(ws, "NEGARA", 0)
    title = [w for w in find(ws, "GUBERNUR", 0) if w.y1 < 200]
    assert negara and title and max(w.y2 for w in negara) < min(w.y1 for w in title)
    assert find(ws, "(CONTOH)", 0)  # a placeholder says so
    _, ws = words(render_letter(sample_letter()).pdf)
    assert find(ws, "DAERAH", 0) and not find(ws, "NEGARA", 0)


@pytest.mark.parametrize("pad", range(0, 40, 3))
def test_kop_address_never_breaks_inside_a_phone_number_or_email(pad: int) -> None:
    head = unit_letterhead("DINAS KESEHATAN", "Jalan Dokter Soetomo Nomor 64 Blok " + "A" * pad + ", Samarinda",
                           "(0541) 748412", "dinas.kesehatan.provinsi@kaltimprov.go.id", "dinkes.kaltimprov.go.id")
    _, ws = words(render_letter(sample_letter(letterhead=head)).pdf)
    area = [w for w in ws if w.page == 0 and w.y1 < 150]
    code, number = find(area, "(0541)"), find(area, "748412")
    assert code and number and abs(code[0].y1 - number[0].y1) < 1
    assert len(find(area, "dinas.kesehatan.provinsi@kaltimprov.go.id")) == 1


# ---------------------------------------------------------------- rule 8: lampiran of a keputusan


def test_lampiran_of_keputusan_has_nomor_tanggal_and_ends_with_the_signature() -> None:
    data = sample_letter(DocKind.SURAT_KEPUTUSAN, body=parse_markdown("Susunan tim:\n\n1. Ketua\n2. Anggota"))
    res = render_letter(data)
    assert res.page_count >= 2
    _, ws = words(res.pdf)
    last = res.page_count - 1
    lines = _lines_of(ws, last)
    assert lines[0] == f"- {last + 1} -" and lines[1] == "LAMPIRAN"
    assert lines[2].startswith("KEPUTUSAN")
    assert any("NOMOR" in line and "000.1.2.3/0123/DISKOMINFO/2026" in line for line in lines)
    assert any("TANGGAL" in line and "23 November 2026" in line for line in lines)
    name = find(ws, "Faisal", last)
    body = find(ws, "Anggota", last)
    assert name and body and name[0].y1 > body[0].y1
    assert res.signature_rect is not None and res.signature_rect.page < last  # the TTE stays on the letter


# ---------------------------------------------------------------- rule 9: paraf labels


def test_paraf_labels_are_printed_whole() -> None:
    label = "Kepala Bidang Aplikasi Informatika Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur"
    assert len(label) > 60
    res = render_letter(sample_letter(paraf_labels=[label, "Sekretaris Dinas Komunikasi dan Informatika"]))
    _, ws = words(res.pdf)
    paraf_words = [w for w in ws if w.page == res.paraf_rects[0].page and w.x2 < 85 * mm + 72 * mm]
    text = " ".join(w.text for w in paraf_words)
    assert "Kalimantan Timur" in text.replace("\n", " ")


# ---------------------------------------------------------------- rule 11: loose lists


def test_list_items_separated_by_blank_lines_are_numbered_in_turn() -> None:
    body = parse_markdown("Hal berikut:\n\n1. Pertama\n\n2. Kedua\n\n3. Ketiga\n\nDemikian.")
    _, ws = words(render_letter(sample_letter(body=body)).pdf)
    lines = _lines_of(ws, 0)
    assert [line for line in lines if line.split()[-1] in ("Pertama", "Kedua", "Ketiga")] == [
        "1. Pertama", "2. Kedua", "3. Ketiga"]


def test_default_paper_is_a4() -> None:
    assert DEFAULT_PROFILE.paper_for(DocKind.SURAT_DINAS) == PaperSize.A4
    assert isinstance(sample_letter(), LetterData)


def test_surat_tugas_keeps_the_pangkat_key() -> None:
    from eoffice.services.parts import kind_parts

    parts = kind_parts({"tugas": {"kepada": [{"nama": "Budi Santoso, S.Kom.", "nip": "198001012005011001",
                                              "pangkat": "Penata Tingkat I (III/d)", "jabatan": "Pranata Komputer"}]}})
    _, ws = words(render_letter(sample_letter(DocKind.SURAT_TUGAS, **parts)).pdf)
    lines = _lines_of(ws, 0)
    assert any(line.startswith("Pangkat/Gol.") and line.endswith("Penata Tingkat I (III/d)") for line in lines), lines
