from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eoffice.documents.diff import changed, render_inline, text_diff, unified_diff


def test_word_level_changes() -> None:
    ops = text_diff("Rapat diadakan hari Senin di Samarinda.", "Rapat diadakan hari Selasa di Balikpapan.")
    assert ("delete", "Senin") in ops and ("insert", "Selasa") in ops
    assert ("delete", "Samarinda") in ops and ("insert", "Balikpapan") in ops
    assert render_inline(ops) == "Rapat diadakan hari [-Senin-]{+Selasa+} di [-Samarinda-]{+Balikpapan+}."
    assert changed(ops)
    assert not changed(text_diff("sama", "sama"))


def test_unified() -> None:
    out = unified_diff("a\nb\nc", "a\nB\nc")
    assert out.splitlines()[:2] == ["--- versi lama", "+++ versi baru"]
    assert "-b" in out and "+B" in out


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_diff_reconstructs_both_sides(old: str, new: str) -> None:
    ops = text_diff(old, new)
    assert "".join(t for op, t in ops if op != "insert") == old
    assert "".join(t for op, t in ops if op != "delete") == new
