"""Every item model passes pytest-qt's model tester, with real rows from the demo database."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import main_window, open_row, open_view, wait_idle


def test_list_and_step_models(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    open_row(qtbot, w, 0)
    assert w.model.rowCount() == 3
    qtmodeltester.check(w.model)
    qtmodeltester.check(w.proxy)
    qtmodeltester.check(w.reading.steps)
    qtmodeltester.check(w.reading.attachments)
    qtmodeltester.check(w.reading.history)
    wait_idle(qtbot, runner)


def test_disposition_tree_model(qtbot: Any, qtmodeltester: Any, backend: Any) -> None:
    from eoffice.ui.models import DispositionTreeModel

    gub = backend.login("gubernur", "demo")
    letters = backend.letter_list(gub, direction="in")
    trees = [backend.disposition_tree(gub, r.id) for r in letters]
    tree = next(t for t in trees if any(r.children for r in t))  # the demo has a two-level disposisi
    model = DispositionTreeModel()
    model.set_tree(tree)
    qtmodeltester.check(model)
    row = next(i for i, r in enumerate(tree) if r.children)
    root = model.index(row, 0)
    assert model.rowCount(root) >= 1
    people = {u.login for u in backend.users()}
    shown = [model.index(0, c, root).data() for c in (0, 1)] + [model.index(row, c).data() for c in (0, 1)]
    assert not people & set(shown) and all(" (" in who for who in shown), shown  # "Name (Jabatan)", no login
    assert model.parent(model.index(0, 0, root)) == root
    model.set_tree([])
    qtmodeltester.check(model)


def test_empty_rows_model(qtmodeltester: Any) -> None:
    from eoffice.ui.models import RowsModel, list_columns

    model = RowsModel(list_columns())
    qtmodeltester.check(model)


def test_dialog_models(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any) -> None:
    from eoffice.ui.disposisi import DisposeDialog
    from eoffice.ui.pickers import AddresseePicker
    from eoffice.ui.verify import VerifyPanel

    gub = backend.login("gubernur", "demo")
    doc = backend.letter_list(gub, direction="in")[0].id
    dlg = DisposeDialog(backend, gub, runner, doc)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.loaded, timeout=30000):
        pass
    assert len(dlg.people.visible_names()) > 5
    qtmodeltester.check(dlg.people.model)
    qtmodeltester.check(dlg.people.proxy)
    picker = AddresseePicker("Pilih", backend.jabatan(), ["SEKDA"])
    qtbot.addWidget(picker)
    assert picker.chosen() == ["SEKDA"]
    qtmodeltester.check(picker.tree.model)
    qtmodeltester.check(picker.tree.proxy)
    panel = VerifyPanel(backend, runner)
    qtbot.addWidget(panel)
    staf = backend.login("staf.kominfo", "demo")
    signed = next(r for r in backend.letter_list(staf) if r.status == "dispatched")
    with qtbot.waitSignal(panel.verified, timeout=30000):
        panel.verify_bytes(backend.pdf(staf, signed.id)[0], "x.pdf")
    qtmodeltester.check(panel.model)
    wait_idle(qtbot, runner)


def test_most_urgent_letters_come_first(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    shown = [w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount())]
    assert shown == ["Segera", "Segera", "Biasa"]
    wait_idle(qtbot, runner)
