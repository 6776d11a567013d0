"""Routing decisions: approve / return / reject, carrying the actor's signed statement, which covers the
command (its digest is in the statement) and its action_id (sent again, it is applied once)."""

from __future__ import annotations

from eoffice.app import commands as c
from eoffice.app.bus import Deps, handles
from eoffice.domain import BadInput
from eoffice.services import routing
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.state import Decision

DECISIONS = {"approve": Decision.APPROVE, "return": Decision.RETURN, "reject": Decision.REJECT}


@handles(c.Decide)
def decide(cmd: c.Decide, uow: UnitOfWork, deps: Deps) -> routing.Outcome:
    from eoffice.services import signatures  # pyHanko: loaded on the first decision, or by warm_up()

    decision = DECISIONS.get(cmd.decision)
    if decision is None:
        raise BadInput(f"Keputusan tidak dikenal: {cmd.decision!r} (approve, return, reject)")
    return signatures.decide_signed(uow, deps.require_actor(), deps.identity, cmd.document_id, decision,
                                    note=cmd.note, return_to=cmd.return_to, tsa_url=deps.session.tsa_url,
                                    action_id=str(cmd.action_id), command=cmd.digest(), provider=deps.provider)
