"""When the network goes: the window keeps reading from the user's local cache and says so; a decision is
queued (pending in the status bar, gone from the list) and pushed when the database is back; the user can even
log in from the cache; all comes back when the database does."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle

DEAD = "postgresql+psycopg://eoffice@127.0.0.1:1/eoffice"  # nothing listens on port 1: refused at once


def synced(qtbot: Any, w: Any, backend: Any) -> None:
    """A pull now (the window's own first pull comes a few seconds after the warm-up)."""
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        w.sync_now()
    assert backend.cache is not None and "belum pernah" not in w.sync_label.text()


def test_lists_come_from_the_cache_while_the_database_is_away(qtbot: Any, backend: Any, runner: Any,
                                                                qsettings: Any, monkeypatch: Any) -> None:
    from eoffice.store.db import make_engine

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    synced(qtbot, w, backend)
    online_counts = dict(w.counts)
    open_view(qtbot, w, "sign")
    online_rows = [w.model.row_at(i).id for i in range(w.model.rowCount())]
    monkeypatch.setattr(backend, "engine", make_engine(DEAD))  # the network goes
    with qtbot.waitSignals([w.counts_loaded, w.list_loaded], timeout=TIMEOUT):
        w.refresh()
    assert backend.offline and w.counts == online_counts
    assert w.reach_label.text() == "LURING: data dari cache lokal"
    assert [w.model.row_at(i).id for i in range(w.model.rowCount())] == online_rows
    w.set_reachable(True)  # as if the label had not caught up: any read from the cache says so at once
    with qtbot.waitSignal(w.list_loaded, timeout=TIMEOUT):
        w.load_list()
    assert w.reach_label.text() == "LURING: data dari cache lokal"
    w.letters.select_row(0)
    qtbot.waitUntil(lambda: w.reading.info is not None, timeout=TIMEOUT)  # the letter's detail, from the cache
    chosen = w.current_id
    w.reading.buttons["return"].click()  # offline: the decision is queued, signed, and shown as pending
    w.note_dialog.edit.setPlainText("Mohon diperbaiki.")
    w.note_dialog.accept()
    if w.passphrase_dialog is not None:
        w.passphrase_dialog.field.setText("demo")
        w.passphrase_dialog.accept()
    qtbot.waitUntil(lambda: "menunggu sinkronisasi" in w.last_message, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "1 tertunda" in w.sync_label.text(), timeout=TIMEOUT)  # with the fresh counts
    wait_idle(qtbot, runner)
    assert chosen not in [w.model.row_at(i).id for i in range(w.model.rowCount())]  # it left my list
    monkeypatch.undo()  # the network is back: the heartbeat pushes (the key stayed unlocked), then pulls
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        w.check_database()
    assert not backend.offline and w.reach_label.text() == "terhubung"
    assert "0 tertunda" in w.sync_label.text()
    from eoffice.app.offline import items

    [done] = items(backend.cache, "gubernur")
    assert (done.status, done.document_id) == ("applied", chosen)
    assert sum(1 for e in backend.history(w.actor, chosen) if e["action"] == "route.return") == 1
    wait_idle(qtbot, runner)


def test_a_user_with_a_cache_can_log_in_offline(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                demo_env: Any) -> None:
    from eoffice.app.desktop import Desktop as Backend
    from eoffice.domain import NotAuthorized, Unavailable
    from eoffice.ui.views import first_screen

    gub = backend.login("gubernur", "demo")
    backend.sync(gub)  # worked here before: the cache is on this machine
    away = Backend(DEAD, demo_env[1])
    try:
        actor, first = away.login_and_load("gubernur", "demo", lambda a: first_screen(away, a))
        assert actor.login == "gubernur" and away.offline
        counts, (rows, _items, _more) = first
        assert counts["sign"] == 3 and len(rows) >= 3
        with pytest.raises(NotAuthorized):  # the password is still checked (the user's own hash is cached)
            away.login_and_load("gubernur", "salah", lambda a: None)
        with pytest.raises(Unavailable, match="Belum ada salinan lokal untuk staf.kominfo"):
            away.login_and_load("staf.kominfo", "demo", lambda a: None)
    finally:
        away.close()


def test_the_window_fills_the_cache_by_itself_but_not_during_a_batch(qtbot: Any, backend: Any, runner: Any,
                                                                     qsettings: Any, monkeypatch: Any) -> None:
    import eoffice.ui.mainwindow as mainwindow

    monkeypatch.setattr(mainwindow, "SYNC_DELAY_MS", 0)
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        pass  # after the warm-up, on its own
    assert backend.cache is not None and backend.cache_login == "gubernur"
    wait_idle(qtbot, runner)
    w.batch_handle = object()  # a batch signature is running: no pull now, the heartbeat pulls later
    w.sync_now()
    assert not runner.busy
    w.batch_handle = None
