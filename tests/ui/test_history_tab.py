"""The Riwayat tab: who did it is readable ("Name (Jabatan)": the name whole, the rest elided with the whole in the
tooltip, the time never cut), and every action is in the user's language, the fallback for an unknown one too."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import main_window, open_row, wait_idle

SUBJECT = "Penyampaian Laporan"  # the demo's dispatched letter: nine events by six people


def _history(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> Any:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    w.resize(1400, 860)  # the window opens on the Kotak Masuk
    row = next(r for r in range(w.proxy.rowCount()) if SUBJECT in (w.proxy.index(r, 1).data() or ""))
    open_row(qtbot, w, row)
    w.reading.tabs.setCurrentIndex(w.reading.history_tab)
    qtbot.waitUntil(lambda: w.reading.history_view.isVisible())
    return w


def test_who_did_it_fits_and_the_whole_is_in_the_tooltip(qtbot: Any, backend: Any, runner: Any,
                                                         qsettings: Any) -> None:
    from PySide6.QtCore import Qt

    w = _history(qtbot, backend, runner, qsettings)
    view, model = w.reading.history_view, w.reading.history
    fm, pad = view.fontMetrics(), 6  # the cell's margins
    assert model.rowCount() >= 5
    who = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert any("(" in t and len(t) > 45 for t in who)  # "Name (Jabatan)", long
    for r, t in enumerate(who):
        assert view.columnWidth(1) >= fm.horizontalAdvance(t.split(" (")[0]) + pad  # the name whole
        assert model.index(r, 1).data(Qt.ItemDataRole.ToolTipRole) == t  # and all of it here
        assert model.index(r, 2).data(Qt.ItemDataRole.ToolTipRole) == model.index(r, 2).data()
        assert view.columnWidth(0) >= fm.horizontalAdvance(model.index(r, 0).data()) + pad  # the time never cut
    assert view.columnWidth(1) > 160 and not view.wordWrap()  # one line per event, not "Joko / Supriyanto ..."
    details = view.viewport().width() - sum(view.columnWidth(c) for c in range(3))
    assert details >= view.viewport().width() // 5  # Keterangan keeps room
    wider = view.columnWidth(1)
    w.resize(1900, 860)  # a wider pane: more of the jabatan
    qtbot.waitUntil(lambda: view.columnWidth(1) > wider)
    wait_idle(qtbot, runner)


def test_every_action_reads_in_english_the_unknown_one_too(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                           english: Any) -> None:
    from eoffice.domain import AUDIT_LABELS
    from eoffice.ui import text

    assert [a for a in AUDIT_LABELS if text.audit_action(a) == AUDIT_LABELS[a]] == []  # every label translated
    w = _history(qtbot, backend, runner, qsettings)
    model = w.reading.history
    rows = list(model.rows)
    assert [model.index(r, 2).data() for r in range(2)] == ["Draft created", "Submitted on its route"]
    newer = {**rows[0], "action": "letter.archived_in_2030", "action_label": "Peristiwa lain"}  # a newer version's
    model.set_rows([*rows, newer])
    assert model.index(len(rows), 2).data() == "Other event"
    wait_idle(qtbot, runner)
