"""The Riwayat table of the reading pane: one line per event, its columns sized to what they hold."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

WHEN, WHO, WHAT, DETAILS = range(4)


class HistoryView(QTableView):
    """Waktu as wide as its text; Oleh ("Name (Jabatan)") as wide as its longest, up to what leaves Aksi 30 % and
    Keterangan 25 % of the rest; Aksi as wide as its longest up to its share; Keterangan the rest. A cell too
    narrow is elided on one line and its tooltip holds the whole text. Fitted again when the rows change and when
    the pane is resized (the columns can still be dragged in between)."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        model.modelReset.connect(self.fit)

    def natural(self, col: int) -> int:
        """The width column *col* needs to show every cell and its title whole."""
        return max(self.sizeHintForColumn(col), self.horizontalHeader().sectionSizeHint(col))

    def fit(self) -> None:
        if self.model() is None or self.model().columnCount() < 4:
            return
        when = self.natural(WHEN)
        rest = max(0, self.viewport().width() - when)
        what = min(self.natural(WHAT), max(rest * 30 // 100, self.horizontalHeader().sectionSizeHint(WHAT)))
        details = min(self.natural(DETAILS), rest * 25 // 100)
        who = max(self.horizontalHeader().sectionSizeHint(WHO), min(self.natural(WHO), rest - what - details))
        for col, width in ((WHEN, when), (WHO, who), (WHAT, what)):
            self.setColumnWidth(col, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()

