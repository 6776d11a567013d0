"""The main window: navigation with counts, the list, the reading pane, the status bar."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from eoffice.domain import EofficeError, Unavailable
from eoffice.ui import i18n, text, views
from eoffice.ui.actions import LetterActions
from eoffice.ui.connection import Connection, sync_text
from eoffice.ui.decisions import Decisions
from eoffice.ui.dialogs import NoteDialog, PassphraseDialog
from eoffice.ui.finder import Finder
from eoffice.ui.language import LanguageMenu
from eoffice.ui.letterlist import LetterList
from eoffice.ui.nav import Navigation
from eoffice.ui.notify import NoticeButton, Notifier
from eoffice.ui.opening import open_letter
from eoffice.ui.pages import make_page
from eoffice.ui.pending import done_message
from eoffice.ui.reading import ReadingPane
from eoffice.ui.signout import SignOut
from eoffice.ui.tasks import Handle, TaskRunner
from eoffice.ui.views import MAIL_VIEWS, VIEW_LABELS, FirstScreen, More, Rows, fetch_counts, fetch_rows
from eoffice.ui.windows import Windows

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

SYNC_DELAY_MS = 5000  # the first pull into the local cache, after the window is up and the user has started


class MainWindow(QMainWindow):
    list_loaded = Signal(str)  # view key
    detail_loaded = Signal(str)  # document id
    counts_loaded = Signal()
    synced = Signal()  # a pull into the local cache finished
    action_done = Signal(str, object)  # action, result
    language_chosen = Signal(str)  # stored; applies from the next start
    signed_out = Signal()  # closed by Keluar / Ganti Pengguna: the app shows the login dialog again

    def __init__(self, backend: Front, actor: Actor | None, runner: TaskRunner, settings: QSettings, *,
                 demo: bool = False, language: str = i18n.DEFAULT, preloaded: FirstScreen | None = None) -> None:
        """With *actor* None the window is only built, empty and hidden: the app builds it while the person
        types the password, and ``start`` gives it the signed-in user."""
        super().__init__()
        self.language = language  # the language this window was built in
        self.backend, self.runner, self.settings, self.demo = backend, runner, settings, demo
        # None only while the window is built empty, before start() gives it the signed-in user
        self.actor: Actor = actor  # type: ignore[assignment]
        self.view_key = "inbox"
        self.inbox_items: dict[str, Any] = {}
        self.counts: dict[str, int] = {}
        self.current_id: str | None = None
        self.last_message = ""
        self.warmed = False
        self.resize(1400, 860)
        self.decisions = Decisions(self, backend, runner, actor=self._signed_in, inform=self.inform,
                                   show_error=self.show_error, run_action=self.run_action,
                                   finished=self.action_done.emit, after_change=self.after_change)
        self._build()
        self.windows = Windows(self, backend, runner, actor=self._signed_in, reading=self.reading,
                               inform=self.inform, show_error=self.show_error, changed=self._changed,
                               after_change=self.after_change, close_host=self.close)
        self.letter_actions = LetterActions(self, backend, actor=self._signed_in, reading=self.reading,
                                            decisions=self.decisions, windows=self.windows,
                                            run_action=self.run_action, verify=self._verify)
        self.action_done.connect(self.letter_actions.made)
        self.account.follow(self.windows)
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        split = self.settings.value("main/split")
        if split is not None:
            self.mail.restoreState(split)
        self._shortcuts()
        self.notifier = Notifier(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation), self)
        self.notifier.notified.connect(self.notices.add)
        self.heartbeat = self.connection.heartbeat  # is the database still there? fresh counts (ui/connection.py)
        if actor is not None:
            self.start(actor, demo=demo, preloaded=preloaded)

    def _show_signed_in(self, who: tuple[Actor, str]) -> None:
        if who[0] is self.actor:  # not someone who signed in after
            self.user_label.setText(who[1])

    def start(self, actor: Actor, *, demo: bool | None = None, preloaded: FirstScreen | None = None) -> None:
        """The signed-in user: their name, the Admin page for admins, then the first screen (*preloaded*
        beside the password check, or loaded now)."""
        self.actor = actor
        if demo is not None:
            self.demo = demo
        self.setWindowTitle(f"{text.APP_NAME} - {actor.name}" + (" [DEMO]" if self.demo else ""))
        self.user_label.setText(actor.name)  # a name, never the login; then with the jabatan
        self.runner.submit(lambda: (actor, self.backend.signed_in(actor)), self._show_signed_in, lambda _m: None)
        self.demo_label.setVisible(self.demo)
        if actor.is_admin:
            self.navigation.add("admin")
        self.runner.error.connect(self.show_error)
        self.runner.busy_changed.connect(self._busy)  # a method: disconnected when the window is deleted
        self.runner.task_finished.connect(self.connection.follow_backend)
        if preloaded is not None:  # loaded beside the password check: shown on the first turn of the loop
            QTimer.singleShot(0, self, lambda: self._show_first(preloaded))
        else:
            self.refresh()
        self.heartbeat.start()

    # --- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.navigation = Navigation()
        self.nav, self.nav_items = self.navigation.widget, self.navigation.items
        self.nav.currentItemChanged.connect(self._nav_changed)

        self.letters = left = LetterList()
        self.finder = Finder(self.backend, self.runner)  # the Pencarian view's words and filters
        left.put_above_table(self.finder)
        self.finder.searched.connect(lambda: self.load_list(only="search"))
        self.model, self.proxy, self.search, self.table = left.model, left.proxy, left.search, left.table
        self.list_title, self.list_note, self.more_button, self.more_bar = (
            left.list_title, left.list_note, left.more_button, left.more_bar)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.more_button.clicked.connect(self.load_more)
        self.more: More | None = None  # where the next page starts, and the whole list's length
        self.reading = ReadingPane()
        self.reading.action.connect(self.do_action)
        self.mail = QSplitter(Qt.Orientation.Horizontal)
        self.mail.addWidget(left)
        self.mail.addWidget(self.reading)
        self.mail.setSizes([560, 700])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.mail)
        self.page_widgets: dict[str, QWidget] = {}
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.nav)
        outer.addWidget(self.pages)
        outer.setStretchFactor(1, 1)
        self.setCentralWidget(outer)
        # Tab: navigation -> search -> list -> the letter's action buttons -> its tabs
        order = [self.nav, self.search, self.table, *self.reading.buttons.values(), self.reading.tabs]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        tb = QToolBar(self.tr("Aksi"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        self.addToolBar(tb)
        self.act_new = self._action(self.tr("Naskah Baru"), "Ctrl+N", lambda: self.windows.new_draft())
        self.act_register = self._action(self.tr("Daftarkan Naskah Masuk"), "",
                                         lambda: self.windows.register_incoming())
        self.act_batch = self._action(self.tr("Tanda Tangani Terpilih"), "Ctrl+Shift+B", self.batch_sign)
        self.act_verify = self._action(self.tr("Verifikasi PDF"), "", lambda: self.select_view("verify"))
        self.act_delegate = self._action(self.tr("Delegasi..."), "", lambda: self.windows.delegate())
        self.act_refresh = self._action(self.tr("Segarkan"), "F5", self.refresh)
        for a in (self.act_new, self.act_register, self.act_batch, self.act_verify, self.act_delegate,
                  self.act_refresh):
            tb.addAction(a)
            a.setToolTip(f"{a.text()} ({a.shortcut().toString()})" if not a.shortcut().isEmpty() else a.text())
        self.act_register.setVisible(False)  # only for the agenda / TU roles, once the database says so
        backend, actor = self.backend, self.actor
        if actor is not None:  # (the screenshot tour builds a window for a refused login too)
            self.runner.submit(lambda: backend.can_register(actor), self.act_register.setVisible, lambda _m: None)
        self.account = SignOut(self)
        self.language_menu = LanguageMenu(self, self.settings, self.language, chosen=self.language_chosen.emit,
                                          inform=self.inform)
        self.language_actions = self.language_menu.actions

        sb = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {label}").format(label=self.backend.label))
        self.reach_label = QLabel()
        self.sync_label = QLabel(sync_text(self.backend.sync_status()))
        self.connection = Connection(self.backend, self.runner, actor=self._signed_in, reach_label=self.reach_label,
                                     sync_label=self.sync_label, synced=self.synced.emit,
                                     load_counts=self.load_counts,
                                     busy_batch=lambda: self.decisions.batch_handle is not None,
                                     pushed=self.refresh, parent=self)
        self.set_reachable(True)
        self.demo_label = QLabel(self.tr("MODE DEMO"))
        self.demo_label.setStyleSheet("color:#8a5a00;font-weight:bold")
        self.demo_label.setVisible(self.demo)
        self.busy_label = QLabel("")
        self.user_label = QLabel()
        sb.addWidget(self.user_label)
        sb.addWidget(self.busy_label)
        self.notices = NoticeButton()  # the notifier's messages, also where there is no system tray
        for w in (self.notices, self.demo_label, self.sync_label, self.db_label, self.reach_label):
            sb.addPermanentWidget(w)

    def _busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Memuat...") if busy else "")

    def _action(self, label: str, seq: str, fn: Callable[[], Any]) -> QAction:
        a = QAction(label, self)
        if seq:
            a.setShortcut(QKeySequence(seq))
        a.triggered.connect(lambda _checked=False: fn())
        return a

    def _shortcuts(self) -> None:
        def add(seq: str, fn: Callable[[], None]) -> None:
            a = self._action("", seq, fn)
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)

        add("Ctrl+Return", lambda: self._if_visible("approve"))
        add("Ctrl+Enter", lambda: self._if_visible("approve"))
        add("Ctrl+Shift+S", lambda: self._if_visible("sign"))
        add("Ctrl+R", lambda: self._if_visible("return"))
        add("Ctrl+F", self.search.setFocus)

    def _if_visible(self, key: str) -> None:
        if self.reading.buttons[key].isVisible():
            self.do_action(key)

    # --- navigation + lists ----------------------------------------------------------------------

    def _nav_changed(self, current: QListWidgetItem | None, _prev: Any = None) -> None:
        if current is not None:
            self.select_view(current.data(Qt.ItemDataRole.UserRole), from_nav=True)

    def select_view(self, key: str, from_nav: bool = False) -> None:
        if not from_nav and key in self.nav_items:
            self.nav.setCurrentItem(self.nav_items[key])  # re-enters through _nav_changed
            return
        if key != self.view_key:  # the previous section's letter does not stay in the reading pane
            self.current_id = None
            self.reading.clear()
        self.view_key = key
        self.finder.setVisible(key == "search")
        self.search.setVisible(key != "search")  # the quick filter of a loaded list; Pencarian has its own words
        if key in MAIL_VIEWS:
            self.pages.setCurrentWidget(self.mail)
            self.load_list()
        else:
            self.pages.setCurrentWidget(self._page(key))

    def _page(self, key: str) -> QWidget:
        if key not in self.page_widgets:
            w = make_page(key, self.backend, self.actor, self.runner)
            self.page_widgets[key] = w
            getattr(w, "wire", lambda _w: None)(self)  # a page that needs the window's means (ui/attention.py)
            self.pages.addWidget(w)
        return self.page_widgets[key]

    def refresh(self) -> None:
        self.load_counts()
        if self.view_key in MAIL_VIEWS:
            self.load_list()
        elif self.view_key in self.page_widgets and hasattr(self.page_widgets[self.view_key], "refresh"):
            page: Any = self.page_widgets[self.view_key]
            page.refresh()

    def _show_first(self, first: FirstScreen) -> None:
        counts, rows = first
        self._show_counts(counts)
        if self.view_key == "inbox":
            self.load_list(rows)
        else:
            self.refresh()

    def load_counts(self) -> None:
        backend, actor = self.backend, self.actor
        self.runner.submit(lambda: fetch_counts(backend, actor), self._show_counts)

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.navigation.show_counts(counts)
        self.sync_label.setText(sync_text(self.backend.sync_status()))  # what waits in the outbox
        self.notifier.update(counts)
        if self.view_key in MAIL_VIEWS:  # the list's title says the badge too
            self._show_more(self.more)
        self.counts_loaded.emit()
        if not self.warmed:  # the signing stack (pyHanko) loads while the user reads the inbox, not before:
            self.warmed = True  # after this turn of the loop (the first list), since its imports hold the GIL
            QTimer.singleShot(0, self, lambda: self.runner.submit(self.backend.warm_up, self._warmed,
                                                                  lambda _m: None))

    def _warmed(self, _result: Any) -> None:
        """Every module the app will use is loaded: leave them out of the garbage collector's full passes.
        A batch signature makes ~40,000 cyclic objects a letter; each full pass over the ~230,000 objects of
        a loaded app held the GIL, and so the UI thread, for 130-210 ms. Then, a little later (the first pull
        opens and migrates the cache and copies every letter the user may see), fill the local cache."""
        gc.freeze()
        QTimer.singleShot(SYNC_DELAY_MS, self, self.sync_now)

    def load_list(self, loaded: Rows | None = None, only: str | None = None) -> None:
        key = self.view_key
        if only is not None and only != key:
            return
        label = self.tr(VIEW_LABELS[key])
        self.list_title.setText(label)
        self.act_batch.setEnabled(key == "sign")
        timed = key in ("inbox", "sign", "paraf", "disposisi")
        self.table.setColumnHidden(5, not timed)
        self.table.setColumnHidden(6, timed)

        def show_rows(result: Rows) -> None:
            rows, items, more = result
            if items is not None:
                self.inbox_items = items
            if key != self.view_key:
                return
            keep = self.current_id
            self.model.set_rows(rows)
            self._show_more(more)
            if not rows:
                self.reading.clear()
                self.current_id = None
            elif keep and any(r.id == keep for r in rows):
                self.letters.select_id(keep)
            self.list_loaded.emit(key)

        if loaded is not None:
            show_rows(loaded)
        else:
            backend, actor, find = self.backend, self.actor, self.finder.wanted()
            self.runner.submit(lambda: fetch_rows(backend, actor, key, find=find), show_rows)

    def _show_more(self, more: More | None) -> None:
        """The title's count, and under it "n of N" with a button for the next page when there is one."""
        self.more = more
        self.letters.show_count(self.tr(VIEW_LABELS[self.view_key]), None if more is None else more[1],
                                self.backend.list_limit, self.counts.get(views.BADGES.get(self.view_key, "")))

    def load_more(self) -> None:
        """The next page of the current list, added under the rows already shown."""
        if self.more is None:
            return
        key, after = self.view_key, self.more[0]
        backend, actor = self.backend, self.actor
        self.more_button.setEnabled(False)

        def add(result: Rows) -> None:
            rows, _items, more = result
            if key != self.view_key:
                return
            self.model.add_rows(rows)
            self._show_more(more)
            self.list_loaded.emit(key)

        def failed(error: EofficeError) -> None:
            self.more_button.setEnabled(True)
            self.show_error(error)

        self.runner.submit(lambda: fetch_rows(backend, actor, key, after), add, failed)

    def _selection_changed(self, *_: Any) -> None:
        ids = self.letters.selected_ids()
        if len(ids) == 1 and ids[0] and ids[0] != self.current_id:  # "": a new letter made offline
            self.load_detail(ids[0])

    # --- the reading pane ------------------------------------------------------------------------

    def load_detail(self, doc_id: str) -> None:
        open_letter(self, doc_id)

    # --- the controllers' API, as the window offers it --------------------------------------------

    def _signed_in(self) -> Actor:
        return self.actor

    @property
    def note_dialog(self) -> NoteDialog | None:
        return self.letter_actions.note_dialog

    @property
    def passphrase_dialog(self) -> PassphraseDialog | None:
        return self.decisions.passphrase_dialog

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self.decisions.progress_dialog

    @property
    def batch_handle(self) -> Handle | None:
        return self.decisions.batch_handle

    @batch_handle.setter
    def batch_handle(self, handle: Handle | None) -> None:
        self.decisions.batch_handle = handle

    def batch_sign(self) -> None:
        self.decisions.sign_selected(self.letters.selected_ids(), self.inbox_items)

    def sync_now(self) -> None:
        self.connection.sync_now()

    def check_database(self) -> None:
        self.connection.check_database()

    def set_reachable(self, ok: bool, message: str = "") -> None:
        self.connection.set_reachable(ok, message)

    # --- actions ---------------------------------------------------------------------------------

    def show_error(self, error: EofficeError | str) -> None:
        """An error for the person: a message box and the status bar; an unreachable database also shows in
        the connection label."""
        message = str(error)
        if isinstance(error, Unavailable):
            self.set_reachable(False, message)
        self.last_message = message
        self.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, text.APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.open()

    def inform(self, message: str) -> None:
        self.last_message = message
        self.statusBar().showMessage(message, 15000)

    def do_action(self, key: str) -> None:
        if self.current_id is not None:
            self.letter_actions.do(key, self.current_id)

    def _verify(self, pdf: bytes, label: str) -> None:
        self.select_view("verify")
        self._page("verify").verify_bytes(pdf, label)  # type: ignore[attr-defined]

    def run_action(self, name: str, fn: Callable[[], Any], message: str | Callable[[Any], str]) -> None:
        def done(result: Any) -> None:
            self.inform(done_message(result, message))
            self.action_done.emit(name, result)
            self.after_change(keep=name == "comment")  # a comment leaves the letter where it was

        self.runner.submit(fn, done, self.show_error)

    def after_change(self, keep: bool = False) -> None:
        """Refresh counts and the list, then select the next letter (the one now at the old row; with *keep*
        the same letter again, wherever it moved)."""
        row, kept = self.table.currentIndex().row(), self.current_id if keep else None
        self.current_id = None
        self.reading.clear()

        def reselect(key: str) -> None:
            self.list_loaded.disconnect(reselect)
            if not (kept and self.letters.select_id(kept)):
                self.letters.select_row(min(max(row, 0), self.proxy.rowCount() - 1))

        if self.view_key in MAIL_VIEWS:
            self.list_loaded.connect(reselect)
        self.refresh()

    def _changed(self, name: str, result: Any, message: str) -> None:
        self.inform(done_message(result, message))
        self.action_done.emit(name, result)
        self.after_change()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.windows.ask_first(event):
            return
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/split", self.mail.saveState())
        self.heartbeat.stop()
        self.notifier.close()
        self.windows.close_all()
        super().closeEvent(event)
        if self.account.leaving:
            self.signed_out.emit()
