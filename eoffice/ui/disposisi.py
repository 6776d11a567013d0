"""Incoming letters: register a scanned PDF (file dialog or drag and drop) and write a disposisi."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import Classification, EofficeError, Urgency
from eoffice.services.incoming import Incoming
from eoffice.ui import text
from eoffice.ui.orgpicker import OrgPicker
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.text import error_label, ok_cancel

if TYPE_CHECKING:
    from eoffice.app.queries import Person
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front


def qdate(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


def pdf_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    md = event.mimeData()
    if not md.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in md.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf")]


class RegisterDialog(QDialog):
    """Register a scanned incoming letter: the PDF (choose or drop it here) and its register data."""

    registered = Signal(object)  # the new letter's id (a Queued when made offline)

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        self.setWindowTitle(self.tr("Daftarkan Naskah Masuk"))
        self.setObjectName("registerDialog")
        self.setAcceptDrops(True)
        self.pdf: tuple[str, bytes] | None = None
        self.file_label = QLabel(self.tr("Seret berkas PDF pindaian ke sini, atau pilih berkas."))
        self.file_label.setStyleSheet("border:2px dashed #999;padding:14px")
        self.file_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton(self.tr("Pilih PDF..."))
        choose.clicked.connect(self.choose)
        self.sender_edit = QLineEdit()
        self.number = QLineEdit()
        self.subject = QLineEdit()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(text.DATE_EDIT_FORMAT)
        self.to = QComboBox()
        self.urgency = QComboBox()
        for u in Urgency:
            self.urgency.addItem(text.URGENCY[u.value], u.value)
        self.classification = QComboBox()
        for c in Classification:
            self.classification.addItem(text.CLASSIFICATION[c.value], c.value)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Pengirim"), self.sender_edit)
        form.addRow(self.tr("Nomor surat"), self.number)
        form.addRow(self.tr("Hal"), self.subject)
        form.addRow(self.tr("Tanggal surat"), self.date)
        form.addRow(self.tr("Ditujukan kepada"), self.to)
        form.addRow(self.tr("Sifat"), self.urgency)
        form.addRow(self.tr("Klasifikasi"), self.classification)
        self.buttons = ok_cancel(self.tr("Daftarkan"), self.go, self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.file_label)
        lay.addWidget(choose)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(520)
        runner.submit(backend.leaders, self._leaders)

    def _leaders(self, leaders: list[tuple[str, str]]) -> None:
        for login, title in leaders:
            self.to.addItem(title, login)  # the jabatan, not the login

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih PDF pindaian"), str(Path.home()), "PDF (*.pdf)")
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        try:
            self.pdf = (path.name, path.read_bytes())
        except OSError as exc:
            self.error.setText(self.tr("{name}: tidak dapat dibaca ({reason})").format(name=path.name, reason=exc.strerror))
            return
        self.file_label.setText(f"{path.name} ({text.size_text(len(self.pdf[1]))})")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if pdf_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = pdf_paths(event)
        if paths:
            self.set_file(paths[0])
            event.acceptProposedAction()

    def go(self) -> None:
        if self.pdf is None:
            self.error.setText(self.tr("Pilih berkas PDF pindaian terlebih dahulu"))
            return
        if not self.to.currentData():
            self.error.setText(self.tr("Pilih pimpinan yang dituju"))
            return
        info = Incoming(sender=self.sender_edit.text(), number=self.number.text(), subject=self.subject.text(),
                        letter_date=qdate(self.date.date()), addressed_to=self.to.currentData(),
                        urgency=Urgency(self.urgency.currentData()),
                        classification=Classification(self.classification.currentData()))
        name, data = self.pdf
        self.buttons.setEnabled(False)

        def failed(error: EofficeError) -> None:
            message = str(error)
            self.buttons.setEnabled(True)
            self.error.setText(message)

        def done(doc_id: Any) -> None:
            self.registered.emit(doc_id)
            self.accept()

        self.runner.submit(lambda: self.backend.register_incoming(self.actor, info, name, data), done, failed)


class DisposeDialog(QDialog):
    """Recipients (the user's subordinates), instruction checkboxes, note and deadline."""

    disposed = Signal(object)
    loaded = Signal()

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, doc_id: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.backend, self.actor, self.runner, self.doc_id = backend, actor, runner, doc_id
        self.setWindowTitle(self.tr("Disposisi"))
        self.setObjectName("disposeDialog")
        self.people = OrgPicker()
        self.checks: dict[str, QCheckBox] = {}
        box = QGroupBox(self.tr("Instruksi"))
        grid = QGridLayout(box)
        for n, (key, label) in enumerate(text.INSTRUCTIONS.items()):
            cb = QCheckBox(label)
            self.checks[key] = cb
            grid.addWidget(cb, n // 2, n % 2)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(80)
        self.note.setTabChangesFocus(True)
        self.use_deadline = QCheckBox(self.tr("Batas waktu"))
        self.deadline = QDateEdit(QDate.currentDate().addDays(3))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat(text.DATE_EDIT_FORMAT)
        self.deadline.setEnabled(False)
        self.use_deadline.toggled.connect(self.deadline.setEnabled)
        self.error = error_label()
        self.buttons = ok_cancel(self.tr("Kirim Disposisi"), self.go, self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Diteruskan kepada (bawahan Anda):")))
        lay.addWidget(self.people, 1)
        lay.addWidget(box)
        lay.addWidget(QLabel(self.tr("Catatan")))
        lay.addWidget(self.note)
        lay.addWidget(self.use_deadline)
        lay.addWidget(self.deadline)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.resize(620, 640)
        runner.submit(lambda: backend.subordinates(actor), self._people)

    def _people(self, people: list[Person]) -> None:
        self.people.set_people(people)
        self.loaded.emit()

    def choose(self, logins: list[str]) -> None:
        self.people.choose(logins)

    def chosen(self) -> list[str]:
        return self.people.chosen()

    def go(self) -> None:
        to = self.chosen()
        instructions = [k for k, cb in self.checks.items() if cb.isChecked()]
        deadline = qdate(self.deadline.date()) if self.use_deadline.isChecked() else None
        self.buttons.setEnabled(False)

        def failed(error: EofficeError) -> None:
            message = str(error)
            self.buttons.setEnabled(True)
            self.error.setText(message)

        def done(ids: Any) -> None:
            self.disposed.emit(ids)
            self.accept()

        note = self.note.toPlainText()
        self.runner.submit(lambda: self.backend.dispose(self.actor, self.doc_id, to, instructions, note, deadline),
                           done, failed)
