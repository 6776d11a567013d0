"""The bold/italic/list buttons above the body (issue 14, "people come from Word, not Markdown"): the real editor,
offscreen; what they write reaches the preview as bold text and list items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.helpers import TIMEOUT, main_window, wait_idle


def _select(ed: Any, start: int, end: int) -> None:
    from PySide6.QtGui import QTextCursor

    cursor = ed.body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    ed.body.setTextCursor(cursor)


def test_the_body_toolbar_writes_bold_italic_and_lists(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                       tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from eoffice.documents.body import body_to_obj

    w = main_window(qtbot, backend, runner, qsettings, "staf.kominfo")
    ed = w.windows.new_draft()
    bar = ed.bodybar
    assert bar.isVisible() and [b.text() for b in (bar.bold, bar.italic)] == ["B", "I"]
    ed.body.setPlainText("Mohon data aset 🙂 segera.\nrouter\nswitch")
    start = ed.body.toPlainText().index("segera") + 1  # Qt counts the emoji as two units
    _select(ed, start, start + 6)
    bar.bold.click()
    assert ed.body.toPlainText().startswith("Mohon data aset 🙂 **segera**.")
    assert ed.body.textCursor().selectedText() == "segera"
    ed.activateWindow()
    qtbot.waitUntil(ed.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(ed.body, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # Ctrl+I, as in Word
    qtbot.waitUntil(lambda: "***segera***" in ed.body.toPlainText(), timeout=TIMEOUT)  # a button's animated click
    ed.body.undo()  # one step: the italic only
    assert "Mohon data aset 🙂 **segera**." in ed.body.toPlainText()
    _select(ed, start + 2, start + 8)
    bar.bold.click()  # pressed again on the same words: plain again
    assert ed.body.toPlainText().startswith("Mohon data aset 🙂 segera.")
    lines = ed.body.toPlainText().split("\n")
    _select(ed, len(lines[0]) + 2, len("\n".join(lines)) + 1)  # "router" and "switch"
    bar.numbers.click()
    assert ed.body.toPlainText().endswith("\n1. router\n2. switch")
    bar.bullets.click()
    assert ed.body.toPlainText().endswith("\n- router\n- switch")
    _select(ed, 0, 5)
    bar.bold.click()
    ed.subject.setText("Uji format")
    ed.to.setText("SEKDA")
    with qtbot.waitSignal(ed.preview_ready, timeout=TIMEOUT):
        ed.render_preview()
    body = body_to_obj(ed.draft().body)
    blocks = body["blocks"]
    assert blocks[0]["runs"][0] == {"text": "Mohon", "bold": True}
    assert (blocks[-1]["type"], blocks[-1]["style"]) == ("list", "bullet")
    assert [i["runs"][0]["text"] for i in blocks[-1]["items"]] == ["router", "switch"]
    ed.grab().save(str(tmp_path / "editor-bodybar.png"))
    wait_idle(qtbot, runner)
