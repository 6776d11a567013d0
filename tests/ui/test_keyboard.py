"""Keyboard: Ctrl+Enter approves (paraf), F5 refreshes; the reviewer's version diff; dropping a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_row, open_view, wait_idle


def test_ctrl_enter_parafs_the_open_letter(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtCore import Qt

    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    open_view(qtbot, w, "paraf")
    open_row(qtbot, w, 0)
    w.activateWindow()
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.passphrase_dialog is not None, timeout=TIMEOUT)
    w.passphrase_dialog.field.setText("demo")
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT) as done:
        qtbot.keyClick(w.passphrase_dialog.field, Qt.Key.Key_Return)
    assert done.args[0] == "approve"
    assert done.args[1].status == "in_review"  # on to the kabid
    with qtbot.waitSignal(w.counts_loaded, timeout=TIMEOUT):
        qtbot.keyClick(w.table, Qt.Key.Key_F5)
    assert w.counts["paraf"] == 0
    wait_idle(qtbot, runner)


def test_reviewer_sees_the_version_diff(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from eoffice.documents.body import parse_markdown
    from eoffice.services.letters import Draft

    staf = backend.login("staf.kominfo", "demo")
    returned = next(r for r in backend.letter_list(staf, mine=True) if r.status == "returned")
    info = backend.detail(staf, returned.id)
    backend.revise(staf, returned.id, Draft(kind=info["kind"], subject=info["subject"],
                                            body=parse_markdown("Pelatihan pada 3 Desember 2026."), to=info["to"]))
    backend.submit(staf, returned.id, None)
    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    open_view(qtbot, w, "paraf")
    w.letters.select_id(returned.id)
    qtbot.waitUntil(lambda: w.reading.info is not None and w.reading.info["id"] == returned.id, timeout=TIMEOUT)
    assert w.reading.buttons["diff"].isVisible()
    w.reading.buttons["diff"].click()
    qtbot.waitUntil(lambda: w.windows.diff_dialog is not None, timeout=TIMEOUT)
    shown = w.windows.diff_dialog.html
    assert "<span style='background:#c8f0cf'>Desember</span>" in shown
    assert "line-through'>Saudara</span>" in shown
    wait_idle(qtbot, runner)


def test_dropping_a_pdf_on_the_register_dialog(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                               tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    w = main_window(qtbot, backend, runner, qsettings, "tu.pimpinan")
    dlg = w.windows.register_incoming()
    pdf = tmp_path / "pindaian.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    dlg.dropEvent(event)
    assert dlg.pdf is not None and dlg.pdf[0] == "pindaian.pdf"
    assert "pindaian.pdf" in dlg.file_label.text()
    wait_idle(qtbot, runner)


def test_tab_order_runs_from_navigation_to_the_actions(qtbot: Any, backend: Any, runner: Any,
                                                       qsettings: Any) -> None:
    from PySide6.QtWidgets import QApplication

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    open_row(qtbot, w, 0)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=TIMEOUT)
    w.nav.setFocus()
    seen = []
    for _ in range(4):
        w.focusNextChild()
        seen.append(QApplication.focusWidget())
    assert seen[:3] == [w.search, w.table, w.reading.buttons["sign"]]  # hidden buttons are skipped
    wait_idle(qtbot, runner)
