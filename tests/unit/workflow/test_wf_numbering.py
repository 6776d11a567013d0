from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eoffice.domain import BadInput, DocKind
from eoffice.workflow.numbering import KIND_CODES, counter_scope, format_number, validate_format

FMT = "{kode}/{seq:04}/{unit}/{year}"


def test_example_number() -> None:
    assert format_number(FMT, kode="000.1.2.3", seq=123, unit="DISKOMINFO", year=2026, month=11) == \
        "000.1.2.3/0123/DISKOMINFO/2026"
    assert format_number("{kind_code}/{seq}/{unit}/{month_roman}/{year}", kode="", seq=7, unit="BPKAD",
                         year=2026, month=11, kind_code=KIND_CODES[DocKind.NOTA_DINAS]) == "ND/7/BPKAD/XI/2026"
    assert format_number("{seq:03}-{month:02}-{year}", kode="", seq=12345, unit="", year=2026, month=3) == \
        "12345-03-2026"  # padding never truncates


@pytest.mark.parametrize(("fmt", "message"), [
    ("{kode}/{unit}/{year}", "harus memuat {seq} tepat satu kali"),
    ("{seq}/{seq}/{year}", "harus memuat {seq} tepat satu kali"),
    ("{seq}/{unit}", "harus memuat {year}"),
    ("{seq}/{nomor}/{year}", "bagian {nomor} tidak dikenal"),
    ("{}/{seq}/{year}", "bagian {} tidak dikenal"),
    ("{0}/{seq}/{year}", "bagian {0} tidak dikenal"),
    ("{seq!r}/{year}", "konversi"),
    ("{seq:>4}/{year}", "bentuk {seq:>4} tidak sah"),
    ("{seq}/{unit:04}/{year}", "bentuk {unit:04} tidak sah"),
    ("{seq/{year}", "Format nomor"),
])
def test_bad_formats(fmt: str, message: str) -> None:
    with pytest.raises(BadInput, match=message.replace("{", r"\{").replace("}", r"\}")):
        validate_format(fmt)


def test_format_values_checked() -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"seq": 0}, "Nomor urut"), ({"month": 13}, "Bulan"), ({"year": 26}, "Tahun"),
        ({"kode": " "}, "{kode}"), ({"unit": ""}, "{unit}")]
    for kw, message in cases:
        args: dict[str, Any] = {"kode": "000", "seq": 1, "unit": "X", "year": 2026, "month": 1} | kw
        with pytest.raises(BadInput, match=message.replace("{", r"\{").replace("}", r"\}")):
            format_number(FMT, **args)
    # literal braces are allowed
    assert format_number("{{A}}/{seq}/{year}", kode="", seq=1, unit="", year=2026, month=1) == "{A}/1/2026"


def test_counter_scope() -> None:
    a = counter_scope(FMT, "DISKOMINFO", "ND", 2026)
    assert a == counter_scope(FMT, "DISKOMINFO", "SE", 2026)  # kind not printed: one counter per unit
    assert a != counter_scope(FMT, "BPKAD", "ND", 2026)
    assert a != counter_scope(FMT, "DISKOMINFO", "ND", 2027)  # resets every year
    shared = "188.4/{seq}/{year}"
    assert counter_scope(shared, "A", "SK", 2026) == counter_scope(shared, "B", "SK", 2026)
    kinds = "{kind_code}/{seq}/{unit}/{year}"
    assert counter_scope(kinds, "A", "ND", 2026) != counter_scope(kinds, "A", "SE", 2026)
    with pytest.raises(BadInput):
        counter_scope("{kode}", "A", "ND", 2026)


@settings(max_examples=100, deadline=None)
@given(seqs=st.lists(st.integers(1, 99999), min_size=2, max_size=20, unique=True),
       unit=st.sampled_from(["A", "B"]), month=st.integers(1, 12),
       kode=st.sampled_from(["000.1.2.3", "005", "800"]))
def test_distinct_seqs_in_one_scope_give_distinct_numbers(seqs: list[int], unit: str, month: int,
                                                           kode: str) -> None:
    for fmt in ("{seq:04}/{unit}/{month_roman}/{year}", "{kind_code}.{seq}/{unit}/{year}"):
        nums = {format_number(fmt, kode=kode, seq=s, unit=unit, year=2026, month=month, kind_code="ND")
                for s in seqs}
        assert len(nums) == len(seqs)
