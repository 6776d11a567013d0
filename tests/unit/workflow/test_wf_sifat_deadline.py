"""Deadlines from sifat in working days over a holiday calendar (docs/tata-naskah.md, rule 13)."""

from __future__ import annotations

import datetime as dt

import pytest

from eoffice.domain import BadInput
from eoffice.workflow.tata_naskah import add_working_days, sifat_deadline

WITA = dt.timezone(dt.timedelta(hours=8))
FRIDAY = dt.datetime(2026, 12, 18, 10, 0, tzinfo=WITA)


@pytest.mark.parametrize(("sifat", "expected"), [
    ("sangat_segera", dt.datetime(2026, 12, 21, 10, 0, tzinfo=WITA)),  # 24 h: the next working day
    ("segera", dt.datetime(2026, 12, 22, 10, 0, tzinfo=WITA)),  # 2x24 h
    ("penting", dt.datetime(2026, 12, 23, 10, 0, tzinfo=WITA)),  # 3x24 h
    ("biasa", dt.datetime(2026, 12, 25, 10, 0, tzinfo=WITA)),  # 5 working days, no calendar
])
def test_sifat_deadlines_skip_weekends(sifat: str, expected: dt.datetime) -> None:
    assert sifat_deadline(sifat, FRIDAY, set()) == expected


def test_holidays_and_cuti_bersama_are_not_working_days() -> None:
    natal = {dt.date(2026, 12, 24), dt.date(2026, 12, 25)}
    assert sifat_deadline("biasa", FRIDAY, natal) == dt.datetime(2026, 12, 29, 10, 0, tzinfo=WITA)
    saturday = dt.datetime(2026, 12, 19, 15, 0, tzinfo=WITA)  # counted from Monday's start of business
    assert add_working_days(saturday, 1, set()) == dt.datetime(2026, 12, 22, 8, 0, tzinfo=WITA)
    with pytest.raises(BadInput):
        sifat_deadline("kilat", FRIDAY, set())
