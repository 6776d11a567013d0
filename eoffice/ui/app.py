"""Desktop app entry point: database from EOFFICE_DB, profile from EOFFICE_HOME, login, main window."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from eoffice.domain import EofficeError
from eoffice.ui import i18n, text
from eoffice.ui.dialogs import LoginDialog
from eoffice.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

# resources/ at the repository root, and in the PyInstaller bundle next to the eoffice package (installer/)
ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "eoffice-256.png"


def settings() -> QSettings:
    return QSettings("eoffice", "eoffice")


def open_backend(url: str | None = None, home: Path | None = None) -> tuple[Any, str | None]:
    """The Backend, or None and a one-line reason (a malformed URL must not crash the app)."""
    from eoffice.app.desktop import Desktop
    from eoffice.app.profile import open_session

    try:
        return open_session(Desktop, url, home), None
    except EofficeError as exc:
        return None, str(exc)


def prepare_backend() -> Any:
    """Runs on a worker thread while the login dialog is on screen: the core's imports (SQLAlchemy, the
    services) and the engine. A person needs a second or more to type a password; the app spends it here.
    Qt modules (the main window's QtPdf, QtCharts) are imported on the UI thread instead (App._ready):
    initialising PySide6 extension modules from a worker is a known source of rare crashes."""
    from eoffice.domain import BadInput

    backend, problem = open_backend()
    if backend is None:
        raise BadInput(problem or QApplication.translate("app", "EOFFICE_DB tidak valid"))
    return backend


class App:
    """Holds the session: login dialog first, then the main window. Without a backend, call prepare():
    the dialog is usable at once and the core arrives from a worker thread."""

    def __init__(self, backend: Front | None, runner: TaskRunner, store: QSettings,
                 translations: i18n.Translations | None = None) -> None:
        self.backend, self.runner, self.settings, self.translations = backend, runner, store, translations
        self.window: Any = None  # the main window, once someone has signed in
        self.shell: Any = None  # the same, built hidden and empty while the person types
        self.demo = False
        self.problem: str | None = None
        self.login = LoginDialog(backend, runner, store, language=self.language)
        self.login.logged_in.connect(self.open_main)
        self.login.language_chosen.connect(self.choose_language)
        self.login.preload = self._first_screen
        if backend is not None:
            runner.submit(backend.is_demo, self._demo, lambda _m: None)

    def prepare(self, on_error: Callable[[EofficeError], None]) -> None:
        self.runner.submit(prepare_backend, self._ready, on_error)

    def _ready(self, backend: Front) -> None:
        self.backend = backend
        self.login.set_backend(backend)
        self.runner.submit(backend.is_demo, self._demo, lambda _m: None)
        if self.shell is None:  # if Masuk was pressed already, the password check runs on a worker meanwhile
            self.build_shell()

    def build_shell(self) -> None:
        """The main window, built hidden and empty while the person types (its Qt modules, ~50 ms, import
        here on the UI thread: see prepare_backend). It gets the user, and any data, only after login."""
        from eoffice.ui.mainwindow import MainWindow

        assert self.backend is not None  # called once the core is in (_ready)
        self.shell = MainWindow(self.backend, None, self.runner, self.settings, language=self.language)
        self.shell.ensurePolished()  # style sheets and fonts now, not at the first show after Masuk

    def _demo(self, demo: bool) -> None:
        self.demo = demo
        self.login.demo_label.setVisible(demo)

    @property
    def language(self) -> str:
        return self.translations.language if self.translations is not None else i18n.DEFAULT

    def choose_language(self, code: str) -> None:
        """Chosen on the login dialog: stored, and used at once (no window but the login dialog exists yet)."""
        i18n.remember(self.settings, code)
        if self.translations is not None:
            self.translations.use(code)  # the dialog retranslates itself on the LanguageChange event
        if self.shell is not None:  # built in the other language: again
            self.shell.deleteLater()
            self.build_shell()

    def _first_screen(self, actor: Actor) -> Any:
        """Runs beside the password check (worker thread): the inbox and the counts the window opens with."""
        from eoffice.ui.views import first_screen

        return first_screen(self.backend, actor)

    def open_main(self, actor: Actor) -> None:
        if self.shell is None:  # a session made with its backend (tests) builds no shell
            self.build_shell()
        self.window, self.shell = self.shell, None
        self.window.signed_out.connect(self.sign_out)
        self.window.start(actor, demo=self.demo, preloaded=self.login.preloaded)
        self.window.show()

    def sign_out(self) -> None:
        """Keluar / Ganti Pengguna (the window has closed, its editors settled): once the window's tasks are
        done, the core forgets the person (ui/front.py sign_out) and the login dialog asks again; a new window
        is built while the next person types, as at start."""
        window, self.window = self.window, None
        self.runner.wait(10000)  # a task still running reads with the person's connection and keys
        assert self.backend is not None  # a window was open
        self.backend.sign_out()
        if window is not None:
            window.deleteLater()
        self.login.actor, self.login.preloaded = None, None
        self.login.password.clear()
        self.login.error.setText("")
        self.login.show()
        self.login.password.setFocus()
        QTimer.singleShot(0, self.build_shell)


def run_app(argv: list[str], *, started: Callable[[App], None] | None = None, language: str | None = None) -> int:
    """The desktop app. *started* (benchmarks, tests) gets the session once the login dialog is shown;
    *language* (--lang) overrides EOFFICE_LANG and the stored preference."""
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(text.APP_NAME)
    app.setOrganizationName("eoffice")
    QApplication.setDesktopFileName("eoffice")  # Wayland/X11: matches installer/linux/eoffice.desktop
    if ICON.exists():
        from PySide6.QtGui import QIcon

        QApplication.setWindowIcon(QIcon(str(ICON)))
    store = settings()
    translations = i18n.Translations(app)
    translations.use(i18n.chosen(store, language))  # before any widget is built
    runner = TaskRunner(app)
    session = App(None, runner, store, translations)

    def cannot_start(problem: EofficeError) -> None:
        session.login.hide()
        QMessageBox.critical(None, text.APP_NAME,
                             f"{problem}\n\n" + QApplication.translate("app", "Periksa EOFFICE_DB."))
        app.exit(2)

    shots = os.environ.get("EOFFICE_SCREENSHOTS")
    if shots:
        from eoffice.ui.screenshots import Tour

        tour = Tour(session, Path(shots), os.environ.get("EOFFICE_SCREENSHOT_USER", "gubernur"))
        QTimer.singleShot(0, tour.start)
    else:
        session.login.rejected.connect(app.quit)
        session.login.show()
        if started is not None:
            started(session)
    # Load the core once the dialog is on screen: the worker's imports hold the GIL, and the person should
    # see the dialog first and type while the core loads.
    QTimer.singleShot(0, lambda: session.prepare(cannot_start))
    code = app.exec()
    runner.wait(10000)
    if session.backend is not None:
        session.backend.close()
    return int(code)
