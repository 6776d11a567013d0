"""The status bar's view of the database and the local cache: reachable or not, reading from the cache, the
last pull. Mixed into MainWindow."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from eoffice.ui import text
from eoffice.ui.tasks import TaskRunner

translate = QCoreApplication.translate


def sync_text(status: Any) -> str:
    last = text.datetime_text(status.last_sync) if status.last_sync else translate("ConnectionMixin", "belum pernah")
    return translate("ConnectionMixin", "Sinkronisasi: {pending} tertunda, terakhir {last}").format(
        pending=status.pending, last=last)


class ConnectionMixin:
    """Mixed into MainWindow (which provides the attributes and methods declared here)."""

    backend: Any
    actor: Any
    runner: TaskRunner
    reach_label: QLabel
    batch_handle: Any
    shown_online = True
    sync_label: QLabel
    synced: Any
    load_counts: Any

    def sync_now(self) -> None:
        """Pull the change feed into the local cache, so the lists can still be read when the network goes.
        Not while a batch signature runs: a pull holds the GIL for stretches and the progress would stutter
        (bench/bench_ui_stall.py); the next heartbeat pulls instead."""
        if self.batch_handle is not None:
            return
        backend, actor = self.backend, self.actor
        self.runner.submit(lambda: backend.sync(actor), self._show_sync, self._unreachable)

    def _show_sync(self, status: Any) -> None:
        self.sync_label.setText(sync_text(status))
        self.set_reachable(status.online)
        self.synced.emit()

    def check_database(self) -> None:
        """The heartbeat: is the database there? Then fresh counts, and a pull into the cache."""
        self.runner.submit(self.backend.ping, self._reachable, self._unreachable)

    def _reachable(self, _: Any) -> None:
        self.set_reachable(True)
        self.load_counts()
        self.sync_now()

    def _unreachable(self, message: str) -> None:
        self.set_reachable(False, message)

    def follow_backend(self) -> None:
        """After each task: a read that fell back to the local cache shows here at once."""
        if self.backend.offline and self.shown_online:
            self.set_reachable(False)

    def set_reachable(self, ok: bool, message: str = "") -> None:
        cached = not ok and self.backend.cache is not None  # the lists still read from the local cache
        if ok:
            label, style = translate("ConnectionMixin", "terhubung"), "color:#1b7a34"
        elif cached:
            label, style = translate("ConnectionMixin", "LURING: data dari cache lokal"), "color:#8a5a00;font-weight:bold"
        else:
            label, style = translate("ConnectionMixin", "TIDAK TERHUBUNG"), "color:#b3261e;font-weight:bold"
        self.shown_online = ok
        self.reach_label.setText(label)
        self.reach_label.setStyleSheet(style)
        self.reach_label.setToolTip(message)
