"""Issue 13, test 8: the desktop app over a real PostgreSQL through a fault-injecting TCP proxy (tests/faultproxy.py).
With the network cut, an approval is accepted, shown as pending (a clock mark on the letter, gone from the inbox,
counted in the status bar) and pushed by itself once the database answers; a command the database refuses
meanwhile (the letter was withdrawn) reaches "Perlu Perhatian" in words, where the person discards it, and a
command waiting for their key is redone from there."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eoffice.app import commands as c
from eoffice.app.session import Session
from tests.dbs import Databases
from tests.faultproxy import FaultProxy
from tests.integration.helpers import actor, draft, status, submit
from tests.ui.helpers import TIMEOUT, main_window, wait_idle

KASI = "kasi1.kominfo"  # the first reviewer of a nota dinas drafted by staf.kominfo


@pytest.fixture
def pg_content(databases: Databases, home: Path) -> Iterator[str]:
    url = databases.with_content("postgresql", home)
    yield url
    databases.drop(url)


@pytest.fixture
def proxied(pg_content: str, home: Path, monkeypatch: Any) -> Iterator[tuple[Any, FaultProxy, Session]]:
    """(the desktop's core through the proxy, the proxy, a session straight to the server for the others)."""
    import eoffice.ui.mainwindow as mainwindow
    from eoffice.app.desktop import Desktop

    monkeypatch.setattr(mainwindow, "SYNC_DELAY_MS", 3_600_000)  # the test says when to sync
    proxy = FaultProxy(pg_content)
    backend, server = Desktop(proxy.url(), home), Session(pg_content, home)
    yield backend, proxy, server
    backend.close()
    server.close()
    proxy.close()


def letter(server: Session, subject: str) -> str:
    doc = draft(server.engine, "staf.kominfo", subject=subject)
    submit(server.engine, "staf.kominfo", doc)
    return doc


def approvals(server: Session, doc: str) -> int:
    from eoffice.services.queries import history

    staf = actor(server.engine, "staf.kominfo")
    return sum(1 for e in server.read(lambda uow: history(uow, staf, doc)) if e["action"] == "route.approve")


def ids(w: Any) -> list[str]:
    return [w.model.row_at(i).id for i in range(w.model.rowCount())]


def show_view(qtbot: Any, w: Any, key: str) -> None:
    """*key*'s list, read afresh (from the cache while offline)."""
    with qtbot.waitSignal(w.list_loaded, timeout=TIMEOUT):
        w.select_view(key) if w.view_key != key else w.load_list()


def approve_offline(qtbot: Any, w: Any, doc: str) -> None:
    show_view(qtbot, w, "inbox")
    if w.current_id != doc:  # (after a decision the window selects the next letter by itself)
        w.letters.select_id(doc)
    qtbot.waitUntil(lambda: w.reading.info is not None and w.reading.info["id"] == doc, timeout=TIMEOUT)
    w.reading.buttons["approve"].click()
    if w.passphrase_dialog is not None and w.passphrase_dialog.isVisible():
        w.passphrase_dialog.field.setText("demo")
        w.passphrase_dialog.accept()
    qtbot.waitUntil(lambda: "menunggu sinkronisasi" in w.last_message, timeout=TIMEOUT)


def sync(qtbot: Any, w: Any) -> None:
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        w.check_database()  # the heartbeat: the database answers, the window pushes, then pulls


def redo_first(qtbot: Any, w: Any, page: Any, runner: Any) -> None:
    """"Ulangi pada versi sekarang" on the first row, the key unlocked in the dialog; the window pushes."""
    page.table.selectRow(0)
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        page.redo_btn.click()
        w.passphrase_dialog.field.setText("demo")
        w.passphrase_dialog.accept()
    wait_idle(qtbot, runner)


def test_an_approval_made_offline_is_pending_then_pushed_by_the_window(
        qtbot: Any, runner: Any, qsettings: Any, proxied: tuple[Any, FaultProxy, Session]) -> None:
    from eoffice.ui.pending import CLOCK

    backend, proxy, server = proxied
    doc = letter(server, "Rapat koordinasi jaringan")
    backend.sync(backend.login(KASI, "demo"))  # worked here before: the cache is on this machine
    w = main_window(qtbot, backend, runner, qsettings, KASI)
    assert doc in ids(w)
    proxy.cut()  # the network goes
    approve_offline(qtbot, w, doc)
    wait_idle(qtbot, runner)
    assert doc not in ids(w)  # the step is decided (offline): it left my Kotak Masuk
    qtbot.waitUntil(lambda: "1 tertunda" in w.sync_label.text(), timeout=TIMEOUT)
    show_view(qtbot, w, "tracking")  # still in flight: marked as waiting for the sync
    row = w.model.row_at(ids(w).index(doc))
    assert row.pending == "decide"
    shown = w.model.data(w.model.index(ids(w).index(doc), 1))
    assert shown.startswith(f"{CLOCK} Rapat koordinasi jaringan")
    assert "menunggu sinkronisasi" in w.model.data(w.model.index(ids(w).index(doc), 3))
    with qtbot.waitSignal(w.detail_loaded, timeout=TIMEOUT):
        w.letters.select_id(doc)
    assert "Keputusan: menunggu sinkronisasi" in w.reading.header.text()
    assert not w.reading.buttons["approve"].isVisible()  # not a second time
    assert status(server.engine, doc) == "in_review" and backend.offline

    proxy.restore()  # the network is back: the window pushes by itself, then pulls
    sync(qtbot, w)
    wait_idle(qtbot, runner)
    assert "0 tertunda" in w.sync_label.text() and w.reach_label.text() == "terhubung"
    assert approvals(server, doc) == 1
    show_view(qtbot, w, "tracking")
    assert w.model.row_at(ids(w).index(doc)).pending == ""  # applied: no mark any more
    assert "attention" not in w.nav_items  # nothing needs the person


def test_a_refused_command_reaches_perlu_perhatian_and_is_discarded_or_redone_there(
        qtbot: Any, runner: Any, qsettings: Any, proxied: tuple[Any, FaultProxy, Session]) -> None:
    from eoffice.sync import outbox

    backend, proxy, server = proxied
    gone, kept = letter(server, "Undangan sosialisasi"), letter(server, "Laporan triwulan")
    backend.sync(backend.login(KASI, "demo"))
    w = main_window(qtbot, backend, runner, qsettings, KASI)
    proxy.cut()
    approve_offline(qtbot, w, gone)
    wait_idle(qtbot, runner)
    approve_offline(qtbot, w, kept)
    wait_idle(qtbot, runner)
    # meanwhile, on the server: the drafter withdraws the first letter (its step is no longer Kasi's)
    server.execute(c.WithdrawLetter(document_id=gone, note="Salah alamat"), actor=actor(server.engine, "staf.kominfo"))
    backend.unlocked.clear()  # and the app was restarted: the key is locked again
    proxy.restore()
    sync(qtbot, w)
    wait_idle(qtbot, runner)
    # both wait for the person: nothing is pushed unsigned, nothing disappears
    qtbot.waitUntil(lambda: "attention" in w.nav_items, timeout=TIMEOUT)
    assert re.fullmatch(r"Perlu Perhatian \(2\)", w.nav_items["attention"].text())
    assert w.nav.row(w.nav_items["attention"]) == 1  # right under Kotak Masuk
    w.select_view("attention")
    page = w.page_widgets["attention"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=TIMEOUT)
    cells = [[page.model.data(page.model.index(r, col)) for col in range(5)] for r in range(2)]
    assert cells[0][0] == "Undangan sosialisasi" and cells[1][0] == "Laporan triwulan"
    kasi_name = actor(server.engine, KASI).name
    assert cells[0][1] == f"Keputusan \u201csetuju\u201d oleh {kasi_name}"
    assert re.fullmatch(r"\d{1,2} \w{3} \d{4} \d\d:\d\d \(jam perangkat\)", cells[0][2])
    assert cells[0][3] == "tertahan" and "kunci TTE" in cells[0][4]
    everything = " ".join(str(x) for row in cells for x in row)
    for hidden in (KASI, *(e.action_id[:8] for e in outbox.entries(backend.cache, KASI))):
        assert hidden not in everything  # names, never logins or action ids

    # redo the first with the key unlocked: pushed now, and refused (the letter was withdrawn)
    redo_first(qtbot, w, page, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.model.row_at(0).status == "rejected",
                    timeout=TIMEOUT)
    reason = page.model.data(page.model.index(0, 4))
    assert "sudah ditutup" in reason and page.model.data(page.model.index(0, 3)) == "ditolak"
    page.open_btn.click()  # open the letter: the reading pane shows it as it is now
    qtbot.waitUntil(lambda: w.reading.info is not None and w.reading.info["id"] == gone, timeout=TIMEOUT)
    assert w.pages.currentWidget() is w.mail
    w.select_view("attention")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=TIMEOUT)
    page.table.selectRow(0)
    page.discard_btn.click()  # the person gives it up
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=TIMEOUT)
    assert "dibuang" in page.status.text() or "dibuang" in w.last_message
    assert outbox.get(backend.cache, outbox.entries(backend.cache, KASI)[0].action_id).status == outbox.DISCARDED

    # the second, waiting for the key: redone from here, applied
    redo_first(qtbot, w, page, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.empty.isVisible(), timeout=TIMEOUT)
    assert approvals(server, kept) == 1 and approvals(server, gone) == 0
    assert status(server.engine, gone) == "withdrawn"
    assert [e.status for e in outbox.entries(backend.cache, KASI)] == [outbox.DISCARDED, outbox.APPLIED]
    assert "0 tertunda" in w.sync_label.text()
    wait_idle(qtbot, runner)
