"""Search, forwarding, overdue lists, version diffs, revocation and audit tampering, on both back ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text, update
from sqlalchemy.engine import Engine

from eoffice.documents.body import parse_markdown
from eoffice.domain import BadInput, InvalidTransition, NotAuthorized
from eoffice.services import audit, letters, queries, routing, signatures
from eoffice.services.search import Filters, search
from eoffice.signing.verify import verify_pdf
from eoffice.store.models import Document
from tests.integration.helpers import actor, decide, draft, run, sign, submit


def test_full_text_search_respects_access_and_filters(content_engine: Engine) -> None:
    doc = draft(content_engine, "staf.kominfo", subject="Pengadaan Server Pusat Data Provinsi")
    staff, outsider = actor(content_engine, "staf.kominfo"), actor(content_engine, "staf.dinkes")
    found = run(content_engine, lambda uow: search(uow, staff, "server pusat"))
    assert [r.id for r in found] == [doc]
    assert run(content_engine, lambda uow: search(uow, staff, "SERV")) != []  # prefix, case-insensitive
    assert run(content_engine, lambda uow: search(uow, outsider, "server pusat")) == []
    assert run(content_engine, lambda uow: search(uow, staff, "server", Filters(kind="surat_dinas"))) == []
    body_hit = run(content_engine, lambda uow: search(uow, staff, "uji"))  # the body text is indexed too
    assert doc in {r.id for r in body_hit}
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    assert run(content_engine, lambda uow: search(uow, staff, "server", Filters(date_from=tomorrow))) == []
    with pytest.raises(BadInput):
        run(content_engine, lambda uow: search(uow, staff, "  ...  "))


def test_search_finds_the_number_after_signing(content_engine: Engine, home: Path) -> None:
    gub = actor(content_engine, "gubernur")
    waiting = [i.document_id for i in run(content_engine, lambda uow: routing.inbox(uow, gub))]
    signed = sign(content_engine, home, "gubernur", waiting[0])
    seq = signed.number.split("/")[1]
    hits = run(content_engine, lambda uow: search(uow, gub, seq))
    assert waiting[0] in {r.id for r in hits}


def test_forward_adds_a_reviewer_who_must_approve(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    with pytest.raises(InvalidTransition, match="tidak mengizinkan"):
        run(content_engine, lambda uow: routing.forward(uow, actor(content_engine, "kasi1.kominfo"), doc,
                                                        "kabid2.kominfo"))
    for who in ("kasi1.kominfo", "kabid1.kominfo"):
        decide(content_engine, home, who, doc)
    sek = actor(content_engine, "sekretaris.kominfo")
    run(content_engine, lambda uow: routing.forward(uow, sek, doc, "kabid2.kominfo"))
    decide(content_engine, home, "sekretaris.kominfo", doc)
    assert run(content_engine, lambda uow: letters.get_document(uow, doc).status) == "in_review"
    decide(content_engine, home, "kabid2.kominfo", doc)
    assert run(content_engine, lambda uow: letters.get_document(uow, doc).status) == "to_sign"


def test_overdue_steps_are_listed_for_leaders(content_engine: Engine) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    run(content_engine, lambda uow: uow.session.execute(
        text("UPDATE steps SET due_at = :t WHERE document_id = :d AND status = 'pending'"),
        {"t": dt.datetime(2026, 1, 1, tzinfo=dt.UTC).replace(tzinfo=None) if uow.dialect == "sqlite"
         else dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "d": doc}))
    kepala = actor(content_engine, "kepala.kominfo")
    rows = run(content_engine, lambda uow: routing.overdue(uow, kepala))
    assert [(r.document_id, r.on_behalf_of) for r in rows] == [(doc, "kasi1.kominfo")]
    assert run(content_engine, lambda uow: routing.overdue(uow, actor(content_engine, "staf.dinkes"))) == []
    assert len(run(content_engine, lambda uow: routing.remind_overdue(uow, kepala))) == 1
    assert run(content_engine, lambda uow: routing.remind_overdue(uow, kepala)) == []  # once a day
    kasi = actor(content_engine, "kasi1.kominfo")
    notes = run(content_engine, lambda uow: queries.letter_detail(uow, kasi, doc))["notes"]
    assert [n["kind"] for n in notes] == ["reminder"] and "melewati batas waktu" in notes[0]["text"]


def test_reviewers_see_what_changed_between_versions(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    from eoffice.workflow.state import Decision

    decide(content_engine, home, "kasi1.kominfo", doc, Decision.RETURN, "Tambahkan tenggat.")
    staff = actor(content_engine, "staf.kominfo")
    run(content_engine, lambda uow: letters.revise(uow, staff, doc,
                                                   body=parse_markdown("Isi naskah **uji** paling lambat Jumat.")))
    kasi = actor(content_engine, "kasi1.kominfo")
    result = run(content_engine, lambda uow: queries.version_diff(uow, kasi, doc))
    assert (result["old"], result["new"]) == (1, 2)
    assert result["inline"].startswith("Hal: Uji alur\nYth.: Kepala Dinas Komunikasi")  # the head, unchanged
    assert result["inline"].endswith("\n\nIsi naskah uji{+ paling lambat Jumat+}.")


def test_revoked_signer_cannot_sign_and_old_signatures_show_revoked(content_engine: Engine, home: Path) -> None:
    gub, admin = actor(content_engine, "gubernur"), actor(content_engine, "admin")
    waiting = [i.document_id for i in run(content_engine, lambda uow: routing.inbox(uow, gub))]
    sign(content_engine, home, "gubernur", waiting[0])
    ca = signatures.open_ca(home, "demo")
    run(content_engine, lambda uow: signatures.revoke(uow, admin, ca, "gubernur", "kunci hilang"))
    with pytest.raises(NotAuthorized, match="tidak aktif"):
        sign(content_engine, home, "gubernur", waiting[1])
    pdf, _ = run(content_engine, lambda uow: queries.export_pdf(uow, gub, waiting[0]))
    roots = run(content_engine, signatures.trust_roots)
    crls = run(content_engine, signatures.crls)
    report = verify_pdf(pdf, trust_roots=roots, crls=crls)
    assert report.signatures[-1].revoked and not report.ok  # the TTE (paraf signatures come first)


def _tamper(engine: Engine, statement: str) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
            conn.execute(text(statement))
            conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
            conn.execute(text("DROP TRIGGER audit_events_no_delete"))
            conn.execute(text(statement))


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET action = 'letter.forged' WHERE id = 5",
    "DELETE FROM audit_events WHERE id = 7",
    "UPDATE audit_events SET id = id + 1000 WHERE id = 3",
])
def test_audit_verify_names_the_first_broken_link(content_engine: Engine, home: Path, statement: str) -> None:
    assert run(content_engine, lambda uow: audit.verify(uow, home))["ok"]
    _tamper(content_engine, statement)
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert not result["ok"] and "RUSAK" in result["chain"]
    assert "event" in result["chain"]


def test_truncating_the_chain_is_noticed_by_a_client_that_saw_more(content_engine: Engine, home: Path) -> None:
    assert run(content_engine, lambda uow: audit.verify(uow, home))["ok"]
    _tamper(content_engine, "DELETE FROM audit_events WHERE id > 100")
    result = run(content_engine, lambda uow: audit.verify(uow, home))
    assert not result["ok"] and "shrank" in result["chain"]


def test_export_package_appends_pdf_attachments(content_engine: Engine) -> None:
    import io

    from pypdf import PdfReader

    from tests.integration.test_incoming import _pdf

    doc = draft(content_engine, "staf.kominfo")
    staff = actor(content_engine, "staf.kominfo")
    run(content_engine, lambda uow: letters.attach(uow, staff, doc, "lampiran.pdf", _pdf(), max_bytes=10**7))
    run(content_engine, lambda uow: letters.attach(uow, staff, doc, "data.csv", b"a,b\n1,2\n", max_bytes=10**7))
    letter, _ = run(content_engine, lambda uow: queries.export_pdf(uow, staff, doc))
    package = run(content_engine, lambda uow: queries.export_package(uow, staff, doc))
    assert len(PdfReader(io.BytesIO(package)).pages) == len(PdfReader(io.BytesIO(letter)).pages) + 1
    with pytest.raises(BadInput):
        run(content_engine, lambda uow: letters.attach(uow, staff, doc, "besar.pdf", _pdf(), max_bytes=100))


def test_counts_are_not_capped_by_the_list_limit(content_engine: Engine) -> None:
    staff = actor(content_engine, "staf.kominfo")
    for n in range(3):
        draft(content_engine, "staf.kominfo", subject=f"Naskah hitung {n}")
    total = run(content_engine, lambda uow: queries.count_letters(uow, staff, statuses=queries.DRAFT_STATUSES,
                                                                  mine=True))
    shown = run(content_engine, lambda uow: queries.list_letters(uow, staff, status="draft", mine=True, limit=2))
    assert len(shown) == 2 and total >= 3
    assert run(content_engine, lambda uow: queries.counts(uow, staff))["drafts"] == total


def test_letter_lists_page_without_repeats_or_gaps(content_engine: Engine) -> None:
    """Pages follow (updated_at, id): letters changed in the same instant are neither repeated nor skipped."""
    staff = actor(content_engine, "staf.kominfo")
    made = [draft(content_engine, "staf.kominfo", subject=f"Naskah halaman {n}") for n in range(5)]
    same = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    with content_engine.begin() as con:  # three letters touched at one instant: the order needs the id
        con.execute(update(Document).where(Document.id.in_(made[:3])).values(updated_at=same))
    drafts = {"draft", "returned"}
    whole = run(content_engine, lambda uow: queries.list_letters(uow, staff, statuses=drafts, mine=True))
    pages: list[str] = []
    after = None
    for _ in range(len(whole) + 1):  # bounded: a cursor that does not advance must fail, not hang
        page = run(content_engine, lambda uow, after=after: queries.list_letters(uow, staff, statuses=drafts, mine=True,
                                                                    limit=2, after=after))
        pages += [r.id for r in page]
        if len(page) < 2:
            break
        after = queries.cursor(page[-1])
    assert pages == [r.id for r in whole] and len(set(pages)) == len(pages)
    assert set(made) <= set(pages)
    assert {r.status for r in whole} <= drafts
    total = run(content_engine, lambda uow: queries.count_letters(uow, staff, statuses=drafts, mine=True))
    assert total == len(whole)
    with pytest.raises(BadInput, match="Status tidak dikenal"):
        run(content_engine, lambda uow: queries.list_letters(uow, staff, statuses={"draft", "hilang"}))
