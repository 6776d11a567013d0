"""Route instance state: plain frozen dataclasses that map one-to-one onto rows.

route -> one row; route.stages -> route_stage rows (a snapshot of the applicable template stages, so a
template edit never changes a running route); route.steps -> step rows; route.notes -> note rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from eoffice.domain import Capacity, StageKind
from eoffice.workflow.template import Assignee


class StepStatus(StrEnum):
    WAITING = "waiting"  # its order group has not started
    PENDING = "pending"  # the assignee (or a delegate) may decide now
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"
    SKIPPED = "skipped"  # the stage reached its quorum without this step
    CANCELLED = "cancelled"  # the round ended (return/reject/withdraw) before this step was decided


DECIDED = frozenset({StepStatus.APPROVED, StepStatus.RETURNED, StepStatus.REJECTED})
STEP_FINAL = DECIDED | {StepStatus.SKIPPED, StepStatus.CANCELLED}


class RouteStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    RETURNED = "returned"  # back to the drafter; resubmit starts a new round
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# A route's and a step's state in the words a refusal uses (never the codes).
ROUTE_WORDS = {RouteStatus.IN_PROGRESS: "sedang berjalan", RouteStatus.RETURNED: "dikembalikan ke pembuatnya",
               RouteStatus.COMPLETED: "selesai", RouteStatus.REJECTED: "ditolak", RouteStatus.WITHDRAWN: "ditarik"}
STEP_WORDS = {StepStatus.WAITING: "belum dimulai", StepStatus.PENDING: "menunggu keputusan",
              StepStatus.APPROVED: "sudah disetujui", StepStatus.RETURNED: "sudah dikembalikan",
              StepStatus.REJECTED: "sudah ditolak", StepStatus.SKIPPED: "dilewati", StepStatus.CANCELLED: "dibatalkan"}

TERMINAL = frozenset({RouteStatus.COMPLETED, RouteStatus.REJECTED, RouteStatus.WITHDRAWN})


class Decision(StrEnum):
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"


@dataclass(frozen=True)
class StagePlan:
    """An applicable template stage, frozen at route start."""

    name: str
    order: int
    kind: StageKind
    assignees: tuple[Assignee, ...]  # the template's addresses, kept for display
    quorum: int | None
    sla_hours: int
    allow_forward: bool


@dataclass(frozen=True)
class Step:
    id: str
    stage_name: str
    order: int
    kind: StageKind
    assignee: str  # resolved user (login/NIP)
    status: StepStatus
    round: int
    due_at: datetime | None = None  # set when the step becomes pending
    decided_by: str | None = None  # the assignee, or the delegate who acted
    decided_at: datetime | None = None
    capacity: Capacity = Capacity.SELF
    note: str = ""
    on_behalf_of: str | None = None  # the assignee when a delegate decided
    activated_at: datetime | None = None


@dataclass(frozen=True)
class Note:
    """A decision note or comment; notes are never dropped, across rounds."""

    step_id: str | None
    author: str
    kind: str  # "approve" | "return" | "reject" | "comment"
    text: str
    at: datetime
    round: int


@dataclass(frozen=True)
class Route:
    document_id: str
    template_name: str
    template_version: int
    drafter: str
    status: RouteStatus
    round: int
    stages: tuple[StagePlan, ...]
    steps: tuple[Step, ...]
    notes: tuple[Note, ...] = ()
    restart_from: str | None = None  # stage to restart from on resubmit (set by a return)
    started_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1  # bumped on every change: use it for optimistic locking

    def stage(self, name: str) -> StagePlan:
        for s in self.stages:
            if s.name == name:
                return s
        raise KeyError(name)

    def step(self, step_id: str) -> Step | None:
        for s in self.steps:
            if s.id == step_id:
                return s
        return None
