"""Driving the real main window from tests."""

from __future__ import annotations

from typing import Any

TIMEOUT = 30000


def main_window(qtbot: Any, backend: Any, runner: Any, qsettings: Any, login: str) -> Any:
    from eoffice.ui.mainwindow import MainWindow

    actor = backend.login(login, "demo")
    w = MainWindow(backend, actor, runner, qsettings, demo=True)
    qtbot.addWidget(w)
    # results are posted back through the event loop, which only runs inside the wait: no race
    with qtbot.waitSignals([w.list_loaded, w.counts_loaded], timeout=TIMEOUT):
        pass
    w.show()
    return w


def open_view(qtbot: Any, w: Any, key: str) -> None:
    with qtbot.waitSignal(w.list_loaded, timeout=TIMEOUT):
        w.select_view(key)


def open_row(qtbot: Any, w: Any, row: int = 0) -> str:
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT) as blocker:
        w.letters.select_row(row)
    return str(blocker.args[0])


def wait_idle(qtbot: Any, runner: Any) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=TIMEOUT)
