"""The status bar's view of the database and the local cache: reachable or not, reading from the cache, the
last pull; and the heartbeat that asks the database, every minute, or every OFFLINE_MS while it does not answer
(pending work is pushed soon after the network returns; a command's own backoff, eoffice/sync/push.py, still
decides when it is tried again). A controller the main window holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel

from eoffice.domain import EofficeError, Unavailable
from eoffice.ui import text
from eoffice.ui.tasks import Progress, TaskRunner

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

translate = QCoreApplication.translate
ONLINE_MS = 60_000  # the heartbeat while the database answers: fresh counts and a pull
OFFLINE_MS = 10_000  # while it does not: is it back?


def sync_text(status: Any) -> str:
    last = text.datetime_text(status.last_sync) if status.last_sync else translate("Connection", "belum pernah")
    return translate("Connection", "Sinkronisasi: {pending} tertunda, terakhir {last}").format(
        pending=status.pending, last=last)


class Connection(QObject):
    """The status bar's connection and sync labels and the heartbeat's work, with explicit dependencies: the
    core, the runner, who is signed in (*actor*, asked at each use), the two labels, *synced* (called after a
    pull), *load_counts* (fresh badges) and *busy_batch* (a batch signature is running: no pull then)."""

    shown_online = True

    def __init__(self, backend: Front, runner: TaskRunner, *, actor: Callable[[], Actor], reach_label: QLabel,
                 sync_label: QLabel, synced: Callable[[], None], load_counts: Callable[[], None],
                 busy_batch: Callable[[], bool], pushed: Callable[[], None] = lambda: None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)  # deleted with its window: a late result then goes nowhere (tasks._alive)
        self.backend, self.runner, self._actor = backend, runner, actor
        self.reach_label, self.sync_label = reach_label, sync_label
        self.synced, self.load_counts, self.busy_batch, self.pushed = synced, load_counts, busy_batch, pushed
        self.heartbeat = QTimer(self)  # started by the window once someone is signed in
        self.heartbeat.setInterval(ONLINE_MS)
        self.heartbeat.timeout.connect(self.check_database)
        self._checking = False  # a ping under way (a dead host takes its connect timeout): no second one

    def sync_now(self) -> None:
        """Pull the change feed into the local cache, so the lists can still be read when the network goes.
        Not while a batch signature runs: a pull holds the GIL for stretches and the progress would stutter
        (bench/bench_ui_stall.py); the next heartbeat pulls instead."""
        if self.busy_batch():
            return
        backend, actor = self.backend, self._actor()

        def work(progress: Progress) -> tuple[int, Any]:
            # The outbox first, in order, then the pull (Session.sync). A command whose network failure is
            # recent waits out its backoff (sync/push.py): a sync every heartbeat never hammers the server.
            waiting = backend.sync_status().pending
            return waiting, backend.sync(actor, progress=lambda n, total: progress.report(n, total, ""))

        self.runner.submit_progress(work, self._show_sync, self._sync_failed, self._pushing)

    def _pushing(self, done: int, total: int, _text: str) -> None:
        if done < total:
            self.sync_label.setText(translate("Connection", "Mengirim {n} dari {total}...").format(
                n=done + 1, total=total))

    def _show_sync(self, result: tuple[int, Any]) -> None:
        waiting, status = result
        self.sync_label.setText(sync_text(status))
        self.set_reachable(status.online)
        if waiting:  # commands were pushed: applied ones change the lists, rejected ones need the person
            self.pushed()
        self.synced()

    def _sync_failed(self, error: EofficeError) -> None:
        """Unreachable: the queue waits. Anything else (a database newer than this app: update it) is said in
        the sync label, the queue kept."""
        if not isinstance(error, Unavailable):
            self.sync_label.setText(translate("Connection", "Sinkronisasi tertunda: {reason}").format(
                reason=str(error)))
            self.sync_label.setToolTip(str(error))
        self._unreachable(error)

    def check_database(self) -> None:
        """The heartbeat: is the database there? Then fresh counts, and a pull into the cache."""
        if self._checking:
            return
        self._checking = True
        self.runner.submit(self.backend.ping, self._reachable, self._pinged_away)

    def _pinged_away(self, error: EofficeError) -> None:
        self._checking = False
        self._unreachable(error)

    def _reachable(self, _: Any) -> None:
        self._checking = False
        self.set_reachable(True)
        self.load_counts()
        self.sync_now()

    def _unreachable(self, error: EofficeError) -> None:
        self.set_reachable(False, str(error))

    def follow_backend(self) -> None:
        """After each task: a read that fell back to the local cache shows here at once."""
        if self.backend.offline and self.shown_online:
            self.set_reachable(False)

    def set_reachable(self, ok: bool, message: str = "") -> None:
        cached = not ok and self.backend.cache is not None  # the lists still read from the local cache
        if ok:
            label, style = translate("Connection", "terhubung"), "color:#1b7a34"
        elif cached:
            label, style = translate("Connection", "LURING: data dari cache lokal"), "color:#8a5a00;font-weight:bold"
        else:
            label, style = translate("Connection", "TIDAK TERHUBUNG"), "color:#b3261e;font-weight:bold"
        self.shown_online = ok
        pace = ONLINE_MS if ok else OFFLINE_MS
        if self.heartbeat.interval() != pace:  # setInterval restarts a running timer: only on a change
            self.heartbeat.setInterval(pace)
        self.reach_label.setText(label)
        self.reach_label.setStyleSheet(style)
        self.reach_label.setToolTip(message)
