"""Incoming letters: registration with a scanned PDF, disposisi down two levels, report done, the tree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle


def _open(qtbot: Any, w: Any, subject: str) -> str:
    open_view(qtbot, w, "disposisi")
    row = next(r for r in range(w.proxy.rowCount()) if subject in w.proxy.index(r, 1).data())
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT) as loaded:
        w.letters.select_row(row)
    return str(loaded.args[0])


def _dispose(qtbot: Any, w: Any, to: list[str], instructions: list[str], note: str) -> None:
    assert w.reading.buttons["dispose"].isVisible()
    dlg = w.windows.dispose_letter(w.current_id)
    with qtbot.waitSignal(dlg.loaded, timeout=TIMEOUT):
        pass
    dlg.choose(to)
    assert dlg.chosen() == to
    for key in instructions:
        dlg.checks[key].setChecked(True)
    dlg.note.setPlainText(note)
    dlg.use_deadline.setChecked(True)
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT) as done:
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert done.args[0] == "dispose"


def test_disposisi_down_two_levels_and_report_done(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    subject = "Undangan Bimbingan Teknis Sertifikat Elektronik"
    gub = main_window(qtbot, backend, runner, qsettings, "gubernur")
    doc_id = _open(qtbot, gub, subject)
    assert gub.reading.tabs.isTabVisible(gub.reading.tree_tab)
    _dispose(qtbot, gub, ["sekda"], ["hadiri", "untuk_diketahui"], "Mohon diwakili.")
    gub.close()

    sekda = main_window(qtbot, backend, runner, qsettings, "sekda")
    assert _open(qtbot, sekda, subject) == doc_id
    _dispose(qtbot, sekda, ["kepala.kominfo"], ["hadiri"], "Hadiri dan laporkan.")
    sekda.close()

    kadis = main_window(qtbot, backend, runner, qsettings, "kepala.kominfo")
    _open(qtbot, kadis, subject)
    assert kadis.reading.buttons["done"].isVisible()
    kadis.reading.buttons["done"].click()
    kadis.note_dialog.edit.setPlainText("Sudah dihadiri oleh Kepala Dinas.")
    with qtbot.waitSignal(kadis.action_done, timeout=TIMEOUT):
        kadis.note_dialog.accept()

    tree = kadis.reading.tree
    qtbot.waitUntil(lambda: tree.rowCount() == 1 and kadis.current_id == doc_id, timeout=TIMEOUT)
    with qtbot.waitSignal(kadis.detail_loaded, timeout=TIMEOUT):
        kadis.load_detail(doc_id)
    root = tree.index(0, 0)
    people = {u.login: u for u in backend.users()}
    assert tree.index(0, 1).data() == f"{people['sekda'].name} ({people['sekda'].title})"  # not the login
    child = tree.index(0, 1, root)
    assert child.data() == f"{people['kepala.kominfo'].name} ({people['kepala.kominfo'].title})"
    assert tree.index(0, 3, root).data() == "Selesai"
    assert tree.index(0, 5, root).data() == "Sudah dihadiri oleh Kepala Dinas."
    wait_idle(qtbot, runner)


def test_register_incoming_letter(qtbot: Any, backend: Any, runner: Any, qsettings: Any, tmp_path: Path) -> None:
    from eoffice.ui.disposisi import RegisterDialog

    w = main_window(qtbot, backend, runner, qsettings, "tu.pimpinan")
    gub = backend.login("gubernur", "demo")
    scan = backend.pdf(gub, backend.letter_list(gub, direction="in")[0].id)[0]
    pdf = tmp_path / "surat-masuk.pdf"
    pdf.write_bytes(scan)
    dlg: RegisterDialog = w.windows.register_incoming()
    qtbot.waitUntil(lambda: dlg.to.count() > 0, timeout=TIMEOUT)
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert "PDF" in dlg.error.text()
    dlg.set_file(pdf)
    dlg.sender_edit.setText("Kementerian Kominfo")
    dlg.number.setText("B-77/KOMINFO/2026")
    dlg.subject.setText("Permintaan Data Menara Telekomunikasi")
    dlg.to.setCurrentIndex(dlg.to.findData("gubernur"))
    assert dlg.to.currentText() == "Gubernur Kalimantan Timur"  # the jabatan, without the login
    with qtbot.waitSignal(dlg.registered, timeout=TIMEOUT) as reg:
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    info = backend.detail(gub, reg.args[0])
    assert info["subject"] == "Permintaan Data Menara Telekomunikasi"
    assert info["status"] == "registered"
    wait_idle(qtbot, runner)
