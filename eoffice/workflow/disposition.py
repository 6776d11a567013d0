"""Disposisi: a leader's written instructions routing an incoming letter down the organisation, as a tree.

Pure rules only: the service loads the letter's nodes, calls these, and stores the returned nodes/events.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from eoffice.domain import INSTRUCTIONS, BadInput, InvalidTransition, NotAuthorized
from eoffice.workflow.events import Event, require_aware, require_note


class DispositionStatus(StrEnum):
    SENT = "sent"
    READ = "read"
    DONE = "done"


@dataclass(frozen=True)
class DispositionNode:
    id: str
    letter_id: str
    parent_id: str | None  # None: disposed by a root holder (registrar / leader)
    from_user: str
    to_user: str
    instructions: tuple[str, ...]  # keys of INSTRUCTIONS
    note: str
    deadline: datetime | None
    status: DispositionStatus
    report: str
    created_at: datetime
    read_at: datetime | None = None
    done_at: datetime | None = None


@dataclass(frozen=True)
class TreeNode:
    node: DispositionNode
    children: tuple[TreeNode, ...]


def dispose(nodes: Sequence[DispositionNode], *, letter_id: str, sender: str, recipients: Sequence[str],
            instructions: Sequence[str], note: str, deadline: datetime | None, now: datetime,
            root_holders: Collection[str], is_subordinate: Callable[[str, str], bool],
            new_id: Callable[[], str]) -> tuple[list[DispositionNode], list[Event]]:
    """Send the letter on to subordinates; returns the new nodes (one per recipient) and their events.

    The sender must hold the letter: be a root holder (the registrar or the leader it was addressed to)
    or a recipient of an earlier node; the new nodes hang under the sender's latest received node.
    """
    require_aware("now", now)
    received = [n for n in nodes if n.letter_id == letter_id and n.to_user == sender]
    if not received and sender not in root_holders:
        raise NotAuthorized(f"{sender} tidak memegang surat {letter_id} dan tidak dapat mendisposisikannya")
    parent = max(received, key=lambda n: n.created_at).id if received else None
    people = [r.strip() for r in recipients]
    if not people or any(not r for r in people):
        raise BadInput("Disposisi: pilih minimal satu penerima")
    if len(set(people)) != len(people):
        raise BadInput("Disposisi: penerima tercantum lebih dari sekali")
    if not instructions:
        raise BadInput("Disposisi: pilih minimal satu instruksi")
    unknown = [i for i in instructions if i not in INSTRUCTIONS]
    if unknown:
        raise BadInput(f"Disposisi: instruksi tidak dikenal: {', '.join(unknown)}")
    if deadline is not None and require_aware("deadline", deadline) < now:
        raise BadInput("Disposisi: batas waktu sudah lewat")
    for r in people:
        if r == sender:
            raise BadInput("Disposisi: tidak dapat mendisposisikan kepada diri sendiri")
        if not is_subordinate(sender, r):
            raise NotAuthorized(f"Disposisi: {r} bukan bawahan {sender}")
        if any(n.letter_id == letter_id and n.from_user == sender and n.to_user == r for n in nodes):
            raise BadInput(f"Disposisi: surat ini sudah didisposisikan dari {sender} kepada {r}")
    created: list[DispositionNode] = []
    events: list[Event] = []
    for r in people:
        node = DispositionNode(new_id(), letter_id, parent, sender, r, tuple(dict.fromkeys(instructions)),
                               note.strip(), deadline, DispositionStatus.SENT, "", now)
        created.append(node)
        events.append(Event("disposition_sent", letter_id, node.id, sender,
                            {"to": r, "parent_id": parent, "instructions": list(node.instructions),
                             "deadline": deadline.isoformat() if deadline else None, "note": node.note}, now))
    return created, events


def _own(node: DispositionNode, actor: str) -> None:
    if actor != node.to_user:
        raise NotAuthorized("Disposisi ini tidak ditujukan kepada Anda")


def mark_read(node: DispositionNode, *, actor: str, now: datetime) -> tuple[DispositionNode, list[Event]]:
    """First opening by the recipient; opening again changes nothing (no event)."""
    require_aware("now", now)
    _own(node, actor)
    if node.status != DispositionStatus.SENT:
        return node, []
    new = replace(node, status=DispositionStatus.READ, read_at=now)
    return new, [Event("disposition_read", node.letter_id, node.id, actor, {}, now)]


def report_done(node: DispositionNode, *, actor: str, report: str, now: datetime) -> tuple[DispositionNode, list[Event]]:
    """The recipient reports what was done (laporan tindak lanjut); final."""
    require_aware("now", now)
    _own(node, actor)
    text = require_note(report, "laporan tindak lanjut")
    if node.status == DispositionStatus.DONE:
        raise InvalidTransition(f"Disposisi ini sudah dilaporkan selesai pada {node.done_at:%Y-%m-%d %H:%M} UTC")
    new = replace(node, status=DispositionStatus.DONE, report=text, done_at=now,
                  read_at=node.read_at or now)
    return new, [Event("disposition_done", node.letter_id, node.id, actor, {"report": text}, now)]


def overdue_dispositions(nodes: Sequence[DispositionNode], now: datetime) -> list[DispositionNode]:
    return [n for n in nodes if n.status != DispositionStatus.DONE and n.deadline is not None and n.deadline < now]


def tree(nodes: Sequence[DispositionNode]) -> list[TreeNode]:
    """Nested display structure, children by creation time; a node whose parent is missing becomes a root."""
    ids = {n.id for n in nodes}
    kids: dict[str | None, list[DispositionNode]] = {}
    for n in sorted(nodes, key=lambda n: (n.created_at, n.id)):
        kids.setdefault(n.parent_id if n.parent_id in ids else None, []).append(n)

    def build(n: DispositionNode, seen: frozenset[str]) -> TreeNode:
        # ``seen`` guards against a corrupt cycle in stored rows.
        children = tuple(build(c, seen | {c.id}) for c in kids.get(n.id, []) if c.id not in seen)
        return TreeNode(n, children)

    return [build(n, frozenset({n.id})) for n in kids.get(None, [])]
