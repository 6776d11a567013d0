"""The body toolbar's text edits (eoffice/ui/bodybar.py): Markdown the renderer reads, and pressed again undone."""

from __future__ import annotations

from eoffice.documents.markdown import parse_markdown
from eoffice.ui.bodybar import as_list, wrap


def test_bold_and_italic_wrap_the_selection_and_unwrap_it_again() -> None:
    text = "Mohon data aset segera."
    a, b = text.index("aset"), text.index("aset") + 4
    bold, a2, b2 = wrap(text, a, b, "**")
    assert bold == "Mohon data **aset** segera." and bold[a2:b2] == "aset"
    assert wrap(bold, a2, b2, "**") == (text, a, b)  # the same selection again: back as it was
    assert wrap(bold, a2 - 2, b2 + 2, "**")[0] == text  # or with the marks selected
    both = wrap(bold, a2, b2, "*")[0]
    assert both == "Mohon data ***aset*** segera."
    assert wrap("a  b", 1, 3, "**") == ("a  b", 1, 3)  # only spaces: nothing to emphasise
    assert wrap("data  aset ", 4, 11, "*")[0] == "data  *aset* "  # spaces stay outside the marks
    empty, a3, b3 = wrap("ab", 1, 1, "**")
    assert (empty, a3, b3) == ("a****b", 3, 3)  # no selection: the cursor between the marks
    runs = parse_markdown(bold).blocks[0]
    assert any(getattr(r, "bold", False) and r.text == "aset" for r in runs.runs)


def test_lists_number_or_bullet_every_line_and_blank_lines_stay() -> None:
    lines = ["router", "", "switch", "kabel"]
    assert as_list(lines, numbered=True) == ["1. router", "", "2. switch", "3. kabel"]
    assert as_list(as_list(lines, numbered=True), numbered=True) == lines
    assert as_list(lines, numbered=False) == ["- router", "", "- switch", "- kabel"]
    assert as_list(["- a", "- b"], numbered=True) == ["1. a", "2. b"]  # bullets become numbers
    assert as_list(["  a"], numbered=False) == ["  - a"]
