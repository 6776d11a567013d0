"""Hostile input in every desktop form: a clear one-line message in the form, nothing written, no crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.helpers import TIMEOUT, main_window, wait_idle
from tests.unit.documents.test_pdfcheck import _encrypted, _plain, _with_open_action, _write


def _counts(backend: Any) -> dict[str, int]:
    from sqlalchemy import func, select

    from eoffice.store.models import Base

    with backend.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables}


def _refused(qtbot: Any, label: Any, fragment: str) -> None:
    qtbot.waitUntil(lambda: fragment in label.text(), timeout=TIMEOUT)
    assert "\n" not in label.text() and "Traceback" not in label.text(), label.text()


@pytest.mark.parametrize("subject, body, attachment, fragment", [
    ("Hal", "Isi\x00surat", None, "U+0000"),
    ("Hal", "Isi \x1b[2J", None, "U+001B"),
    ("Hal", ("kata " * 1000 + "\n\n") * 41, None, "maks. 200.000"),  # (Qt alone needs minutes for 2 MB in one line)
    ("Hal", "Kata " + "x" * 500, None, "tanpa spasi"),
    ("Hal \u202egnp.exe", "Isi.", None, "U+202E"),
    ("Hal", "Isi.", "enc", "terenkripsi"),
    ("Hal", "Isi.", "js", "JavaScript"),
], ids=["nul", "escape", "too-long", "long-word", "bidi-subject", "encrypted-pdf", "javascript-pdf"])
def test_editor_refuses_hostile_drafts(subject: str, body: str, attachment: str | None, fragment: str, qtbot: Any,
                                       backend: Any, runner: Any, qsettings: Any, tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries), timeout=TIMEOUT)
    ed.kind.setCurrentIndex(ed.kind.findData("nota_dinas"))
    ed.subject.setText(subject)
    ed.to.setText("KEPALA-DISKOMINFO")
    ed.body.setPlainText(body)
    if attachment:
        path = tmp_path / "lampiran.pdf"
        path.write_bytes(_encrypted() if attachment == "enc" else _with_open_action("/JavaScript"))
        ed.add_file(path)
    settle(qtbot, ed, runner)  # the live preview (refused too, for a body) must not outlive the editor
    before = _counts(backend)
    ed.save()
    _refused(qtbot, ed.status, fragment)
    settle(qtbot, ed, runner)
    assert _counts(backend) == before


def settle(qtbot: Any, ed: Any, runner: Any) -> None:
    qtbot.waitUntil(lambda: not ed.timer.isActive(), timeout=TIMEOUT)
    wait_idle(qtbot, runner)


@pytest.mark.parametrize("field, value, pdf, fragment", [
    ("subject", "Undangan \u202eX", "ok", "U+202E"),
    ("sender_edit", "Dinas\x07", "ok", "U+0007"),
    ("number", "1/2026", "js", "JavaScript"),
    ("number", "1/2026", "truncated", "terpotong"),
], ids=["bidi-subject", "bell-sender", "javascript-scan", "truncated-scan"])
def test_incoming_registration_refuses_hostile_input(field: str, value: str, pdf: str, fragment: str, qtbot: Any,
                                                     backend: Any, runner: Any, qsettings: Any,
                                                     tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "tu.pimpinan")
    dlg = w.windows.register_incoming()
    qtbot.waitUntil(lambda: dlg.to.count() > 0, timeout=TIMEOUT)
    scan = tmp_path / "pindaian.pdf"
    scan.write_bytes({"ok": _write(_plain()), "js": _with_open_action("/JavaScript"),
                      "truncated": _write(_plain())[:-200]}[pdf])
    dlg.set_file(scan)
    dlg.sender_edit.setText("Kementerian Kominfo")
    dlg.number.setText("B-1/2026")
    dlg.subject.setText("Permintaan Data")
    getattr(dlg, field).setText(value)
    dlg.to.setCurrentIndex(dlg.to.findData("gubernur"))
    before = _counts(backend)
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    _refused(qtbot, dlg.error, fragment)
    wait_idle(qtbot, runner)
    assert _counts(backend) == before


def test_disposisi_refuses_a_hostile_note(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    gub = backend.login("gubernur", "demo")
    doc_id = backend.letter_list(gub, direction="in")[0].id
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    dlg = w.windows.dispose_letter(doc_id)
    qtbot.waitUntil(lambda: bool(dlg.people.visible_names()), timeout=TIMEOUT)
    dlg.choose(["sekda"])
    dlg.checks["hadiri"].setChecked(True)
    dlg.note.setPlainText("Mohon \x1b]0;judul\x07 diwakili.")
    before = _counts(backend)
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    _refused(qtbot, dlg.error, "U+001B")
    wait_idle(qtbot, runner)
    assert _counts(backend) == before


def _admin(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> Any:
    w = main_window(qtbot, backend, runner, qsettings, "admin")
    w.select_view("admin")
    panel = w.page_widgets["admin"]
    qtbot.waitUntil(lambda: panel.units.rowCount() > 0 and panel.templates.rowCount() > 0, timeout=TIMEOUT)
    return panel


def test_admin_forms_refuse_hostile_names(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    panel = _admin(qtbot, backend, runner, qsettings)
    before = _counts(backend)
    dlg = panel.add_user()
    dlg.login.setText("budi.baru")
    dlg.nip.setText("198001012005011001")
    dlg.name.setText("Budi\u0085Santoso")
    dlg.password.setText("rahasia")
    dlg.again.setText("rahasia")
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    _refused(qtbot, dlg.error, "U+0085")
    dlg.reject()
    dlg = panel.add_unit()
    code, uname = dlg.findChildren(QLineEdit)[:2]
    code.setText("UPTD-X")
    uname.setText("UPTD \u202eX")
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    _refused(qtbot, dlg.error, "U+202E")
    wait_idle(qtbot, runner)
    assert _counts(backend) == before


def test_route_import_refuses_an_alias_bomb(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from tests.e2e.test_cli_fuzz import _bomb

    panel = _admin(qtbot, backend, runner, qsettings)
    before = _counts(backend)
    panel.import_text(_bomb())
    qtbot.waitUntil(lambda: "alias" in panel.message.text(), timeout=TIMEOUT)
    panel.import_text("[" * 5000 + "]" * 5000)
    qtbot.waitUntil(lambda: "terlalu dalam" in panel.message.text(), timeout=TIMEOUT)
    wait_idle(qtbot, runner)
    assert _counts(backend) == before


def test_a_fixed_error_leaves_and_the_saved_draft_is_not_red(qtbot: Any, backend: Any, runner: Any,
                                                              qsettings: Any) -> None:
    """Issue 14 item 14: the refusal is red; editing what it was about clears it; the next save says
    "Draf tersimpan" in the normal colour, not in the error's red."""
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries), timeout=TIMEOUT)
    ed.kind.setCurrentIndex(ed.kind.findData("nota_dinas"))
    ed.subject.setText("Hal")
    ed.to.setText("SEKDA")
    ed.body.setPlainText("Isi\x00surat")
    settle(qtbot, ed, runner)
    ed.save()
    _refused(qtbot, ed.status, "U+0000")
    assert "b3261e" in ed.status.styleSheet()
    ed.body.setPlainText("Isi surat yang sudah diperbaiki.")
    assert ed.status.text() == "" and ed.status.styleSheet() == ""
    settle(qtbot, ed, runner)
    ed.save()
    qtbot.waitUntil(lambda: ed.status.text() == "Draf tersimpan", timeout=TIMEOUT)
    assert ed.status.styleSheet() == ""
    settle(qtbot, ed, runner)
