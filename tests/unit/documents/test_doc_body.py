"""Body format: JSON parsing (strict), serialisation, Markdown subset, plain text, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eoffice.documents.body import (
    Body,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
    body_to_json,
    body_to_plain_text,
    parse_body_file,
    parse_body_json,
    parse_markdown,
)
from eoffice.domain import BadInput

GOOD = {
    "format": "eoffice-body",
    "version": 1,
    "blocks": [
        {"type": "heading", "level": 1, "runs": "Latar Belakang"},
        {"type": "paragraph", "runs": [{"text": "Dengan hormat, "}, {"text": "penting", "bold": True}, "."]},
        {"type": "list", "style": "ordered", "items": [
            "satu",
            {"runs": [{"text": "dua", "italic": True}], "sublist": {"style": "bullet", "items": ["a", "b"]}},
        ]},
        {"type": "table", "header": True,
         "rows": [["No", "Nama"], ["1", {"runs": [{"text": "Siti", "underline": True}]}]]},
    ],
}  # fmt: skip


def test_parse_good_json_and_round_trip() -> None:
    body = parse_body_json(json.dumps(GOOD))
    assert isinstance(body.blocks[0], Heading)
    para = body.blocks[1]
    assert isinstance(para, Paragraph)
    assert para.runs[1] == Run("penting", bold=True)
    lst = body.blocks[2]
    assert isinstance(lst, ListBlock) and lst.ordered
    assert lst.items[1].sublist is not None and not lst.items[1].sublist.ordered
    table = body.blocks[3]
    assert isinstance(table, Table) and table.header and table.rows[1][1] == (Run("Siti", underline=True),)
    again = parse_body_json(body_to_json(body))
    assert again == body
    assert body_to_json(again) == body_to_json(body)


def test_bare_list_and_bytes_accepted() -> None:
    body = parse_body_json(b'[{"type": "paragraph", "runs": "halo"}]')
    assert body_to_plain_text(body) == "halo"


@pytest.mark.parametrize(
    "bad, fragment",
    [
        ("{", "invalid JSON"),
        ("[1]", "block must be an object"),
        ('{"blocks": [], "extra": 1}', "unknown key 'extra'"),
        ('{"format": "html", "blocks": []}', "format must be"),
        ('{"version": 2, "blocks": []}', "unsupported version"),
        ('[{"type": "script", "runs": "alert(1)"}]', "unknown block type 'script'"),
        ('[{"type": "image", "src": "http://x/y.png"}]', "unknown block type 'image'"),
        ('[{"type": "paragraph", "runs": [{"text": "x", "href": "http://evil"}]}]', "unknown key 'href'"),
        ('[{"type": "paragraph", "runs": [{"text": "x", "bold": "yes"}]}]', "'bold' must be true or false"),
        ('[{"type": "paragraph", "runs": [{"text": 5}]}]', "text must be a string"),
        ('[{"type": "paragraph", "runs": "a\\u0007b"}]', "control character U+0007"),
        ('[{"type": "paragraph"}]', "missing key 'runs'"),
        ('[{"type": "heading", "level": 3, "runs": "x"}]', "heading level"),
        ('[{"type": "list", "style": "roman", "items": []}]', "list style"),
        (
            '[{"type": "list", "style": "bullet", "items": [{"runs": "a", "sublist": '
            '{"style": "bullet", "items": '
            '[{"runs": "b", "sublist": {"style": "bullet", "items": ["c"]}}]}}]}]',
            "nested one level",
        ),
        ('[{"type": "table", "rows": []}]', "at least one row"),
        ('[{"type": "table", "rows": [["a", "b"], ["c"]]}]', "has 1 cells"),
        ('[{"type": "table", "rows": [["a"]], "style": "color:red"}]', "unknown key 'style'"),
        (b"\xff\xfe", "not valid UTF-8"),
    ],
)
def test_bad_json_is_refused_with_a_clear_message(bad: str | bytes, fragment: str) -> None:
    with pytest.raises(BadInput) as err:
        parse_body_json(bad)
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_deeply_nested_json_is_bad_input() -> None:
    with pytest.raises(BadInput):
        parse_body_json("[" * 100_000 + "]" * 100_000)


def test_markdown_subset() -> None:
    md = """# Judul

Paragraf **tebal** dan *miring* dan __garis bawah__,
lanjut baris \\*bukan miring\\*.

1. satu
2. dua
   - dua a
   - dua b
3. tiga

- butir

| No | Nama |
|----|------|
| 1  | Budi **S** |
"""
    body = parse_markdown(md)
    kinds = [type(b).__name__ for b in body.blocks]
    assert kinds == ["Heading", "Paragraph", "ListBlock", "ListBlock", "Table"]
    para = body.blocks[1]
    assert isinstance(para, Paragraph)
    assert Run("tebal", bold=True) in para.runs
    assert Run("miring", italic=True) in para.runs
    assert Run("garis bawah", underline=True) in para.runs
    assert para.runs[-1].text.endswith("lanjut baris *bukan miring*.")
    ordered = body.blocks[2]
    assert isinstance(ordered, ListBlock) and ordered.ordered and len(ordered.items) == 3
    assert ordered.items[1].sublist is not None and len(ordered.items[1].sublist.items) == 2
    table = body.blocks[4]
    assert isinstance(table, Table) and table.header and len(table.rows) == 2
    assert table.rows[1][1] == (Run("Budi "), Run("S", bold=True))


def test_markdown_unpaired_markers_stay_literal() -> None:
    body = parse_markdown("harga 5 * 3 dan **tidak tertutup")
    assert body_to_plain_text(body) == "harga 5 * 3 dan **tidak tertutup"


def test_markdown_html_is_just_text() -> None:
    body = parse_markdown('<script>alert(1)</script> <img src="http://x">')
    assert body_to_plain_text(body) == '<script>alert(1)</script> <img src="http://x">'


def test_plain_text_of_lists_and_tables() -> None:
    body = parse_markdown("1. a\n2. b\n   1. b1\n\n| x | y |\n| 1 | 2 |")
    assert body_to_plain_text(body) == "1. a\n2. b\n   a. b1\n\nx | y\n1 | 2"


def test_empty_body() -> None:
    assert Body().is_empty()
    assert parse_markdown("\n\n   \n").blocks == ()


def test_parse_body_file_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "a.md").write_text("**Halo**", encoding="utf-8")
    (tmp_path / "a.txt").write_text("\ufeffHalo", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xff")
    assert len(parse_body_file(tmp_path / "a.json").blocks) == 4
    assert parse_body_file(tmp_path / "a.md").blocks == (Paragraph((Run("Halo", bold=True),)),)
    assert body_to_plain_text(parse_body_file(tmp_path / "a.txt")) == "Halo"
    with pytest.raises(BadInput, match="unsupported extension"):
        parse_body_file(tmp_path / "a.html")
    with pytest.raises(BadInput, match="not valid UTF-8"):
        parse_body_file(tmp_path / "bad.md")
    with pytest.raises(BadInput, match="cannot read"):
        parse_body_file(tmp_path / "missing.md")


def test_clean_text_drops_every_control_character_and_replaces_every_surrogate() -> None:
    """clean_text is two regexes: over every code point they must do what Unicode's categories say."""
    import unicodedata

    from eoffice.documents.body import clean_text

    for cp in range(0x110000):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        want = ("\ufffd" if cat == "Cs" else "" if cat == "Cc" and ch not in "\n\t\r" else
                "\n" if ch == "\r" else ch)
        assert clean_text(f"a{ch}b") == f"a{want}b", hex(cp)
    assert clean_text("x\r\ny") == "x\ny"
