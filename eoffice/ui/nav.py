"""The navigation list: one item per view (ui/views.py), its label with the view's count in bold when there
is something in it; "Perlu Perhatian" is there only while it holds something (or while it is open)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from eoffice.ui import text
from eoffice.ui.views import VIEW_LABELS, VIEWS

ON_DEMAND = {"admin", "attention"}  # added by start() for admins; while non-empty


class Navigation:
    def __init__(self) -> None:
        self.widget = nav = QListWidget()
        nav.setObjectName("nav")
        nav.setFixedWidth(210)
        nav.setStyleSheet("QListWidget{font-size:10.5pt} QListWidget::item{padding:6px}")
        self.items: dict[str, QListWidgetItem] = {}
        for key, _label, _ in VIEWS:
            if key not in ON_DEMAND:
                self.add(key)
        nav.setCurrentRow(0)

    def add(self, key: str, row: int | None = None) -> None:
        item = QListWidgetItem(QCoreApplication.translate("MainWindow", VIEW_LABELS[key]))
        item.setData(Qt.ItemDataRole.UserRole, key)
        if row is None:
            self.widget.addItem(item)
        else:
            self.widget.insertItem(row, item)
        self.items[key] = item

    def show_counts(self, counts: dict[str, int]) -> None:
        attention = counts.get("attention", 0)
        if attention and "attention" not in self.items:
            self.add("attention", 1)  # under Kotak Masuk: what needs the person first
        elif not attention and "attention" in self.items and self.widget.currentItem() is not self.items["attention"]:
            self.widget.takeItem(self.widget.row(self.items.pop("attention")))
        for key, label, count_key in VIEWS:
            if key in self.items:
                n = counts.get(count_key or "", 0)
                shown = QCoreApplication.translate("MainWindow", label)
                self.items[key].setText(f"{shown} ({text.number(n)})" if count_key and n else shown)
                f = self.items[key].font()
                f.setBold(bool(count_key and n))
                self.items[key].setFont(f)
