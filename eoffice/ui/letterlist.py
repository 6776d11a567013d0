"""The main window's list pane: its title, "n of N" with the button for the next page, the search box and the
table of letters, and which rows are selected. What is loaded into it is the window's business."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.ui import text
from eoffice.ui.models import FilterProxy, RowsModel, list_columns, opened_row

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object behind each line


class LetterList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(list_columns(), self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("MainWindow", "Cari (hal, jenis, pengirim)..."))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search.textChanged.connect(lambda _t: self._title())
        self._shown: tuple[str, int | None, int | None] = ("", None, None)  # label, whole list, badge
        self.table = t = QTableView()
        t.setObjectName("letterList")
        t.setModel(self.proxy)
        t.setSortingEnabled(True)
        t.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # most urgent first, then the service's order
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.verticalHeader().setVisible(False)
        t.setWordWrap(False)
        t.setAlternatingRowColors(True)
        hh = t.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 95), (2, 110), (3, 120), (4, 110), (5, 125), (6, 125)):
            t.setColumnWidth(col, width)
        for col in (2, 3, 4):  # shown on the second line of "Hal"; still searchable
            t.setColumnHidden(col, True)
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() * 2 + 12)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-size:13pt;font-weight:bold")
        self.list_note = QLabel()  # the list holds one page of a longer list: how many of how many
        self.list_note.setWordWrap(True)
        self.list_note.setStyleSheet("color:#5f6368")
        self.more_button = QPushButton()
        self.more_button.setObjectName("moreButton")
        more_row = QHBoxLayout()
        more_row.setContentsMargins(0, 0, 0, 0)
        more_row.addWidget(self.list_note, 1)
        more_row.addWidget(self.more_button)
        self.more_bar = QWidget()
        self.more_bar.setLayout(more_row)
        self.more_bar.setVisible(False)
        ll = QVBoxLayout(self)
        ll.setContentsMargins(0, 0, 0, 0)
        for w in (self.list_title, self.more_bar, self.search, self.table):
            ll.addWidget(w)

    def show_count(self, label: str, total: int | None, page: int, pending: int | None = None) -> None:
        """The title's count; with *total* (a longer list than shown), "n of N" and a button for *page* more;
        *pending*: the navigation's badge for this list (what waits or is unread), said when it is not all."""
        shown = self.model.rowCount()
        self._shown = (label, total, pending)
        self._title()
        self.more_bar.setVisible(total is not None)
        if total is None:
            return
        self.list_note.setText(translate("MainWindow", "Menampilkan {shown} naskah terbaru dari {total}.").format(
            shown=text.number(shown), total=text.number(total)))
        self.more_button.setText(translate("MainWindow", "Muat {n} berikutnya").format(
            n=text.number(min(page, max(total - shown, 0)))))
        self.more_button.setEnabled(True)

    def put_above_table(self, w: QWidget) -> None:
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.table), w)

    def _title(self) -> None:
        """"Label (N)"; "(n dari N)" while the search box narrows the list; and the badge's "k baru" when
        the navigation counts fewer than the list holds, so the two never seem to disagree."""
        label, total, pending = self._shown
        whole = self.model.rowCount() if total is None else total
        count = text.number(whole)
        if self.search.text():
            count = translate("MainWindow", "{shown} dari {total}").format(
                shown=text.number(self.proxy.rowCount()), total=count)
        if pending and pending != whole:
            count += " · " + translate("MainWindow", "{n} baru").format(n=text.number(pending))
        self.list_title.setText(f"{label} ({count})")

    def row_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(ID_ROLE).id for r in range(self.proxy.rowCount())]

    def select_id(self, doc_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(ID_ROLE).id == doc_id:
                self.select_row(r)
                return True
        return False

    def select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            idx = self.proxy.index(row, 0)
            self.table.selectionModel().select(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.setCurrentIndex(idx)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(ID_ROLE).id for r in rows]

    def mark_read(self, doc_id: str) -> None:
        """The opened letter is no longer bold."""
        for i, row in enumerate(self.model.rows):
            if row.id == doc_id and row.unread:
                self.model.rows[i] = opened_row(row)
                self.model.dataChanged.emit(self.model.index(i, 0), self.model.index(i, self.model.columnCount() - 1))
