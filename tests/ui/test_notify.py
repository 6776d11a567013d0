"""Tray notifications: growing navigation counts and a new reminder note produce a message."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, wait_idle


def test_growing_counts_notify(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "kepala.kominfo")
    grown = {**w.counts, "sign": w.counts["sign"] + 2}
    with qtbot.waitSignal(w.notifier.notified, timeout=TIMEOUT) as blocker:
        w._show_counts(grown)
    assert blocker.args[0] == "2 naskah baru perlu tanda tangan"
    with qtbot.assertNotEmitted(w.notifier.notified):
        w._show_counts(grown)  # the same counts again: nothing new
    wait_idle(qtbot, runner)


def test_a_new_reminder_note_notifies(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from eoffice.store.models import RouteNote

    w = main_window(qtbot, backend, runner, qsettings, "kepala.kominfo")
    actor = w.actor
    item = next(i for i in backend.inbox(actor) if i.stage_kind == "sign")

    def remind(uow: Any) -> None:
        uow.session.add(RouteNote(document_id=item.document_id, step_id=item.step_id, author_id=actor.user_id,
                                  kind="reminder", text="Pengingat: lewat batas", round=1, at=uow.now()))

    backend.run(remind)
    with qtbot.waitSignal(w.notifier.notified, timeout=TIMEOUT) as blocker:
        w.load_counts()
    assert "pengingat baru" in blocker.args[0]
    wait_idle(qtbot, runner)
