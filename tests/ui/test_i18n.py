"""Indonesian by default, English selectable: the translations are complete and compiled, the language is chosen
by --lang / EOFFICE_LANG / the stored preference, and the real windows show it."""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.ui.helpers import TIMEOUT, main_window, open_row, open_view, wait_idle

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "eoffice_en.ts"
ALL_TS = sorted((ROOT / "resources" / "i18n").glob("*.ts"))  # ours, and Qt's texts in Indonesian (qtbase_id)
TR_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP"}


def messages(ts: Path = TS) -> list[tuple[str, str, list[str], ET.Element]]:
    """(context, source, translations, translation element) for every message of a .ts."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
            out.append((name, m.findtext("source") or "", forms, tr))
    return out


def marked_strings() -> tuple[set[tuple[str, str]], list[str]]:
    """(context, source) of every literal tr()/translate()/QT_TRANSLATE_NOOP() in eoffice/ui, and the calls
    whose text is not a literal (an f-string cannot be translated)."""
    found: set[tuple[str, str]] = set()
    bad: list[str] = []
    for path in sorted((ROOT / "eoffice" / "ui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [(n.lineno, n.end_lineno or n.lineno, n.name) for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            if name not in TR_CALLS or not node.args:
                continue
            if name == "tr":
                inner = [c for c in classes if c[0] <= node.lineno <= c[1]]
                context, text = (max(inner)[2] if inner else ""), node.args[0]
            elif len(node.args) >= 2 and isinstance(node.args[0], ast.Constant):
                context, text = str(node.args[0].value), node.args[1]
            else:
                continue
            if isinstance(text, ast.JoinedStr):
                bad.append(f"{path.name}:{node.lineno}")
            elif isinstance(text, ast.Constant) and isinstance(text.value, str):
                found.add((context, text.value))
    return found, bad


@pytest.mark.parametrize("ts", ALL_TS, ids=lambda p: p.name)
def test_every_message_has_a_finished_translation(ts: Path) -> None:
    msgs = messages(ts)
    assert len(msgs) > (400 if ts == TS else 20)
    unfinished = [(c, s) for c, s, forms, tr in msgs if tr.get("type") or not all(f.strip() for f in forms)]
    assert unfinished == []


def test_placeholders_survive_translation() -> None:
    """{name} fields are filled by str.format and %n by Qt: a translation must keep exactly the same ones."""
    def fields(s: str) -> list[str]:
        return sorted(re.findall(r"\{[^{}]*\}|%n", s))

    wrong = [(c, s, f) for c, s, forms, _ in messages() for f in forms if fields(f) != fields(s)]
    assert wrong == []


def test_every_marked_string_is_in_the_ts() -> None:
    found, bad = marked_strings()
    assert bad == [], "tr() of an f-string: use tr('... {name}').format(name=...)"
    in_ts = {(c, s) for c, s, _, _ in messages()}
    assert len(found) > 400
    assert sorted(found - in_ts) == [], "run tools/i18n.sh and translate the new strings"


@pytest.mark.parametrize("ts", ALL_TS, ids=lambda p: p.name)
def test_the_qm_is_compiled_from_the_ts(tmp_path: Path, ts: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease")
    assert lrelease, "pyside6-lrelease (PySide6) not found"
    out = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([lrelease, str(ts), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == ts.with_suffix(".qm").read_bytes(), "stale .qm: run tools/i18n.sh"


def test_the_cores_labels_are_marked() -> None:
    from eoffice.domain import (
        AUDIT_FALLBACK,
        AUDIT_LABELS,
        DISPOSITION_LABELS,
        INSTRUCTIONS,
        KIND_LABELS,
        STATUS_LABELS,
        STEP_LABELS,
    )
    from eoffice.ui import text

    core = {*KIND_LABELS.values(), *STATUS_LABELS.values(), *INSTRUCTIONS.values()}
    assert core - set(text.CORE_LABELS) == set()
    marked = {*text._AUDIT_MARKS, *text._STEP_MARKS, *text._DISPOSITION_MARKS, *text.CORE_LABELS}
    assert {*AUDIT_LABELS.values(), AUDIT_FALLBACK, *STEP_LABELS.values(), *DISPOSITION_LABELS.values()} - marked == set()


def test_language_choice_order(qsettings: Any) -> None:
    from eoffice.cli import desktop_language
    from eoffice.ui import i18n

    assert i18n.chosen(qsettings, env={}) == "id"
    i18n.remember(qsettings, "en")
    assert i18n.chosen(qsettings, env={}) == "en"
    assert i18n.chosen(qsettings, env={"EOFFICE_LANG": "id"}) == "id"
    assert i18n.chosen(qsettings, "id", env={"EOFFICE_LANG": "en"}) == "id"
    assert i18n.chosen(qsettings, "xx", env={"EOFFICE_LANG": "en_US.UTF-8"}) == "en"
    assert [i18n.normalize(v) for v in ("EN", "id_ID", "in", "fr", None)] == ["en", "id", "id", None, None]
    assert desktop_language(["--lang", "en"]) == ("en", [])
    assert desktop_language(["app", "--lang=en"]) == ("en", ["app"])
    assert desktop_language(["user", "list"]) == (None, ["user", "list"])


def test_dates_and_numbers_follow_the_language(qapp: Any) -> None:
    from eoffice.ui import i18n, text

    day, moment = dt.date(2026, 11, 23), dt.datetime(2026, 11, 23, 6, 5, tzinfo=dt.UTC)
    assert text.long_date(day) == "Senin, 23 November 2026"
    assert text.datetime_text(moment) == "23 Nov 2026 14:05"  # WITA
    assert text.date_text(dt.date(2026, 8, 17)) == "17 Agu 2026"
    assert text.number(1234.5, 1) == "1.234,5"
    translations = i18n.Translations(qapp)
    try:
        translations.use("en")
        assert text.long_date(day) == "Monday, 23 November 2026"
        assert text.number(1234.5, 1) == "1,234.5"
        assert text.URGENCY["sangat_segera"] == "Top Urgent"
        assert text.yes_no(True) == "yes"
    finally:
        translations.remove()
    assert text.URGENCY["sangat_segera"] == "Sangat Segera"


def test_qt_translations_are_loaded_when_qt_ships_them(qapp: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    from eoffice.ui import i18n

    translations = i18n.Translations(qapp)
    try:
        translations.use("en")
        assert i18n.translations_dir() / "eoffice_en.qm" in translations.loaded
        qtbase_en = i18n.qt_translations_dir() / "qtbase_en.qm"
        assert (qtbase_en in translations.loaded) == qtbase_en.is_file()
        translations.use("id")  # none of ours; Qt ships no qtbase_id, resources/i18n has the texts users meet
        assert [p.name for p in translations.loaded] == ["qtbase_id.qm"]
        assert translations.language == "id"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
        assert [b.text() for b in box.buttons()] == ["OK", "Batal", "&Ya", "&Tidak"]
        edit = QLineEdit()
        menu = edit.createStandardContextMenu()
        assert [a.text().split("\t")[0] for a in menu.actions() if a.text()][:3] == ["&Urungkan", "&Ulangi",
                                                                                    "Po&tong"]
        menu.deleteLater()
    finally:
        translations.remove()


def test_default_is_indonesian(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    assert w.nav_items["inbox"].text().startswith("Kotak Masuk")
    assert w.act_new.text() == "Naskah Baru"
    assert w.language_actions["id"].isChecked()
    wait_idle(qtbot, runner)


def test_main_window_in_english(qtbot: Any, backend: Any, runner: Any, qsettings: Any, english: Any) -> None:
    from PySide6.QtCore import Qt

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    nav = [w.nav.item(i).text() for i in range(w.nav.count())]
    assert [re.sub(r" \(\d+\)$", "", t) for t in nav] == [
        "Inbox", "To Sign", "To Initial", "Dispositions", "Drafts", "Sent", "Tracking", "Search", "Dashboard", "Archive",
        "Verify PDF"]
    toolbar = [a.text() for a in (w.act_new, w.act_register, w.act_batch, w.act_verify, w.act_delegate,
                                  w.act_refresh)]
    assert toolbar == ["New Letter", "Register Incoming Letter", "Sign Selected", "Verify PDF", "Delegate...",
                       "Refresh"]
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["Account", "Bahasa / Language"]
    assert w.reach_label.text() == "connected"
    open_view(qtbot, w, "sign")
    assert w.list_title.text() == "To Sign (3)"
    headers = [w.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(w.proxy.columnCount())]
    assert headers[:3] == ["Urgency", "Subject", "Kind"]
    assert {w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount())} <= {"Urgent", "Top Urgent", "Normal"}
    open_row(qtbot, w, 0)
    shown = [b.text() for b in w.reading.buttons.values() if b.isVisible()]
    assert "Sign" in shown and "Return" in shown and "Reject" in shown
    tabs = [w.reading.tabs.tabText(i) for i in range(w.reading.tabs.count())]
    assert tabs == ["Letter", "Route", "Notes", "Attachments", "Disposition", "History"]
    assert "Status: <b>Awaiting signature</b>" in w.reading.header.text()
    w.do_action("return")
    dlg = w.note_dialog
    assert dlg is not None and dlg.windowTitle() == "Return letter"
    assert "Cancel" in [b.text() for b in dlg.buttons.buttons()]
    dlg.reject()
    delegation = w.windows.delegate()
    assert delegation.windowTitle() == "Delegation of authority"
    delegation.reject()
    wait_idle(qtbot, runner)


def test_language_setting_persists_across_a_restart(qtbot: Any, qapp: Any, backend: Any, runner: Any,
                                                    qsettings: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    from eoffice.ui import i18n

    w = main_window(qtbot, backend, runner, qsettings, "gubernur")
    with qtbot.waitSignal(w.language_chosen, timeout=TIMEOUT):
        w.language_actions["en"].trigger()
    box = w.findChild(QMessageBox, "languageBox")
    assert box is not None and "dibuka ulang" in box.text() and "restarted" in box.text()
    assert w.nav_items["inbox"].text().startswith("Kotak Masuk")  # this window stays as it was built
    box.accept()
    wait_idle(qtbot, runner)
    w.close()
    translations = i18n.Translations(qapp)  # the next start, as run_app does it
    try:
        assert translations.use(i18n.chosen(qsettings, env={})) == "en"
        again = main_window(qtbot, backend, runner, qsettings, "gubernur")
        assert again.nav_items["inbox"].text().startswith("Inbox")
        wait_idle(qtbot, runner)
    finally:
        translations.remove()


def test_login_dialog_switches_language_at_once(qtbot: Any, qapp: Any, backend: Any, runner: Any,
                                                qsettings: Any) -> None:
    from eoffice.ui import i18n
    from eoffice.ui.app import App

    translations = i18n.Translations(qapp)
    translations.use(i18n.chosen(qsettings, env={}))
    try:
        session = App(backend, runner, qsettings, translations)
        login = session.login
        qtbot.addWidget(login)
        login.show()
        qtbot.waitUntil(lambda: login.reachable is True, timeout=TIMEOUT)
        assert login.windowTitle().startswith("Masuk")
        session.build_shell()  # as the app does once the core is loaded: the window waits, in Indonesian
        first = session.shell
        assert first.act_new.text() == "Naskah Baru"
        login.language.setCurrentIndex(login.language.findData("en"))
        assert session.shell is not first  # built again in the chosen language
        assert qsettings.value(i18n.SETTING) == "en"
        ok = login.buttons.button(login.buttons.StandardButton.Ok)
        qtbot.waitUntil(lambda: ok.text() == "Log In", timeout=TIMEOUT)  # on the (posted) LanguageChange
        assert login.windowTitle().startswith("Log in")
        assert login.db_status.text() == "Database connected"
        login.user.setText("gubernur")
        login.password.setText("demo")
        with qtbot.waitSignal(login.logged_in, timeout=TIMEOUT):
            ok.click()
        w = session.window
        qtbot.addWidget(w)
        assert w is not first
        assert w.act_new.text() == "New Letter" and w.language_actions["en"].isChecked()
        with qtbot.waitSignal(w.counts_loaded, timeout=TIMEOUT):
            pass
        wait_idle(qtbot, runner)
    finally:
        translations.remove()


@pytest.mark.parametrize("how", ["--lang", "EOFFICE_LANG"])
def test_the_entry_point_takes_the_language(tmp_path: Path, how: str) -> None:
    """The real process against an unreachable database: the login dialog's refusal comes out in English."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ".",
           "EOFFICE_DB": "postgresql://eoffice:rahasia@127.0.0.1:1/eoffice", "EOFFICE_HOME": str(tmp_path / "home"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "EOFFICE_SCREENSHOTS": str(tmp_path / "shots"),
           "EOFFICE_SCREENSHOT_USER": "gubernur"}
    args = [sys.executable, "-m", "eoffice"]
    if how == "--lang":
        args += ["--lang", "en"]
    else:
        env["EOFFICE_LANG"] = "en"
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 3, out.stderr
    assert "Cannot log in: the database cannot be reached" in out.stderr
    assert "Check the network or EOFFICE_DB" in out.stderr
