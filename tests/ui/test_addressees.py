"""The editor addresses letters to jabatan (issue 14 item 7, issue 15 rule 2) and a revision can fix the head
(item 5): the real editor, its picker and its submit dialog, offscreen."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle

KOMINFO = "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur"
SEKDA = "Sekretaris Daerah Provinsi Kalimantan Timur"
BAPPEDA = "Kepala Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur"


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _pick(qtbot: Any, ed: Any, field: Any, codes: list[str], search: str = "") -> Any:
    ed.pick(field, "Pilih tujuan")
    dlg = ed.picker
    assert dlg is not None and dlg.isVisible()
    if search:
        dlg.tree.search.setText(search)
    dlg.tree.choose(codes)
    return dlg


def test_the_picker_is_the_organisation_tree_and_the_letter_prints_the_jabatan(
        qtbot: Any, backend: Any, runner: Any, qsettings: Any, tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    holder = next(u.name for u in backend.users() if u.login == "kepala.kominfo")
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries), timeout=TIMEOUT)
    ed.subject.setText("Permohonan Akses Jaringan")
    dlg = _pick(qtbot, ed, ed.to, ["KEPALA-DISKOMINFO"], search="komunikasi")
    shown = dlg.tree.visible_names()
    assert f"{KOMINFO} — {holder}" in shown  # the jabatan, its holder's name as a hint
    assert all("kominfo" not in n and "KEPALA-" not in n for n in shown)  # no logins, no codes
    assert shown[0].startswith("Gubernur")  # a match keeps its superiors, for context
    dlg.grab().save(str(tmp_path / "picker.png"))
    with qtbot.waitSignal(ed.preview_ready, timeout=TIMEOUT):
        dlg.accept()
    assert ed.to.text() == KOMINFO
    text = _text(ed.preview.data)
    head = " ".join(text.split()).split("Dari :")[0]  # the holder signs it (the default route): named only there
    assert f"Yth. {KOMINFO}" in head and holder not in head
    ed.grab().save(str(tmp_path / "editor.png"))
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT) as saved:
        ed.save()
    staf = backend.login("staf.kominfo", "demo")
    assert backend.detail(staf, saved.args[0])["to"] == [KOMINFO]
    kepala = backend.login("kepala.kominfo", "demo")  # the jabatan routes to its holder: he can open it
    assert backend.detail(kepala, saved.args[0])["subject"] == "Permohonan Akses Jaringan"
    wait_idle(qtbot, runner)


def test_the_submit_dialog_warns_of_a_letter_to_its_own_signer(qtbot: Any, backend: Any, runner: Any,
                                                               qsettings: Any, tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries) and ed.kode.count() > 1, timeout=TIMEOUT)
    ed.subject.setText("Laporan Kegiatan")
    ed.kode.setCurrentIndex(ed.kode.findData("000.1.2.3"))
    _pick(qtbot, ed, ed.to, ["KEPALA-DISKOMINFO"]).accept()
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT):
        ed.save_and_submit()
    dlg = ed.submit_dialog
    assert dlg is not None
    with qtbot.waitSignal(dlg.checked, timeout=TIMEOUT) as checked:
        pass
    assert checked.args[0] == KOMINFO
    assert dlg.warning.isVisible() and "penandatangannya sendiri" in dlg.warning.text()
    assert KOMINFO in dlg.warning.text()
    dlg.grab().save(str(tmp_path / "submit-warning.png"))
    dlg.reject()
    ed.to.setText(SEKDA)  # fixed before submitting: no warning
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT):
        ed.save_and_submit()
    dlg = ed.submit_dialog
    with qtbot.waitSignal(dlg.checked, timeout=TIMEOUT) as checked:
        pass
    assert checked.args[0] == "" and not dlg.warning.isVisible()
    dlg.reject()
    wait_idle(qtbot, runner)


def test_a_revision_fixes_addressees_sifat_and_files(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                      tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    open_view(qtbot, w, "drafts")
    staf = backend.login("staf.kominfo", "demo")
    returned = next(r for r in backend.letter_list(staf, mine=True) if r.status == "returned")
    before = backend.detail(staf, returned.id)
    ed = w.windows.open_editor(returned.id)
    qtbot.waitUntil(lambda: ed.returned.isVisible() and bool(ed.entries), timeout=TIMEOUT)
    for field in (ed.to, ed.cc, ed.urgency, ed.classification, ed.kode):
        assert field.isEnabled()
    assert not ed.kind.isEnabled()
    _pick(qtbot, ed, ed.cc, ["KEPALA-BAPPEDA"]).accept()
    assert ed.cc.text() == f"{SEKDA}; {BAPPEDA}"  # added to the tembusan it had
    ed.urgency.setCurrentIndex(ed.urgency.findData("segera"))
    (tmp_path / "jadwal.csv").write_text("hari,acara\n3 Des,pelatihan\n", encoding="utf-8")
    ed.add_file(tmp_path / "jadwal.csv")
    with qtbot.waitSignal(ed.preview_ready, timeout=TIMEOUT):
        ed.render_preview()
    assert BAPPEDA in _text(ed.preview.data)
    with qtbot.waitSignal(ed.saved, timeout=TIMEOUT):
        ed.save()
    after = backend.detail(staf, returned.id)
    assert after["to"] == before["to"]  # untouched addressees stay as they were addressed
    assert after["cc"] == [SEKDA, BAPPEDA] and after["urgency"] == "segera"
    assert "jadwal.csv" in [a["name"] for a in after["attachments"]]
    versions = backend.version_texts(staf, returned.id)
    assert len(versions) == 2 and BAPPEDA not in versions[0][1] and BAPPEDA in versions[1][1]
    assert "Sifat: Segera" in versions[1][1] and "Sifat: Biasa" in versions[0][1]
    wait_idle(qtbot, runner)


def test_yth_is_one_line_that_shows_its_first_addressee(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                        tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLineEdit

    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries), timeout=TIMEOUT)
    assert isinstance(ed.to, QLineEdit) and isinstance(ed.cc, QLineEdit)  # one line each, as the picker fills it
    assert ed.to.height() == ed.subject.height()
    _pick(qtbot, ed, ed.to, ["KEPALA-DISKOMINFO", "KEPALA-BAPPEDA"]).accept()
    assert ed.to.text() == f"{KOMINFO}; {BAPPEDA}"
    assert ed.to.cursorPosition() == 0  # the field shows where the list begins, not the tail of the last one
    assert ed.to.toolTip().splitlines() == [KOMINFO, BAPPEDA]  # every jabatan in full, one per line
    ed.to.setText(f"{SEKDA}; {KOMINFO}")  # typed the same way
    assert ed.to.toolTip().splitlines() == [SEKDA, KOMINFO]
    ed.grab().save(str(tmp_path / "editor-yth.png"))
    wait_idle(qtbot, runner)
