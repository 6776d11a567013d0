"""Bold / italic / bulleted / numbered buttons above the body editor. People come from Word, not Markdown: each
button writes the Markdown the renderer reads (documents/markdown.py: **tebal**, *miring*, "- ", "1. ") around
the selection, as one undo step; pressed again on what it wrote, it takes it away."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QFont, QKeySequence, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QToolButton, QWidget

_BULLET = re.compile(r"^(\s*)- ")
_NUMBER = re.compile(r"^(\s*)\d+\. ")


def wrap(text: str, start: int, end: int, mark: str) -> tuple[str, int, int]:
    """*text* with ``text[start:end]`` between *mark*s (or without them, when it already is); the new selection.
    No selection: the marks with the cursor between them, to type into."""
    inner = text[start:end]
    n = len(mark)
    bold_inside_italic = mark == "*" and inner.startswith("**") and not inner.startswith("***")
    if len(inner) >= 2 * n and inner.startswith(mark) and inner.endswith(mark) and not bold_inside_italic:
        inner = inner[n:-n]
        return text[:start] + inner + text[end:], start, start + len(inner)
    if text[max(0, start - n):start] == mark and text[end:end + n] == mark and inner and not (
            mark == "*" and text[max(0, start - 2):start] == "**"):
        return text[:start - n] + inner + text[end + n:], start - n, end - n
    # spaces at the edges stay outside: "** tebal **" is not bold in Markdown
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner) - len(inner.rstrip())
    core = inner.strip()
    if not core and inner:
        return text, start, end
    out = text[:start] + inner[:lead] + mark + core + mark + inner[len(inner) - trail:] + text[end:]
    return out, start + lead + n, start + lead + n + len(core)


def as_list(lines: list[str], numbered: bool) -> list[str]:
    """The lines as a list item each (blank lines kept), or back to plain lines when they already all are."""
    pattern = _NUMBER if numbered else _BULLET
    items = [ln for ln in lines if ln.strip()]
    if items and all(pattern.match(ln) for ln in items):
        return [pattern.sub(r"\1", ln, count=1) for ln in lines]
    out, n = [], 0
    for ln in lines:
        if not ln.strip():
            out.append(ln)
            continue
        n += 1
        plain = _NUMBER.sub(r"\1", _BULLET.sub(r"\1", ln, count=1), count=1)  # bullets become numbers, and back
        indent = plain[:len(plain) - len(plain.lstrip())]
        out.append(f"{indent}{n}. {plain.lstrip()}" if numbered else f"{indent}- {plain.lstrip()}")
    return out


class BodyBar(QWidget):
    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("bodyBar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.bold = self._button("B", self.tr("Tebal (Ctrl+B)"), QKeySequence.StandardKey.Bold,
                                 lambda: self.mark("**"))
        font = self.bold.font()
        font.setBold(True)
        self.bold.setFont(font)
        self.italic = self._button("I", self.tr("Miring (Ctrl+I)"), QKeySequence.StandardKey.Italic,
                                   lambda: self.mark("*"))
        font = QFont(self.italic.font())
        font.setItalic(True)
        self.italic.setFont(font)
        self.bullets = self._button(self.tr("• Daftar"), self.tr("Daftar berbutir"), None, lambda: self.list(False))
        self.numbers = self._button(self.tr("1. Daftar"), self.tr("Daftar bernomor"), None, lambda: self.list(True))
        for b in (self.bold, self.italic, self.bullets, self.numbers):
            lay.addWidget(b)
        lay.addStretch(1)

    def _button(self, label: str, tip: str, key: QKeySequence.StandardKey | None,
                act: Callable[[], None]) -> QToolButton:
        b = QToolButton(self)
        b.setText(label)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        if key is not None:
            b.setShortcut(QKeySequence(key))
        b.clicked.connect(act)
        return b

    def _paragraphs(self) -> tuple[int, int, str, int, int]:
        """The whole lines the selection touches: their start and end (Qt positions), their text, and the
        selection within it (Python indices: Qt counts UTF-16 units, so an emoji is two)."""
        cursor = self.editor.textCursor()
        doc = self.editor.document()
        first, last = doc.findBlock(cursor.selectionStart()), doc.findBlock(cursor.selectionEnd())
        blocks = [first]
        while blocks[-1] != last and blocks[-1].next().isValid():
            blocks.append(blocks[-1].next())
        text = "\n".join(b.text() for b in blocks)
        start, stop = first.position(), last.position() + _units(last.text())
        return (start, stop, text, _index(text, cursor.selectionStart() - start),
                _index(text, cursor.selectionEnd() - start))

    def _put(self, start: int, stop: int, text: str, a: int, b: int) -> None:
        """Replace the lines as one undo step and select ``text[a:b]``."""
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.setPosition(start + _units(text[:a]))
        cursor.setPosition(start + _units(text[:b]), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def mark(self, mark: str) -> None:
        start, stop, text, a, b = self._paragraphs()
        self._put(start, stop, *wrap(text, a, b, mark))

    def list(self, numbered: bool) -> None:
        start, stop, text, _a, _b = self._paragraphs()
        new = "\n".join(as_list(text.split("\n"), numbered))
        self._put(start, stop, new, 0, len(new))


def _units(text: str) -> int:
    """Length in UTF-16 code units, as Qt counts positions."""
    return len(text.encode("utf-16-le")) // 2


def _index(text: str, units: int) -> int:
    """The Python index of the character at *units* UTF-16 units into *text*."""
    return len(text.encode("utf-16-le")[:2 * units].decode("utf-16-le", errors="ignore"))
