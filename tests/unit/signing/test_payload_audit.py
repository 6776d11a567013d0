from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from eoffice.canonical import canonical_json
from eoffice.domain import BadInput
from eoffice.signing.audit import GENESIS, AuditHead, AuditHeadTracker, chain_event, event_hash, verify_chain
from eoffice.signing.keystore import Identity
from eoffice.signing.payload import action_statement, sign_payload, sign_payload_b64, verify_payload

T = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # WITA


def _stmt(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict(action_id=uuid.UUID(int=7), document_id=42, version_hash="ab" * 32, step_id=3,
                                decision="approve", time=T, actor="198001012005011001")
    base.update(over)
    return action_statement(**base)


def test_canonical_json_stable() -> None:
    assert canonical_json({"b": 1, "a": "Pak Ñoño", "t": T}) == \
        '{"a":"Pak Ñoño","b":1,"t":"2026-03-01T00:30:00Z"}'.encode()
    with pytest.raises(BadInput):
        canonical_json({"x": 1.5})
    with pytest.raises(BadInput):
        canonical_json({"t": dt.datetime(2026, 1, 1)})


@pytest.mark.parametrize("fixture", ["ec_identity", "rsa2048_identity", "rsa3072_identity"])
def test_payload_sign_verify(fixture: str, request: pytest.FixtureRequest) -> None:
    ident: Identity = request.getfixturevalue(fixture)
    stmt = _stmt()
    sig = sign_payload(ident, stmt)
    assert verify_payload(ident.cert, stmt, sig)
    assert verify_payload(ident.cert.public_key(), stmt, sig)  # type: ignore[arg-type]
    b64 = sign_payload_b64(ident.key, stmt)
    assert verify_payload(ident.cert, stmt, b64)
    # key order does not matter, content does
    assert verify_payload(ident.cert, dict(reversed(list(stmt.items()))), sig)
    assert not verify_payload(ident.cert, _stmt(decision="reject"), sig)
    assert not verify_payload(ident.cert, _stmt(version_hash="cd" * 32), b64)
    assert not verify_payload(ident.cert, stmt, "!!not base64!!")
    assert not verify_payload(ident.cert, {"action_id": "x"}, sig)


def test_payload_wrong_signer(ec_identity: Identity, rsa2048_identity: Identity) -> None:
    stmt = _stmt()
    assert not verify_payload(rsa2048_identity.cert, stmt, sign_payload(ec_identity, stmt))


def test_payload_requires_fields(ec_identity: Identity) -> None:
    with pytest.raises(BadInput, match="tidak lengkap"):
        sign_payload(ec_identity, {"action_id": "x"})
    extra = action_statement(action_id="a", document_id=1, version_hash="h", step_id=None, decision="d",
                             time=T, actor="a", note="Mohon dipercepat")
    assert extra["note"] == "Mohon dipercepat" and extra["step_id"] is None


def _chain(n: int) -> list[dict[str, Any]]:
    events, prev = [], GENESIS
    for i in range(n):
        ev = chain_event(prev, {"seq": i + 1, "type": "approve", "actor": f"u{i}", "at": T})
        events.append(ev)
        prev = ev["hash"]
    return events


def test_chain_ok() -> None:
    ev = _chain(5)
    r = verify_chain(ev)
    assert r.ok and r.count == 5 and r.head_hash == ev[-1]["hash"]
    assert ev[1]["hash"] == event_hash(ev[0]["hash"], {k: v for k, v in ev[1].items()})
    assert verify_chain([]).ok
    # a segment can be checked from a known hash
    assert verify_chain(ev[2:], start_hash=ev[1]["hash"]).ok


def test_chain_edit_detected() -> None:
    ev = _chain(5)
    ev[2]["actor"] = "mallory"
    r = verify_chain(ev)
    assert not r.ok and r.first_broken_index == 2 and "edited" in r.reason


def test_chain_delete_detected() -> None:
    ev = _chain(5)
    del ev[1]
    r = verify_chain(ev)
    assert not r.ok and r.first_broken_index == 1 and "deleted" in r.reason


def test_chain_reorder_detected() -> None:
    ev = _chain(5)
    ev[2], ev[3] = ev[3], ev[2]
    r = verify_chain(ev)
    assert not r.ok and r.first_broken_index == 2


def test_chain_insert_detected() -> None:
    ev = _chain(5)
    forged = chain_event(ev[1]["hash"], {"seq": 99, "type": "approve", "actor": "x", "at": T})
    ev.insert(2, forged)
    r = verify_chain(ev)
    assert not r.ok and r.first_broken_index == 3


def test_chain_edit_with_rehash_breaks_next_link() -> None:
    ev = _chain(4)
    ev[1] = chain_event(ev[1]["prev_hash"], {**ev[1], "actor": "mallory"})
    r = verify_chain(ev)
    assert not r.ok and r.first_broken_index == 2


def test_head_tracker_shrink_and_fork() -> None:
    ev = _chain(5)
    tr = AuditHeadTracker()
    assert tr.check(ev[:3]).ok and tr.seen == AuditHead(2, ev[2]["hash"])
    assert tr.check(ev).ok and tr.seen == AuditHead(4, ev[4]["hash"])
    r = tr.check(ev[:4])  # tail truncated: chain itself still links
    assert not r.ok and "shrank" in r.reason
    # fork: rebuilt chain with a different event 3
    forked = ev[:3]
    prev = forked[-1]["hash"]
    for i in range(3):
        e = chain_event(prev, {"seq": 10 + i, "type": "x", "actor": "m", "at": T})
        forked.append(e)
        prev = e["hash"]
    r = tr.check(forked)
    assert not r.ok and "forked" in r.reason and r.first_broken_index == 4
    assert tr.seen == AuditHead(4, ev[4]["hash"])  # a bad chain never moves the head
