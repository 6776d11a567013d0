"""What the window says about people and route stages: names and jabatan, never logins or template names."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.helpers import main_window, open_row, open_view, wait_idle


def _shown(model: Any, column: int) -> list[str]:
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_the_lists_and_the_status_bar_name_people(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    users = {u.login: u for u in backend.users()}
    wait_idle(qtbot, runner)
    kasi = users["kasi1.kominfo"]
    assert w.user_label.text() == f"{kasi.name} — {kasi.title}" and "kasi1" not in w.windowTitle()
    lines = _shown(w.proxy, 1)  # Hal: the subject, then kind · stage · who
    assert lines and not any("staf.kominfo" in line for line in lines)
    assert any(users["staf.kominfo"].name in line.splitlines()[1] for line in lines)
    for view in ("tracking", "archive"):
        open_view(qtbot, w, view)
        shown = _shown(w.proxy, 1) + _shown(w.proxy, 4)  # the second line and Dari
        assert shown and not any(login in line for line in shown for login in users if "." in login)
    wait_idle(qtbot, runner)


def test_the_route_tab_and_a_refusal_name_stages_by_kind_and_jabatan(qtbot: Any, backend: Any, runner: Any,
                                                                     qsettings: Any) -> None:
    from eoffice.domain import InvalidTransition

    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    users = {u.login: u for u in backend.users()}
    open_view(qtbot, w, "paraf")
    doc_id = open_row(qtbot, w, 0)
    stages = _shown(w.reading.steps, 0)
    kasi = users["kasi1.kominfo"]
    row = stages.index(f"Paraf {kasi.title}")
    assert w.reading.steps.index(row, 1).data() == kasi.name  # Petugas: the jabatan is in Tahap already
    assert not any("_" in s for s in stages)  # paraf_kasi, sign_kadis...
    waiting = next(s for s in backend.detail(w.actor, doc_id)["steps"] if s["status"] == "waiting")
    later = backend.login(waiting["assignee"], "demo")
    with pytest.raises(InvalidTransition) as refused:
        backend.decide(later, None, doc_id, "return", "Belum giliran saya")
    said = str(refused.value)
    assert waiting["stage"] not in said and users[waiting["assignee"]].title in said, said
    wait_idle(qtbot, runner)


def test_the_passphrase_dialog_names_the_key_holder(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtWidgets import QLabel

    w = main_window(qtbot, backend, runner, qsettings, "kasi1.kominfo")
    open_view(qtbot, w, "paraf")
    open_row(qtbot, w, 0)
    wait_idle(qtbot, runner)
    w.reading.buttons["approve"].click()
    dlg = w.passphrase_dialog
    said = " ".join(label.text() for label in dlg.findChildren(QLabel))
    assert w.actor.name in said and "kasi1" not in said, said
    dlg.reject()
    wait_idle(qtbot, runner)


def test_riwayat_and_the_returned_note_name_people_not_logins(qtbot: Any, backend: Any, runner: Any,
                                                               qsettings: Any) -> None:
    from tests.ui.helpers import TIMEOUT
    from tests.ui.test_daily import _open_letter

    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    users = {u.login: u for u in backend.users()}
    doc_id = _open_letter(qtbot, w, backend, "staf.kominfo", "drafts", "Permintaan Narasumber Pelatihan Keamanan Siber")
    who = _shown(w.reading.history, 1)
    assert users["staf.kominfo"].name in who[0] and users["kasi1.kominfo"].name in who[-1], who
    assert not any(login in line for line in who for login in users if "." in login)
    said = _shown(w.reading.history, 3) + [str(w.reading.history.index(r, 3).data(3))  # and the tooltips
                                           for r in range(w.reading.history.rowCount())]
    assert "Lengkapi jadwal dan tempat pelatihan." in said
    assert not any(code in line for line in said for code in ("route_", "step_", "sha256", "paraf_kasi")), said
    ed = w.windows.open_editor(doc_id)
    qtbot.waitUntil(lambda: ed.returned.isVisible(), timeout=TIMEOUT)
    assert users["kasi1.kominfo"].name in ed.returned.text() and "kasi1" not in ed.returned.text()
    wait_idle(qtbot, runner)
