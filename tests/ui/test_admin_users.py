"""Admin, Pengguna tab: edit a user with a jabatan picked by its title, deactivate and reactivate, reset a password
(typed twice or generated and shown once), add a user with a jabatan picked by title."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.helpers import TIMEOUT, main_window, wait_idle


def users_tab(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> Any:
    w = main_window(qtbot, backend, runner, qsettings, "admin")
    w.select_view("admin")
    panel = w.page_widgets["admin"]
    tab = panel.users_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0 and tab.positions != [], timeout=TIMEOUT)
    assert panel.tabs.tabText(panel.tabs.indexOf(tab)) == "Pengguna"
    return tab


def pick(qtbot: Any, tab: Any, login: str) -> Any:
    tab.select(login)
    user = tab.selected()
    assert user is not None and user.login == login
    return user


def ok(dlg: Any) -> None:
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()


def test_admin_edits_a_user_and_picks_the_jabatan_by_title(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any,
                                                            qsettings: Any) -> None:
    tab = users_tab(qtbot, backend, runner, qsettings)
    qtmodeltester.check(tab.model)
    user = pick(qtbot, tab, "staf.kominfo")
    assert tab.edit_button.isEnabled() and tab.active_button.text() == "Nonaktifkan..."
    dlg = tab.edit_user()
    assert dlg.position.currentData() == user.position  # the current jabatan, shown by its title
    assert "STAF-DISKOMINFO" not in dlg.position.currentText()
    dlg.position.setEditText("Kepala Seksi Pengelolaan Informasi Publik — zzz")  # typed, not in the list
    ok(dlg)
    assert dlg.error.text() == "Pilih jabatan dari daftar" and dlg.isVisible()
    i = next(i for i in range(dlg.position.count())
             if dlg.position.itemText(i).startswith("Kepala Seksi Pengelolaan Informasi Publik"))
    dlg.position.setCurrentIndex(i)
    assert dlg.unit.currentData() == "DISKOMINFO-B2-S1"  # the unit follows the jabatan
    dlg.pangkat.setText("Penata (III/c)")
    dlg.gelar_belakang.setText("S.Kom.")
    dlg.nik.setText("6472011203900001")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        ok(dlg)
    assert "disimpan" in tab.message.text()
    saved = next(u for u in backend.users() if u.login == "staf.kominfo")
    assert (saved.position, saved.unit, saved.pangkat, saved.gelar_belakang, saved.nik) == (
        "KASI-DISKOMINFO-2", "DISKOMINFO-B2-S1", "Penata (III/c)", "S.Kom.", "6472011203900001")
    assert saved.name == user.name and saved.nip == user.nip
    assert tab.selected().login == "staf.kominfo"  # the selection stays on the edited user
    dlg = tab.edit_user()
    dlg.nip.setText("123")  # bad input: the message in the dialog, nothing written
    ok(dlg)
    qtbot.waitUntil(lambda: "NIP tidak valid" in dlg.error.text(), timeout=TIMEOUT)
    dlg.reject()
    wait_idle(qtbot, runner)


def test_admin_deactivates_and_reactivates_a_user(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from eoffice.domain import EofficeError

    tab = users_tab(qtbot, backend, runner, qsettings)
    pick(qtbot, tab, "staf.kominfo")
    dlg = tab.toggle_active()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        ok(dlg)
    assert "dinonaktifkan" in tab.message.text()
    assert not tab.selected().active and tab.active_button.text() == "Aktifkan Kembali..."
    with pytest.raises(EofficeError):
        backend.login("staf.kominfo", "demo")
    dlg = tab.toggle_active()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        ok(dlg)
    assert "aktif kembali" in tab.message.text() and tab.selected().active
    assert backend.login("staf.kominfo", "demo").login == "staf.kominfo"
    pick(qtbot, tab, "admin")  # not oneself
    dlg = tab.toggle_active()
    ok(dlg)
    qtbot.waitUntil(lambda: "akun Anda sendiri" in dlg.error.text(), timeout=TIMEOUT)
    dlg.reject()
    wait_idle(qtbot, runner)


def test_admin_resets_a_password_typed_twice_or_generated(qtbot: Any, backend: Any, runner: Any,
                                                          qsettings: Any) -> None:
    from eoffice.domain import EofficeError

    tab = users_tab(qtbot, backend, runner, qsettings)
    pick(qtbot, tab, "staf.kominfo")
    dlg = tab.reset_password()
    dlg.password.setText("sandi-baru-1")
    dlg.again.setText("sandi-baru-2")
    ok(dlg)
    assert dlg.error.text() == "Kedua kata sandi tidak sama"
    dlg.again.setText("sandi-baru-1")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        ok(dlg)
    assert "diganti" in tab.message.text() and "sandi-baru-1" not in tab.message.text()
    assert backend.login("staf.kominfo", "sandi-baru-1").login == "staf.kominfo"
    with pytest.raises(EofficeError):
        backend.login("staf.kominfo", "demo")
    dlg = tab.reset_password()
    dlg.generate.click()
    new = dlg.password.text()
    assert len(new) >= 12 and new == dlg.again.text() and new in dlg.shown.text()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        ok(dlg)
    assert new not in tab.message.text()
    assert backend.login("staf.kominfo", new).login == "staf.kominfo"
    wait_idle(qtbot, runner)


def test_admin_adds_a_user_with_a_jabatan_picked_by_title(qtbot: Any, backend: Any, runner: Any,
                                                          qsettings: Any) -> None:
    tab = users_tab(qtbot, backend, runner, qsettings)
    dlg = tab.add_user()
    dlg.login.setText("pegawai.baru")
    dlg.nip.setText("199001012020121001")
    dlg.name.setText("Pegawai Baru")
    i = next(i for i in range(dlg.position.count()) if dlg.position.itemText(i).startswith("Kepala Biro Hukum"))
    dlg.position.setCurrentIndex(i)
    assert dlg.unit.currentData() == "BIRO-HUKUM"
    dlg.password.setText("rahasia-awal")
    dlg.again.setText("rahasia-awal")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        ok(dlg)
    assert "Pegawai Baru ditambahkan" in tab.message.text()
    new = next(u for u in backend.users() if u.login == "pegawai.baru")
    assert (new.position, new.unit, new.title) == ("KARO-HUKUM", "BIRO-HUKUM", "Kepala Biro Hukum")
    assert backend.login("pegawai.baru", "rahasia-awal").login == "pegawai.baru"
    wait_idle(qtbot, runner)
