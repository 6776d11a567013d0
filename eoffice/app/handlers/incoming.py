"""Naskah masuk and disposisi: register, dispose, read, report done."""

from __future__ import annotations

from eoffice.app import commands as c
from eoffice.app.bus import Deps, handles
from eoffice.domain import Classification, Urgency, end_of_day
from eoffice.services import incoming
from eoffice.store.uow import UnitOfWork


@handles(c.RegisterIncoming)
def register(cmd: c.RegisterIncoming, uow: UnitOfWork, deps: Deps) -> str:
    data = incoming.Incoming(sender=cmd.sender, number=cmd.number, subject=cmd.subject,
                             letter_date=cmd.letter_date, addressed_to=cmd.addressed_to,
                             urgency=Urgency(cmd.urgency), classification=Classification(cmd.classification))
    return incoming.register(uow, deps.require_actor(), data, cmd.scan.name, cmd.scan.data,
                             max_bytes=deps.session.max_attachment)


@handles(c.Dispose)
def dispose(cmd: c.Dispose, uow: UnitOfWork, deps: Deps) -> list[str]:
    deadline = end_of_day(cmd.deadline) if cmd.deadline else None
    return incoming.dispose(uow, deps.require_actor(), cmd.document_id, to=list(cmd.to),
                            instructions=list(cmd.instructions), note=cmd.note, deadline=deadline)


@handles(c.ReportDone)
def report_done(cmd: c.ReportDone, uow: UnitOfWork, deps: Deps) -> None:
    incoming.report_done(uow, deps.require_actor(), cmd.document_id, cmd.report)


@handles(c.MarkRead)
def mark_read(cmd: c.MarkRead, uow: UnitOfWork, deps: Deps) -> None:
    incoming.mark_read(uow, deps.require_actor(), cmd.document_id)
