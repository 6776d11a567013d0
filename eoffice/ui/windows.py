"""The main window's other windows: editors (which ask before unsaved work is lost, also when the main window
closes), attachments opened from the reading pane, and the list of open windows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from eoffice.domain import EofficeError
from eoffice.ui import text
from eoffice.ui.tasks import TaskRunner

translate = QCoreApplication.translate


class WindowsMixin:
    """Mixed into MainWindow (which provides the attributes and methods declared here)."""

    backend: Any
    actor: Any
    runner: TaskRunner
    reading: Any
    extra_windows: list[QWidget]
    close_pending: bool
    temp_dir: Any
    after_change: Callable[[], None]
    inform: Callable[[str], None]
    show_error: Callable[[EofficeError | str], None]
    close: Callable[[], bool]

    @property
    def _me(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def open_attachment(self, doc_id: str) -> None:
        """A PDF in the app's viewer; any other file copied to a private temporary folder and handed to the
        system's application for it."""
        chosen = self.reading.selected_attachment()
        if chosen is None:
            self.inform(translate("WindowsMixin", "Pilih lampiran yang akan dibuka."))
            return
        b, a = self.backend, self.actor

        def show_it(result: tuple[str, str, bytes]) -> None:
            from PySide6.QtCore import QTemporaryDir, QUrl
            from PySide6.QtGui import QDesktopServices

            from eoffice.ui.reading import AttachmentViewer

            name, mime, data = result
            if mime == "application/pdf":
                self._window(AttachmentViewer(name, data, self._me))
                return
            if self.temp_dir is None:
                self.temp_dir = QTemporaryDir()  # removed with the window
            path = Path(self.temp_dir.path()) / Path(name).name
            path.write_bytes(data)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.show_error(translate("WindowsMixin", "Tidak ada aplikasi untuk membuka {name}").format(name=name))

        self.runner.submit(lambda: b.attachment(a, doc_id, chosen["sha256"]), show_it, self.show_error)

    def _window(self, w: QWidget) -> QWidget:
        self.extra_windows = [x for x in self.extra_windows if x.isVisible()] + [w]
        w.show()
        return w

    def new_draft(self) -> QWidget:
        from eoffice.ui.editor import DraftEditor

        ed = DraftEditor(self.backend, self.actor, self.runner, None, self._me)
        ed.changed.connect(self.after_change)
        ed.closed.connect(lambda: QTimer.singleShot(0, self._me, self._retry_close))
        ed.close_cancelled.connect(self._keep_open)
        return self._window(ed)

    def open_editor(self, doc_id: str) -> QWidget:
        from eoffice.ui.editor import DraftEditor

        ed = DraftEditor(self.backend, self.actor, self.runner, doc_id, self._me)
        ed.changed.connect(self.after_change)
        ed.closed.connect(lambda: QTimer.singleShot(0, self._me, self._retry_close))
        ed.close_cancelled.connect(self._keep_open)
        return self._window(ed)

    def _unsaved_editors(self) -> list[Any]:
        return [w for w in self.extra_windows if w.isVisible() and getattr(w, "dirty", False)]

    def _retry_close(self) -> None:
        if not self.close_pending:
            return
        if not self._unsaved_editors():
            self.close()

    def _keep_open(self) -> None:
        self.close_pending = False  # the user chose to keep an editor open

    def editors_ask_first(self, event: QCloseEvent) -> bool:
        """True when closing waits: each editor with unsaved work asks; the window closes once all are settled."""
        unsaved = self._unsaved_editors()
        if not unsaved:
            return False
        event.ignore()
        self.close_pending = True
        for ed in unsaved:
            ed.close()
        return True

    def show_versions(self, doc_id: str) -> None:
        from eoffice.ui.editor import DiffDialog

        def show(versions: list[tuple[int, str]]) -> None:
            self.diff_dialog = DiffDialog(versions, self._me)
            self.diff_dialog.show()

        self.runner.submit(lambda: self.backend.version_texts(self.actor, doc_id), show, self.show_error)

    def delegate(self) -> QDialog:
        from eoffice.ui.admin import DelegateDialog

        dlg = DelegateDialog(self.backend, self.actor, self.runner, self._me)
        dlg.delegated.connect(lambda info: self.inform(translate("MainWindow", "{capacity} kepada {delegate} berlaku {start} s.d. {end}")
                                                       .format(capacity=info["capacity"], delegate=info["delegate"],
                                                               start=text.iso_date(info["starts_at"]),
                                                               end=text.iso_date(info["ends_at"]))))
        dlg.open()
        return dlg

    def export_pdf(self, doc_id: str) -> None:
        data = self.reading.pdf.data
        name = ((self.reading.info or {}).get("number") or doc_id[:8]).replace("/", "-") + ".pdf"
        path, _ = QFileDialog.getSaveFileName(self._me, translate("MainWindow", "Simpan PDF"), str(Path.home() / name),
                                              "PDF (*.pdf)")
        if path:
            try:
                Path(path).write_bytes(data)
            except OSError as exc:
                self.show_error(translate("MainWindow", "{path}: tidak dapat ditulis ({reason})").format(path=path, reason=exc.strerror))
                return
            self.inform(translate("MainWindow", "Disimpan: {path}").format(path=path))
