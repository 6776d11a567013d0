"""Route templates in plain words: the stage's assignees picked from roles, jabatan titles and names (never typed
as ``role:kasi``), the selection staying on the edited stage and template after saving, and kinds by name in the
template list and the route picker of "Ajukan"."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, wait_idle


def admin_panel(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> Any:
    w = main_window(qtbot, backend, runner, qsettings, "admin")
    w.select_view("admin")
    panel = w.page_widgets["admin"]
    qtbot.waitUntil(lambda: panel.templates.rowCount() > 0 and panel.names.positions != {} and panel.names.users != {},
                    timeout=TIMEOUT)
    wait_idle(qtbot, runner)
    return panel


def cells(model: Any, column: int) -> list[str]:
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_stage_assignees_are_picked_by_name_and_the_selection_stays(qtbot: Any, qtmodeltester: Any, backend: Any,
                                                                   runner: Any, qsettings: Any) -> None:
    from PySide6.QtCore import Qt

    from eoffice.ui.assignees import SPEC_ROLE

    panel = admin_panel(qtbot, backend, runner, qsettings)
    assert "Nota Dinas" in cells(panel.templates, 0) and "nota_dinas" not in cells(panel.templates, 0)
    row = panel.templates.rowCount() - 1  # not the first: a reload used to jump back to row 0
    name = panel.templates.rows[row]["name"]
    panel.template_view.selectRow(row)
    petugas = cells(panel.stages, 3)
    assert petugas and not any("role:" in p or "position:" in p for p in petugas)
    assert any("Kepala Bidang" in p for p in petugas)
    ed = panel.edit_template()
    assert "role:" not in " ".join(cells(ed.model, 3))
    ed.view.selectRow(0)
    first = ed.stages[0]
    dlg = ed.edit_stage()
    picker = dlg.assignees
    assert picker.chosen() == first["assignees"]
    picker.search.setText("biro hukum")
    shown = picker.visible_labels()
    assert "Jabatan: Kepala Biro Hukum" in shown and all("biro hukum" in s.lower() for s in shown)
    item = next(picker.model.item(r) for r in range(picker.model.rowCount())
                if picker.model.item(r).data(SPEC_ROLE) == "position:KARO-HUKUM")
    item.setCheckState(Qt.CheckState.Checked)
    picker.search.clear()
    last = max(s["order"] for s in ed.stages)
    dlg.order.setValue(last + 1)  # moves to the end: the selection goes with it
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert ed.stages[-1]["name"] == first["name"]
    assert ed.stages[-1]["assignees"] == [*first["assignees"], "position:KARO-HUKUM"]
    assert ed.current_row() == len(ed.stages) - 1
    assert "Kepala Biro Hukum" in str(ed.model.index(len(ed.stages) - 1, 3).data())
    qtmodeltester.check(ed.model)
    dlg = ed.edit_stage()  # the selected (moved) stage; back to its place, or the route is invalid
    assert dlg.name.text() == first["name"]
    dlg.order.setValue(first["order"])
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert ed.stages[ed.current_row()]["name"] == first["name"] and ed.current_row() < len(ed.stages) - 1
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        ed.save_button.click()
    assert "versi 2 disimpan" in panel.message.text() and name not in panel.message.text()
    selected = panel.selected_template()
    assert selected is not None and selected["name"] == name and selected["version"] == 2
    wait_idle(qtbot, runner)


def test_the_route_picker_shows_the_kind_by_name(qtbot: Any, backend: Any, runner: Any) -> None:
    from eoffice.ui.submit import SubmitDialog

    actor = backend.login("staf.kominfo", "demo")
    draft = next(r for r in backend.letter_list(actor, status="draft"))
    dlg = SubmitDialog(backend, actor, runner, draft.id)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.routes.count() > 1, timeout=TIMEOUT)
    labels = [dlg.routes.itemText(i) for i in range(dlg.routes.count())]
    data = [dlg.routes.itemData(i) for i in range(1, dlg.routes.count())]
    assert not any("_" in label for label in labels), labels
    assert all(d and "_" in d for d in data)  # the template's name stays behind the label
    wait_idle(qtbot, runner)
