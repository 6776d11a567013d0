"""Letters: draft, revise, submit, withdraw, comment, forward, overdue reminders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eoffice.app import commands as c
from eoffice.app.bus import Deps, handles
from eoffice.documents.body import parse_body_json
from eoffice.domain import BadInput, Classification, DocKind, Urgency
from eoffice.services import letters, queries, routing
from eoffice.store.uow import UnitOfWork


def with_event(kind: str, fields: Mapping[str, Any], event_date: Any, event_place: str | None) -> dict[str, Any]:
    """A berita acara's event day and place (the CLI's --event-date/--event-place) merged into
    fields["berita_acara"] over what the fields hold. *event_date*: a date or None."""
    if event_date is None and event_place is None:
        return dict(fields)
    if kind != DocKind.BERITA_ACARA.value:
        raise BadInput("--event-date dan --event-place hanya untuk berita acara (--kind berita_acara)")
    part = dict(fields.get("berita_acara") or {})
    if event_date is not None:
        part["tanggal"] = event_date.isoformat()
    if event_place is not None:
        part["tempat"] = event_place.strip()
    return {**fields, "berita_acara": part}


def draft_of(cmd: c.DraftLetter) -> letters.Draft:
    return letters.Draft(kind=DocKind(cmd.doc_kind), subject=cmd.subject, body=parse_body_json(cmd.body),
                         to=list(cmd.to), cc=list(cmd.cc), urgency=Urgency(cmd.urgency),
                         classification=Classification(cmd.classification),
                         kode_klasifikasi=cmd.kode_klasifikasi, fields=dict(cmd.fields))


def _attach(uow: UnitOfWork, deps: Deps, doc_id: str, files: Sequence[c.File]) -> None:
    for f in files:
        letters.attach(uow, deps.require_actor(), doc_id, f.name, f.data, max_bytes=deps.session.max_attachment)


@handles(c.DraftLetter)
def draft(cmd: c.DraftLetter, uow: UnitOfWork, deps: Deps) -> str:
    doc_id = letters.draft(uow, deps.require_actor(), draft_of(cmd))
    _attach(uow, deps, doc_id, cmd.files)
    return doc_id


@handles(c.ReviseLetter)
def revise(cmd: c.ReviseLetter, uow: UnitOfWork, deps: Deps) -> int:
    actor = deps.require_actor()
    fields = dict(cmd.fields) if cmd.fields is not None else None
    if cmd.event_date is not None or cmd.event_place is not None:
        doc = letters.get_document(uow, cmd.document_id)
        base = fields if fields is not None else dict(letters.current_version(uow, doc).fields)
        fields = with_event(doc.kind, base, cmd.event_date, cmd.event_place)
    body = parse_body_json(cmd.body) if cmd.body is not None else None
    head = letters.Head(to=cmd.to, cc=cmd.cc, urgency=cmd.urgency, classification=cmd.classification,
                        kode_klasifikasi=cmd.kode_klasifikasi)
    version = letters.revise(uow, actor, cmd.document_id, subject=cmd.subject, body=body, fields=fields, head=head)
    for sha256 in cmd.remove:
        letters.detach(uow, actor, cmd.document_id, sha256)
    _attach(uow, deps, cmd.document_id, cmd.files)
    return version


@handles(c.MarkLetterRead)
def mark_letter_read(cmd: c.MarkLetterRead, uow: UnitOfWork, deps: Deps) -> bool:
    from eoffice.services import mailbox

    return mailbox.mark_read(uow, deps.require_actor(), cmd.document_id)


@handles(c.SubmitLetter)
def submit(cmd: c.SubmitLetter, uow: UnitOfWork, deps: Deps) -> routing.Outcome:
    return queries.submit_checked(uow, deps.require_actor(), cmd.document_id, cmd.route)


@handles(c.WithdrawLetter)
def withdraw(cmd: c.WithdrawLetter, uow: UnitOfWork, deps: Deps) -> routing.Outcome:
    return routing.withdraw(uow, deps.require_actor(), cmd.document_id, note=cmd.note)


@handles(c.Comment)
def comment(cmd: c.Comment, uow: UnitOfWork, deps: Deps) -> None:
    routing.comment(uow, deps.require_actor(), cmd.document_id, cmd.text)


@handles(c.Forward)
def forward(cmd: c.Forward, uow: UnitOfWork, deps: Deps) -> routing.Outcome:
    return routing.forward(uow, deps.require_actor(), cmd.document_id, cmd.to)


@handles(c.RemindOverdue)
def remind_overdue(cmd: c.RemindOverdue, uow: UnitOfWork, deps: Deps) -> list[routing.InboxItem]:
    return routing.remind_overdue(uow, deps.require_actor())
