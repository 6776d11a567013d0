"""The Pencarian view's filter bar: words over the letter text, and the filters (jenis naskah, status, unit,
sifat, klasifikasi, a date range) that eoffice.app.queries.search applies, the same ones as `eoffice search`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from eoffice.ui import text
from eoffice.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from eoffice.app.queries import Filters
    from eoffice.ui.front import Front

NO_DATE = QDate(2000, 1, 1)  # a date edit at its minimum shows "semua": no bound on that side
DATE_FORMAT = "d MMM yyyy"  # month names from the widget's locale: "4 Des 2026"


class Finder(QWidget):
    searched = Signal()  # the person asked for a (new) search: the window loads the list

    def __init__(self, backend: Front, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finder")
        self.words = QLineEdit()
        self.words.setObjectName("finderWords")
        self.words.setPlaceholderText(self.tr("Kata dalam hal, isi, nomor, pengirim..."))
        self.words.setClearButtonEnabled(True)
        self.words.returnPressed.connect(self.searched.emit)
        self.kind = self._combo(list(text.KIND.items()))
        self.status = self._combo(list(text.STATUS.items()))
        self.urgency = self._combo(list(text.URGENCY.items()))
        self.classification = self._combo(list(text.CLASSIFICATION.items()))
        self.unit = self._combo([])
        self.date_from, self.date_to = self._date(), self._date()
        self.go = QPushButton(self.tr("Cari"))
        self.go.setObjectName("finderGo")
        self.go.setDefault(True)
        self.go.clicked.connect(self.searched.emit)
        self.reset = QPushButton(self.tr("Hapus filter"))
        self.reset.clicked.connect(self.clear)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Kata kunci")), 0, 0)
        grid.addWidget(self.words, 0, 1, 1, 3)
        grid.addWidget(self.go, 0, 4)
        grid.addWidget(self.reset, 0, 5)
        for row, col, label, w in ((1, 0, self.tr("Jenis"), self.kind), (1, 2, self.tr("Status"), self.status),
                                   (1, 4, self.tr("Unit"), self.unit), (2, 0, self.tr("Sifat"), self.urgency),
                                   (2, 2, self.tr("Klasifikasi"), self.classification),
                                   (3, 0, self.tr("Dari tanggal"), self.date_from),
                                   (3, 2, self.tr("Sampai tanggal"), self.date_to)):
            grid.addWidget(QLabel(label), row, col)
            grid.addWidget(w, row, col + 1)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)
        self.backend, self.runner, self.units_asked = backend, runner, False
        self.setVisible(False)  # shown in the Pencarian view only

    def showEvent(self, event: Any) -> None:  # noqa: N802
        if not self.units_asked:  # once someone is signed in (a role connection may not read them before)
            self.units_asked = True
            self.runner.submit(self.backend.units, self._units, lambda _e: None)  # a convenience: no error
        super().showEvent(event)

    def _combo(self, choices: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.addItem(self.tr("Semua"), None)
        for key, label in choices:
            box.addItem(label, key)
        box.currentIndexChanged.connect(lambda _i: self.searched.emit())
        return box

    def _date(self) -> QDateEdit:
        d = QDateEdit()
        d.setCalendarPopup(True)
        d.setDisplayFormat(DATE_FORMAT)
        d.setMinimumDate(NO_DATE)
        d.setSpecialValueText(self.tr("semua"))
        d.setDate(NO_DATE)
        d.dateChanged.connect(lambda _d: self.searched.emit())
        return d

    def _units(self, units: list[Any]) -> None:
        self.unit.blockSignals(True)
        for u in sorted(units, key=lambda u: u.name):
            self.unit.addItem(u.name, u.code)
        self.unit.blockSignals(False)

    @staticmethod
    def _day(edit: QDateEdit) -> dt.date | None:
        d = edit.date()
        return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

    def set_date(self, edit: QDateEdit, day: dt.date | None) -> None:
        edit.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))

    def query(self) -> tuple[str, Filters]:
        from eoffice.app.queries import Filters

        return self.words.text(), Filters(kind=self.kind.currentData(), status=self.status.currentData(),
                                          unit=self.unit.currentData(), date_from=self._day(self.date_from),
                                          classification=self.classification.currentData(),
                                          urgency=self.urgency.currentData(),
                                          date_to=self._day(self.date_to))

    def wanted(self) -> tuple[str, Filters] | None:
        """What to search for: words or a filter; None for an empty bar (it lists nothing, without an error)."""
        words, filters = self.query()
        return (words, filters) if words.strip() or filters else None

    def _inputs(self) -> tuple[QWidget, ...]:
        return self.kind, self.status, self.urgency, self.classification, self.unit, self.date_from, self.date_to

    def clear(self) -> None:
        for w in self._inputs():
            w.blockSignals(True)
        self.words.clear()
        for box in (self.kind, self.status, self.urgency, self.classification, self.unit):
            box.setCurrentIndex(0)
        for edit in (self.date_from, self.date_to):
            edit.setDate(NO_DATE)
        for w in self._inputs():
            w.blockSignals(False)
        self.searched.emit()
