"""Login, the main window, the inbox and the reading pane, deciding and signing."""

from __future__ import annotations

import gc
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_row, open_view, wait_idle


def test_login_dialog_remembers_user_and_shows_database(qtbot: Any, backend: Any, runner: Any,
                                                        qsettings: Any) -> None:
    from eoffice.ui.dialogs import LoginDialog

    dlg = LoginDialog(backend, runner, qsettings)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.status_checked, timeout=TIMEOUT) as status:
        pass
    assert status.args == [True]
    assert "e.db" in dlg.db_label.text()
    dlg.user.setText("gubernur")
    dlg.password.setText("salah")
    dlg.try_login()
    qtbot.waitUntil(lambda: bool(dlg.error.text()), timeout=TIMEOUT)
    assert "Login gagal" in dlg.error.text()
    dlg.password.setText("demo")
    with qtbot.waitSignal(dlg.logged_in, timeout=TIMEOUT) as blocker:
        dlg.try_login()
    assert blocker.args[0].login == "gubernur"
    assert qsettings.value("login/last_user") == "gubernur"
    again = LoginDialog(backend, runner, qsettings)
    qtbot.addWidget(again)
    assert again.user.text() == "gubernur"
    wait_idle(qtbot, runner)


def test_unreachable_postgres_shows_a_clear_message(qtbot: Any, runner: Any, qsettings: Any, tmp_path: Any) -> None:
    from eoffice.ui.app import open_backend
    from eoffice.ui.dialogs import LoginDialog

    backend, problem = open_backend("postgresql://eoffice:rahasia@127.0.0.1:1/eoffice", tmp_path)
    assert problem is None
    dlg = LoginDialog(backend, runner, qsettings)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.status_checked, timeout=TIMEOUT) as status:
        pass
    assert status.args == [False]
    assert "tidak dapat dihubungi" in dlg.db_status.text()
    assert "rahasia" not in dlg.db_label.text() + dlg.db_status.text()
    dlg.user.setText("gubernur")
    dlg.password.setText("demo")
    dlg.try_login()
    qtbot.waitUntil(lambda: "tidak dapat dihubungi" in dlg.error.text(), timeout=TIMEOUT)
    bad, problem = open_backend("mysql://x@y/z", tmp_path)
    assert bad is None and "tidak valid" in (problem or "")
    backend.close()


def test_inbox_counts_and_reading_pane(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    assert w.counts["sign"] == 3
    assert w.nav_items["sign"].text() == "Perlu Tanda Tangan (3)"
    assert w.demo_label.isVisible()
    assert "e.db" in w.db_label.text()
    open_view(qtbot, w, "sign")
    assert w.proxy.rowCount() == 3
    open_row(qtbot, w, 0)
    assert w.reading.pdf.pages >= 1
    assert w.reading.buttons["sign"].isVisible()
    assert not w.reading.buttons["approve"].isVisible()
    assert w.reading.steps.rowCount() > 0
    w.search.setText("zzzz-tidak-ada")
    assert w.proxy.rowCount() == 0
    w.search.clear()
    wait_idle(qtbot, runner)


def test_governor_signs_one_letter_and_it_leaves_the_list(qtbot: Any, backend: Any, runner: Any,
                                                          qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    doc_id = open_row(qtbot, w, 0)
    w.reading.buttons["sign"].click()
    dlg = w.passphrase_dialog
    assert dlg is not None and dlg.isVisible()
    assert not dlg.remember.isVisible()  # no keyring backend in tests
    dlg.field.setText("salah")
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT) as failed:
        dlg.accept()
    assert failed.args[0] == "sign_failed"
    w.reading.buttons["sign"].click()
    w.passphrase_dialog.field.setText("demo")
    with qtbot.waitSignals([w.action_done, w.list_loaded], timeout=60000):
        w.passphrase_dialog.accept()
    assert doc_id not in w.letters.row_ids()
    assert w.proxy.rowCount() == 2
    assert "ditandatangani" in w.last_message
    qtbot.waitUntil(lambda: w.counts.get("sign") == 2, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: w.current_id is not None, timeout=TIMEOUT)  # moved on to the next letter
    wait_idle(qtbot, runner)


def test_batch_sign_with_progress(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtCore import QItemSelectionModel

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    sel = w.table.selectionModel()
    for r in range(w.proxy.rowCount()):
        sel.select(w.proxy.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    assert len(w.letters.selected_ids()) == 3
    wait_idle(qtbot, runner)
    w.act_batch.trigger()
    w.passphrase_dialog.field.setText("demo")
    steps: list[int] = []
    with qtbot.waitSignal(w.action_done, timeout=90000) as done:
        w.passphrase_dialog.accept()
        assert w.progress_dialog is not None
        w.batch_handle.signals.progress.connect(lambda n, _t, _s: steps.append(n))
    results = done.args[1]
    assert [ok for _, ok, _ in results] == [True, True, True]
    assert w.progress_dialog.maximum() == 3
    assert steps and steps[-1] == 3
    qtbot.waitUntil(lambda: w.counts.get("sign") == 0, timeout=TIMEOUT)
    wait_idle(qtbot, runner)


def test_batch_sign_can_be_cancelled(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtWidgets import QPushButton

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    ids = w.letters.row_ids()
    w.decisions._sign_with(ids, "demo")  # the deciding/signing controller (was a mixin of the window)
    with qtbot.waitSignal(w.action_done, timeout=90000) as done:
        w.progress_dialog.findChild(QPushButton).click()  # Batalkan, before the first letter finishes
    assert len(done.args[1]) < 3
    assert "dibatalkan" in w.last_message
    wait_idle(qtbot, runner)


def test_kasi_returns_a_letter_with_a_note(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    assert w.counts["paraf"] == 1
    open_view(qtbot, w, "paraf")
    doc_id = open_row(qtbot, w, 0)
    assert w.reading.buttons["approve"].text() == "Paraf"
    w.reading.buttons["return"].click()
    note = w.note_dialog
    ok = note.buttons.button(note.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # a note is required
    note.edit.setPlainText("Mohon lengkapi data pada paragraf kedua.")
    assert ok.isEnabled()
    ok.click()
    w.passphrase_dialog.field.setText("demo")
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT) as done:
        w.passphrase_dialog.accept()
    assert done.args[0] == "return"
    assert done.args[1].status == "returned"
    qtbot.waitUntil(lambda: w.counts.get("paraf") == 0, timeout=TIMEOUT)
    info = backend.detail(backend.login("kasi1.kominfo", "demo"), doc_id)
    assert info["notes"][-1]["text"] == "Mohon lengkapi data pada paragraf kedua."
    wait_idle(qtbot, runner)


def test_passphrase_can_be_remembered_when_a_keyring_exists(qtbot: Any, backend: Any, runner: Any,
                                                            qsettings: Any, monkeypatch: Any) -> None:
    stored: dict[str, str] = {}
    monkeypatch.setattr(backend, "keyring_available", lambda: True)
    monkeypatch.setattr(backend, "remember_passphrase", lambda who, pp: stored.__setitem__(who, pp) or True)
    monkeypatch.setattr(backend, "remembered_passphrase", lambda who: stored.get(who))
    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    open_view(qtbot, w, "paraf")
    open_row(qtbot, w, 0)
    w.reading.buttons["approve"].click()
    dlg = w.passphrase_dialog
    assert dlg.remember.isVisible()
    dlg.field.setText("demo")
    dlg.remember.setChecked(True)
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT):
        dlg.accept()
    assert stored == {"kasi1.kominfo": "demo"}
    wait_idle(qtbot, runner)


def test_status_bar_follows_the_database(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                         monkeypatch: Any) -> None:
    from eoffice.domain import Unavailable

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    assert w.reach_label.text() == "terhubung"
    assert "Sinkronisasi: 0 tertunda" in w.sync_label.text()
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):  # a pull into the local cache (also a few s after start)
        w.sync_now()
    assert backend.cache is not None and "belum pernah" not in w.sync_label.text()

    def down() -> None:
        raise Unavailable("Database tidak dapat dihubungi (sqlite): disk hilang")

    monkeypatch.setattr(backend, "ping", down)
    w.check_database()
    qtbot.waitUntil(lambda: w.reach_label.text() == "LURING: data dari cache lokal", timeout=TIMEOUT)
    monkeypatch.setattr(backend, "cache", None)  # no cache on this machine: nothing to read from
    w.check_database()
    qtbot.waitUntil(lambda: w.reach_label.text() == "TIDAK TERHUBUNG", timeout=TIMEOUT)
    monkeypatch.undo()
    with qtbot.waitSignal(w.counts_loaded, timeout=TIMEOUT):
        w.check_database()
    assert w.reach_label.text() == "terhubung"
    wait_idle(qtbot, runner)


def test_app_session_login_opens_the_main_window(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from eoffice.ui.app import App

    session = App(backend, runner, qsettings)
    qtbot.addWidget(session.login)
    session.login.show()
    qtbot.waitUntil(lambda: session.demo and session.login.reachable is True, timeout=TIMEOUT)
    assert session.login.demo_label.isVisible()
    session.login.user.setText("gubernur")
    session.login.password.setText("demo")
    with qtbot.waitSignal(session.login.logged_in, timeout=TIMEOUT):
        session.login.buttons.button(session.login.buttons.StandardButton.Ok).click()
    w = session.window
    qtbot.addWidget(w)
    assert w.isVisible() and w.demo_label.isVisible()
    assert "[DEMO]" in w.windowTitle()
    with qtbot.waitSignal(w.counts_loaded, timeout=TIMEOUT):
        pass
    assert w.counts["sign"] == 3
    wait_idle(qtbot, runner)


def test_drafter_withdraws_and_sees_the_history(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    open_view(qtbot, w, "sent")
    staf = backend.login("staf.kominfo", "demo")
    target = next(r for r in backend.letter_list(staf, mine=True) if r.status == "in_review")
    assert w.letters.select_id(target.id)
    qtbot.waitUntil(lambda: w.reading.info is not None and w.reading.info["id"] == target.id, timeout=TIMEOUT)
    assert w.reading.history.rowCount() >= 2  # drafted, submitted, ...
    assert w.reading.buttons["withdraw"].isVisible()
    w.reading.buttons["withdraw"].click()
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT) as done:
        w.note_dialog.accept()  # the reason is optional
    assert done.args[1].status == "withdrawn"
    wait_idle(qtbot, runner)


def test_remembered_passphrase_signs_without_asking(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                    monkeypatch: Any) -> None:
    monkeypatch.setattr(backend, "remembered_passphrase", lambda who: "demo")
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    open_row(qtbot, w, 0)
    with qtbot.waitSignal(w.action_done, timeout=60000) as done:
        w.reading.buttons["sign"].click()
    assert w.passphrase_dialog is None
    assert done.args[0] == "sign" and done.args[1][0][1]
    wait_idle(qtbot, runner)


def test_governor_returns_and_chooses_where_the_route_restarts(qtbot: Any, backend: Any, runner: Any,
                                                               qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    open_view(qtbot, w, "sign")
    doc_id = open_row(qtbot, w, 0)
    w.reading.buttons["return"].click()
    dlg = w.note_dialog
    stages = [dlg.choice.itemData(i) for i in range(dlg.choice.count())]
    assert stages[0] is None and len(stages) >= 2  # the first stage, then later ones up to the signature
    dlg.choice.setCurrentIndex(len(stages) - 1)
    chosen = stages[-1]
    dlg.edit.setPlainText("Perbaiki diktum kedua.")
    dlg.accept()
    w.passphrase_dialog.field.setText("demo")
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT) as done:
        w.passphrase_dialog.accept()
    assert done.args[1].status == "returned"
    events = backend.history(backend.login("gubernur", "demo"), doc_id)
    assert events[-1]["action"] == "route.return"
    assert chosen
    wait_idle(qtbot, runner)


def test_app_loads_the_core_while_the_login_dialog_is_up(qtbot: Any, demo_env: Any, runner: Any, qsettings: Any,
                                                          monkeypatch: Any) -> None:
    """The dialog comes first; Masuk pressed before the core has loaded waits for it, then logs in."""
    from eoffice.ui.app import App

    url, home = demo_env
    monkeypatch.setenv("EOFFICE_DB", url)
    monkeypatch.setenv("EOFFICE_HOME", str(home))
    session = App(None, runner, qsettings)
    qtbot.addWidget(session.login)
    session.login.show()
    assert session.login.db_status.text() == "Menyiapkan aplikasi..."
    session.login.user.setText("staf.kominfo")
    session.login.password.setText("demo")
    session.login.try_login()  # before the core is there
    assert session.login.waiting
    errors: list[str] = []
    with qtbot.waitSignal(session.login.logged_in, timeout=TIMEOUT):
        session.prepare(errors.append)
    assert errors == [] and session.backend is not None
    assert url.rsplit("/", 1)[-1] in session.login.db_label.text()
    w = session.window
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.counts_loaded, timeout=TIMEOUT):
        pass
    assert w.counts["drafts"] >= 1  # the demo gives staf.kominfo drafts
    wait_idle(qtbot, runner)
    session.backend.close()


def test_main_window_is_built_while_the_person_types_and_holds_nothing_until_login(
        qtbot: Any, demo_env: Any, runner: Any, qsettings: Any, monkeypatch: Any) -> None:
    """Once the core has loaded, the main window is built hidden and empty; a wrong password leaves it so;
    the right one fills it with that user's name, pages and letters."""
    from eoffice.ui.app import App

    url, home = demo_env
    monkeypatch.setenv("EOFFICE_DB", url)
    monkeypatch.setenv("EOFFICE_HOME", str(home))
    gc.unfreeze()
    session = App(None, runner, qsettings)
    qtbot.addWidget(session.login)
    session.login.show()
    session.prepare(lambda m: None)
    qtbot.waitUntil(lambda: session.shell is not None, timeout=TIMEOUT)
    shell = session.shell
    qtbot.addWidget(shell)
    assert shell.actor is None and not shell.isVisible() and session.window is None
    assert shell.model.rowCount() == 0 and shell.user_label.text() == "" and "admin" not in shell.nav_items
    session.login.user.setText("admin")
    session.login.password.setText("salah")
    session.login.try_login()
    qtbot.waitUntil(lambda: bool(session.login.error.text()), timeout=TIMEOUT)
    assert session.window is None and shell.actor is None and shell.model.rowCount() == 0
    session.login.password.setText("demo")
    with qtbot.waitSignal(session.login.logged_in, timeout=TIMEOUT):
        session.login.try_login()
    assert session.window is shell and session.shell is None
    assert shell.isVisible() and shell.actor.login == "admin" and shell.user_label.text().startswith(shell.actor.name)
    assert "admin" in shell.nav_items and shell.nav.count() == len(shell.nav_items)
    qtbot.waitUntil(lambda: bool(shell.counts), timeout=TIMEOUT)
    # after the warm-up, the loaded app is left out of the collector's full passes (UI stalls, bench_ui_stall)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=TIMEOUT)
    wait_idle(qtbot, runner)
    session.backend.close()


def test_app_with_a_bad_database_url_says_why(qtbot: Any, runner: Any, qsettings: Any, monkeypatch: Any) -> None:
    from eoffice.ui.app import App

    monkeypatch.setenv("EOFFICE_DB", "mysql://x@y/z")
    session = App(None, runner, qsettings)
    qtbot.addWidget(session.login)
    errors: list[Any] = []  # the task runner hands over the exception
    session.prepare(errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT)
    assert "tidak valid" in str(errors[0]) and session.backend is None


def test_prefetch_while_typing_reaches_only_the_right_password_in_time(backend: Any, monkeypatch: Any) -> None:
    import pytest

    from eoffice.domain import NotAuthorized

    loads: list[str] = []

    def load(actor: Any) -> str:
        loads.append(actor.login)
        return f"inbox of {actor.login} #{len(loads)}"

    backend.prefetch("gubernur", load)  # the dialog remembers gubernur: loaded while the password is typed
    assert backend.login_and_load("gubernur", "demo", load) == (backend.login("gubernur", "demo"), "inbox of gubernur #1")
    assert loads == ["gubernur"]  # not loaded again beside argon2
    backend.prefetch("gubernur", load)
    with pytest.raises(NotAuthorized):
        backend.login_and_load("gubernur", "salah", load)
    assert backend.login_and_load("gubernur", "demo", load)[1] == "inbox of gubernur #3"  # dropped: afresh
    backend.prefetch("gubernur", load)
    assert backend.login_and_load("staf.kominfo", "demo", load)[1] == "inbox of staf.kominfo #5"  # another login
    backend.prefetch("gubernur", load)
    monkeypatch.setattr(backend, "PREFETCH_TTL", 0.0)  # the person left the dialog open too long
    assert backend.login_and_load("gubernur", "demo", load)[1] == "inbox of gubernur #7"


def test_login_and_load_hands_data_only_to_the_right_password(backend: Any) -> None:
    import pytest

    from eoffice.domain import NotAuthorized

    loaded: list[str] = []

    def load(actor: Any) -> str:
        loaded.append(actor.login)
        return f"inbox of {actor.login}"

    actor, data = backend.login_and_load("gubernur", "demo", load)
    assert actor.login == "gubernur" and data == "inbox of gubernur"
    for who, password in (("gubernur", "salah"), ("tidak.ada", "demo")):
        with pytest.raises(NotAuthorized, match="Login gagal"):
            backend.login_and_load(who, password, load)

    def broken(_actor: Any) -> str:
        raise RuntimeError("a failed head start")

    assert backend.login_and_load("gubernur", "demo", broken)[1] is None  # the window then loads it itself


def test_a_long_list_loads_page_by_page(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any,
                                        qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    open_view(qtbot, w, "sent")
    assert w.more_bar.isHidden()  # the demo's few letters: the whole list in one page
    whole = [w.model.row_at(i).id for i in range(w.model.rowCount())]
    assert len(whole) >= 3
    qtmodeltester.check(w.model)  # stays attached: the appended pages (rowsInserted) are checked too
    backend.list_limit = 2  # as if the user had more letters than a page holds
    with qtbot.waitSignal(w.list_loaded, timeout=TIMEOUT):
        w.refresh()
    assert not w.more_bar.isHidden() and w.model.rowCount() == 2
    assert f"Menampilkan 2 naskah terbaru dari {len(whole)}" in w.list_note.text()
    assert w.list_title.text().endswith(f"({len(whole)})")
    while not w.more_bar.isHidden():
        with qtbot.waitSignal(w.list_loaded, timeout=TIMEOUT):
            w.more_button.click()
    # every letter once, newest first, as in one page
    assert [w.model.row_at(i).id for i in range(w.model.rowCount())] == whole
    wait_idle(qtbot, runner)
