"""Pure workflow engine: route templates, route instances, decisions, delegation, numbering, disposisi.

No Qt, no SQL, no clock: functions take state and return (new state, events). See docs/workflow.md.
"""

from eoffice.workflow.delegation import Delegation, active_delegation, validate_delegation
from eoffice.workflow.engine import add_reviewer, comment, decide, resubmit, start_route, withdraw
from eoffice.workflow.events import Event
from eoffice.workflow.queries import (
    current_stage_kind,
    doc_status,
    is_terminal,
    overdue_steps,
    pending_steps,
    steps_for,
)
from eoffice.workflow.state import Decision, Note, Route, RouteStatus, StagePlan, Step, StepStatus
from eoffice.workflow.template import (
    Assignee,
    Condition,
    RouteTemplate,
    Stage,
    applicable_stages,
    dump_template,
    load_template,
    template_from_dict,
    template_to_dict,
)

__all__ = [
    "Assignee", "Condition", "Decision", "Delegation", "Event", "Note", "Route", "RouteStatus", "RouteTemplate",
    "Stage", "StagePlan", "Step", "StepStatus", "active_delegation", "add_reviewer", "applicable_stages",
    "comment", "current_stage_kind", "decide", "doc_status", "dump_template", "is_terminal", "load_template",
    "overdue_steps", "pending_steps", "resubmit", "start_route", "steps_for", "template_from_dict",
    "template_to_dict", "validate_delegation", "withdraw",
]
