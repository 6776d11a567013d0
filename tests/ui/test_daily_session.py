"""Issue 14, "Missing": Keluar / Ganti Pengguna closes the session in the same process: editors ask about
unsaved work as closing the window does, the core forgets the person, the login dialog asks again."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, wait_idle


def _sign_in(qtbot: Any, session: Any, login: str, *, keep: bool = True) -> Any:
    session.login.user.setText(login)
    session.login.password.setText("demo")
    with qtbot.waitSignal(session.login.logged_in, timeout=TIMEOUT):
        session.login.buttons.button(session.login.buttons.StandardButton.Ok).click()
    w = session.window
    if keep:
        qtbot.addWidget(w)
    with qtbot.waitSignal(w.counts_loaded, timeout=TIMEOUT):
        pass
    return w


def test_sign_out_asks_about_unsaved_work_then_shows_the_login_again(qtbot: Any, backend: Any, runner: Any,
                                                                    qsettings: Any) -> None:
    from shiboken6 import isValid

    from eoffice.ui.app import App

    session = App(backend, runner, qsettings)
    qtbot.addWidget(session.login)
    session.login.show()
    w = _sign_in(qtbot, session, "staf.kominfo", keep=False)  # deleted once signed out
    assert session.login.isHidden()
    menu = w.menuBar().findChild(type(w.account.menu), "accountMenu")
    assert menu is not None and menu.title() == "Akun" and w.account.action.text() == "Keluar / Ganti Pengguna"
    ed = w.windows.new_draft()
    qtbot.waitUntil(lambda: bool(ed.entries), timeout=TIMEOUT)
    ed.subject.setText("Konsep yang belum disimpan")
    w.account.action.trigger()
    qtbot.waitUntil(lambda: ed.close_box is not None and ed.close_box.isVisible(), timeout=TIMEOUT)
    next(b for b in ed.close_box.buttons() if b.text() == "Batal").click()  # keep editing: stay signed in
    assert w.isVisible() and ed.isVisible() and not w.account.leaving and session.login.isHidden()
    backend.unlocked["staf.kominfo"] = object()  # a key unlocked for the outbox, as a queued decision leaves it
    w.account.action.trigger()
    qtbot.waitUntil(lambda: ed.close_box is not None and ed.close_box.isVisible(), timeout=TIMEOUT)
    next(b for b in ed.close_box.buttons() if b.text() == "Buang Perubahan").click()
    qtbot.waitUntil(lambda: session.login.isVisible(), timeout=TIMEOUT)
    assert session.window is None
    qtbot.waitUntil(lambda: not isValid(w), timeout=TIMEOUT)  # the window and its controllers are let go
    assert backend.unlocked == {} and backend.actor is None and backend.cache is None  # forgotten in memory
    assert session.login.password.text() == "" and session.login.user.text() == "staf.kominfo"
    wait_idle(qtbot, runner)
    other = _sign_in(qtbot, session, "gubernur")  # the next person, same process
    assert other is not w and other.actor.name in other.windowTitle() and other.counts["sign"] == 3
    assert other.actor.login not in other.windowTitle()  # a name, never the login
    other.close()  # an ordinary close quits, it does not sign out
    assert session.window is other and session.login.isHidden()
    wait_idle(qtbot, runner)
