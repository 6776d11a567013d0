"""Daily use (issue 14): what a governor, a drafter, an agendaris and an admin hit in their first hour."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle

DISPATCHED = "Penyampaian Laporan Penyelenggaraan SPBE Tahun 2026"  # demo: numbered, paraf x3, TTE, sent


def _open_letter(qtbot: Any, w: Any, backend: Any, login: str, view: str, subject: str) -> str:
    open_view(qtbot, w, view)
    actor = backend.login(login, "demo")
    target = next(r for r in backend.letter_list(actor) if r.subject == subject)
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        assert w.letters.select_id(target.id)
    return str(target.id)


def _differing_blocks(document: Any, data: bytes, tmp_path: Path) -> int:
    """8x8-pixel blocks of page 1 at 80 dpi whose mean grey differs by more than 40 between what the app's viewer
    draws (QtPdf) and poppler's rendering of the stored file: text anti-aliasing averages out, a missing number,
    paraf box or TTE stamp does not."""
    from PIL import Image, ImageChops
    from PySide6.QtGui import QColor, QImage, QPainter

    (tmp_path / "letter.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "letter.pdf"),
                    str(tmp_path / "poppler")], check=True)
    poppler = Image.open(tmp_path / "poppler.png").convert("L")
    page = document.render(0, (document.pagePointSize(0) * (80 / 72)).toSize())
    white = QImage(page.size(), QImage.Format.Format_RGB32)
    white.fill(QColor("white"))
    painter = QPainter(white)
    painter.drawImage(0, 0, page)
    painter.end()
    white.save(str(tmp_path / "qt.png"))
    qt = Image.open(tmp_path / "qt.png").convert("L").resize(poppler.size)
    small = (poppler.width // 8, poppler.height // 8)
    diff = ImageChops.difference(qt.resize(small, Image.Resampling.BOX), poppler.resize(small, Image.Resampling.BOX))
    return sum(1 for v in diff.tobytes() if v > 40)


def test_reading_pane_and_verification_show_number_date_paraf_and_tte(qtbot: Any, backend: Any, runner: Any,
                                                                      qsettings: Any, tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    _open_letter(qtbot, w, backend, "gubernur", "archive", DISPATCHED)
    stored = w.reading.pdf.data
    assert stored.startswith(b"%PDF") and b"/ByteRange" in stored  # the signed file itself, kept for saving
    assert _differing_blocks(w.reading.pdf.document, stored, tmp_path) <= 3
    w.reading.buttons["verify"].click()
    panel = w._page("verify")
    with qtbot.waitSignal(panel.verified, timeout=TIMEOUT) as verified:
        pass
    assert verified.args[0].signatures
    qtbot.waitUntil(lambda: panel.pdf.shown_display, timeout=TIMEOUT)
    assert panel.pdf.data == stored
    assert _differing_blocks(panel.pdf.document, stored, tmp_path) <= 3
    wait_idle(qtbot, runner)


def test_closing_the_editor_or_the_main_window_asks_before_losing_work(qtbot: Any, backend: Any, runner: Any,
                                                                       qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries), timeout=TIMEOUT)
    assert not ed.dirty
    ed.subject.setText("Permohonan Data Aset Jaringan Tahap II")
    ed.to.setText("KEPALA-DISKOMINFO")
    ed.close()
    assert ed.isVisible() and ed.close_box is not None and ed.close_box.isVisible()  # asked, not closed
    next(b for b in ed.close_box.buttons() if b.text() == "Batal").click()  # keep editing
    assert ed.isVisible() and ed.subject.text() == "Permohonan Data Aset Jaringan Tahap II"
    w.close()  # the main window asks through the editor and stays until answered
    qtbot.waitUntil(lambda: ed.close_box is not None and ed.close_box.isVisible(), timeout=TIMEOUT)
    assert w.isVisible()
    save = next(b for b in ed.close_box.buttons() if b.text() == "Simpan Draf")
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT) as saved:
        save.click()
    qtbot.waitUntil(lambda: not ed.isVisible(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=TIMEOUT)
    staf = backend.login("staf.kominfo", "demo")
    assert backend.detail(staf, saved.args[0])["subject"] == "Permohonan Data Aset Jaringan Tahap II"
    wait_idle(qtbot, runner)


def test_discarding_closes_and_an_untouched_editor_closes_without_asking(qtbot: Any, backend: Any, runner: Any,
                                                                         qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries) and ed.kode.count() > 1, timeout=TIMEOUT)
    ed.close()
    assert not ed.isVisible() and ed.close_box is None
    ed = w.windows.new_draft()
    ed.body.setPlainText("Teks yang tidak jadi.")
    ed.close()
    discard = next(b for b in ed.close_box.buttons() if b.text() == "Buang Perubahan")
    discard.click()
    assert not ed.isVisible()
    wait_idle(qtbot, runner)


def test_attachments_open_from_the_reading_pane_and_the_editor_can_remove_one(qtbot: Any, backend: Any, runner: Any,
                                                                              qsettings: Any, tmp_path: Path) -> None:
    from io import BytesIO

    from pypdf import PdfWriter
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buf = BytesIO()
    writer.write(buf)
    (tmp_path / "jadwal.pdf").write_bytes(buf.getvalue())
    (tmp_path / "peserta.csv").write_text("nama\nAndi\n", encoding="utf-8")
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    ed.subject.setText("Jadwal Pelatihan Keamanan Siber")
    ed.to.setText("KEPALA-DISKOMINFO")
    ed.add_file(tmp_path / "jadwal.pdf")
    ed.add_file(tmp_path / "peserta.csv")
    ed.add_file(tmp_path / "peserta.csv")  # twice by mistake: removable before saving
    ed.file_list.setCurrentRow(2)
    ed.remove_file()
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT) as saved:
        ed.save()
    doc_id = saved.args[0]
    assert ed.file_list.count() == 2 and "jadwal.pdf" in ed.file_list.item(0).text()  # the list after saving
    ed.close()
    ed = w.windows.open_editor(doc_id)  # revising: the saved files are listed, one can go
    qtbot.waitUntil(lambda: ed.file_list.count() == 2, timeout=TIMEOUT)
    ed.file_list.setCurrentRow(1)
    ed.remove_file()
    assert ed.dirty
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT):
        ed.save()
    qtbot.waitUntil(lambda: ed.file_list.count() == 1, timeout=TIMEOUT)
    staf = backend.login("staf.kominfo", "demo")
    assert [a["name"] for a in backend.detail(staf, doc_id)["attachments"]] == ["jadwal.pdf"]
    ed.close()

    open_view(qtbot, w, "drafts")
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        assert w.letters.select_id(doc_id)
    # the Lampiran tab: its one file opens in the app's own viewer
    w.reading.findChild(type(w.reading.buttons["export"]), "openAttachment").click()
    qtbot.waitUntil(lambda: any(x.objectName() == "attachmentViewer" and x.isVisible() for x in w.windows.extra_windows),
                    timeout=TIMEOUT)
    viewer = next(x for x in w.windows.extra_windows if x.objectName() == "attachmentViewer")
    assert viewer.pdf.pages == 1 and "jadwal.pdf" in viewer.windowTitle()

    class Catch(QObject):
        urls: list[str] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.urls.append(url.toLocalFile())

    catch = Catch()
    QDesktopServices.setUrlHandler("file", catch, "open")  # the system viewer, as the OS would be asked
    try:
        backend.revise(staf, doc_id, _draft_of(backend, staf, doc_id), [("peserta.csv", b"nama\nBudi\n")])
        with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
            w.load_detail(doc_id)
        w.reading.att_view.selectRow(1)
        w.do_action("attachment")
        qtbot.waitUntil(lambda: bool(catch.urls), timeout=TIMEOUT)
        assert Path(catch.urls[0]).name == "peserta.csv" and Path(catch.urls[0]).read_bytes() == b"nama\nBudi\n"
    finally:
        QDesktopServices.unsetUrlHandler("file")
    wait_idle(qtbot, runner)


def _draft_of(backend: Any, actor: Any, doc_id: str) -> Any:
    from eoffice.documents.body import parse_markdown
    from eoffice.domain import Classification, DocKind, Urgency
    from eoffice.services.letters import Draft

    info = backend.detail(actor, doc_id)
    return Draft(kind=DocKind(info["kind"]), subject=info["subject"], body=parse_markdown(info["body_markdown"]),
                 to=info["to"], cc=info["cc"], urgency=Urgency(info["urgency"]),
                 classification=Classification(info["classification"]), kode_klasifikasi=info["kode"] or "",
                 fields=info["fields"])


def test_a_wrong_passphrase_keeps_the_typed_return_note(qtbot: Any, backend: Any, runner: Any,
                                                       qsettings: Any) -> None:
    from tests.ui.helpers import open_row

    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    open_view(qtbot, w, "paraf")
    doc_id = open_row(qtbot, w, 0)
    note = "Mohon lengkapi data pada paragraf kedua dan lampirkan jadwalnya."
    w.reading.buttons["return"].click()
    w.note_dialog.edit.setPlainText(note)
    w.note_dialog.accept()
    w.passphrase_dialog.field.setText("salah")
    w.passphrase_dialog.accept()
    qtbot.waitUntil(lambda: w.findChild(type(w.note_dialog).__mro__[1], "errorBox") is not None, timeout=TIMEOUT)
    w.reading.buttons["return"].click()  # again: the note is still there
    assert w.note_dialog.edit.toPlainText() == note
    w.note_dialog.accept()
    w.passphrase_dialog.field.setText("demo")
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT) as done:
        w.passphrase_dialog.accept()
    assert done.args[1].status == "returned" and not w.letter_actions.kept_notes
    assert backend.detail(backend.login("kasi1.kominfo", "demo"), doc_id)["notes"][-1]["text"] == note
    wait_idle(qtbot, runner)


def _inbox_row(w: Any, subject: str) -> tuple[int, Any]:
    return next((i, r) for i, r in enumerate(w.model.rows) if r.subject == subject)


def test_kotak_masuk_holds_deliveries_returns_and_disposisi_with_unread_marks(qtbot: Any, backend: Any, runner: Any,
                                                                              qsettings: Any) -> None:
    from PySide6.QtCore import Qt

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")  # opens on Kotak Masuk
    row, delivered = _inbox_row(w, DISPATCHED)  # dispatched with the governor in Tembusan (by jabatan)
    assert delivered.unread and w.model.index(row, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert any(r.kind == "naskah_masuk" for r in w.model.rows)  # incoming letters waiting for disposisi
    steps = w.counts["sign"] + w.counts["paraf"] + w.counts["registry"]
    before = w.counts["inbox"]
    assert before == steps + sum(1 for r in w.model.rows if r.unread and r.id not in w.inbox_items)
    with qtbot.waitSignals([w.counts_loaded, w.detail_loaded], timeout=TIMEOUT):
        assert w.letters.select_id(delivered.id)
    assert w.counts["inbox"] == before - 1
    row, opened = _inbox_row(w, DISPATCHED)
    assert not opened.unread and opened.what == "Diterima" and not w.model.index(row, 1).data(Qt.ItemDataRole.FontRole)
    gub = backend.login("gubernur", "demo")
    assert [r.read for r in backend.delivered(gub) if r.id == delivered.id] == [True]
    assert not backend.mark_letter_read(gub, delivered.id)  # once per reader
    wait_idle(qtbot, runner)

    staf = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    returned = next(r for r in staf.model.rows if r.subject == "Permintaan Narasumber Pelatihan Keamanan Siber")
    assert returned.unread and "Dikembalikan" in returned.what and staf.counts["inbox"] >= 1
    wait_idle(qtbot, runner)


def test_a_returned_letter_is_noticed_in_the_app_without_a_tray(qtbot: Any, backend: Any, runner: Any,
                                                                 qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    assert w.notifier.tray is None  # offscreen: no system tray, as on many desktops
    assert w.notices.text() == "Pemberitahuan"
    kasi = backend.login("kasi1.kominfo", "demo")
    item = next(i for i in backend.inbox(kasi) if i.stage_kind == "paraf")
    backend.decide(kasi, backend.identity("kasi1.kominfo", "demo"), item.document_id, "return", "Perbaiki tabel.")
    with qtbot.waitSignal(w.notifier.notified, timeout=TIMEOUT) as blocker:
        w.refresh()
    assert blocker.args[0] == "1 naskah Anda dikembalikan untuk diperbaiki"
    assert w.notices.text() == "Pemberitahuan (1)"
    entries = [a.text() for a in w.notices.menu().actions()]
    assert len(entries) == 1 and entries[0].endswith("1 naskah Anda dikembalikan untuk diperbaiki")
    w.notices.menu().aboutToShow.emit()  # opened: seen
    assert w.notices.text() == "Pemberitahuan"
    qtbot.waitUntil(lambda: any(r.id == item.document_id and r.unread for r in w.model.rows), timeout=TIMEOUT)
    wait_idle(qtbot, runner)


def test_daftarkan_naskah_masuk_is_offered_only_to_the_agenda_role(qtbot: Any, backend: Any, runner: Any,
                                                                    qsettings: Any) -> None:
    sekda = main_window(qtbot, backend, runner, qsettings, "sekda")
    wait_idle(qtbot, runner)
    assert not sekda.act_register.isVisible()
    tu = main_window(qtbot, backend, runner, qsettings, "tu.pimpinan")
    qtbot.waitUntil(tu.act_register.isVisible, timeout=TIMEOUT)
    wait_idle(qtbot, runner)


def test_the_login_fields_stay_put_when_mode_demo_appears(qtbot: Any, backend: Any, runner: Any,
                                                          qsettings: Any) -> None:
    from eoffice.ui.dialogs import LoginDialog

    dlg = LoginDialog(None, runner, qsettings)  # as at start-up: the core (and whether it is a demo) comes later
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    before = (dlg.user.mapTo(dlg, dlg.user.rect().topLeft()), dlg.password.mapTo(dlg, dlg.password.rect().topLeft()))
    dlg.demo_label.setVisible(True)  # what the app does once the database answers "demo"
    qtbot.wait(50)
    after = (dlg.user.mapTo(dlg, dlg.user.rect().topLeft()), dlg.password.mapTo(dlg, dlg.password.rect().topLeft()))
    assert after == before
    wait_idle(qtbot, runner)


def test_a_disposisi_deadline_shows_the_day_picked(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtCore import QDate

    from tests.ui.test_disposisi import _open

    gub = main_window(qtbot, backend, runner, qsettings, "gubernur")
    _open(qtbot, gub, "Undangan Bimbingan Teknis Sertifikat Elektronik")
    dlg = gub.windows.dispose_letter(gub.current_id)
    with qtbot.waitSignal(dlg.loaded, timeout=TIMEOUT):
        pass
    dlg.choose(["sekda"])
    dlg.checks["hadiri"].setChecked(True)
    dlg.use_deadline.setChecked(True)
    dlg.deadline.setDate(QDate(2026, 12, 4))
    with qtbot.waitSignal(gub.action_done, timeout=TIMEOUT):
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    wait_idle(qtbot, runner)
    sekda = main_window(qtbot, backend, runner, qsettings, "sekda")
    _open(qtbot, sekda, "Undangan Bimbingan Teknis Sertifikat Elektronik")
    row = next(r for r in range(sekda.proxy.rowCount()) if "Bimbingan Teknis" in sekda.proxy.index(r, 1).data())
    assert sekda.proxy.index(row, 5).data() == "4 Des 2026"  # Batas, not "5 Des 2026 00:00"
    tree = sekda.reading.tree
    qtbot.waitUntil(lambda: tree.rowCount() == 1, timeout=TIMEOUT)
    assert tree.index(0, 4).data() == "4 Des 2026"
    wait_idle(qtbot, runner)


def test_riwayat_and_catatan_speak_plain_words(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    _open_letter(qtbot, w, backend, "staf.kominfo", "drafts", "Permintaan Narasumber Pelatihan Keamanan Siber")
    actions = [w.reading.history.index(r, 2).data() for r in range(w.reading.history.rowCount())]
    notes = [w.reading.history.index(r, 3).data() for r in range(w.reading.history.rowCount())]
    assert "Draf dibuat" in actions and "Diajukan ke rute" in actions and "Dikembalikan ke pembuat" in actions
    assert not any("." in a and " " not in a for a in actions)  # no letter.draft, route.submit
    assert not any("sha256" in n for n in notes)
    assert w.reading.history.columnCount() == 4  # no "Bertanda tangan: tidak" column
    assert "Catatan pengembalian" in w.reading.notes.toPlainText() and "return" not in w.reading.notes.toPlainText()
    wait_idle(qtbot, runner)
