"""A returned letter's head can be fixed (addressees, sifat, kode) as a new version that the diff shows;
addressees are always printed as jabatan, in the live preview as on the letter; the warning for a letter to its
own signer is known before submitting (issue 14 items 5 and 7, issue 15 rule 2)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.engine import Engine

from eoffice.app import queries as q
from eoffice.documents.body import parse_markdown
from eoffice.domain import BadInput, DocKind
from eoffice.services import compose, letters, queries, routing
from eoffice.store.models import Recipient
from eoffice.workflow.state import Decision
from tests.integration.helpers import actor, decide, draft, run, submit

KOMINFO = "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur"
SEKDA = "Sekretaris Daerah Provinsi Kalimantan Timur"
BAPPEDA = "Kepala Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur"


def _rows(engine: Engine, doc: str) -> list[tuple[str, str, str | None]]:
    def read(uow: letters.UnitOfWork) -> list[tuple[str, str, str | None]]:
        rows = uow.session.scalars(select(Recipient).where(Recipient.document_id == doc)
                                   .order_by(Recipient.role.desc(), Recipient.position))
        return [(r.role, r.label, uow.users.get(r.user_id).login if r.user_id else None) for r in rows]
    return run(engine, read)


def test_a_returned_letter_gets_new_addressees_and_sifat_as_a_version_the_diff_shows(
        content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    decide(content_engine, home, "kasi1.kominfo", doc, Decision.RETURN, "Tujuan seharusnya Sekda, sifat segera.")
    staff = actor(content_engine, "staf.kominfo")
    head = letters.Head(to=["SEKDA"], cc=["kepala.bappeda"], urgency="segera", classification="terbatas")
    assert run(content_engine, lambda uow: letters.revise(uow, staff, doc, head=head)) == 2
    assert _rows(content_engine, doc) == [("to", SEKDA, "sekda"), ("cc", BAPPEDA, "kepala.bappeda")]
    got = run(content_engine, lambda uow: letters.get_document(uow, doc))
    assert (got.urgency, got.classification, got.current_version) == ("segera", "terbatas", 2)
    kasi = actor(content_engine, "kasi1.kominfo")
    diff = run(content_engine, lambda uow: queries.version_diff(uow, kasi, doc))
    deleted = " ".join(t for op, t in diff["ops"] if op == "delete")
    inserted = " ".join(t for op, t in diff["ops"] if op == "insert")
    assert "Komunikasi" in deleted and "Sekretaris" in inserted and "Tembusan" in inserted
    assert "Biasa" in deleted and "Segera" in inserted and "Terbatas" in inserted
    data = run(content_engine, lambda uow: compose.letter_data(
        uow, got, letters.current_version(uow, got), None))
    assert (data.recipients, data.tembusan) == ((SEKDA,), (BAPPEDA,))
    # the same head again is no new version, and the rows stay as they are
    assert run(content_engine, lambda uow: letters.revise(uow, staff, doc, head=head)) == 2
    assert _rows(content_engine, doc)[0] == ("to", SEKDA, "sekda")
    # the editor keeps the parts, never the head, in what it shows and sends back
    info = run(content_engine, lambda uow: q.detail(uow, staff, doc))
    assert letters.HEAD not in info["fields"] and info["to"] == [SEKDA]


def test_a_jabatan_held_in_several_units_is_not_guessed(demo_engine: Engine) -> None:
    with pytest.raises(BadInput, match="beberapa unit"):
        draft(demo_engine, "staf.kominfo", to=["Pengadministrasi Perkantoran"])
    doc = draft(demo_engine, "staf.kominfo", to=[KOMINFO.lower()])  # a unique title, as typed, is the jabatan
    assert _rows(demo_engine, doc) == [("to", KOMINFO, "kepala.kominfo")]


def test_the_live_preview_prints_the_jabatan_not_the_holder(demo_engine: Engine) -> None:
    staff = actor(demo_engine, "staf.kominfo")
    holder = run(demo_engine, lambda uow: uow.users.by_login("kepala.kominfo")).name
    d = letters.Draft(kind=DocKind.NOTA_DINAS, subject="Uji", body=parse_markdown("Isi."), to=["kepala.kominfo"],
                      cc=["BAPPEDA"])
    pdf = run(demo_engine, lambda uow: q.preview_unsaved(uow, staff, d))
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    head = " ".join(text.split()).split("Dari :")[0]  # the holder signs it (the default route): named only there
    assert "Yth. Kepala Dinas Komunikasi dan Informatika" in head and holder not in head
    assert "Perencanaan Pembangunan" in " ".join(text.split())


def test_the_self_addressed_warning_is_known_before_submitting(demo_engine: Engine) -> None:
    staff = actor(demo_engine, "staf.kominfo")
    doc = draft(demo_engine, "staf.kominfo", to=["KEPALA-DISKOMINFO"])
    assert run(demo_engine, lambda uow: routing.addressed_signer(uow, staff, doc)) == KOMINFO
    assert submit(demo_engine, "staf.kominfo", doc).warning == (
        f"Naskah ditujukan kepada penandatangannya sendiri ({KOMINFO}): periksa tujuannya")
    assert run(demo_engine, lambda uow: routing.addressed_signer(uow, staff, doc)) == KOMINFO  # once routed too
    other = draft(demo_engine, "staf.kominfo", to=["SEKDA"])
    assert run(demo_engine, lambda uow: routing.addressed_signer(uow, staff, other)) == ""


def test_the_addressee_picker_lists_every_jabatan_in_tree_order(demo_engine: Engine) -> None:
    people = run(demo_engine, q.jabatan)
    assert people[0].login == "GUBERNUR" and people[0].depth == 1
    kominfo = next(p for p in people if p.login == "KEPALA-DISKOMINFO")
    holder = run(demo_engine, lambda uow: uow.users.by_login("kepala.kominfo")).name
    assert (kominfo.title, kominfo.name) == (KOMINFO, holder)
    depths = [p.depth for p in people]
    assert all(b <= a + 1 for a, b in zip(depths, depths[1:], strict=False))  # each right after its superior
    assert len({p.login for p in people}) == len(people) > 30
