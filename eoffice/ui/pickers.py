"""Choosing recipients from the organisation: a filterable list with several selectable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from eoffice.ui.models import Column, FilterProxy, RowsModel


def split_names(raw: str) -> list[str]:
    return [p.strip() for p in raw.replace("\n", ";").split(";") if p.strip()]


class RecipientPicker(QDialog):
    """Pick units and people (multi-select, filtered) for Tujuan / Tembusan."""

    def __init__(self, title: str, entries: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("recipientPicker")
        self.model = RowsModel([Column(self.tr("Penerima"), lambda e: f"{e[1]}  [{e[0]}]")], self)
        self.model.set_rows(entries)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Cari unit atau nama..."))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Pilih"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter)
        lay.addWidget(self.view)
        lay.addWidget(buttons)
        self.resize(460, 480)

    def chosen(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.proxy.mapToSource(self.proxy.index(r, 0)).data(Qt.ItemDataRole.UserRole + 1)[0] for r in rows]
