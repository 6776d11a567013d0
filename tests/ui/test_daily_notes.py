"""Issue 14, "Missing": a comment added in the reading pane's Catatan tab, with its author's name and time, by
those the route lets comment; nobody else is offered the box."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle

DISPATCHED = "Penyampaian Laporan Penyelenggaraan SPBE Tahun 2026"  # demo: numbered, paraf x3, TTE, sent


def _open(qtbot: Any, w: Any, doc_id: str) -> None:
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        assert w.letters.select_id(doc_id)


def test_a_comment_in_catatan_shows_its_author_and_time(qtbot: Any, backend: Any, runner: Any,
                                                        qsettings: Any) -> None:
    staf = backend.login("staf.kominfo", "demo")
    target = next(r for r in backend.letter_list(staf, mine=True) if r.status == "in_review")
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    open_view(qtbot, w, "sent")
    _open(qtbot, w, target.id)
    tab = w.reading.notes_tab
    w.reading.tabs.setCurrentWidget(tab)
    assert tab.box.isVisible() and not tab.send.isEnabled()  # nothing typed yet
    tab.edit.setPlainText("Mohon lampiran jadwal diperbarui sebelum paraf.")
    assert tab.send.isEnabled()
    with qtbot.waitSignals([w.action_done, w.detail_loaded], timeout=TIMEOUT):
        tab.send.click()
    notes = w.reading.notes.toPlainText()
    assert "Mohon lampiran jadwal diperbarui sebelum paraf." in notes and staf.name in notes and "Komentar" in notes
    assert "staf.kominfo" not in notes  # a name, never a login
    assert tab.edit.toPlainText() == "" and w.last_message == "Catatan ditambahkan"
    stored = backend.detail(staf, target.id)["notes"][-1]
    assert stored["kind"] == "comment" and stored["author"] == "staf.kominfo"
    from eoffice.ui import text

    assert text.iso_text(stored["at"]) in notes  # "1 Des 2026 22:05", in WITA
    wait_idle(qtbot, runner)


def test_no_comment_box_on_a_finished_route(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    gub = backend.login("gubernur", "demo")
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "archive")
    target = next(r for r in backend.letter_list(gub) if r.subject == DISPATCHED)
    _open(qtbot, w, target.id)
    w.reading.tabs.setCurrentWidget(w.reading.notes_tab)
    assert not w.reading.notes_tab.box.isVisible()  # sent: its route is over, a comment would be refused
    wait_idle(qtbot, runner)
