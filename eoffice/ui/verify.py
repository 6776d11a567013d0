"""Verification panel: open or drop any PDF; one row per signature, checked against the DB's roots and CRLs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.ui import text
from eoffice.ui.disposisi import pdf_paths
from eoffice.ui.models import Column, RowsModel, show
from eoffice.ui.reading import PdfPane
from eoffice.ui.tasks import TaskRunner


def _yes(ok: bool, good: str = "ya", bad: str = "TIDAK") -> str:
    return good if ok else bad


def signature_columns() -> list[Column]:
    red, green = "#b3261e", "#1b7a34"
    return [
        Column("Penanda tangan", lambda s: s.signer_name or "-",
               tooltip=lambda s: f"NIP {s.signer_nip or '-'}\nbidang {s.field_name}\n{s.coverage}"),
        Column("NIP", lambda s: s.signer_nip or "-"),
        Column("Waktu", lambda s: s.timestamp_time or s.claimed_time),
        Column("Utuh", lambda s: _yes(s.intact and s.valid), color=lambda s: green if s.intact and s.valid else red),
        Column("Tepercaya", lambda s: _yes(s.trusted), color=lambda s: green if s.trusted else red),
        Column("Dicabut", lambda s: _yes(s.revoked, "YA", "tidak"), color=lambda s: red if s.revoked else green),
        Column("Perubahan setelah TTE", lambda s: text.MODIFICATION.get(s.modification_level, s.changes)
               + (f" ({s.error})" if s.error else ""), color=lambda s: green if s.modification_ok else red,
               tooltip=lambda s: s.changes),
        Column("Hasil", lambda s: _yes(s.ok, "SAH", "TIDAK SAH"), color=lambda s: green if s.ok else red,
               bold=lambda s: True),
    ]


class VerifyPanel(QWidget):
    verified = Signal(object)  # VerifyReport

    def __init__(self, backend: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.runner = backend, runner
        self.report: Any = None
        self.setAcceptDrops(True)
        title = QLabel("Verifikasi Tanda Tangan Elektronik")
        title.setStyleSheet("font-size:13pt;font-weight:bold")
        hint = QLabel("Buka atau seret berkas PDF ke sini. Tanda tangan diperiksa terhadap CA akar dan daftar "
                      "pencabutan (CRL) di database.")
        hint.setWordWrap(True)
        open_btn = QPushButton("Buka PDF...")
        open_btn.clicked.connect(self.choose)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.model = RowsModel(signature_columns(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.pdf = PdfPane()
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(open_btn)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.pdf)
        split.setSizes([200, 500])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(hint)
        lay.addWidget(self.result)
        lay.addWidget(split, 1)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Buka PDF", str(Path.home()), "PDF (*.pdf)")
        if path:
            self.verify_file(Path(path))

    def verify_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.result.setText(f"{path.name}: tidak dapat dibaca ({exc.strerror})")
            return
        self.verify_bytes(data, path.name)

    def verify_bytes(self, data: bytes, name: str) -> None:
        self.result.setText(f"Memeriksa {name}...")
        self.result.setStyleSheet("")
        self.pdf.load(data)

        def done(report: Any) -> None:
            self.report = report
            self.model.set_rows(report.signatures)
            if not report.signatures:
                msg, color = f"{name}: tidak ada tanda tangan elektronik pada berkas ini", "#b25e00"
            elif report.ok:
                msg, color = f"{name}: SAH - {len(report.signatures)} tanda tangan utuh dan tepercaya", "#1b7a34"
            else:
                msg, color = f"{name}: TIDAK SAH", "#b3261e"
            if report.problems:
                msg += "\n" + "\n".join(f"masalah: {p}" for p in report.problems)
            self.result.setText(msg)
            self.result.setStyleSheet(f"color:{color};font-weight:bold")
            self.verified.emit(report)

        def failed(message: str) -> None:
            self.result.setText(f"{name}: {message}")
            self.result.setStyleSheet("color:#b3261e")

        self.runner.submit(lambda: self.backend.verify(data), done, failed)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if pdf_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = pdf_paths(event)
        if paths:
            self.verify_file(paths[0])
            event.acceptProposedAction()


__all__ = ["VerifyPanel", "show"]
