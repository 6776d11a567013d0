"""UI fixtures: one demo database + profile built per session, copied per test (SQLite file + key dir)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # never the developer's real keyring
os.environ.pop("EOFFICE_KEY_PASSPHRASE", None)


@pytest.fixture(scope="session", autouse=True)
def indonesian_locale() -> None:
    """Dates and numbers as the app shows them by default (run_app sets the language before any widget)."""
    from PySide6.QtCore import QLocale

    from eoffice.ui.i18n import DEFAULT, LOCALES

    QLocale.setDefault(QLocale(*LOCALES[DEFAULT]))


@pytest.fixture
def english(qapp: Any) -> Iterator[Any]:
    """The UI in English for one test (the app's translators), Indonesian again afterwards."""
    from eoffice.ui.i18n import Translations

    translations = Translations(qapp)
    translations.use("en")
    yield translations
    translations.remove()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from eoffice.services import demo
    from eoffice.store import migrate
    from eoffice.store.db import make_engine
    from eoffice.store.uow import UnitOfWork

    root = tmp_path_factory.mktemp("demo")
    home = root / "home"
    engine = make_engine(f"sqlite:///{root / 'e.db'}")

    def run(use_case: Any) -> Any:
        with UnitOfWork(engine) as uow:
            result = use_case(uow)
            uow.commit()
        return result

    migrate.upgrade(engine)
    result = run(demo.seed)
    demo.seed_content(run, home, result)
    engine.dispose()  # closing the last connection checkpoints the WAL into e.db
    return root


@pytest.fixture
def demo_env(demo_template: Path, tmp_path: Path) -> tuple[str, Path]:
    """(database URL, profile dir) private to this test."""
    for name in ("e.db", "e.db-wal", "e.db-shm"):
        if (demo_template / name).exists():
            shutil.copy2(demo_template / name, tmp_path / name)
    shutil.copytree(demo_template / "home", tmp_path / "home")
    return f"sqlite:///{tmp_path / 'e.db'}", tmp_path / "home"


@pytest.fixture
def backend(demo_env: tuple[str, Path]) -> Iterator[Any]:
    from eoffice.app.desktop import Desktop as Backend

    b = Backend(*demo_env)
    yield b
    b.close()


@pytest.fixture
def runner(qtbot: Any) -> Iterator[Any]:
    from eoffice.ui.tasks import TaskRunner

    r = TaskRunner()
    yield r
    # Until quiet: a finished task's callback may start the next (counts -> warm-up -> pull into the cache),
    # and a task must not outlive the runner its results go to.
    for _ in range(50):
        r.wait(30000)
        qtbot.wait(20)
        if not r.busy and r.pool.activeThreadCount() == 0:
            break


@pytest.fixture
def qsettings(tmp_path: Path) -> Any:
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin cannot propagate size hints; it says so at WARNING level. Nothing else
    # is ignored: any other Qt warning still fails the test.
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def settle_qt_objects(qapp: Any) -> Iterator[None]:
    """After each test: the windows' deferred deletions and the garbage collector run here, not in the middle
    of a later test's event loop (a wrapper collected during a test that runs no event loop, then its
    C++ object deleted later, crashed the next test; the app's gc.freeze() after warm-up is undone too)."""
    yield
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.unfreeze()
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
