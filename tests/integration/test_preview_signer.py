"""Before a route is chosen, the preview of a nota dinas (the editor's live preview, a saved draft) says who it is
from as the letter will: the jabatan of the signer the default route gives, with its signature block; when no
route can name one, the head of the drafter's Perangkat Daerah; never "Dari : -" or a code."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy.engine import Engine

from eoffice.app import queries as q
from eoffice.documents.body import parse_markdown
from eoffice.domain import DocKind
from eoffice.services import letters, routing
from tests.integration.helpers import actor, draft, run

KOMINFO = "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _preview(engine: Engine, login: str, kind: DocKind = DocKind.NOTA_DINAS) -> str:
    who = actor(engine, login)
    d = letters.Draft(kind=kind, subject="Uji", body=parse_markdown("Isi."), to=["SEKDA"], cc=[])
    return _text(run(engine, lambda uow: q.preview_unsaved(uow, who, d)))


def test_the_live_preview_is_from_the_signer_of_the_default_route(demo_engine: Engine) -> None:
    text = _preview(demo_engine, "staf.kominfo")
    holder = run(demo_engine, lambda uow: uow.users.by_login("kepala.kominfo")).name
    assert f"Dari : {KOMINFO} Tembusan" in text and "Dari : -" not in text
    assert f"{KOMINFO.upper()}, {holder}" in text  # the signature block the reviewers will paraf
    tu = _preview(demo_engine, "tu.pimpinan")  # a Biro's staff: the Kepala Biro signs, not the Sekda
    assert "Dari : Kepala Biro Umum Tembusan" in tu


def test_a_saved_draft_shows_the_same_sender(demo_engine: Engine) -> None:
    staff = actor(demo_engine, "staf.kominfo")
    doc = draft(demo_engine, "staf.kominfo", to=["SEKDA"])
    assert f"Dari : {KOMINFO} Tembusan" in _text(run(demo_engine, lambda uow: q.preview_pdf(uow, staff, doc)))


def test_with_no_route_to_name_the_signer_the_agency_head_is_the_sender(demo_engine: Engine) -> None:
    memo = _preview(demo_engine, "staf.kominfo", DocKind.MEMO)  # no route template for a memo
    assert f"Dari : {KOMINFO} Tanggal" in memo
    # The Gubernur's nota dinas: role:kepala_opd from the top of the tree falls to every Kepala; which of them
    # would sign is not guessed: the letter is from the head of his own office, and no signature is made up.
    gub = _preview(demo_engine, "gubernur")
    assert "Dari : Gubernur Kalimantan Timur Tembusan" in gub and "Kepala Dinas" not in gub
    doc = run(demo_engine, lambda uow: letters.get_document(uow, draft(demo_engine, "gubernur")))
    assert run(demo_engine, lambda uow: routing.default_route(uow, doc)) is None
