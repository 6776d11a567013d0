"""Tata Naskah Dinas rules that depend on stored data (docs/tata-naskah.md): Pasal 44 names, addressees as
jabatan, a.n./u.b. levels, paraf kept when a delegate signs."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from eoffice.domain import WITA, BadInput, Capacity, StageKind
from eoffice.services import compose, delegation, letters, routing
from eoffice.services.blobs import get_blob
from eoffice.workflow.state import Step, StepStatus
from tests.integration.helpers import actor, decide, draft, run, sign, submit


def _sign_step(login: str) -> Step:
    return Step("s1", "ttd", 1, StageKind.SIGN, login, StepStatus.PENDING, 1)


def test_pasal_44_gelar_nip_pangkat_for_officials_none_for_the_governor(demo_engine: Engine) -> None:
    sig, _ = run(demo_engine, lambda uow: compose.signatory_for(uow, _sign_step("kepala.kominfo"), "nota_dinas"))
    user = run(demo_engine, lambda uow: uow.users.by_login("kepala.kominfo"))
    assert sig is not None and user.gelar_belakang and user.pangkat  # the demo users carry them
    assert sig.name.endswith(user.gelar_belakang) and sig.nip == user.nip and sig.rank == user.pangkat
    sk, _ = run(demo_engine, lambda uow: compose.signatory_for(uow, _sign_step("kepala.kominfo"), "surat_keputusan"))
    assert sk is not None and sk.name == user.name and sk.nip  # no gelar on a keputusan
    gov, code = run(demo_engine, lambda uow: compose.signatory_for(uow, _sign_step("gubernur"), "surat_keputusan"))
    assert gov is not None and code == "GUBERNUR" and (gov.nip, gov.rank) == ("", "")
    sekda, _ = run(demo_engine, lambda uow: compose.signatory_for(uow, _sign_step("sekda"), "surat_edaran"))
    assert sekda is not None and (sekda.nip, sekda.rank) == ("", "")


def test_addressees_are_jabatan_never_codes_or_names(demo_engine: Engine) -> None:
    doc = draft(demo_engine, "staf.kominfo", to=["SEKDA", "kepala.bappeda", "DINKES", "Bupati Kutai Kartanegara"])
    to = run(demo_engine, lambda uow: letters.recipients(uow, letters.get_document(uow, doc)))[0]
    assert to == ["Sekretaris Daerah Provinsi Kalimantan Timur",
                  "Kepala Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur",
                  "Kepala Dinas Kesehatan Provinsi Kalimantan Timur", "Bupati Kutai Kartanegara"]
    with pytest.raises(BadInput, match="tidak dikenal"):
        draft(demo_engine, "staf.kominfo", to=["KEPALA-NOWHERE"])


def test_a_letter_to_its_own_signer_is_warned(demo_engine: Engine) -> None:
    doc = draft(demo_engine, "staf.kominfo", to=["KEPALA-DISKOMINFO"])
    out = submit(demo_engine, "staf.kominfo", doc)
    assert "penandatangannya sendiri" in out.warning
    doc = draft(demo_engine, "staf.kominfo", to=["SEKDA"])
    assert submit(demo_engine, "staf.kominfo", doc).warning == ""


def test_an_one_level_below_ub_two_levels(demo_engine: Engine) -> None:
    kepala = actor(demo_engine, "kepala.kominfo")
    today = dt.datetime.now(WITA).date()  # the office's day: after 16:00 UTC it is tomorrow in WITA

    def give(to: str, cap: str) -> object:
        return run(demo_engine, lambda uow: delegation.delegate(uow, kepala, to, cap, today, today))

    with pytest.raises(BadInput, match="a.n."):
        give("kasi1.kominfo", "a.n.")  # two levels below: u.b., not a.n.
    with pytest.raises(BadInput, match="u.b."):
        give("kabid1.kominfo", "u.b.")  # one level below
    assert give("kasi1.kominfo", "u.b.")


def test_paraf_stays_signed_when_a_delegate_signs(content_engine: Engine, home: Path) -> None:
    kepala = actor(content_engine, "kepala.kominfo")
    today = dt.datetime.now(WITA).date()  # the office's day: after 16:00 UTC it is tomorrow in WITA
    run(content_engine, lambda uow: delegation.delegate(uow, kepala, "sekretaris.kominfo", "Plh.", today,
                                                        today + dt.timedelta(days=3)))
    doc = draft(content_engine, "staf.kominfo", to=["SEKDA"])
    submit(content_engine, "staf.kominfo", doc)
    for who in ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"):
        decide(content_engine, home, who, doc)
    sign(content_engine, home, "sekretaris.kominfo", doc)
    route = run(content_engine, lambda uow: routing.load(uow, doc))
    assert route is not None
    sign_step = next(s for s in route.steps if s.kind == StageKind.SIGN)
    assert sign_step.capacity == Capacity.PLH
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    sigs = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(sigs) == 4  # three paraf/approve signatures kept, then the Plh.'s TTE
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Plh. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA PROVINSI KALIMANTAN TIMUR," in text


def test_the_governors_letters_are_numbered_in_the_administering_units_register(content_engine: Engine,
                                                                                 home: Path) -> None:
    gub = actor(content_engine, "gubernur")
    waiting = [i for i in run(content_engine, lambda uow: routing.inbox(uow, gub)) if i.stage_kind == "sign"]
    assert waiting
    doc_id = waiting[0].document_id
    unit = run(content_engine, lambda uow: uow.units.get(letters.get_document(uow, doc_id).unit_id).code)
    assert unit != "SETDA"  # drafted elsewhere
    signed = sign(content_engine, home, "gubernur", doc_id)
    assert "/SETDA/" in signed.number, signed.number
