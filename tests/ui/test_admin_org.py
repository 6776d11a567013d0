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


def test_admin_edits_a_route_template_into_version_2(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any,
                                                     qsettings: Any) -> None:
    from eoffice.ui.route_editor import renumber

    panel = admin_panel(qtbot, backend, runner, qsettings)
    row = next(i for i, t in enumerate(panel.templates.rows) if t["name"] == "nota_dinas")
    assert panel.templates.rows[row]["version"] == 1
    panel.template_view.selectRow(row)
    ed = panel.edit_template()
    qtmodeltester.check(ed.model)
    n = ed.model.rowCount()
    first = ed.stages[0]
    ed.view.selectRow(0)
    dlg = ed.add_stage()  # after the first stage: later stages move down one
    dlg.name.setText("paraf_tambahan")
    dlg.assignees.choose(first["assignees"])
    dlg.sla.setValue(8)
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert ed.model.rowCount() == n + 1
    assert ed.stages[1]["name"] == "paraf_tambahan" and ed.stages[1]["order"] == first["order"] + 1
    ed.view.selectRow(1)
    ed.move_stage(-1)  # now first
    assert ed.stages[0]["name"] == "paraf_tambahan"
    dlg = ed.edit_stage()
    dlg.quorum.setValue(1)
    dlg.cond_field.setCurrentIndex(dlg.cond_field.findData("urgency"))
    dlg.cond_op.setCurrentIndex(dlg.cond_op.findData("in"))
    dlg.cond_value.setText("segera, sangat_segera")
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert ed.stages[0]["condition"] == {"field": "urgency", "op": "in", "value": ["segera", "sangat_segera"]}
    qtmodeltester.check(ed.model)
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        ed.save_button.click()
    assert "Nota Dinas versi 2 disimpan" in panel.message.text()
    saved = next(t for t in panel.templates.rows if t["name"] == "nota_dinas")
    assert saved["version"] == 2
    stages = sorted(saved["definition"]["stages"], key=lambda s: s["order"])
    assert stages[0]["name"] == "paraf_tambahan" and stages[0]["sla_hours"] == 8
    assert len(stages) == n + 1
    # a broken edit (the sign stage removed) keeps the dialog open with the validation message
    panel.template_view.selectRow(next(i for i, t in enumerate(panel.templates.rows) if t["name"] == "nota_dinas"))
    ed = panel.edit_template()
    ed.view.selectRow(next(i for i, s in enumerate(ed.stages) if s["kind"] == "sign"))
    ed.remove_stage()
    ed.save_button.click()
    qtbot.waitUntil(lambda: "sign" in ed.error.text(), timeout=TIMEOUT)
    assert ed.isVisible()
    assert renumber([{"order": 2}, {"order": 2}, {"order": 5}]) == [{"order": 1}, {"order": 1}, {"order": 2}]
    wait_idle(qtbot, runner)
