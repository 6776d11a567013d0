"""Rule 7 (docs/tata-naskah.md): a berita acara signed by the parties and the witnessing official."""

from __future__ import annotations

import dataclasses

import pytest

from eoffice.documents.letter import LetterData, Signatory
from eoffice.documents.render import render_letter
from eoffice.domain import BadInput, DocKind
from eoffice.workflow.template import template_from_dict
from tests.unit.documents.conftest import sample_letter
from tests.unit.documents.pdfread import find, words

FIRST = Signatory(title="Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur", name="Nurul Hidayati",
                  nip="197603272000112011", rank="Pembina Utama Muda (IV/c)")
SECOND = Signatory(title="Kepala Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur",
                   name="Dewi Sartika Putri", nip="197207031999072019", rank="Pembina Utama Muda (IV/c)")
WITNESS = Signatory(title="Sekretaris Daerah Provinsi Kalimantan Timur", name="Sri Rahayu Ningsih")


def _ba(co: tuple[Signatory, ...], last: Signatory) -> LetterData:
    return dataclasses.replace(sample_letter(kind=DocKind.BERITA_ACARA, paraf_labels=["Kepala Seksi"]),
                               co_signatories=co, signatory=last)


def test_two_parties_side_by_side_each_with_a_tte_area() -> None:
    res = render_letter(_ba((FIRST,), SECOND))
    assert res.signature_rect is not None and len(res.co_signature_rects) == 1
    one, two = res.co_signature_rects[0], res.signature_rect
    assert one.page == two.page and one.y1 == two.y1 and one.x2 < two.x1  # PIHAK PERTAMA left of PIHAK KEDUA
    _, ws = words(res.pdf)
    first, second = find(ws, "PERTAMA,")[0], find(ws, "KEDUA,")[0]
    assert abs(first.y1 - second.y1) < 1 and first.x2 < second.x1
    assert find(ws, "Nurul") and find(ws, "Dewi") and not find(ws, "Mengetahui,")
    assert len(res.paraf_rects) == 1


def test_the_witness_signs_below_the_parties() -> None:
    res = render_letter(_ba((FIRST, SECOND), WITNESS))
    assert res.signature_rect is not None and len(res.co_signature_rects) == 2
    assert res.signature_rect.y2 < min(r.y1 for r in res.co_signature_rects)  # below (PDF y grows upwards)
    _, ws = words(res.pdf)
    witness = find(ws, "Mengetahui,")
    assert witness and witness[0].y1 > find(ws, "PERTAMA,")[0].y1
    assert find(ws, "Sri")


def test_a_single_signatory_keeps_the_usual_block() -> None:
    res = render_letter(sample_letter(kind=DocKind.BERITA_ACARA))
    assert res.co_signature_rects == ()
    _, ws = words(res.pdf)
    assert not find(ws, "PERTAMA,")
    with pytest.raises(BadInput):
        _ba((FIRST, SECOND, WITNESS), WITNESS)


def _route(kind: str, signs: int) -> dict[str, object]:
    stages: list[dict[str, object]] = [{"name": "paraf", "order": 1, "kind": "paraf", "assignees": ["role:kasi"]}]
    stages += [{"name": f"ttd{i}", "order": 2 + i, "kind": "sign", "assignees": [f"position:P{i}"]}
               for i in range(signs)]
    return {"name": "r", "version": 1, "doc_kind": kind, "stages": stages}


def test_only_a_berita_acara_has_several_sign_stages_one_signer_each_in_turn() -> None:
    assert len([s for s in template_from_dict(_route("berita_acara", 3)).stages if s.kind == "sign"]) == 3
    with pytest.raises(BadInput, match="one to 3"):
        template_from_dict(_route("berita_acara", 4))
    with pytest.raises(BadInput, match="exactly one"):
        template_from_dict(_route("nota_dinas", 2))
    both = _route("berita_acara", 2)
    both["stages"][2]["order"] = 2  # type: ignore[index]
    with pytest.raises(BadInput, match="in turn"):
        template_from_dict(both)
    crowd = _route("berita_acara", 2)
    crowd["stages"][1]["assignees"] = ["position:P0", "position:X"]  # type: ignore[index]
    with pytest.raises(BadInput, match="one signatory per sign stage"):
        template_from_dict(crowd)
