"""Submitting a letter: choose one of the route templates that apply to it; a letter addressed to the official
who would sign it is pointed out before it goes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import EofficeError
from eoffice.ui import text
from eoffice.ui.tasks import TaskRunner, as_text
from eoffice.ui.text import error_label, ok_cancel

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front


class SubmitDialog(QDialog):
    """Choose one of the route templates that apply to the letter and submit it."""

    submitted = Signal(object)  # routing.Outcome
    loaded = Signal()
    checked = Signal(str)  # the signer's jabatan when the letter is addressed to him, else ""

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, doc_id: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.backend, self.actor, self.runner, self.doc_id = backend, actor, runner, doc_id
        self.setWindowTitle(self.tr("Ajukan naskah"))
        self.setObjectName("submitDialog")
        self.routes = QComboBox()
        self.warning = QLabel()
        self.warning.setObjectName("selfAddressedWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)  # a jabatan is data, not markup
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#7a4b00; background:#fff4d6; padding:6px; border:1px solid #e0b040")
        self.warning.setVisible(False)
        self.error = error_label()
        self.buttons = ok_cancel(self.tr("Ajukan"), self.go, self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Rute (templat alur) yang berlaku untuk naskah ini:")))
        lay.addWidget(self.routes)
        lay.addWidget(self.warning)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(420)
        runner.submit(lambda: backend.route_choices(actor, doc_id), self._show, as_text(self.error.setText))

    def _show(self, names: list[str]) -> None:
        self.routes.addItem(self.tr("(otomatis: sesuai jenis dan unit)"), None)
        for n in names:
            self.routes.addItem(text.route_name(n), n)  # the kind's name, not its identifier
        if names:
            self.routes.setCurrentIndex(1)
        self.routes.currentIndexChanged.connect(self._check)
        self._check()
        self.loaded.emit()

    def _check(self, *_: Any) -> None:
        route = self.routes.currentData()

        def show(title: str) -> None:
            if route != self.routes.currentData():
                return  # another route was chosen meanwhile
            self.warning.setText(self.tr("Naskah ini ditujukan kepada penandatangannya sendiri ({title}). Periksa "
                                         "tujuannya (Yth.) sebelum mengajukan.").format(title=title))
            self.warning.setVisible(bool(title))
            self.adjustSize()  # room for the wrapped warning (or none once it is gone)
            self.checked.emit(title)

        self.runner.submit(lambda: self.backend.addressed_signer(self.actor, self.doc_id, route), show,
                           as_text(self.error.setText))

    def go(self) -> None:
        route = self.routes.currentData()
        self.buttons.setEnabled(False)

        def failed(error: EofficeError) -> None:
            message = str(error)
            self.buttons.setEnabled(True)
            self.error.setText(message)

        def done(outcome: Any) -> None:
            self.submitted.emit(outcome)
            self.accept()

        self.runner.submit(lambda: self.backend.submit(self.actor, self.doc_id, route), done, failed)
