"""Issue 14: the Pencarian view (words over the letter text with filters), counts that agree between the
navigation, the list's title and the search box, and a section's letter that does not stay behind."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_row, open_view, wait_idle

DISPATCHED = "Penyampaian Laporan Penyelenggaraan SPBE Tahun 2026"  # demo: numbered, paraf x3, TTE, sent


def _search(qtbot: Any, w: Any, change: Any) -> list[Any]:
    with qtbot.waitSignal(w.list_loaded, timeout=TIMEOUT):
        change()
    return list(w.model.rows)


def test_pencarian_finds_letter_text_with_filters(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    f = w.finder
    assert not f.isVisible()  # only in Pencarian
    open_view(qtbot, w, "search")
    assert f.isVisible() and w.model.rows == [] and w.list_title.text() == "Pencarian (0)"
    f.words.setText("spbe laporan")
    rows = _search(qtbot, w, f.words.returnPressed.emit)
    assert DISPATCHED in [r.subject for r in rows]
    assert w.list_title.text() == f"Pencarian ({len(rows)})"
    nota = f.kind.findData("nota_dinas")
    assert f.kind.itemText(nota) == "Nota Dinas"
    kept = _search(qtbot, w, lambda: f.kind.setCurrentIndex(f.kind.findData("surat_undangan")))
    assert DISPATCHED not in [r.subject for r in kept]
    f.words.clear()  # the filters alone: every letter they keep
    kept = _search(qtbot, w, lambda: f.status.setCurrentIndex(f.status.findData("dispatched")))
    actor = backend.login("gubernur", "demo")
    expected = {r.id for r in backend.letter_list(actor) if (r.kind, r.status) == ("surat_undangan", "dispatched")}
    assert {r.id for r in kept} == expected
    qtbot.waitUntil(lambda: f.unit.count() > 1, timeout=TIMEOUT)  # names, never codes
    assert all(not f.unit.itemText(i).isupper() for i in range(1, f.unit.count()))
    f.set_date(f.date_to, dt.date(2026, 12, 4))
    assert f.date_to.text() == "4 Des 2026" and f.date_from.text() == "semua"  # the Indonesian calendar
    later = _search(qtbot, w, lambda: f.set_date(f.date_from, dt.date(2099, 1, 1)))
    assert later == [] and w.list_title.text() == "Pencarian (0)"
    f.clear()
    assert f.wanted() is None
    wait_idle(qtbot, runner)


def test_a_bad_date_range_says_so_in_plain_words(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "search")
    w.finder.set_date(w.finder.date_to, dt.date(2026, 12, 1))
    w.finder.set_date(w.finder.date_from, dt.date(2026, 12, 2))
    qtbot.waitUntil(lambda: "sesudah" in w.last_message, timeout=TIMEOUT)
    wait_idle(qtbot, runner)


def test_counts_agree_between_navigation_title_and_search_box(qtbot: Any, backend: Any, runner: Any,
                                                              qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "disposisi")
    badge, rows = w.counts["disposisi"], w.model.rowCount()
    assert 0 < badge < rows  # the badge counts what is new, the list holds the read ones too
    assert w.nav_items["disposisi"].text() == f"Disposisi ({badge})"
    assert w.list_title.text() == f"Disposisi ({rows} · {badge} baru)"
    word = w.model.rows[0].subject.split()[0]
    w.search.setText(word)
    shown = w.proxy.rowCount()
    assert w.list_title.text().startswith(f"Disposisi ({shown} dari {rows}")
    w.search.clear()
    open_view(qtbot, w, "sign")
    assert w.list_title.text() == f"Perlu Tanda Tangan ({w.counts['sign']})" == w.nav_items["sign"].text()
    wait_idle(qtbot, runner)


def test_switching_sections_clears_the_reading_pane(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    open_row(qtbot, w)
    assert w.reading.info is not None and w.reading.pdf.data
    open_view(qtbot, w, "drafts")
    assert w.current_id is None and w.reading.info is None and not w.reading.pdf.data
    assert w.reading.header.text() == "Pilih naskah di daftar untuk membacanya."
    wait_idle(qtbot, runner)


def test_a_long_disposisi_note_is_readable_in_the_list(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtCore import Qt

    gub = backend.login("gubernur", "demo")
    doc = next(d for d in backend.dispositions(gub) if d["status"] == "baru")
    note = ("Koordinasikan dengan Dinas Kominfo dan Bappeda; siapkan bahan paparan tentang anggaran, jadwal "
            "pelaksanaan dan risiko keamanan informasi untuk rapat pimpinan hari Senin pekan depan.")
    backend.dispose(gub, doc["id"], ["sekda"], ["tindak_lanjuti"], note)
    w = main_window(qtbot, backend, runner, qsettings, "sekda")
    open_view(qtbot, w, "disposisi")
    row = next(i for i in range(w.proxy.rowCount()) if w.proxy.index(i, 1).data().startswith(doc["subject"]))
    shown, tip = w.proxy.index(row, 1).data(), w.proxy.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Tindak lanjuti" in shown and "Koordinasikan dengan Dinas Kominfo" in shown
    assert gub.name in shown and "gubernur" not in shown  # from the governor by name, not by login
    assert tip.startswith("<qt>") and note in tip  # rich text: Qt wraps the whole note in the tooltip
    wait_idle(qtbot, runner)
