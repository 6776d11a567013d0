"""Letters through their routes on both back ends: the real services, engine, store and signatures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from eoffice.domain import (
    WITA,
    BadInput,
    DocKind,
    InvalidTransition,
    NotAuthorized,
    NotFound,
    StepAlreadyDecided,
)
from eoffice.services import audit, letters, queries, routing, signatures
from eoffice.services.blobs import get_blob
from eoffice.signing.verify import verify_pdf
from eoffice.store.models import AuditEvent, DecisionRow
from eoffice.workflow.state import Decision
from tests.integration.helpers import actor, decide, draft, pending, run, sign, status, submit


def test_nota_dinas_from_draft_to_dispatch(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    assert status(content_engine, doc) == "draft"
    submit(content_engine, "staf.kominfo", doc)
    assert pending(content_engine, doc) == [("paraf_kasi", "paraf", "kasi1.kominfo")]
    decide(content_engine, home, "kasi1.kominfo", doc)
    decide(content_engine, home, "kabid1.kominfo", doc)
    decide(content_engine, home, "sekretaris.kominfo", doc)
    assert status(content_engine, doc) == "to_sign"
    signed = sign(content_engine, home, "kepala.kominfo", doc)
    assert signed.number.endswith("/DISKOMINFO/2026") and signed.number.startswith("000.1.2.3/")
    assert status(content_engine, doc) == "signed"
    decide(content_engine, home, "agendaris.kominfo", doc)
    decide(content_engine, home, "agendaris.kominfo", doc)
    assert status(content_engine, doc) == "dispatched"
    staff = actor(content_engine, "staf.kominfo")
    pdf, is_signed = run(content_engine, lambda uow: queries.export_pdf(uow, staff, doc))
    roots = run(content_engine, signatures.trust_roots)
    report = verify_pdf(pdf, trust_roots=roots)
    # three paraf signatures (the first certifies) and the signatory's TTE, which fills the number field
    assert is_signed and report.ok and len(report.signatures) == 4
    assert [s.certified for s in report.signatures] == [True, False, False, False]
    assert report.signatures[-1].field_name == "TTE"
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    assert fields["nomor"]["/V"] == signed.number
    assert "Nurul Hidayati" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert result["ok"] and result["unsigned_statements"] == 0 and result["signed_statements"] >= 6


def test_return_for_revision_keeps_notes_and_versions(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    decide(content_engine, home, "kasi1.kominfo", doc)
    decide(content_engine, home, "kabid1.kominfo", doc, Decision.RETURN, "Perbaiki dasar hukum.")
    assert status(content_engine, doc) == "returned"
    staff = actor(content_engine, "staf.kominfo")
    from eoffice.documents.body import parse_markdown

    version = run(content_engine, lambda uow: letters.revise(uow, staff, doc, body=parse_markdown("Isi baru.")))
    assert version == 2
    submit(content_engine, "staf.kominfo", doc)
    assert pending(content_engine, doc) == [("paraf_kasi", "paraf", "kasi1.kominfo")]
    info = run(content_engine, lambda uow: queries.letter_detail(uow, staff, doc))
    assert [n["text"] for n in info["notes"]] == ["Perbaiki dasar hukum."]
    assert {s["round"] for s in info["steps"]} == {1, 2}


def test_only_the_assignee_acts_and_sign_needs_the_sign_verb(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    with pytest.raises(NotFound, match="Naskah tidak ditemukan"):  # not on its route: may not even see it
        decide(content_engine, home, "kabid2.kominfo", doc)
    with pytest.raises(BadInput, match="Catatan wajib"):
        decide(content_engine, home, "kasi1.kominfo", doc, Decision.RETURN, "  ")
    for who in ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"):
        decide(content_engine, home, who, doc)
    with pytest.raises(InvalidTransition, match="eoffice sign"):
        decide(content_engine, home, "kepala.kominfo", doc)
    # by name and jabatan, never the login; the time in WITA
    with pytest.raises(StepAlreadyDecided, match=r"sudah diputuskan oleh Yuslianto Prabowo \(Sekretaris Dinas "
                       r"Komunikasi dan Informatika\) pada \d\d-\d\d-\d{4} \d\d:\d\d WITA$"):
        decide(content_engine, home, "sekretaris.kominfo", doc)


def test_a_step_is_decided_once_even_past_the_engine(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    decide(content_engine, home, "kasi1.kominfo", doc)

    def duplicate(uow):  # type: ignore[no-untyped-def]
        first = uow.session.scalars(select(DecisionRow)).all()[-1]
        uow.session.add(DecisionRow(step_id=first.step_id, action_id="another", actor_id=first.actor_id,
                                    decision="approved", capacity="", note="", version_hash="", payload={},
                                    decided_at=first.decided_at))
        uow.session.flush()

    with pytest.raises(IntegrityError):
        run(content_engine, duplicate)


def test_delegate_signs_as_plh_and_the_letter_says_so(content_engine: Engine, home: Path) -> None:
    import datetime as dt

    from eoffice.services import delegation

    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    for who in ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"):
        decide(content_engine, home, who, doc)
    kepala = actor(content_engine, "kepala.kominfo")
    today = dt.datetime.now(WITA).date()  # the office's day (WITA), not the test machine's
    run(content_engine, lambda uow: delegation.delegate(uow, kepala, "sekretaris.kominfo", "Plh.", today,
                                                        today + dt.timedelta(days=3)))
    inbox = run(content_engine, lambda uow: routing.inbox(uow, actor(content_engine, "sekretaris.kominfo")))
    held = next(i for i in inbox if i.stage_kind == "sign")
    assert held.on_behalf_of == "kepala.kominfo"
    assert held.on_behalf_of_name == "Nurul Hidayati (Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur)"
    assert held.drafter == "staf.kominfo" and held.drafter_name == "Joko Supriyanto (Pranata Komputer Ahli Pertama)"
    sign(content_engine, home, "sekretaris.kominfo", doc)
    detail = run(content_engine, lambda uow: queries.letter_detail(uow, kepala, doc))
    step = next(s for s in detail["steps"] if s["kind"] == "sign")
    assert (step["decided_by"], step["capacity"]) == ("sekretaris.kominfo", "Plh.")
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    # The Plh. block names the office held, then the signer's own jabatan (docs/tata-naskah.md, rule 3).
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Plh. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA PROVINSI KALIMANTAN TIMUR, SEKRETARIS DINAS" in text


def test_outsiders_do_not_see_letters(content_engine: Engine) -> None:
    doc = draft(content_engine, "staf.kominfo", classification="rahasia")  # type: ignore[arg-type]
    other = actor(content_engine, "staf.dinkes")
    with pytest.raises(NotFound, match="Naskah tidak ditemukan"):
        run(content_engine, lambda uow: queries.letter_detail(uow, other, doc))
    assert doc not in {r.id for r in run(content_engine, lambda uow: queries.list_letters(uow, other))}
    kepala = actor(content_engine, "kepala.kominfo")  # superiors see subordinates' letters, except rahasia
    assert doc not in {r.id for r in run(content_engine, lambda uow: queries.list_letters(uow, kepala))}


def test_every_action_wrote_its_audit_event(content_engine: Engine, home: Path) -> None:
    before = run(content_engine, lambda uow: len(uow.session.scalars(select(AuditEvent.id)).all()))
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    decide(content_engine, home, "kasi1.kominfo", doc)
    actions = run(content_engine, lambda uow: [e.action for e in uow.session.scalars(
        select(AuditEvent).where(AuditEvent.id > before).order_by(AuditEvent.id))])
    assert actions == ["letter.draft", "route.submit", "route.approve"]


def test_templates_import_is_versioned(content_engine: Engine) -> None:
    admin = actor(content_engine, "admin")
    row = run(content_engine, lambda uow: routing.get_template(uow, "nota_dinas"))
    definition = dict(row.definition)
    assert run(content_engine, lambda uow: routing.import_template(uow, admin, definition)) == row.version
    changed = definition | {"description": "baru"}
    assert run(content_engine, lambda uow: routing.import_template(uow, admin, changed)) == row.version + 1
    staff = actor(content_engine, "staf.kominfo")
    with pytest.raises(NotAuthorized):
        run(content_engine, lambda uow: routing.import_template(uow, staff, changed))
    assert DocKind.NOTA_DINAS.value == row.doc_kind
