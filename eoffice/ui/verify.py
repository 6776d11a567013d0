"""Verification panel: open or drop any PDF; one row per signature, checked against the roots pinned in the
profile (never the database's own) and the CRLs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import EofficeError
from eoffice.ui import text
from eoffice.ui.disposisi import pdf_paths
from eoffice.ui.models import Column, RowsModel, show
from eoffice.ui.reading import PdfPane
from eoffice.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

translate = QCoreApplication.translate


def signature_columns() -> list[Column]:
    red, green = "#b3261e", "#1b7a34"
    yes, no = translate("VerifyPanel", "ya"), translate("VerifyPanel", "TIDAK")
    revoked, not_revoked = translate("VerifyPanel", "YA"), translate("VerifyPanel", "tidak")
    valid, invalid = translate("VerifyPanel", "SAH"), translate("VerifyPanel", "TIDAK SAH")
    return [
        Column(translate("VerifyPanel", "Penanda tangan"), lambda s: s.signer_name or "-"),  # no field id
        Column(translate("VerifyPanel", "NIP"), lambda s: s.signer_nip or "-"),
        Column(translate("VerifyPanel", "Waktu"), lambda s: s.timestamp_time or s.claimed_time),
        Column(translate("VerifyPanel", "Utuh"), lambda s: yes if s.intact and s.valid else no,
               color=lambda s: green if s.intact and s.valid else red),
        Column(translate("VerifyPanel", "Tepercaya"), lambda s: yes if s.trusted else no,
               color=lambda s: green if s.trusted else red),
        Column(translate("VerifyPanel", "Dicabut"), lambda s: revoked if s.revoked else not_revoked,
               color=lambda s: red if s.revoked else green),
        Column(translate("VerifyPanel", "Perubahan setelah TTE"),
               lambda s: text.MODIFICATION.get(s.modification_level, s.changes)
               + (f" ({s.error})" if s.error else ""), color=lambda s: green if s.modification_ok else red),
        Column(translate("VerifyPanel", "Hasil"), lambda s: valid if s.ok else invalid,
               color=lambda s: green if s.ok else red, bold=lambda s: True),
    ]


class VerifyPanel(QWidget):
    verified = Signal(object)  # VerifyReport

    def __init__(self, backend: Front, runner: TaskRunner, parent: QWidget | None = None,
                 actor: Actor | None = None) -> None:
        super().__init__(parent)
        self.backend, self.runner, self.actor = backend, runner, actor
        self.report: Any = None
        self.setAcceptDrops(True)
        title = QLabel(self.tr("Verifikasi Tanda Tangan Elektronik"))
        title.setStyleSheet("font-size:13pt;font-weight:bold")
        hint = QLabel(self.tr("Buka atau seret berkas PDF ke sini. Tanda tangan diperiksa terhadap CA akar dan "
                              "daftar pencabutan (CRL) di database."))
        hint.setWordWrap(True)
        open_btn = QPushButton(self.tr("Buka PDF..."))
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
        self.qr = QLineEdit()
        self.qr.setObjectName("qrRef")
        self.qr.setPlaceholderText(self.tr("Hasil pindai kode QR, alamat verifikasi atau ID naskah"))
        self.qr.returnPressed.connect(self.verify_ref)
        self.qr.setVisible(actor is not None)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.qr, 1)
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
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Buka PDF"), str(Path.home()), "PDF (*.pdf)")
        if path:
            self.verify_file(Path(path))

    def verify_ref(self) -> None:
        """A scanned QR code (the verification URL, or EOFFICE:id:sha) or a letter id: its signed PDF."""
        from eoffice.web.qr import letter_ref

        ref = letter_ref(self.qr.text())
        if ref is None:
            self.result.setText(self.tr("Bukan kode QR atau ID naskah eoffice"))
            self.result.setStyleSheet("color:#b3261e")
            return

        def done(out: tuple[bytes, bool]) -> None:
            pdf, signed = out
            if not signed:
                self.result.setText(self.tr("Naskah ini belum ditandatangani"))
                self.result.setStyleSheet("color:#b25e00")
                return
            self.verify_bytes(pdf, ref[:8])

        def failed(exc: EofficeError | str) -> None:
            self.result.setText(str(exc))
            self.result.setStyleSheet("color:#b3261e")

        actor = self.actor
        if actor is None:
            return
        self.runner.submit(lambda: self.backend.pdf(actor, ref), done, failed)

    def verify_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.result.setText(self.tr("{name}: tidak dapat dibaca ({reason})").format(name=path.name, reason=exc.strerror))
            return
        self.verify_bytes(data, path.name)

    def verify_bytes(self, data: bytes, name: str) -> None:
        self.result.setText(self.tr("Memeriksa {name}...").format(name=name))
        self.result.setStyleSheet("")
        self.pdf.load(data)

        def shown(display: bytes) -> None:
            if self.pdf.data is data:  # still the same file
                self.pdf.load(data, display)

        def done(report: Any) -> None:
            self.report = report
            self.model.set_rows(report.signatures)
            if not report.signatures:
                msg = self.tr("{name}: tidak ada tanda tangan elektronik pada berkas ini").format(name=name)
                color = "#b25e00"
            elif report.ok:
                msg = self.tr("{name}: SAH - %n tanda tangan utuh dan tepercaya", "", len(report.signatures)).format(
                    name=name)
                color = "#1b7a34"
            else:
                msg, color = self.tr("{name}: TIDAK SAH").format(name=name), "#b3261e"
            if report.problems:
                msg += "\n" + "\n".join(self.tr("masalah: {problem}").format(problem=p) for p in report.problems)
            self.result.setText(msg)
            self.result.setStyleSheet(f"color:{color};font-weight:bold")
            self.verified.emit(report)

        def failed(error: EofficeError) -> None:
            message = str(error)
            self.result.setText(f"{name}: {message}")
            self.result.setStyleSheet("color:#b3261e")

        self.runner.submit(lambda: self.backend.display_pdf(data), shown)
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
