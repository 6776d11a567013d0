"""Audit hash chain: each event's hash covers the previous hash plus the canonical event body."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eoffice.canonical import GENESIS_HASH, chain_hash

GENESIS = GENESIS_HASH
_LINK_KEYS = ("hash", "prev_hash")


def event_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    """SHA-256 hex over prev_hash + canonical JSON of the event (its own hash/prev_hash excluded)."""
    return chain_hash(prev_hash, event)


def chain_event(prev_hash: str, event: Mapping[str, Any]) -> dict[str, Any]:
    """The event with prev_hash and hash filled in, ready to append."""
    out = {k: v for k, v in event.items() if k not in _LINK_KEYS}
    out["prev_hash"] = prev_hash
    out["hash"] = event_hash(prev_hash, out)
    return out


@dataclass(frozen=True)
class ChainResult:
    ok: bool
    count: int  # events checked
    head_hash: str  # hash of the last intact event (the start hash if none)
    first_broken_index: int | None = None
    reason: str = ""


def verify_chain(events: Iterable[Mapping[str, Any]], *, start_hash: str = GENESIS) -> ChainResult:
    """Detects an edited event (hash mismatch) and a deleted, inserted or reordered one (broken link).
    A truncated tail is invisible here: compare with an AuditHead the client saw before."""
    expected_prev, count = start_hash, 0
    for n, ev in enumerate(events):
        prev, stored = ev.get("prev_hash"), ev.get("hash")
        if prev != expected_prev:
            return ChainResult(False, n, expected_prev, n,
                               f"event {n}: prev_hash does not link to the previous event "
                               "(an event was deleted, inserted or reordered)")
        if stored != event_hash(str(prev), ev):
            return ChainResult(False, n, expected_prev, n, f"event {n}: content does not match its hash (edited)")
        expected_prev, count = str(stored), n + 1
    return ChainResult(True, count, expected_prev)


@dataclass(frozen=True)
class AuditHead:
    """The last chain position a client saw: 0-based index and hash of that event."""

    index: int
    hash: str


class AuditHeadTracker:
    """Remembers the head the client saw; a later chain must still contain it at the same index."""

    def __init__(self, seen: AuditHead | None = None) -> None:
        self.seen = seen

    def check(self, events: Sequence[Mapping[str, Any]], *, start_hash: str = GENESIS) -> ChainResult:
        result = verify_chain(events, start_hash=start_hash)
        if not result.ok:
            return result
        seen = self.seen
        if seen is not None:
            if len(events) <= seen.index:
                return ChainResult(False, len(events), result.head_hash, len(events),
                                   f"chain shrank: {len(events)} events, but event {seen.index} was seen before")
            if events[seen.index].get("hash") != seen.hash:
                return ChainResult(False, len(events), result.head_hash, seen.index,
                                   f"chain forked: event {seen.index} differs from the one seen before")
        if events:
            self.seen = AuditHead(len(events) - 1, str(events[-1]["hash"]))
        return result
