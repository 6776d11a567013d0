"""The Catatan tab: the letter's notes (who, when, what) and, for those the route lets comment (its drafter, an
assignee or their delegate, while it runs), a box to add one (app/commands.py Comment)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget


class NotesTab(QWidget):
    def __init__(self, notes: QTextBrowser, send: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("commentText")
        self.edit.setPlaceholderText(self.tr("Tulis catatan untuk yang terlibat pada naskah ini..."))
        self.edit.setMaximumHeight(90)
        self.send = QPushButton(self.tr("Tambah Catatan"))
        self.send.setObjectName("action_comment")
        self.send.setEnabled(False)
        self.send.clicked.connect(lambda _=False: send())
        self.edit.textChanged.connect(lambda: self.send.setEnabled(bool(self.text())))
        self.box = QWidget()
        row = QHBoxLayout(self.box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.send)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(notes, 1)
        lay.addWidget(self.box)
        self.box.setVisible(False)

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def offer(self, allowed: bool, same_letter: bool) -> None:
        """The box for those who may comment; what was typed stays while the same letter is shown again
        (after a failed attempt or a refresh), and goes with another letter."""
        self.box.setVisible(allowed)
        if not same_letter:
            self.edit.clear()
