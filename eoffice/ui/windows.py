"""The main window's other windows: editors (which ask before unsaved work is lost, also when the main window
closes), dialogs for submitting, registering and disposing, attachments opened from the reading pane, and the
list of open windows. A controller with explicit dependencies (was a mixin that read its host's attributes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from eoffice.domain import EofficeError, NotCached
from eoffice.ui import text
from eoffice.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front
    from eoffice.ui.reading import ReadingPane

translate = QCoreApplication.translate


class Windows(QObject):
    """The windows one main window opens. Its dependencies are given explicitly: the window they belong to
    (*widget*, their parent), the core (*backend*), the runner, who acts (*actor*, asked at each use), the
    *reading* pane (the chosen attachment, the shown PDF), and what to do with outcomes: *inform*,
    *show_error*, *changed* (a write done: name, result, message), *after_change* (refresh the lists) and
    *close_host* (close the main window once every editor has settled)."""

    close_cancelled = Signal()  # an editor asked about unsaved work and the person kept it open

    def __init__(self, widget: QWidget, backend: Front, runner: TaskRunner, *, actor: Callable[[], Actor],
                 reading: ReadingPane, inform: Callable[[str], None],
                 show_error: Callable[[EofficeError | str], None], changed: Callable[[str, Any, str], None],
                 after_change: Callable[[], None], close_host: Callable[[], Any]) -> None:
        super().__init__(widget)
        self._me, self.backend, self.runner, self._actor, self.reading = widget, backend, runner, actor, reading
        self.inform, self.show_error, self.changed = inform, show_error, changed
        self.after_change, self.close_host = after_change, close_host
        self.extra_windows: list[QWidget] = []
        self.close_pending = False  # closing waits for editors asking about unsaved work
        self.temp_dir: Any = None  # QTemporaryDir for attachments opened in other applications
        self.diff_dialog: QDialog | None = None

    @property
    def actor(self) -> Actor:
        return self._actor()

    def open_attachment(self, doc_id: str) -> None:
        """A PDF in the app's viewer; any other file copied to a private temporary folder and handed to the
        system's application for it."""
        chosen = self.reading.selected_attachment()
        if chosen is None:
            self.inform(translate("Windows", "Pilih lampiran yang akan dibuka."))
            return
        b, a = self.backend, self.actor

        def show_it(result: tuple[str, str, bytes]) -> None:
            from PySide6.QtCore import QTemporaryDir, QUrl
            from PySide6.QtGui import QDesktopServices

            from eoffice.ui.reading import AttachmentViewer

            name, mime, data = result
            if mime == "application/pdf":
                self.window(AttachmentViewer(name, data, self._me))
                return
            if self.temp_dir is None:
                self.temp_dir = QTemporaryDir()  # removed with the window
            path = Path(self.temp_dir.path()) / Path(name).name
            path.write_bytes(data)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.show_error(translate("Windows", "Tidak ada aplikasi untuk membuka {name}").format(name=name))

        def failed(error: EofficeError) -> None:
            from eoffice.ui.reading import file_missing_text

            self.show_error(file_missing_text() if isinstance(error, NotCached) else error)

        self.runner.submit(lambda: b.attachment(a, doc_id, chosen["sha256"]), show_it, failed)

    def window(self, w: QWidget) -> QWidget:
        self.extra_windows = [x for x in self.extra_windows if x.isVisible()] + [w]
        w.show()
        return w

    def new_draft(self) -> QWidget:
        from eoffice.ui.editor import DraftEditor

        ed = DraftEditor(self.backend, self.actor, self.runner, None, self._me)
        ed.changed.connect(self.after_change)
        ed.closed.connect(lambda: QTimer.singleShot(0, self._me, self._retry_close))
        ed.close_cancelled.connect(self._keep_open)
        return self.window(ed)

    def open_editor(self, doc_id: str) -> QWidget:
        from eoffice.ui.editor import DraftEditor

        ed = DraftEditor(self.backend, self.actor, self.runner, doc_id, self._me)
        ed.changed.connect(self.after_change)
        ed.closed.connect(lambda: QTimer.singleShot(0, self._me, self._retry_close))
        ed.close_cancelled.connect(self._keep_open)
        return self.window(ed)

    def _unsaved_editors(self) -> list[Any]:
        return [w for w in self.extra_windows if w.isVisible() and getattr(w, "dirty", False)]

    def _retry_close(self) -> None:
        if not self.close_pending:
            return
        if not self._unsaved_editors():
            self.close_host()

    def _keep_open(self) -> None:
        self.close_pending = False  # the user chose to keep an editor open
        self.close_cancelled.emit()

    def ask_first(self, event: QCloseEvent) -> bool:
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
        from eoffice.ui.versions import DiffDialog

        def show(versions: list[tuple[int, str]]) -> None:
            self.diff_dialog = dlg = DiffDialog(versions, self._me)
            dlg.show()

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

    def submit_letter(self, doc_id: str) -> None:
        from eoffice.ui.submit import SubmitDialog

        dlg = SubmitDialog(self.backend, self.actor, self.runner, doc_id, self._me)
        dlg.submitted.connect(lambda out: self.changed("submit", out, translate("MainWindow", "Naskah diajukan: {status}").format(
            status=text.STATUS.get(out.status, out.status))))
        self.window(dlg)

    def register_incoming(self) -> QWidget:
        from eoffice.ui.disposisi import RegisterDialog

        dlg = RegisterDialog(self.backend, self.actor, self.runner, self._me)
        dlg.registered.connect(lambda doc_id: self.changed("register", doc_id, translate("MainWindow", "Naskah masuk terdaftar")))
        return self.window(dlg)

    def dispose_letter(self, doc_id: str) -> QDialog:
        from eoffice.ui.disposisi import DisposeDialog

        dlg = DisposeDialog(self.backend, self.actor, self.runner, doc_id, self._me)
        dlg.disposed.connect(lambda ids: self.changed("dispose", ids, translate("MainWindow", "Disposisi dikirim")))
        self.window(dlg)
        return dlg

    def close_all(self) -> None:
        for w in self.extra_windows:
            w.close()
