"""Word-level text diff between two versions of a letter, for reviewers."""

from __future__ import annotations

import difflib
import re
from typing import Literal

Op = Literal["equal", "insert", "delete"]
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _append(out: list[tuple[Op, str]], op: Op, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))


def text_diff(old_text: str, new_text: str) -> list[tuple[Op, str]]:
    """``[(op, text)]`` whose "equal"+"delete" parts spell ``old_text`` and "equal"+"insert" ``new_text``.

    Lines are matched first and words only inside changed lines, which keeps long letters fast
    (SequenceMatcher is quadratic in the worst case)."""
    out: list[tuple[Op, str]] = []
    old_lines, new_lines = old_text.splitlines(keepends=True), new_text.splitlines(keepends=True)
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            _append(out, "equal", "".join(old_lines[i1:i2]))
            continue
        a, b = _tokens("".join(old_lines[i1:i2])), _tokens("".join(new_lines[j1:j2]))
        words = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for wtag, a1, a2, b1, b2 in words.get_opcodes():
            if wtag == "equal":
                _append(out, "equal", "".join(a[a1:a2]))
            else:
                _append(out, "delete", "".join(a[a1:a2]))
                _append(out, "insert", "".join(b[b1:b2]))
    return out


def render_inline(ops: list[tuple[Op, str]]) -> str:
    """wdiff style: ``[-removed-]{+added+}``."""
    marks = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
    return "".join(f"{marks[op][0]}{text}{marks[op][1]}" for op, text in ops)


def unified_diff(
    old_text: str,
    new_text: str,
    old_label: str = "versi lama",
    new_label: str = "versi baru",
    context: int = 2,
) -> str:
    """A line-based unified diff (``---``/``+++``/``@@``), as reviewers know it from other tools."""
    lines = difflib.unified_diff(
        old_text.splitlines(), new_text.splitlines(), old_label, new_label, n=context, lineterm=""
    )
    return "\n".join(lines)


def changed(ops: list[tuple[Op, str]]) -> bool:
    return any(op != "equal" for op, _ in ops)
