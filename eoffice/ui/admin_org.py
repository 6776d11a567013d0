"""Admin tabs for numbering formats (Penomoran) and positions (Jabatan)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.ui import text
from eoffice.ui.models import Column, RowsModel
from eoffice.ui.tasks import TaskRunner, as_text
from eoffice.ui.text import QT_TRANSLATE_NOOP
from eoffice.workflow.numbering import TOKENS

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

DEFAULT_PATTERN = "{kode}/{seq:04}/{unit}/{year}"
TOKEN_HELP = {"kode": QT_TRANSLATE_NOOP("NumberingTab", "kode klasifikasi arsip"),
              "seq": QT_TRANSLATE_NOOP("NumberingTab", "nomor urut per tahun ({seq:04} = 4 digit)"),
              "unit": QT_TRANSLATE_NOOP("NumberingTab", "kode unit/perangkat daerah"),
              "year": QT_TRANSLATE_NOOP("NumberingTab", "tahun"),
              "month": QT_TRANSLATE_NOOP("NumberingTab", "bulan ({month:02} = 2 digit)"),
              "month_roman": QT_TRANSLATE_NOOP("NumberingTab", "bulan romawi I..XII"),
              "kind_code": QT_TRANSLATE_NOOP("NumberingTab", "kode jenis naskah (ND, SE, SK...)")}


def message_label() -> QLabel:
    label = QLabel("")
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
    label.setWordWrap(True)
    return label


def say(label: QLabel, message: str, error: bool = False) -> None:
    label.setText(message)
    label.setStyleSheet("color:#b3261e" if error else "color:#1b7a34")


class NumberingTab(QWidget):
    """The number formats (unit, kind, pattern) and a form to set one."""

    changed = Signal(str)
    loaded = Signal()

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        from eoffice.ui.admin import table

        super().__init__(parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        all_units, all_kinds = self.tr("semua unit"), self.tr("semua jenis")
        self.model = RowsModel([Column(self.tr("Unit"), lambda f: f.unit or all_units),
                                Column(self.tr("Jenis naskah"), lambda f: text.KIND.get(f.kind, f.kind) if f.kind
                                       else all_kinds),
                                Column(self.tr("Pola"), lambda f: f.pattern)], self)
        self.view, _ = table(self.model, proxy=False)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.unit, self.kind = QComboBox(), QComboBox()
        self.kind.addItem(self.tr("(semua jenis)"), None)
        for k, label in text.KIND.items():
            self.kind.addItem(label, k)
        self.pattern = QLineEdit()
        self.pattern.setPlaceholderText(DEFAULT_PATTERN)
        tokens = ", ".join(f"{{{t}}} {QCoreApplication.translate('NumberingTab', TOKEN_HELP[t]) if t in TOKEN_HELP else ''}"
                           for t in TOKENS)
        help_text = QLabel(self.tr("Token: {tokens}. Wajib memuat {{seq}} dan {{year}}. Tanpa format khusus dipakai "
                                   "{default}").format(tokens=tokens, default=DEFAULT_PATTERN))
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color:#555")
        self.save_button = QPushButton(self.tr("Simpan Format"))
        self.save_button.clicked.connect(self.save)
        self.message = message_label()
        form = QFormLayout()
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Jenis naskah"), self.kind)
        form.addRow(self.tr("Pola nomor"), self.pattern)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(form)
        lay.addWidget(help_text)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        b = self.backend
        self.runner.submit(lambda: (b.number_formats(), b.units()), self._show, lambda e: say(self.message, str(e), True))

    def _show(self, result: tuple[list[Any], list[Any]]) -> None:
        formats, units = result
        self.model.set_rows(formats)
        keep = self.unit.currentData()
        self.unit.clear()
        self.unit.addItem(self.tr("(semua unit)"), None)
        for u in units:
            self.unit.addItem(f"{u.code} - {u.name}", u.code)
        self.unit.setCurrentIndex(max(self.unit.findData(keep), 0))
        self.loaded.emit()

    def _selected(self, *_: Any) -> None:
        rows = self.view.selectionModel().selectedRows()
        f = self.model.row_at(rows[0].row()) if rows else None
        if f is not None:
            self.unit.setCurrentIndex(max(self.unit.findData(f.unit), 0))
            self.kind.setCurrentIndex(max(self.kind.findData(f.kind), 0))
            self.pattern.setText(f.pattern)

    def save(self) -> None:
        pattern, unit, kind = self.pattern.text().strip(), self.unit.currentData(), self.kind.currentData()
        if not pattern:
            say(self.message, self.tr("Pola nomor tidak boleh kosong"), True)
            return

        def done(_r: Any) -> None:
            scope = (unit or self.tr("semua unit")) + ", " + (text.KIND.get(kind, kind) if kind else self.tr("semua jenis"))
            say(self.message, self.tr("Format nomor ({scope}) disimpan: {pattern}").format(scope=scope, pattern=pattern))
            self.changed.emit("numbering")
            self.refresh()

        self.runner.submit(lambda: self.backend.set_number_format(self.actor, pattern, unit_code=unit, kind=kind),
                           done, lambda e: say(self.message, str(e), True))


class PositionsTab(QWidget):
    """Positions (jabatan): code, title, unit, superior, roles; add one."""

    changed = Signal(str)
    loaded = Signal()

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        from eoffice.ui.admin import table

        super().__init__(parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        self.dialog: Any = None
        self.units: list[Any] = []
        self.model = RowsModel([Column(self.tr("Kode"), lambda p: p.code), Column(self.tr("Nama jabatan"), lambda p: p.title),
                                Column(self.tr("Unit"), lambda p: p.unit), Column(self.tr("Atasan"), lambda p: p.parent or "-"),
                                Column(self.tr("Peran"), lambda p: " ".join(p.roles) or "-")], self)
        view, proxy = table(self.model)
        search = QLineEdit()
        search.setPlaceholderText(self.tr("Cari..."))
        search.textChanged.connect(proxy.setFilterFixedString)
        add = QPushButton(self.tr("Tambah Jabatan..."))
        add.clicked.connect(self.add_position)
        bar = QHBoxLayout()
        bar.addWidget(search, 1)
        bar.addWidget(add)
        self.message = message_label()
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(view, 1)
        self.refresh()

    def refresh(self) -> None:
        b = self.backend
        self.runner.submit(lambda: (b.positions(), b.units()), self._show, lambda e: say(self.message, str(e), True))

    def _show(self, result: tuple[list[Any], list[Any]]) -> None:
        positions, self.units = result
        self.model.set_rows(positions)
        self.loaded.emit()

    def add_position(self) -> Any:
        from eoffice.ui.admin import FormDialog

        code, title, roles = QLineEdit(), QLineEdit(), QLineEdit()
        roles.setPlaceholderText(self.tr("nama peran dipisah spasi (opsional), mis. sekretariat"))
        unit, parent = QComboBox(), QComboBox()
        for u in self.units:
            unit.addItem(f"{u.code} - {u.name}", u.code)
        parent.addItem(self.tr("(tidak ada)"), None)
        for p in self.model.rows:
            parent.addItem(f"{p.code} - {p.title}", p.code)
        dlg = FormDialog(self.tr("Tambah Jabatan"), [(self.tr("Kode"), code), (self.tr("Nama jabatan"), title),
                                                    (self.tr("Unit"), unit), (self.tr("Atasan"), parent),
                                                    (self.tr("Peran"), roles)], self)

        def ok() -> None:
            args = dict(code=code.text().strip(), title=title.text().strip(), unit_code=unit.currentData(),
                        parent_code=parent.currentData(), roles=roles.text().split())

            def done(info: Any) -> None:
                dlg.accept()
                say(self.message, self.tr("Jabatan {code} ditambahkan").format(code=info.code))
                self.changed.emit("position")
                self.refresh()

            self.runner.submit(lambda: self.backend.add_position(self.actor, **args), done, as_text(dlg.error.setText))

        dlg.buttons.accepted.connect(ok)
        self.dialog = dlg
        dlg.open()
        return dlg
