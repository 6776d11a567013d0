"""Admin: the Penomoran (number formats) and Jabatan (positions) tabs."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, wait_idle


def admin_panel(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> Any:
    w = main_window(qtbot, backend, runner, qsettings, "admin")
    w.select_view("admin")
    panel = w.page_widgets["admin"]
    wait_idle(qtbot, runner)
    return panel


def test_admin_sets_a_number_format(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any,
                                    qsettings: Any) -> None:
    panel = admin_panel(qtbot, backend, runner, qsettings)
    tab = panel.numbering
    assert panel.tabs.indexOf(tab) >= 0 and panel.tabs.tabText(panel.tabs.indexOf(tab)) == "Penomoran"
    qtmodeltester.check(tab.model)
    before = tab.model.rowCount()
    tab.unit.setCurrentIndex(tab.unit.findData("DISKOMINFO"))
    tab.kind.setCurrentIndex(tab.kind.findData("nota_dinas"))
    tab.pattern.setText("{kind_code}/{seq:03}/{unit}/{month_roman}/{year}")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.save_button.click()
    assert "disimpan" in tab.message.text()
    assert tab.model.rowCount() == before + 1
    row = next(f for f in tab.model.rows if f.unit == "DISKOMINFO" and f.kind == "nota_dinas")
    assert row.pattern == "{kind_code}/{seq:03}/{unit}/{month_roman}/{year}"
    qtmodeltester.check(tab.model)
    tab.pattern.setText("{nomor}/{year}")  # unknown token, no {seq}
    tab.save_button.click()
    qtbot.waitUntil(lambda: "{nomor}" in tab.message.text(), timeout=TIMEOUT)
    assert "b3261e" in tab.message.styleSheet()
    assert tab.model.rowCount() == before + 1
    wait_idle(qtbot, runner)


def test_a_non_admin_cannot_set_a_number_format(backend: Any) -> None:
    import pytest

    from eoffice.domain import EofficeError

    staf = backend.login("staf.kominfo", "demo")
    with pytest.raises(EofficeError):
        backend.set_number_format(staf, "{seq}/{year}")


def test_admin_adds_a_position(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit

    panel = admin_panel(qtbot, backend, runner, qsettings)
    tab = panel.positions
    assert panel.tabs.tabText(panel.tabs.indexOf(tab)) == "Jabatan"
    qtmodeltester.check(tab.model)
    before = tab.model.rowCount()
    assert before > 0
    parent_code = tab.model.rows[0].code
    dlg = tab.add_position()
    code, title, roles = dlg.findChildren(QLineEdit)
    unit, parent = dlg.findChildren(QComboBox)
    code.setText("kasi-tik")  # upper-cased by the service
    title.setText("Kepala Seksi Infrastruktur TIK")
    unit.setCurrentIndex(unit.findData("DISKOMINFO"))
    parent.setCurrentIndex(parent.findData(parent_code))
    roles.setText("operator_tik")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert "KASI-TIK ditambahkan" in tab.message.text()
    assert tab.model.rowCount() == before + 1
    new = next(p for p in tab.model.rows if p.code == "KASI-TIK")
    assert (new.unit, new.parent, new.roles) == ("DISKOMINFO", parent_code, ("operator_tik",))
    qtmodeltester.check(tab.model)
    dlg = tab.add_position()  # the same code again: the error stays in the dialog
    code, title, _ = dlg.findChildren(QLineEdit)
    code.setText("KASI-TIK")
    title.setText("Lagi")
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "sudah ada" in dlg.error.text(), timeout=TIMEOUT)
    wait_idle(qtbot, runner)
