"""Body -> Markdown -> Body gives the same body (the editor re-opens saved drafts this way)."""

from __future__ import annotations

import pytest

from eoffice.documents.markdown import parse_markdown, to_markdown

SAMPLES = [
    "Dengan hormat, mohon **pemutakhiran** data *jaringan* dan __aset__.",
    "# Judul\n\nParagraf satu.\n\n## Sub\n\n1. satu\n2. **dua**\n   - a\n   - b\n\n- butir\n- butir *dua*",
    "| Aset | Jumlah |\n|---|---|\n| router | 4 |\n| switch | 12 |",
    "Undang-Undang Nomor 23 Tahun 2014; tarif 5 * 3 = 15; snake__case \\ garis",
    "1\\. bukan daftar\n\n\\# bukan judul\n\n\\- bukan butir",
    "|--",  # only a table rule: once crashed the parser (ValueError), now a paragraph
]


@pytest.mark.parametrize("source", SAMPLES)
def test_round_trip(source: str) -> None:
    body = parse_markdown(source)
    assert parse_markdown(to_markdown(body)) == body


from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("ab c1.-*_#|\\`+)\n") + ["**", "__", "1. ", "- ", "# "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
@example("|\\--")  # a cell of dashes only: it read back as the header rule
@example("\\____a__")  # a plain "_" then an underlined "_a": the "_" fused with the "__" marker
def test_round_trip_of_any_text(source: str) -> None:
    """Any body: the words survive (whitespace may be normalised at list-item edges) and a second round trip
    is exact, so re-opening and saving a draft again never changes it."""
    from eoffice.documents.body import body_to_plain_text

    body = parse_markdown(source)
    again = parse_markdown(to_markdown(body))
    assert body_to_plain_text(again).split() == body_to_plain_text(body).split()
    assert parse_markdown(to_markdown(again)) == again
