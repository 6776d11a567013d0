"""Staff drafts a letter: form, live preview in the runner, save, submit on a chosen route; version diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle


def test_staff_drafts_previews_and_submits(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                           tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    drafts_before = w.counts["drafts"]
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries), timeout=TIMEOUT)
    ed.kind.setCurrentIndex(ed.kind.findData("nota_dinas"))
    ed.subject.setText("Permohonan Pemutakhiran Data Jaringan")
    ed.to.setText("KEPALA-DISKOMINFO")
    qtbot.waitUntil(lambda: ed.kode.count() > 1, timeout=TIMEOUT)
    ed.kode.setCurrentIndex(ed.kode.findData("000.1.2.3"))
    ed.cc.setText("Sekretaris Dinas Komunikasi dan Informatika")
    attachment = tmp_path / "data.csv"
    attachment.write_text("aset,jumlah\nrouter,4\n", encoding="utf-8")
    ed.add_file(attachment)
    with qtbot.waitSignal(ed.preview_ready, timeout=TIMEOUT) as preview:
        ed.body.setPlainText("Dengan hormat, mohon **pemutakhiran** data.\n\n- router\n- switch")
    assert preview.args[0] >= 1
    assert ed.preview.pages >= 1
    ed.body.setPlainText("")  # an edit never blocks: a newer preview replaces the older one
    with qtbot.waitSignal(ed.preview_ready, timeout=TIMEOUT):
        ed.body.setPlainText("Dengan hormat, mohon pemutakhiran data jaringan.")
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT) as saved:
        ed.save_and_submit()
    doc_id = saved.args[0]
    dlg = ed.submit_dialog
    assert dlg is not None
    qtbot.waitUntil(lambda: dlg.routes.count() > 1, timeout=TIMEOUT)
    assert dlg.routes.currentData() == "nota_dinas"
    with qtbot.waitSignal(dlg.submitted, timeout=TIMEOUT, raising=False) as submitted:
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert submitted.signal_triggered, dlg.error.text()
    assert submitted.args[0].status == "in_review"
    info = backend.detail(backend.login("staf.kominfo", "demo"), doc_id)
    assert [a["name"] for a in info["attachments"]] == ["data.csv"]
    assert info["steps"][0]["status"] == "pending"
    open_view(qtbot, w, "sent")
    assert doc_id in w.letters.row_ids()
    qtbot.waitUntil(lambda: w.counts.get("drafts") == drafts_before, timeout=TIMEOUT)
    wait_idle(qtbot, runner)


def test_returned_letter_shows_the_note_and_revision_diff(qtbot: Any, backend: Any, runner: Any,
                                                          qsettings: Any) -> None:
    from eoffice.ui.versions import DiffDialog, diff_html

    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    open_view(qtbot, w, "drafts")
    staf = backend.login("staf.kominfo", "demo")
    returned = next(r for r in backend.letter_list(staf, mine=True) if r.status == "returned")
    ed = w.windows.open_editor(returned.id)
    qtbot.waitUntil(lambda: ed.returned.isVisible(), timeout=TIMEOUT)
    assert "Lengkapi jadwal" in ed.returned.text()
    ed.body.setPlainText(ed.body.toPlainText() + "\n\nPelatihan pada 3 Desember 2026 di Samarinda.")
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT):
        ed.save()
    versions = backend.version_texts(staf, returned.id)
    assert len(versions) == 2
    dlg = DiffDialog(versions)
    qtbot.addWidget(dlg)
    assert "Samarinda" in dlg.view.toPlainText()
    assert "background:#c8f0cf" in diff_html("a b", "a c b")
    wait_idle(qtbot, runner)


def test_kind_parts_reach_the_preview_and_the_draft(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    ed.kind.setCurrentIndex(ed.kind.findData("surat_undangan"))
    assert ed.parts.isVisible() and ed.parts.currentWidget() is ed.parts.invitation
    ed.subject.setText("Rapat Evaluasi Layanan Aplikasi")
    ed.to.setText("DISDIK")
    ed.parts.place.setText("Ruang Rapat Tepian I")
    with qtbot.waitSignal(ed.preview_ready, timeout=TIMEOUT):
        ed.parts.agenda.setText("Evaluasi layanan aplikasi")
    d = ed.draft()
    assert d.fields["undangan"]["tempat"] == "Ruang Rapat Tepian I"
    ed.kind.setCurrentIndex(ed.kind.findData("surat_tugas"))
    ed.parts.kepada.setPlainText("Budi Santoso; 198001012005011001; Kepala Bidang")
    assert ed.draft().fields["tugas"]["kepada"][0]["nip"] == "198001012005011001"
    ed.kind.setCurrentIndex(ed.kind.findData("nota_dinas"))
    assert ed.parts.isHidden()
    with qtbot.waitSignal(ed.preview_ready, timeout=TIMEOUT):
        ed.render_preview()
    wait_idle(qtbot, runner)


def test_berita_acara_has_its_event_day_and_only_it(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtCore import QDate

    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    ed.kind.setCurrentIndex(ed.kind.findData("berita_acara"))
    assert ed.parts.isVisible() and ed.parts.currentWidget() is ed.parts.proceedings
    assert ed.parts.event_day.isVisible() and ed.parts.event_day.date() == QDate.currentDate()
    ed.subject.setText("Serah Terima Perangkat Jaringan")
    ed.to.setText("KEPALA-DISKOMINFO")
    ed.parts.event_place.setText("Ruang Server Diskominfo")
    with qtbot.waitSignal(ed.preview_ready, timeout=TIMEOUT):
        ed.parts.event_day.setDate(QDate(2026, 11, 19))
    assert ed.draft().fields["berita_acara"] == {"tanggal": "2026-11-19", "tempat": "Ruang Server Diskominfo"}
    for kind in ("surat_undangan", "surat_keputusan", "surat_tugas"):
        ed.kind.setCurrentIndex(ed.kind.findData(kind))
        assert ed.parts.isVisible() and ed.parts.currentWidget() is not ed.parts.proceedings
        assert not ed.parts.event_day.isVisible() and "berita_acara" not in ed.draft().fields
    ed.kind.setCurrentIndex(ed.kind.findData("nota_dinas"))
    assert ed.parts.isHidden() and not ed.parts.event_day.isVisible()
    # the demo's signed berita acara reopens with its day and place (read-only letters load their parts too)
    staf = backend.login("staf.kominfo", "demo")
    ba = next(r for r in backend.letter_list(staf, mine=True) if r.kind == "berita_acara")
    ed.parts.load(backend.detail(staf, ba.id)["fields"])
    assert ed.parts.event_day.date() == QDate(2026, 11, 19)
    assert ed.parts.event_place.text() == "Ruang Server Diskominfo, Samarinda"
    wait_idle(qtbot, runner)


def test_reopened_draft_keeps_its_formatting(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from eoffice.documents.body import parse_markdown
    from eoffice.domain import DocKind
    from eoffice.services.letters import Draft

    staf = backend.login("staf.kominfo", "demo")
    source = "Mohon **segera** dikirim:\n\n1. data *aset*\n2. data jaringan"
    doc_id = backend.draft(staf, Draft(kind=DocKind.NOTA_DINAS, subject="Uji format", body=parse_markdown(source),
                                       to=["KEPALA-DISKOMINFO"]))
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.open_editor(doc_id)
    qtbot.waitUntil(lambda: ed.subject.text() == "Uji format", timeout=TIMEOUT)
    assert ed.body.toPlainText() == source
    assert ed.to.isEnabled() and not ed.kind.isEnabled()  # a revision may fix the addressees, not the kind
    wait_idle(qtbot, runner)
