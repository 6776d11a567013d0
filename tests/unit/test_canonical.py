from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eoffice.canonical import GENESIS_HASH, canonical_json, chain_hash
from eoffice.domain import BadInput
from eoffice.services.demo_data import NAMES, nip_for, positions
from eoffice.services.org import validate_nip


def test_canonical_json_is_order_independent_and_compact() -> None:
    a = canonical_json({"b": 1, "a": "é", "t": datetime(2026, 11, 23, tzinfo=UTC)})
    b = canonical_json({"t": datetime(2026, 11, 23, tzinfo=UTC), "a": "é", "b": 1})
    assert a == b == "{\"a\":\"é\",\"b\":1,\"t\":\"2026-11-23T00:00:00Z\"}".encode()


def test_chain_hash_depends_on_previous_link_and_content() -> None:
    h1 = chain_hash(GENESIS_HASH, {"id": 1, "action": "x"})
    assert h1 != chain_hash(GENESIS_HASH, {"id": 1, "action": "y"})
    assert h1 != chain_hash("1" * 64, {"id": 1, "action": "x"})
    assert len(h1) == 64


@pytest.mark.parametrize("bad", ["", "12345", "19690426199704110A", "1969042619970411000", "196904261997043100"])
def test_nip_validation_refuses_malformed(bad: str) -> None:
    with pytest.raises(BadInput):
        validate_nip(bad)


def test_demo_nips_are_valid_and_unique() -> None:
    nips = [nip_for(i, NAMES[i % len(NAMES)][1]) for i in range(len(positions()))] + [nip_for(99, 1)]
    assert all(validate_nip(n) == n for n in nips)
    assert len(set(nips)) == len(nips)
