"""Rule 9 (docs/tata-naskah.md): the reviewers' paraf on every page of a long letter, and whole labels."""

from __future__ import annotations

from reportlab.lib.units import mm

from eoffice.documents.body import parse_markdown
from eoffice.documents.render import render_letter
from eoffice.services.paraf import label_text
from tests.unit.documents.conftest import sample_letter
from tests.unit.documents.pdfread import words

LONG = "\n\n".join(f"Paragraf {n}: " + "isi surat yang panjang untuk mengisi halaman. " * 8 for n in range(20))
LABELS = ["Kepala Bidang Aplikasi Informatika Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur",
          "Sekretaris Dinas Komunikasi dan Informatika"]


def test_every_page_but_the_one_with_the_boxes_has_a_paraf_mark_per_reviewer_at_the_bottom() -> None:
    res = render_letter(sample_letter(body=parse_markdown(LONG), paraf_labels=LABELS))
    assert res.page_count >= 3
    box_pages = {r.page for r in res.paraf_rects}
    assert box_pages == {res.page_count - 1}
    pages, ws = words(res.pdf)
    for p in range(res.page_count):
        marks = [r for i, r in res.paraf_marks if r.page == p]
        if p in box_pages:
            assert not marks
            continue
        assert [i for i, r in res.paraf_marks if r.page == p] == [0, 1]
        assert all(r.y2 <= 25 * mm and r.y1 >= 10 * mm for r in marks)  # the bottom margin, above the BSrE notice
        assert all(r.x1 >= 30 * mm for r in marks)
        label = [w for w in ws if w.page == p and w.text == "Paraf"]
        assert label and pages[p].height - label[0].y2 < 25 * mm  # printed "Paraf" at the foot


def test_a_letter_without_reviewers_has_no_marks() -> None:
    res = render_letter(sample_letter(body=parse_markdown(LONG)))
    assert res.paraf_marks == ()
    _, ws = words(res.pdf)
    assert not [w for w in ws if w.text == "Paraf"]


def test_paraf_labels_keep_whole_words() -> None:
    assert label_text(LABELS[0]) == LABELS[0]  # 92 characters: no longer cut at 60
    long = "Kepala Sub Bagian Perencanaan Evaluasi dan Pelaporan pada Sekretariat Dinas Komunikasi dan " \
           "Informatika Provinsi Kalimantan Timur"
    assert len(long) > 120
    short = label_text(long)
    assert len(short) <= 120 and short.endswith(" ...")
    assert long.startswith(short[:-4]) and long[len(short) - 4] == " "  # cut between words


def test_the_working_pdf_key_of_a_letter_without_parties_is_what_it_was() -> None:
    """A letter in review at the upgrade keeps its working PDF (and the paraf signatures in it)."""
    import dataclasses
    import hashlib

    from eoffice.services.paraf import _key
    from eoffice.workflow.state import Route, RouteStatus

    data = sample_letter()
    route = Route(document_id="d", template_name="t", template_version=1, drafter="x", status=RouteStatus.IN_PROGRESS,
                  round=1, stages=(), steps=())
    before = repr((data, route.round, [])).replace(", co_signatories=()", "")
    assert "co_signatories" not in before
    assert _key(data, route, "local", "local", True) == hashlib.sha256(before.encode()).hexdigest()
    with_party = dataclasses.replace(data, co_signatories=(data.signatory,))
    assert _key(with_party, route, "local", "local", True) != _key(data, route, "local", "local", True)
