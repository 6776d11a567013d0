"""Driving the real main window from tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def bsre_service(backend: Any, monkeypatch: Any, *, login: str, nik: str, passphrase: str, name: str,
                 setting: str) -> Iterator[Any]:
    """The stand-in BSrE esign service (tests/bsre_server.py) for the app: its URL and client credentials in
    the environment, *login*'s NIK an account there, and the organisation *setting* (sign_provider or
    paraf_provider) set to bsre."""
    from eoffice.services import settings
    from eoffice.services.auth import actor_of
    from tests.bsre_server import PASSWORD, USER, serve_bsre

    with serve_bsre() as state:
        state.add_signer(nik, passphrase, name)
        for key, value in {"EOFFICE_BSRE_URL": state.url, "EOFFICE_BSRE_USER": USER,
                           "EOFFICE_BSRE_PASSWORD": PASSWORD}.items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("EOFFICE_BSRE_PASSPHRASE", raising=False)

        def setup(uow: Any) -> None:
            settings.set_setting(uow, actor_of(uow.users.by_login("admin")), setting, "bsre")
            uow.users.by_login(login).nik = nik

        backend.run(setup)
        yield state
