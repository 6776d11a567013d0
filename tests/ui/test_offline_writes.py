"""Every write a person can make online is accepted offline in the window too (issue 13): a TTE, a disposisi,
a withdrawal and a new draft made while the database does not answer are queued ("Disimpan, menunggu
sinkronisasi"), shown as pending, and applied when the window pushes."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, open_view, wait_idle
from tests.ui.test_offline import DEAD, synced

QUEUED = "Disimpan, menunggu sinkronisasi"


def offline(monkeypatch: Any, backend: Any) -> None:
    from eoffice.store.db import make_engine

    monkeypatch.setattr(backend, "engine", make_engine(DEAD))  # the network goes


def push(qtbot: Any, w: Any, monkeypatch: Any) -> None:
    monkeypatch.undo()  # the network is back: the heartbeat pushes, then pulls
    with qtbot.waitSignal(w.synced, timeout=TIMEOUT):
        w.check_database()


def outbox_of(backend: Any, login: str) -> list[tuple[str, str]]:
    from eoffice.sync import outbox

    return [(e.type, e.status) for e in outbox.entries(backend.cache, login)]


def test_a_tte_and_a_disposisi_made_offline_are_queued_then_applied(qtbot: Any, backend: Any, runner: Any,
                                                                     qsettings: Any, monkeypatch: Any) -> None:
    from tests.ui.test_disposisi import _dispose, _open

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    synced(qtbot, w, backend)
    offline(monkeypatch, backend)
    open_view(qtbot, w, "sign")
    before = w.letters.row_ids()
    w.letters.select_row(0)
    qtbot.waitUntil(lambda: w.reading.info is not None, timeout=TIMEOUT)
    signed = w.current_id
    w.reading.buttons["sign"].click()
    w.passphrase_dialog.field.setText("demo")
    with qtbot.waitSignal(w.action_done, timeout=60000) as done:
        w.passphrase_dialog.accept()
    assert done.args[0] == "sign" and "menunggu sinkronisasi" in w.last_message
    qtbot.waitUntil(lambda: signed not in w.letters.row_ids() and len(w.letters.row_ids()) == len(before) - 1,
                    timeout=TIMEOUT)  # the step is decided: it left Perlu Tanda Tangan
    _open(qtbot, w, "Undangan Bimbingan Teknis Sertifikat Elektronik")
    _dispose(qtbot, w, ["sekda"], ["hadiri"], "Mohon hadir.")
    assert w.last_message.startswith(QUEUED)
    wait_idle(qtbot, runner)
    assert outbox_of(backend, "gubernur") == [("sign_letter", "pending"), ("dispose", "pending")]
    qtbot.waitUntil(lambda: "2 tertunda" in w.sync_label.text(), timeout=TIMEOUT)

    push(qtbot, w, monkeypatch)
    assert outbox_of(backend, "gubernur") == [("sign_letter", "applied"), ("dispose", "applied")]
    gub = backend.login("gubernur", "demo")
    info = backend.detail(gub, signed)
    assert info["status"] in ("signed", "dispatched") and info["number"]  # numbered when pushed, not offline
    assert "0 tertunda" in w.sync_label.text()
    wait_idle(qtbot, runner)


def test_a_withdrawal_and_a_new_draft_made_offline_are_queued_then_applied(
        qtbot: Any, backend: Any, runner: Any, qsettings: Any, monkeypatch: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    synced(qtbot, w, backend)
    staf = backend.login("staf.kominfo", "demo")
    target = next(r for r in backend.letter_list(staf, mine=True) if r.status == "in_review")
    offline(monkeypatch, backend)
    open_view(qtbot, w, "sent")
    assert w.letters.select_id(target.id)
    qtbot.waitUntil(lambda: w.reading.info is not None and w.reading.info["id"] == target.id, timeout=TIMEOUT)
    w.reading.buttons["withdraw"].click()
    with qtbot.waitSignal(w.action_done, timeout=TIMEOUT):
        w.note_dialog.accept()
    assert w.last_message.startswith(QUEUED)
    wait_idle(qtbot, runner)
    row = next(r for r in w.model.rows if r.id == target.id)  # still listed, marked as waiting
    assert row.pending == "withdraw_letter"

    ed = w.windows.new_draft()
    ed.subject.setText("Rekap Gangguan Jaringan Antar Kabupaten")
    ed.to.setText("KEPALA-DISKOMINFO")
    ed.save()
    qtbot.waitUntil(lambda: not ed.isVisible(), timeout=TIMEOUT)  # in the outbox: nothing left to lose here
    assert ed.status.text().startswith(QUEUED)
    assert outbox_of(backend, "staf.kominfo") == [("withdraw_letter", "pending"), ("draft_letter", "pending")]
    open_view(qtbot, w, "drafts")  # the new letter is listed, marked, with nothing to open until it is pushed
    [new] = [r for r in w.model.rows if r.subject == "Rekap Gangguan Jaringan Antar Kabupaten"]
    assert (new.id, new.pending) == ("", "draft_letter")
    assert "menunggu sinkronisasi" in w.model.data(w.model.index(w.model.rows.index(new), 3))

    push(qtbot, w, monkeypatch)
    assert outbox_of(backend, "staf.kominfo") == [("withdraw_letter", "applied"), ("draft_letter", "applied")]
    assert backend.detail(staf, target.id)["status"] == "withdrawn"
    open_view(qtbot, w, "sent")
    open_view(qtbot, w, "drafts")
    [new] = [r for r in w.model.rows if r.subject == "Rekap Gangguan Jaringan Antar Kabupaten"]
    assert new.id and not new.pending  # pushed: a letter of its own now
    wait_idle(qtbot, runner)
