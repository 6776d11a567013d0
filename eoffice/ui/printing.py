"""Cetak: the letter as the reading pane shows it (its PDF with the number, date and signature appearances
drawn in) and the lembar disposisi of an incoming letter, through the system's print dialog. Qt cannot hand a
PDF to a printer as it is, so each page is rendered (QPdfDocument) and painted onto the QPrinter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from eoffice.domain import EofficeError
from eoffice.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

translate = QCoreApplication.translate
DPI = 200  # each page is rendered at this resolution, then scaled to the printer's page


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Every page of *document* onto *printer*, each fitted to the printable area; the pages printed."""
    painter = QPainter()
    if document.pageCount() == 0 or not painter.begin(printer):
        return 0
    try:
        for i in range(document.pageCount()):
            if i:
                printer.newPage()
            points = document.pagePointSize(i)
            image = document.render(i, QSize(round(points.width() * DPI / 72), round(points.height() * DPI / 72)))
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x() + (area.width() - size.width()) // 2, area.y(), size.width(),
                                    size.height()), image)
    finally:
        painter.end()
    return document.pageCount()


class Printing(QObject):
    """Cetak for one main window (*widget*): the shown letter's document, or the lembar disposisi fetched from
    the core on the runner; *inform* and *show_error* say how it went."""

    def __init__(self, widget: QWidget, backend: Front, runner: TaskRunner, *, actor: Callable[[], Actor],
                 inform: Callable[[str], None], show_error: Callable[[EofficeError | str], None]) -> None:
        super().__init__(widget)
        self._me, self.backend, self.runner, self._actor = widget, backend, runner, actor
        self.inform, self.show_error = inform, show_error
        self.dialog: QPrintDialog | None = None
        self.printer: QPrinter | None = None  # given by a test (a PDF file); else the dialog's
        self.sheet = QPdfDocument(self)
        self._buffer: QBuffer | None = None

    def print_letter(self, document: QPdfDocument, title: str) -> None:
        self._ask(document, title)

    def print_sheet(self, doc_id: str, title: str) -> None:
        b, a = self.backend, self._actor()

        def loaded(pdf: bytes) -> None:
            buf = QBuffer(self)
            buf.setData(QByteArray(pdf))
            buf.open(QIODevice.OpenModeFlag.ReadOnly)
            self._buffer = buf  # QPdfDocument reads from it while it lives
            self.sheet.load(buf)
            self._ask(self.sheet, translate("Printing", "Lembar Disposisi - {title}").format(title=title))

        self.runner.submit(lambda: b.disposition_sheet(a, doc_id), loaded, self.show_error)

    def _ask(self, document: QPdfDocument, title: str) -> None:
        if document.pageCount() == 0:
            self.show_error(translate("Printing", "Tidak ada halaman untuk dicetak."))
            return
        if self.printer is not None:
            self._print(document, self.printer, title)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.dialog = dlg = QPrintDialog(printer, self._me)
        dlg.setObjectName("printDialog")
        dlg.setWindowTitle(translate("Printing", "Cetak"))
        dlg.accepted.connect(lambda: self._print(document, printer, title))
        dlg.setModal(True)
        dlg.show()

    def _print(self, document: QPdfDocument, printer: QPrinter, title: str) -> None:
        printer.setDocName(title)
        pages = print_document(document, printer)
        if pages:
            self.inform(translate("Printing", "{title} dicetak: {pages} halaman").format(title=title,
                                                                                         pages=pages))
        else:
            self.show_error(translate("Printing", "Pencetak tidak dapat dipakai."))
