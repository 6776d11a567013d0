""""Perlu Perhatian": the user's commands made offline that the database refused (the step was decided by
someone else meanwhile, the letter changed...) or that wait for them (their key's passphrase). Each stays
here, in words (the letter, what, when, why), until the person redoes it on the letter's current version,
discards it, or opens the letter: nothing disappears silently."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import EofficeError
from eoffice.ui import pending, text
from eoffice.ui.models import Column, RowsModel
from eoffice.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from eoffice.app.offline import OutboxItem
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

translate = QCoreApplication.translate


def columns(name: str) -> list[Column]:
    red = "#b3261e"
    return [
        Column(translate("Attention", "Naskah"), lambda i: i.subject or translate("Attention", "(naskah baru)")),
        Column(translate("Attention", "Perintah"), lambda i: translate("Attention", "{what} oleh {name}").format(
            what=pending.what(i), name=name)),
        Column(translate("Attention", "Dibuat"), lambda i: translate("Attention", "{when} (jam perangkat)").format(
            when=text.datetime_text(i.claimed_at)), sort=lambda i: i.claimed_at.isoformat()),
        Column(translate("Attention", "Status"), lambda i: pending.STATUS.get(i.status, i.status),
               color=lambda i: red if i.status == "rejected" else "#8a5a00"),
        Column(translate("Attention", "Alasan"), lambda i: i.reason or "-", tooltip=lambda i: i.reason),
    ]


class AttentionPage(QWidget):
    """The list and the three choices. *wire* gives it the window's means: open a letter, ask the key's
    passphrase, refresh the lists and push after a change."""

    loaded = Signal()
    changed = Signal(str)  # what was done, in words (the window's status bar)

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        self.open_letter: Callable[[str], None] = lambda _doc: None
        self.with_passphrase: Callable[[str, Callable[[str | None], None]], None] = lambda _p, then: then(None)
        self.title = QLabel(self.tr("Perlu Perhatian"))
        self.title.setStyleSheet("font-size:13pt;font-weight:bold")
        self.note = QLabel(self.tr("Pekerjaan yang Anda buat saat luring dan belum dapat diterapkan. Tetap di "
                                   "sini sampai Anda memilih: ulangi pada versi sekarang, buang, atau buka "
                                   "naskahnya."))
        self.note.setWordWrap(True)
        self.model = RowsModel(columns(actor.name), self)
        self.table = QTableView()
        self.table.setObjectName("attentionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col in (0, 4):  # the letter's subject and the reason share what is left, wrapped
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("Tidak ada yang perlu perhatian: semua pekerjaan luring sudah diterapkan."))
        self.redo_btn = QPushButton(self.tr("Ulangi pada versi sekarang"))
        self.discard_btn = QPushButton(self.tr("Buang"))
        self.open_btn = QPushButton(self.tr("Buka naskah"))
        self.redo_btn.clicked.connect(self.redo)
        self.discard_btn.clicked.connect(self.discard)
        self.open_btn.clicked.connect(self._open)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.redo_btn, self.discard_btn, self.open_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        for w in (self.title, self.note, self.table, self.empty):
            lay.addWidget(w)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.refresh()

    def wire(self, window: Any) -> None:
        """The main window's means (mainwindow.py calls this once, when the page is built)."""
        def open_letter(doc_id: str) -> None:
            window.nav.setCurrentRow(-1)  # no view chosen: a click on "Perlu Perhatian" comes back here
            window.pages.setCurrentWidget(window.mail)
            window.load_detail(doc_id)

        self.open_letter = open_letter
        self.with_passphrase = window.decisions.with_passphrase
        self.changed.connect(window.inform)
        self.changed.connect(lambda _m: window.refresh())
        self.changed.connect(lambda _m: window.sync_now())

    def refresh(self) -> None:
        backend, actor = self.backend, self.actor
        self.runner.submit(lambda: backend.attention(actor), self._show)

    def _show(self, items: list[OutboxItem]) -> None:
        self.model.set_rows(items)
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)
        self.table.resizeRowsToContents()
        if items:
            self.table.selectRow(0)
        self._enable()
        self.loaded.emit()

    def selected(self) -> OutboxItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _enable(self, *_: Any) -> None:
        item = self.selected()
        for b in (self.redo_btn, self.discard_btn):
            b.setEnabled(item is not None)
        self.open_btn.setEnabled(item is not None and bool(item.document_id))

    def _open(self) -> None:
        item = self.selected()
        if item is not None and item.document_id:
            self.open_letter(item.document_id)

    def redo(self) -> None:
        """Again, on the letter's current version (a blocked one: with the key unlocked now)."""
        item = self.selected()
        if item is None:
            return
        b, a, action_id = self.backend, self.actor, item.action_id

        def go(passphrase: str | None) -> None:
            def work() -> Any:
                return b.redo(a, b.identity(a.login, passphrase), action_id)

            def done(result: Any) -> None:
                if pending.is_queued(result) or getattr(result, "status", "") == "pending":
                    message = pending.queued_text()
                else:
                    message = self.tr("Diulang dan diterapkan pada versi sekarang")
                self._done(message)

            self.runner.submit(work, done, self._failed)

        self.with_passphrase(self.tr("Perintah yang diulang ditandatangani dengan kunci TTE Anda."), go)

    def discard(self) -> None:
        item = self.selected()
        if item is None:
            return
        b, a, action_id = self.backend, self.actor, item.action_id
        self.runner.submit(lambda: b.discard(a, action_id),
                           lambda _r: self._done(self.tr("Perintah dibuang; naskahnya tidak berubah")), self._failed)

    def _done(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("")
        self.changed.emit(message)
        self.refresh()

    def _failed(self, error: EofficeError) -> None:
        self.status.setText(str(error))
        self.status.setStyleSheet("color:#b3261e")
        self.refresh()
