"""Issue 14, smaller items: no "Beri Nomor" for a letter numbered at its TTE, the batch signature names its letters
(confirmation and error box by subject), Pelacakan says who has each letter now, file dialogs in the app's
language."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle

SATU_DATA = "Rapat Koordinasi Satu Data"  # demo: waiting for the TTE of the Kepala Diskominfo


def test_a_letter_numbered_at_its_tte_offers_the_agenda_entry_not_beri_nomor(qtbot: Any, backend: Any, runner: Any,
                                                                              qsettings: Any) -> None:
    kepala = backend.login("kepala.kominfo", "demo")
    item = next(i for i in backend.inbox(kepala) if i.subject.startswith(SATU_DATA))
    signed = backend.sign(kepala, backend.identity("kepala.kominfo", "demo"), item.document_id)
    assert signed.number
    w = main_window(qtbot, backend, runner, qsettings, "agendaris.kominfo")  # opens on Kotak Masuk
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        assert w.letters.select_id(item.document_id)
    button = w.reading.buttons["approve"]
    assert w.reading.my_step is not None and w.reading.my_step.stage_kind == "number"
    assert button.isVisibleTo(w) and button.text() == "Catat di Agenda"
    assert signed.number in button.toolTip()
    button.click()  # the decision is signed with the agendaris's key: the passphrase first
    w.passphrase_dialog.field.setText("demo")
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT):
        w.passphrase_dialog.accept()
    assert backend.letter_view(kepala, item.document_id).info["number"] == signed.number  # not renumbered
    wait_idle(qtbot, runner)


def test_the_batch_signature_lists_its_letters_and_names_a_failed_one_by_subject(qtbot: Any, backend: Any,
                                                                                 runner: Any, qsettings: Any) -> None:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QLabel, QMessageBox

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    sel = w.table.selectionModel()
    for r in range(w.proxy.rowCount()):
        sel.select(w.proxy.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    ids = w.letters.selected_ids()
    assert len(ids) == 3
    subjects = {i: w.inbox_items[i].subject for i in ids}
    wait_idle(qtbot, runner)
    w.act_batch.trigger()
    dlg = w.passphrase_dialog
    shown = " ".join(label.text() for label in dlg.findChildren(QLabel))
    assert all(s in shown for s in subjects.values()), shown
    # one of them is withdrawn by its drafter meanwhile: its signature fails, the others go through
    gone = ids[1]
    gov = backend.login("gubernur", "demo")
    drafter = backend.letter_view(gov, gone).info["drafter"]
    backend.withdraw(backend.login(drafter, "demo"), gone, "Ditarik untuk uji.")
    dlg.field.setText("demo")
    with qtbot.waitSignal(w.action_done, timeout=90000) as done:
        dlg.accept()
    assert [ok for _, ok, _ in done.args[1]] == [True, False, True]
    box = w.findChild(QMessageBox, "errorBox")
    assert box is not None and subjects[gone] in box.text()
    assert gone[:8] not in box.text()
    wait_idle(qtbot, runner)


def test_pelacakan_says_who_has_each_letter_now(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "kepala.kominfo")
    open_view(qtbot, w, "tracking")
    actor = backend.login("kepala.kominfo", "demo")
    rows = w.letters.model.rows
    assert rows
    checked = 0
    for row in rows:
        steps = backend.letter_view(actor, row.id).info["steps"]
        pending = [s["who_name"] for s in steps if s["status"] == "pending"]
        if pending:
            assert f", di {pending[0]}" in row.what, (row.what, pending)
            assert "(" in pending[0]  # the name with the jabatan
            checked += 1
    assert checked > 0
    wait_idle(qtbot, runner)


def test_file_dialogs_speak_the_apps_language(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

    from eoffice.ui.i18n import Translations

    def texts(dlg: QFileDialog) -> set[str]:
        header = dlg.findChildren(QTreeView)[0].model()
        return ({w.text() for w in dlg.findChildren(QLabel)} | {w.text() for w in dlg.findChildren(QAbstractButton)}
                | {w.toolTip() for w in dlg.findChildren(QAbstractButton)}
                | {header.headerData(c, Qt.Orientation.Horizontal) for c in range(header.columnCount())})

    translations = Translations(qapp)
    try:
        for language, expected in (("id", {"&Buka", "&Nama berkas:", "Folder Induk", "Batal", "Tanggal Diubah"}),
                                   ("en", {"&Open", "File &name:", "Parent Directory", "Cancel", "Date Modified"})):
            translations.use(language)
            assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
            dlg = QFileDialog(None, "Impor templat rute", "", "YAML (*.yaml)")
            assert expected <= texts(dlg), texts(dlg)
            dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            assert ("&Simpan" if language == "id" else "&Save") in texts(dlg)
            dlg.deleteLater()
    finally:
        translations.remove()
