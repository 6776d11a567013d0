"""Batch signing through BSrE in the desktop app (the stand-in esign service on loopback): the BSrE
passphrase is asked once for the batch (never offered for the keyring), progress is shown, the batch can
be cancelled, and a wrong passphrase is a clear message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.bsre_server import PASSWORD, USER, BsreStandIn, serve_bsre
from tests.ui.helpers import main_window, open_view, wait_idle

NIK, PASSPHRASE = "6472010101800009", "Rahasia-Batch-1"


@pytest.fixture
def bsre(backend: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[BsreStandIn]:
    from eoffice.services import settings

    with serve_bsre() as state:
        state.add_signer(NIK, PASSPHRASE, "Gubernur Uji BSrE")
        for key, value in {"EOFFICE_BSRE_URL": state.url, "EOFFICE_BSRE_USER": USER,
                           "EOFFICE_BSRE_PASSWORD": PASSWORD}.items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("EOFFICE_BSRE_PASSPHRASE", raising=False)

        def setup(uow: Any) -> None:
            admin = uow.users.by_login("admin")
            from eoffice.services.auth import actor_of

            settings.set_setting(uow, actor_of(admin), settings.SIGN_PROVIDER, "bsre")
            uow.users.by_login("gubernur").nik = NIK

        backend.run(setup)
        yield state


def test_bsre_batch_asks_the_passphrase_once_and_shows_progress(qtbot: Any, backend: Any, runner: Any,
                                                                 qsettings: Any, bsre: BsreStandIn) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    ids = w.letters.row_ids()
    assert len(ids) == 3
    wait_idle(qtbot, runner)
    w.decisions.sign_ids(ids)
    dlg = w.passphrase_dialog
    assert dlg.windowTitle() == "Passphrase TTE BSrE" and dlg.remember.isHidden()
    dlg.field.setText(PASSPHRASE)
    steps: list[int] = []
    with qtbot.waitSignal(w.action_done, timeout=240000) as done:
        dlg.accept()
        w.batch_handle.signals.progress.connect(lambda n, _t, _s: steps.append(n))
    results = done.args[1]
    assert [ok for _, ok, _ in results] == [True, True, True], results
    assert w.progress_dialog.maximum() == 3 and steps and steps[-1] == 3
    assert bsre.sign_requests == 3
    wait_idle(qtbot, runner)


def test_bsre_batch_can_be_cancelled(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                     bsre: BsreStandIn) -> None:
    from PySide6.QtWidgets import QPushButton

    bsre.delay = 1.5
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    ids = w.letters.row_ids()
    wait_idle(qtbot, runner)
    w.decisions._sign_with(ids, PASSPHRASE, bsre=True)
    with qtbot.waitSignal(w.action_done, timeout=240000) as done:
        w.progress_dialog.findChild(QPushButton).click()  # Batalkan, before the first letter finishes
    assert len(done.args[1]) < 3
    assert "dibatalkan" in w.last_message
    wait_idle(qtbot, runner)


def test_a_wrong_bsre_passphrase_is_a_clear_message(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                    bsre: BsreStandIn) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    ids = w.letters.row_ids()[:1]
    wait_idle(qtbot, runner)
    with qtbot.waitSignal(w.action_done, timeout=240000) as done:
        w.decisions._sign_with(ids, "salah", bsre=True)
    assert done.args[0] == "sign_failed" and "Passphrase TTE BSrE salah" in done.args[1]
    wait_idle(qtbot, runner)
