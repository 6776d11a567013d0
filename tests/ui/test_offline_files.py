"""An archive letter's file is not in the local cache (eoffice/sync/pull_files.py): opened offline, the reading
pane says so in plain words (no error box, no blank page); opened again once the database is back, the file is
shown and kept in the cache."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle
from tests.ui.test_offline import synced
from tests.ui.test_offline_writes import offline


def unfetched_signed(backend: Any, ids: list[str]) -> list[str]:
    from sqlalchemy import select

    from eoffice.store.models import Blob, Document

    with backend.cache.connect() as conn:
        return list(conn.scalars(select(Document.id).join(Blob, Blob.sha256 == Document.signed_pdf_sha256)
                                 .where(Document.id.in_(ids), Blob.data.is_(None))))


def shown(qtbot: Any, w: Any, doc: str) -> None:
    from eoffice.ui.opening import open_letter

    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        open_letter(w, doc)


def test_an_archive_file_opened_offline_says_it_comes_when_connected(qtbot: Any, backend: Any, runner: Any,
                                                                     qsettings: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    from eoffice.ui.reading import file_missing_text

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    synced(qtbot, w, backend)
    open_view(qtbot, w, "archive")
    [doc, *_] = unfetched_signed(backend, w.letters.row_ids())  # signed, not waiting for the governor
    offline(monkeypatch, backend)
    shown(qtbot, w, doc)
    pane = w.reading.pdf
    assert backend.offline and w.reading.info["id"] == doc
    assert not pane.notice.isHidden() and pane.view.isHidden() and pane.pages == 0
    assert pane.notice.text() == file_missing_text()
    assert "belum ada di salinan lokal" in pane.notice.text() and "terhubung" in pane.notice.text()
    assert w.findChild(QMessageBox, "errorBox") is None  # a plain message in the pane, no error box
    assert w.reading.buttons["verify"].isHidden() and w.reading.buttons["export"].isHidden()
    monkeypatch.undo()  # the network is back
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        w.check_database()
    shown(qtbot, w, doc)  # online: the server's file, kept in the cache from now on
    assert pane.notice.isHidden() and not pane.view.isHidden() and pane.pages >= 1
    assert unfetched_signed(backend, [doc]) == []
    wait_idle(qtbot, runner)


def test_the_message_is_english_in_the_english_ui(english: Any) -> None:
    from eoffice.ui.reading import file_missing_text

    assert "local copy" in file_missing_text()
