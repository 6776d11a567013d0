"""The heartbeat (ui/connection.py): every minute while the database answers, more often while it does not, so
work done offline is pushed soon after the network returns, by the window itself."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, wait_idle
from tests.ui.test_offline import DEAD


def test_the_heartbeat_beats_faster_while_offline_and_pushes_when_the_network_returns(
        qtbot: Any, backend: Any, runner: Any, qsettings: Any, monkeypatch: Any) -> None:
    from eoffice.store.db import make_engine
    from eoffice.ui import connection

    assert (connection.ONLINE_MS, connection.OFFLINE_MS) == (60_000, 10_000)
    monkeypatch.setattr(connection, "OFFLINE_MS", 300)  # the test need not wait 10 s
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    assert w.heartbeat.isActive() and w.heartbeat.interval() == 60_000
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        w.sync_now()  # a cache, as after the first pull
    with monkeypatch.context() as away:
        away.setattr(backend, "engine", make_engine(DEAD))  # the network goes
        w.check_database()
        qtbot.waitUntil(lambda: w.reach_label.text() != "terhubung", timeout=TIMEOUT)
        assert w.heartbeat.isActive() and w.heartbeat.interval() == 300
        backend.comment(w.actor, w.letters.row_ids()[0], "Dicatat saat luring.")  # queued in the outbox
        assert backend.sync_status().pending == 1
        wait_idle(qtbot, runner)
    # the network is back: no one presses anything, the next (quick) beat finds the database, pushes and pulls
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        pass
    assert w.reach_label.text() == "terhubung" and w.heartbeat.interval() == 60_000
    assert backend.sync_status().pending == 0
    wait_idle(qtbot, runner)
