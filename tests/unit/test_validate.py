"""The hostile-input checks as pure functions (eoffice/validate.py, cli/safe_io.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eoffice.cli.safe_io import dumps_json
from eoffice.domain import BadInput
from eoffice.validate import check_args, check_line, check_text, load_json, load_yaml, parse_date, printable
from tests.e2e.test_cli_fuzz import _bomb


@pytest.mark.parametrize("value, fragment", [
    ("a\x00b", "U+0000"), ("a\x1b[31m", "U+001B"), ("a\u0085", "U+0085"), ("a\nb", "U+000A"), ("a\tb", "U+0009"),
    ("a\u202eb", "U+202E"), ("a\ud800", "bukan UTF-8"), ("a\u2028b", "U+2028"),
])
def test_single_line_fields_refuse_controls(value: str, fragment: str) -> None:
    with pytest.raises(BadInput, match=re.escape(fragment)):
        check_line(value, "Hal")


def test_multi_line_text_keeps_newlines_and_tabs_only() -> None:
    assert check_text("baris 1\r\nbaris\t2", "Catatan") == "baris 1\nbaris\t2"
    assert check_line("  Ñoño 王 \U0001f600  ", "Nama") == "Ñoño 王 \U0001f600"
    for bad in ("\x00", "\x07", "\x9b", "\ud800"):
        with pytest.raises(BadInput):
            check_text(f"a{bad}", "Catatan")


def test_arguments_are_named_by_their_option() -> None:
    with pytest.raises(BadInput, match="^--subject: "):
        check_args(["letter", "draft", "--subject", "x\x1b"])
    with pytest.raises(BadInput, match="^--note: "):
        check_args(["approve", "--note=\x07"])
    check_args(["comment", "ID", "baris 1\nbaris 2"])


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_dates_out_of_range(text: str) -> None:
    with pytest.raises(BadInput, match="rentang"):
        parse_date(text, "Tanggal")


def test_dates_in_range_and_malformed() -> None:
    assert parse_date(" 2026-12-01 ", "Tanggal") == dt.date(2026, 12, 1)
    for text in ("0000-01-01", "2026-13-01", "x\x1b"):
        with pytest.raises(BadInput, match="tidak valid") as exc:
            parse_date(text, "Tanggal")
        assert "\x1b" not in str(exc.value)


def test_the_alias_bomb_is_refused_at_once() -> None:
    bomb = _bomb()
    assert len(bomb.encode()) < 400
    started = time.monotonic()
    with pytest.raises(BadInput, match="alias"):
        load_yaml(bomb, "fields.yaml")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("text, fragment", [
    ("[" * 5000 + "]" * 5000, "terlalu dalam"), ("a: " + "x" * 2_000_000, "KiB"), ("a: [", "baris"),
    ("- 1\n" * 100_001, "terlalu banyak"), ("a: 2026-13-45", "tanggal"),
])
def test_yaml_limits(text: str, fragment: str) -> None:
    with pytest.raises(BadInput, match=fragment):
        load_yaml(text, "x.yaml")


def test_the_aliases_pyyaml_itself_writes_still_load() -> None:
    import yaml

    shared = ["user:a", "user:b"]
    text = yaml.safe_dump({"stages": [{"assignees": shared}, {"assignees": shared}]})
    assert "&id001" in text and "*id001" in text
    assert load_yaml(text, "t.yaml") == {"stages": [{"assignees": shared}, {"assignees": shared}]}


def test_json_depth_and_size() -> None:
    with pytest.raises(BadInput, match="terlalu dalam"):
        load_json("[" * 100_000 + "]" * 100_000, "x.json")
    with pytest.raises(BadInput, match="baris 1"):
        load_json("{", "x.json")
    assert load_json('{"a": [1]}', "x.json") == {"a": [1]}


def test_printable_neutralises_what_drives_a_terminal() -> None:
    shown = printable("Hal \x1b]0;x\x07\x1b[2J\u009b\r\u202e\ud800\nbaris\t2")
    assert shown == "Hal \\x1b]0;x\\x07\\x1b[2J\\x9b\\r<U+202E><U+D800>\nbaris\t2"
    assert printable("a\nb", one_line=True) == "a\\nb"
    assert printable("Ñoño 王 \U0001f600") == "Ñoño 王 \U0001f600"


@given(st.text())
def test_printable_output_has_no_controls_and_json_round_trips(text: str) -> None:
    def unsafe(ch: str) -> bool:
        return unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in "\u202a\u202b\u202c\u202d\u202e"

    assert not any(unsafe(ch) for ch in printable(text, one_line=True))
    out = dumps_json({"s": text})
    assert not any(unsafe(ch) for ch in out if ch != "\n")
    assert json.loads(out)["s"] == text
