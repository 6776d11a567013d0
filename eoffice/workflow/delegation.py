"""Delegation (Plh./Plt./a.n.): a delegate may act on the delegator's steps during a time window.

Delegation is not transitive: if A delegates to B and B to C, C may act for B only, not for A.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from eoffice.domain import BadInput, Capacity
from eoffice.workflow.events import require_aware

DELEGATE_CAPACITIES = frozenset({Capacity.PLH, Capacity.PLT, Capacity.AN, Capacity.UB})


@dataclass(frozen=True)
class Delegation:
    delegator: str
    delegate: str
    starts: datetime  # inclusive
    ends: datetime  # exclusive
    capacity: Capacity

    def active_at(self, now: datetime) -> bool:
        return self.starts <= now < self.ends


def validate_delegation(d: Delegation) -> None:
    """BadInput on a malformed delegation (the service calls this before saving one)."""
    if not d.delegator.strip() or not d.delegate.strip():
        raise BadInput("Delegasi: pemberi dan penerima delegasi wajib diisi")
    if d.delegator == d.delegate:
        raise BadInput("Delegasi: Anda tidak dapat mendelegasikan kepada diri sendiri")
    require_aware("delegation start", d.starts)
    require_aware("delegation end", d.ends)
    if d.ends <= d.starts:
        raise BadInput("Delegasi: waktu selesai harus setelah waktu mulai")
    if d.capacity not in DELEGATE_CAPACITIES:
        raise BadInput(f"Delegasi: kapasitas harus Plh., Plt., a.n. atau u.b., bukan {d.capacity.value!r}")


def overlaps(a: Delegation, b: Delegation) -> bool:
    """Two delegations of the same delegator whose windows intersect (the service should refuse these)."""
    return a.delegator == b.delegator and a.starts < b.ends and b.starts < a.ends


def active_delegation(delegations: Sequence[Delegation], delegator: str, delegate: str,
                      now: datetime) -> Delegation | None:
    """The delegation letting ``delegate`` act for ``delegator`` at ``now``, if any (earliest start wins)."""
    found = [d for d in delegations
             if d.delegator == delegator and d.delegate == delegate and d.active_at(now)
             and d.capacity in DELEGATE_CAPACITIES]
    return min(found, key=lambda d: d.starts) if found else None


def delegators_for(delegations: Sequence[Delegation], delegate: str, now: datetime) -> set[str]:
    """Everyone ``delegate`` may currently act for."""
    return {d.delegator for d in delegations
            if d.delegate == delegate and d.active_at(now) and d.capacity in DELEGATE_CAPACITIES}
