from __future__ import annotations

from datetime import datetime

import pytest

from eoffice.domain import BadInput, Capacity
from eoffice.workflow.delegation import (
    Delegation,
    active_delegation,
    delegators_for,
    overlaps,
    validate_delegation,
)
from tests.unit.workflow.wf_helpers import T0, hours

PLH = Delegation("kadis", "sekdis", T0, T0 + hours(72), Capacity.PLH)


def test_valid_and_active_window() -> None:
    validate_delegation(PLH)
    assert active_delegation([PLH], "kadis", "sekdis", T0) == PLH  # start inclusive
    assert active_delegation([PLH], "kadis", "sekdis", T0 + hours(72)) is None  # end exclusive
    assert active_delegation([PLH], "kadis", "sekdis", T0 - hours(1)) is None
    assert active_delegation([PLH], "sekdis", "kadis", T0) is None  # not symmetric
    assert delegators_for([PLH], "sekdis", T0 + hours(1)) == {"kadis"}


def test_not_transitive() -> None:
    chain = [PLH, Delegation("sekdis", "kabid", T0, T0 + hours(72), Capacity.PLT)]
    assert active_delegation(chain, "kadis", "kabid", T0) is None


@pytest.mark.parametrize(("d", "message"), [
    (Delegation("a", "a", T0, T0 + hours(1), Capacity.PLH), "diri sendiri"),
    (Delegation("a", "b", T0, T0, Capacity.PLH), "setelah waktu mulai"),
    (Delegation("a", "b", T0, T0 - hours(1), Capacity.AN), "setelah waktu mulai"),
    (Delegation("a", "b", T0, T0 + hours(1), Capacity.SELF), "Plh., Plt., a.n. atau u.b."),
    (Delegation("", "b", T0, T0 + hours(1), Capacity.PLT), "wajib diisi"),
    (Delegation("a", "b", datetime(2026, 1, 1), T0, Capacity.PLT), "timezone-aware"),
])
def test_invalid(d: Delegation, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        validate_delegation(d)


def test_self_capacity_never_grants() -> None:
    bogus = Delegation("kadis", "x", T0, T0 + hours(1), Capacity.SELF)
    assert active_delegation([bogus], "kadis", "x", T0) is None


def test_overlaps() -> None:
    later = Delegation("kadis", "kabid", T0 + hours(72), T0 + hours(80), Capacity.PLH)
    assert not overlaps(PLH, later)
    assert overlaps(PLH, Delegation("kadis", "kabid", T0 + hours(71), T0 + hours(80), Capacity.PLH))
    assert not overlaps(PLH, Delegation("other", "kabid", T0, T0 + hours(80), Capacity.PLH))
