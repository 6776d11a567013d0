"""A reviewer's paraf through BSrE in the desktop app, where the organisation chooses it (settings
paraf_provider bsre): approving asks the BSrE passphrase (never offered for the keyring) before the local
key's, the paraf box is the app's and the signature BSrE's (the stand-in esign service on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.bsre_server import BsreStandIn
from tests.ui.helpers import TIMEOUT, bsre_service, main_window, open_row, open_view, wait_idle

NIK, PASSPHRASE = "6472010101800031", "Rahasia-Paraf-1"


@pytest.fixture
def bsre(backend: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[BsreStandIn]:
    with bsre_service(backend, monkeypatch, login="kasi1.kominfo", nik=NIK, passphrase=PASSPHRASE,
                      name="Kepala Seksi Uji BSrE", setting="paraf_provider") as state:
        yield state


def test_a_paraf_through_bsre_from_the_desktop(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                               bsre: BsreStandIn) -> None:
    from eoffice.services import letters
    from eoffice.services.blobs import get_blob
    from eoffice.signing.verify import verify_pdf

    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    open_view(qtbot, w, "paraf")
    doc_id = open_row(qtbot, w, 0)
    wait_idle(qtbot, runner)
    w.reading.buttons["approve"].click()
    dlg = w.passphrase_dialog
    assert dlg.windowTitle() == "Passphrase TTE BSrE" and dlg.remember.isHidden()
    dlg.field.setText(PASSPHRASE)
    dlg.accept()
    key = w.passphrase_dialog  # then the local key's, for the decision's signed statement
    assert key is not dlg and key.windowTitle() != "Passphrase TTE BSrE"
    key.field.setText("demo")
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT * 4) as done:
        key.accept()
    assert done.args[0] == "approve" and done.args[1].status != "draft", done.args
    assert bsre.status_requests == 1 and bsre.sign_requests == 1
    props = bsre.properties[-1]
    assert props["tampilan"] == "INVISIBLE" and props["reason"] == "Paraf Kepala Seksi Pengembangan Aplikasi"  # the stage in words

    def working(uow: Any) -> bytes:
        d = letters.get_document(uow, doc_id)
        return get_blob(uow, letters.current_version(uow, d).working_pdf_sha256 or "")

    report = verify_pdf(backend.read(working), trust_roots=[bsre.ca.root_cert])
    assert report.ok, report
    assert [s.signer_name for s in report.signatures] == ["Kepala Seksi Uji BSrE"]
    assert not list((backend.home / "bsre-pending").glob("*.json"))
    wait_idle(qtbot, runner)


def test_a_wrong_bsre_passphrase_leaves_the_step_waiting(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                         bsre: BsreStandIn) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    open_view(qtbot, w, "paraf")
    doc_id = open_row(qtbot, w, 0)
    wait_idle(qtbot, runner)
    w.reading.buttons["approve"].click()
    w.passphrase_dialog.field.setText("salah")
    w.passphrase_dialog.accept()
    w.passphrase_dialog.field.setText("demo")
    w.passphrase_dialog.accept()
    qtbot.waitUntil(lambda: "Passphrase TTE BSrE salah" in w.last_message, timeout=TIMEOUT * 4)
    assert bsre.sign_requests == 1
    assert doc_id in [i.document_id for i in backend.inbox(backend.login("kasi1.kominfo", "demo"))]
    wait_idle(qtbot, runner)
