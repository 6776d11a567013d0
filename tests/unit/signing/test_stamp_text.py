"""The visible TTE stamp is readable in print (>= 7 pt) and names the capacity and NIP as the letter does."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from eoffice.signing.keystore import Identity
from eoffice.signing.pades import sign_pdf
from eoffice.signing.stamp import StampSpec, stamp_lines
from tests.unit.signing.conftest import make_pdf

BOX = (300, 100, 300 + 241, 100 + 85)  # the 85 x 30 mm area render_parts reserves, in points
WHEN = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _printed_font_size(pdf: bytes) -> float:
    """The stamp text's size on paper: its Tf times the scale pyHanko applies to fit the field."""
    reader = PdfReader(io.BytesIO(pdf))
    for annot in reader.pages[0]["/Annots"]:
        ap = annot.get_object().get("/AP")
        if ap is None:
            continue
        data = ap["/N"].get_object().get_data().decode("latin-1")
        scale = float(re.search(r"q q ([\d.]+) 0 0 [\d.]+ [\d.]+ [\d.]+ cm", data)[1])  # type: ignore[index]
        size = float(re.search(r"/F1 ([\d.]+) Tf", data)[1])  # type: ignore[index]
        return scale * size
    raise AssertionError("no stamp appearance")


@pytest.mark.parametrize("title", [
    "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur",
    "Plt. Gubernur Kalimantan Timur\nWakil Gubernur Kalimantan Timur",
    "a.n. Gubernur Kalimantan Timur\nSekretaris Daerah Provinsi Kalimantan Timur",
])
def test_stamp_text_is_at_least_7_pt_on_paper(ec_identity: Identity, title: str) -> None:
    spec = StampSpec("Dr. Muhammad Faisal, S.Kom., M.Si.", title, "19750101 200003 1 002",
                     qr_data="EOFFICE:abc:" + "0" * 64, page=0, box=BOX)
    res = sign_pdf(make_pdf(1), ec_identity, field_name="ttd", certify=True, stamp=spec, reason="uji")
    assert _printed_font_size(res.pdf) >= 7.0


def test_stamp_names_the_capacity_and_shows_nip_only_when_there_is_one() -> None:
    bare = StampSpec("Haryanto Wicaksono", "Plt. Gubernur Kalimantan Timur\nWakil Gubernur Kalimantan Timur",
                     "", qr_data="x")
    text = stamp_lines(bare, WHEN)
    assert "Plt. Gubernur Kalimantan Timur" in text and "NIP" not in text
    with_nip = StampSpec("Budi", "Kepala Biro Hukum", "19700101 199003 1 003", qr_data="x")
    assert "NIP. 19700101 199003 1 003" in stamp_lines(with_nip, WHEN)
