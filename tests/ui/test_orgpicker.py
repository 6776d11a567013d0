"""The disposisi picker is the organisation tree (direct subordinates first) with a search that keeps ticks."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view


def _dialog(qtbot: Any, backend: Any, runner: Any, qsettings: Any, login: str) -> Any:
    w = main_window(qtbot, backend, runner, qsettings, login)
    open_view(qtbot, w, "disposisi")
    row = next(r for r in range(w.proxy.rowCount()) if "Bimbingan Teknis" in w.proxy.index(r, 1).data())
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        w.letters.select_row(row)
    dlg = w.windows.dispose_letter(w.current_id)
    with qtbot.waitSignal(dlg.loaded, timeout=TIMEOUT):
        pass
    return dlg


def test_the_governor_sees_the_tree_with_his_direct_subordinates_on_top(qtbot: Any, backend: Any, runner: Any,
                                                                         qsettings: Any) -> None:
    dlg = _dialog(qtbot, backend, runner, qsettings, "gubernur")
    picker = dlg.people
    top = [str(picker.proxy.index(r, 0).data()) for r in range(picker.proxy.rowCount())]
    assert len(top) == 2 and top[0].startswith("Wakil Gubernur") and top[1].startswith("Sekretaris Daerah")
    sekda = picker.proxy.index(1, 0)
    below_sekda = [str(picker.proxy.index(r, 0, sekda).data()) for r in range(picker.proxy.rowCount(sekda))]
    assert any(t.startswith("Asisten") for t in below_sekda) and any(t.startswith("Kepala Dinas") for t in below_sekda)
    names = picker.visible_names()
    assert len(names) > 30
    assert not any("." in n.split(" — ")[0] or "kepala.kominfo" in n for n in names)  # names and titles, no logins
    dlg.reject()


def test_search_narrows_the_tree_and_keeps_what_was_ticked(qtbot: Any, backend: Any, runner: Any,
                                                           qsettings: Any) -> None:
    dlg = _dialog(qtbot, backend, runner, qsettings, "gubernur")
    dlg.choose(["sekda"])
    qtbot.keyClicks(dlg.people.search, "komunikasi")
    shown = dlg.people.visible_names()
    assert shown and len(shown) < 10
    assert any("Komunikasi dan Informatika" in n for n in shown)
    assert shown[0].startswith("Sekretaris Daerah")  # the match's superiors stay, for context
    dlg.choose(["kepala.kominfo"])
    dlg.people.search.clear()
    assert len(dlg.people.visible_names()) > 30
    qtbot.keyClicks(dlg.people.search, "kominfo")  # the unit's short name finds its people too
    shown = dlg.people.visible_names()
    assert any(n.startswith("Kepala Dinas Komunikasi") for n in shown)
    assert not any(n.startswith("Kepala Dinas Kesehatan") for n in shown)
    dlg.people.search.clear()
    assert dlg.chosen() == ["sekda", "kepala.kominfo"]
    dlg.reject()
