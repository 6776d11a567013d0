"""Issue 14, "Missing": Cetak prints the letter as the reading pane shows it and the lembar disposisi of an
incoming letter, through a QPrinter (here one writing a PDF file, offscreen), every page."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle

DISPATCHED = "Penyampaian Laporan Penyelenggaraan SPBE Tahun 2026"  # demo: numbered, paraf x3, TTE, sent


def _pdf_printer(path: Path) -> Any:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _ink(path: Path, tmp_path: Path) -> float:
    """The share of page 1's pixels that are not white (a blank page prints none)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(path),
                    str(tmp_path / "page")], check=True)
    grey = Image.open(tmp_path / "page.png").convert("L")
    return sum(1 for v in grey.tobytes() if v < 200) / (grey.width * grey.height)


def test_cetak_prints_every_page_of_the_letter_and_asks_with_the_print_dialog(qtbot: Any, backend: Any, runner: Any,
                                                                              qsettings: Any, tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "archive")
    target = next(r for r in backend.letter_list(backend.login("gubernur", "demo")) if r.subject == DISPATCHED)
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        assert w.letters.select_id(target.id)
    button = w.reading.buttons["print"]
    assert button.isVisible() and button.text() == "Cetak" and not w.reading.buttons["print_sheet"].isVisible()
    printing = w.letter_actions.printing
    button.click()  # no printer given: the system's print dialog asks first
    assert printing.dialog is not None and printing.dialog.isVisible()
    printing.dialog.reject()
    out = tmp_path / "letter.pdf"
    printing.printer = _pdf_printer(out)
    button.click()
    assert _pages(out) == w.reading.pdf.pages >= 1
    assert _ink(out, tmp_path) > 0.01 and w.last_message.endswith(f"dicetak: {w.reading.pdf.pages} halaman")
    wait_idle(qtbot, runner)


def test_cetak_lembar_disposisi_of_an_incoming_letter(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                      tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")  # Kotak Masuk holds incoming letters
    row = next(i for i, r in enumerate(w.model.rows) if r.kind == "naskah_masuk")
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        w.letters.select_id(w.model.rows[row].id)
    button = w.reading.buttons["print_sheet"]
    assert button.isVisible() and button.text() == "Cetak Lembar Disposisi"
    out = tmp_path / "sheet.pdf"
    w.letter_actions.printing.printer = _pdf_printer(out)
    button.click()
    qtbot.waitUntil(lambda: "Lembar Disposisi" in w.last_message, timeout=TIMEOUT)
    assert _pages(out) >= 1 and _ink(out, tmp_path) > 0.005
    wait_idle(qtbot, runner)
