"""TTE through the BSrE provider against the stand-in esign service (tests/bsre_server.py), on both back
ends: the reviewers' paraf signatures (organisation CA) stay valid under BSrE's invisible signature, the
app's own stamp and the BSrE notice are in the PDF, every failure leaves nothing half-done."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from eoffice.domain import BadInput, NotAuthorized, Refused, Unavailable
from eoffice.services import letters, settings, signatures
from eoffice.services.blobs import get_blob
from eoffice.signing.bsre import BsreClient, Credentials, NoCertificate, NotRegistered, WrongPassphrase
from eoffice.signing.providers import BSRE_FOOTER
from eoffice.signing.providers.bsre import BsreProvider, pending_store
from eoffice.signing.verify import verify_pdf
from eoffice.store.models import User
from tests.bsre_server import PASSWORD, USER, BsreStandIn, serve_bsre
from tests.integration.helpers import actor, decide, draft, identity, pending, run, sign, submit

NIK, PASSPHRASE = "6472010101800001", "rahasia-tte-123"
REVIEWERS = {"kasi1.kominfo": ("6472010101800011", "Kepala Seksi Uji"),
             "kabid1.kominfo": ("6472010101800012", "Kepala Bidang Uji"),
             "sekretaris.kominfo": ("6472010101800013", "Sekretaris Dinas Uji")}


@pytest.fixture(scope="module")
def bsre() -> Iterator[BsreStandIn]:
    with serve_bsre() as state:
        state.add_signer(NIK, PASSPHRASE, "Kepala Dinas Uji")
        state.add_signer("6472010101800002", "x", expired=True)
        state.accounts["6472010101800003"] = type(state.accounts[NIK])("x", None)  # no certificate
        for login, (nik, name) in REVIEWERS.items():
            state.add_signer(nik, f"paraf-{login}", name)
        yield state


def _use_bsre(engine: Engine, nik: str = NIK) -> None:
    admin = actor(engine, "admin")

    def go(uow):  # type: ignore[no-untyped-def]
        settings.set_setting(uow, admin, settings.SIGN_PROVIDER, "bsre")
        uow.users.by_login("kepala.kominfo").nik = nik

    run(engine, go)


def _provider(bsre: BsreStandIn, home: Path, *, passphrase: str = PASSPHRASE, nik: str = NIK,
              password: str = PASSWORD, timeout: float = 30.0) -> BsreProvider:
    client = BsreClient(Credentials(bsre.url, USER, password), timeout=timeout)
    return BsreProvider(client, nik, passphrase, pending_store(home))


def _reviewed(engine: Engine, home: Path) -> str:
    doc = draft(engine, "staf.kominfo", subject="Uji TTE BSrE")
    submit(engine, "staf.kominfo", doc)
    for who in ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"):
        decide(engine, home, who, doc)
    return doc


def _sign(engine: Engine, provider: BsreProvider, doc: str) -> signatures.Signed:
    who = actor(engine, "kepala.kominfo")
    return run(engine, lambda uow: signatures.sign_letter(uow, who, None, doc, provider=provider))


def _text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "t.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_bsre_tte_keeps_the_paraf_signatures_valid(content_engine: Engine, home: Path, tmp_path: Path,
                                                   bsre: BsreStandIn) -> None:
    _use_bsre(content_engine)
    doc = _reviewed(content_engine, home)
    signed = _sign(content_engine, _provider(bsre, home), doc)
    assert signed.level == "B-T"
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    assert pdf.startswith(bsre.received[-1])  # BSrE's update is appended to what we sent
    roots = run(content_engine, signatures.trust_roots) + [bsre.ca.root_cert]
    report = verify_pdf(pdf, trust_roots=roots)
    assert report.ok, report
    sigs = report.signatures
    assert len(sigs) == 4 and [s.certified for s in sigs] == [True, False, False, False]
    assert sigs[-1].signer_name == "Kepala Dinas Uji" and sigs[-1].timestamp_time is not None
    assert [s.modification_level for s in sigs] == ["FORM_FILLING"] * 3 + ["NONE"]
    (tmp_path / "f.pdf").write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(tmp_path / "f.pdf")], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature is Valid") == 4 and "Mismatch" not in out, out
    text = " ".join(_text(pdf, tmp_path).split())
    assert BSRE_FOOTER in text and signed.number in text
    assert "Ditandatangani secara elektronik oleh" in text  # the app's own stamp
    # only BSrE's root: the TTE is trusted, the paraf (organisation CA) not
    only = verify_pdf(pdf, trust_roots=[bsre.ca.root_cert]).signatures
    assert only[-1].trusted and not only[0].trusted


def test_local_tte_never_carries_the_bsre_notice(content_engine: Engine, home: Path, tmp_path: Path) -> None:
    doc = _reviewed(content_engine, home)
    sign(content_engine, home, "kepala.kominfo", doc)
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    text = " ".join(_text(pdf, tmp_path).split())
    assert "Balai Besar Sertifikasi" not in text and "sertifikat elektronik yang diterbitkan" not in text
    assert "Ditandatangani secara elektronik oleh" in text


@pytest.mark.parametrize(("kwargs", "error", "fragment"), [
    ({"passphrase": "salah"}, WrongPassphrase, "Passphrase TTE BSrE salah"),
    ({"nik": "6472019999999999"}, NotRegistered, "belum terdaftar di BSrE"),
    ({"nik": "6472010101800003"}, NoCertificate, "belum memiliki sertifikat"),
    ({"nik": "6472010101800002", "passphrase": "x"}, Refused, "kedaluwarsa"),
    ({"password": "salah"}, NotAuthorized, "HTTP 401"),
])
def test_a_failed_bsre_signature_leaves_nothing_half_done(content_engine: Engine, home: Path, bsre: BsreStandIn,
                                                          kwargs: dict[str, str], error: type[Exception],
                                                          fragment: str) -> None:
    _use_bsre(content_engine)
    doc = _reviewed(content_engine, home)
    with pytest.raises(error, match=fragment):
        _sign(content_engine, _provider(bsre, home, **kwargs), doc)
    d = run(content_engine, lambda uow: letters.get_document(uow, doc))
    assert d.number is None and d.signed_pdf_sha256 is None and d.status != "signed"
    assert pending_store(home).get(doc) is None  # a definite answer: nothing to reconcile
    # and the same letter signs fine afterwards (the number is given then)
    assert _sign(content_engine, _provider(bsre, home), doc).number


def test_unreachable_and_broken_service(content_engine: Engine, home: Path, bsre: BsreStandIn) -> None:
    _use_bsre(content_engine)
    doc = _reviewed(content_engine, home)
    down = BsreProvider(BsreClient(Credentials("http://127.0.0.1:9", USER, PASSWORD)), NIK, PASSPHRASE,
                        pending_store(home))
    with pytest.raises(Unavailable, match="tidak dapat dihubungi.*coba lagi nanti"):
        _sign(content_engine, down, doc)
    bsre.fail_500 = True
    try:
        with pytest.raises(Unavailable, match=r"HTTP 500\): coba lagi nanti"):
            _sign(content_engine, _provider(bsre, home), doc)
    finally:
        bsre.fail_500 = False
    assert run(content_engine, lambda uow: letters.get_document(uow, doc).number) is None
    assert pending_store(home).get(doc) is None


def test_a_time_out_is_an_unknown_outcome_reconciled_before_sending_again(
        content_engine: Engine, home: Path, bsre: BsreStandIn) -> None:
    _use_bsre(content_engine)
    doc = _reviewed(content_engine, home)
    before = bsre.sign_requests
    bsre.delay = 3.0
    try:
        with pytest.raises(Unavailable, match="hasilnya tidak diketahui"):
            _sign(content_engine, _provider(bsre, home, timeout=1.0), doc)
    finally:
        bsre.delay = 0.0
    assert bsre.sign_requests == before + 1  # sent once, never retried
    marker = pending_store(home).get(doc)
    assert marker is not None and len(marker.request_sha256) == 64
    assert run(content_engine, lambda uow: letters.get_document(uow, doc).number) is None  # rolled back
    with pytest.raises(Refused, match="--resend"):
        _sign(content_engine, _provider(bsre, home), doc)
    assert bsre.sign_requests == before + 1  # refused before anything was sent
    again = _provider(bsre, home)
    again.resend = True
    signed = _sign(content_engine, again, doc)
    again.settled(signed.document_id)
    assert pending_store(home).get(doc) is None


def test_user_status_and_nik_checks(bsre: BsreStandIn) -> None:
    client = BsreClient(Credentials(bsre.url, USER, PASSWORD))
    assert client.user_status(NIK) == "ISSUE"
    with pytest.raises(NotRegistered, match="2011|belum terdaftar"):
        client.user_status("1234567890123456")
    with pytest.raises(NoCertificate):
        client.user_status("6472010101800003")
    from eoffice.signing.bsre_config import signer_nik

    with pytest.raises(BadInput, match="16 angka"):
        signer_nik("12345", "kepala")
    with pytest.raises(BadInput, match="user edit"):
        signer_nik(None, "kepala")
    assert User.__tablename__ == "users"


def _use_bsre_paraf(engine: Engine) -> None:
    admin = actor(engine, "admin")

    def setup(uow):  # type: ignore[no-untyped-def]
        settings.set_setting(uow, admin, settings.PARAF_PROVIDER, "bsre")
        for login, (nik, _) in REVIEWERS.items():
            uow.users.by_login(login).nik = nik

    run(engine, setup)


def _paraf_through_bsre(engine: Engine, home: Path, bsre: BsreStandIn, doc: str) -> None:
    """Each reviewer approves with their BSrE session (the paraf) and their local key (the statement)."""
    from eoffice.signing.providers import paraf_job_id
    from eoffice.workflow.state import Decision

    for login, (nik, _) in REVIEWERS.items():
        who, key = actor(engine, login), identity(home, login)
        provider = _provider(bsre, home, nik=nik, passphrase=f"paraf-{login}")
        run(engine, lambda uow, who=who, key=key, provider=provider: signatures.decide_signed(
            uow, who, key, doc, Decision.APPROVE, provider=provider))
        provider.settled(paraf_job_id(doc))


def test_paraf_and_tte_both_through_bsre(content_engine: Engine, home: Path, tmp_path: Path,
                                         bsre: BsreStandIn) -> None:
    """The organisation has BSrE make the reviewers' paraf too: each paraf box drawn by the app, each
    signature BSrE's; the letter verifies against the BSrE chain alone (pyHanko's validator and pdfsig)."""
    from eoffice.workflow.state import Decision

    _use_bsre(content_engine)
    _use_bsre_paraf(content_engine)
    doc = draft(content_engine, "staf.kominfo", subject="Uji paraf dan TTE BSrE")
    submit(content_engine, "staf.kominfo", doc)
    first = actor(content_engine, "kasi1.kominfo")
    with pytest.raises(BadInput, match="Paraf di organisasi ini dibuat melalui BSrE"):  # no BSrE session
        run(content_engine, lambda uow: signatures.decide_signed(uow, first, identity(home, "kasi1.kominfo"), doc,
                                                                 Decision.APPROVE))
    d = run(content_engine, lambda uow: letters.get_document(uow, doc))
    working = run(content_engine, lambda uow: letters.current_version(uow, d).working_pdf_sha256)
    assert working is None and ("kasi1.kominfo" in [p[2] for p in pending(content_engine, doc)])  # untouched
    _paraf_through_bsre(content_engine, home, bsre, doc)
    tte = _provider(bsre, home)
    signed = _sign(content_engine, tte, doc)
    tte.settled(doc)
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    report = verify_pdf(pdf, trust_roots=[bsre.ca.root_cert])  # BSrE's root alone
    assert report.ok, report
    names = [s.signer_name for s in report.signatures]
    assert names == [n for _, n in REVIEWERS.values()] + ["Kepala Dinas Uji"]
    assert all(s.trusted and s.intact and s.timestamp_time is not None for s in report.signatures)
    (tmp_path / "f.pdf").write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(tmp_path / "f.pdf")], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature is Valid") == 4 and "Mismatch" not in out, out
    text = " ".join(_text(pdf, tmp_path).split())
    assert text.count("Paraf ") >= 3 and BSRE_FOOTER in text and signed.number in text  # the app's boxes
    assert not list((home / "bsre-pending").glob("*.json"))
    # the paraf decisions still carry each reviewer's signed statement (their local key)
    bad = run(content_engine, lambda uow: signatures.check_decision_signatures(uow, signatures.trust_roots(uow))).bad
    assert not [b for b in bad if "Uji paraf dan TTE BSrE" in b and not b.startswith("penandatanganan")], bad


def test_bsre_paraf_under_a_local_tte(content_engine: Engine, home: Path, tmp_path: Path,
                                      bsre: BsreStandIn) -> None:
    """paraf_provider bsre with the TTE still made by the local key: the BSrE paraf signatures stay valid
    under the local TTE in its prepared field, and the letter carries no BSrE notice (its TTE is not BSrE's)."""

    _use_bsre_paraf(content_engine)
    doc = draft(content_engine, "staf.kominfo", subject="Uji paraf BSrE, TTE lokal")
    submit(content_engine, "staf.kominfo", doc)
    _paraf_through_bsre(content_engine, home, bsre, doc)
    sign(content_engine, home, "kepala.kominfo", doc)
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    report = verify_pdf(pdf, trust_roots=run(content_engine, signatures.trust_roots) + [bsre.ca.root_cert])
    assert report.ok, report
    assert [s.signer_name for s in report.signatures][:3] == [n for _, n in REVIEWERS.values()]
    assert not any(s.certified for s in report.signatures)
    (tmp_path / "f.pdf").write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(tmp_path / "f.pdf")], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature is Valid") == 4 and "Mismatch" not in out, out
    assert "Balai Besar Sertifikasi" not in " ".join(_text(pdf, tmp_path).split())


def test_bsre_visible_mode_draws_the_stamp_where_the_app_says(content_engine: Engine, home: Path, tmp_path: Path,
                                                              bsre: BsreStandIn) -> None:
    """VISIBLE: the app sends its stamp as a PNG and the place of its stamp field; the signature verifies and
    the reviewers' paraf signatures stay valid."""
    import base64

    from eoffice.signing.stamp_field import STAMP_FIELD, field_place

    _use_bsre(content_engine)
    admin = actor(content_engine, "admin")
    with pytest.raises(BadInput, match="Tampilan TTE BSrE tidak dikenal"):
        run(content_engine, lambda uow: settings.set_setting(uow, admin, settings.BSRE_TAMPILAN, "TERLIHAT"))
    run(content_engine, lambda uow: settings.set_setting(uow, admin, settings.BSRE_TAMPILAN, "visible"))
    doc = _reviewed(content_engine, home)  # the first paraf does not certify: BSrE adds a visible field
    provider = _provider(bsre, home)
    provider.visible = run(content_engine, settings.bsre_visible)
    assert provider.visible
    signed = _sign(content_engine, provider, doc)
    provider.settled(doc)
    props, sent = bsre.properties[-1], bsre.received[-1]
    page, (x1, y1, x2, y2) = field_place(sent, STAMP_FIELD)
    assert props["tampilan"] == "VISIBLE" and props["page"] == page + 1
    assert (props["originX"], props["originY"]) == (round(x1, 2), round(y1, 2))
    assert (props["width"], props["height"]) == (round(x2 - x1, 2), round(y2 - y1, 2)) and x2 - x1 > 150
    png = base64.b64decode(props["imageBase64"])
    assert png.startswith(b"\x89PNG")
    assert props["reason"].startswith("Penandatanganan") and props["location"]
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    roots = run(content_engine, signatures.trust_roots) + [bsre.ca.root_cert]
    report = verify_pdf(pdf, trust_roots=roots)
    assert report.ok, report
    assert len(report.signatures) == 4 and report.signatures[-1].signer_name == "Kepala Dinas Uji"
    assert not any(s.certified for s in report.signatures)
    (tmp_path / "f.pdf").write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(tmp_path / "f.pdf")], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature is Valid") == 4 and "Mismatch" not in out, out
    text = " ".join(_text(pdf, tmp_path).split())
    assert signed.number in text and BSRE_FOOTER in text  # the number filled; the stamp is BSrE's image
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(tmp_path / "f.pdf"),
                    str(tmp_path / "page")], check=True)


def test_berita_acara_parties_each_sign_through_bsre(content_engine: Engine, home: Path, tmp_path: Path,
                                                     bsre: BsreStandIn) -> None:
    """Rule 7 of issue 15 under BSrE: each party's stamp drawn by the app in its own area, each TTE BSrE's;
    the last numbers the letter; every signature valid (pyHanko and pdfsig), the paraf stays valid."""
    from eoffice.domain import DocKind
    from eoffice.services import routing
    from tests.integration.test_berita_acara import EVENT, PARTIES_ROUTE

    parties = {"kepala.kominfo": ("6472010101800021", "Pihak Pertama Uji"),
               "kepala.bappeda": ("6472010101800022", "Pihak Kedua Uji"),
               "sekda": ("6472010101800023", "Sekda Uji")}
    for login, (nik, name) in parties.items():
        bsre.add_signer(nik, f"tte-{login}", name)
    _use_bsre(content_engine)

    def setup(uow):  # type: ignore[no-untyped-def]
        routing.import_template(uow, None, PARTIES_ROUTE, bootstrap=True)
        for login, (nik, _) in parties.items():
            uow.users.by_login(login).nik = nik

    run(content_engine, setup)
    staff = actor(content_engine, "staf.kominfo")
    doc = draft(content_engine, "staf.kominfo", DocKind.BERITA_ACARA, "Serah Terima lewat BSrE", fields=EVENT)
    run(content_engine, lambda uow: routing.submit(uow, staff, doc, template_name="berita_acara_para_pihak"))
    decide(content_engine, home, "kasi1.kominfo", doc)
    numbers = []
    for login, (nik, _) in parties.items():
        provider = _provider(bsre, home, nik=nik, passphrase=f"tte-{login}")
        who = actor(content_engine, login)
        numbers.append(run(content_engine, lambda uow, who=who, provider=provider: signatures.sign_letter(
            uow, who, None, doc, provider=provider)).number)
        provider.settled(doc)
    assert numbers[:2] == ["", ""] and numbers[2]
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    roots = run(content_engine, signatures.trust_roots) + [bsre.ca.root_cert]
    report = verify_pdf(pdf, trust_roots=roots)
    assert report.ok, report
    assert [s.signer_name for s in report.signatures][1:] == [n for _, n in parties.values()]
    (tmp_path / "ba.pdf").write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(tmp_path / "ba.pdf")], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature is Valid") == 4 and "Mismatch" not in out, out
    text = " ".join(_text(pdf, tmp_path).split())
    assert numbers[2] in text and BSRE_FOOTER in text
    assert text.count("Ditandatangani secara elektronik oleh") == 3  # each party's stamp, drawn by the app
