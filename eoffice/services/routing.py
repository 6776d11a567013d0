"""Route use cases: templates, submit, decide (paraf/approve/return/reject), resubmit, withdraw, inbox.

Each call loads the route with its row locked, asks the pure engine, writes back the difference and one
audit event, all in the caller's transaction. Two people deciding the same step at once: the second
waits on the lock, then sees the step decided and is told by whom and when.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from eoffice.domain import (
    KIND_LABELS,
    WITA,
    BadInput,
    DocKind,
    DocStatus,
    InvalidTransition,
    NotAuthorized,
    StageKind,
    StepAlreadyDecided,
    stage_words,
)
from eoffice.services import letters
from eoffice.services.access import conceal_hidden
from eoffice.services.auth import Actor, require_admin
from eoffice.services.resolve import OrgView, resolver
from eoffice.store.models import Document, Recipient, RouteTemplateRow, StepRow
from eoffice.store.plans import fixed
from eoffice.store.routes import Logins, load_for_action, load_route, save_route
from eoffice.store.uow import UnitOfWork
from eoffice.validate import check_text
from eoffice.workflow import engine
from eoffice.workflow.delegation import Delegation
from eoffice.workflow.events import Event
from eoffice.workflow.queries import doc_status
from eoffice.workflow.state import DECIDED, TERMINAL, Decision, Route, Step, StepStatus
from eoffice.workflow.template import RouteTemplate, template_from_dict, template_to_dict

MAX_NOTE = 4000  # a note on a route step, a comment


def new_id() -> str:
    return str(uuid.uuid4())


# --- templates --------------------------------------------------------------------------------------

def import_template(uow: UnitOfWork, actor: Actor | None, data: dict[str, Any], *, bootstrap: bool = False) -> int:
    """Store a template as a new version (a running document keeps the version it started with)."""
    if not bootstrap:
        require_admin(actor)
    t = template_from_dict(data)
    latest = uow.session.scalar(select(func.max(RouteTemplateRow.version)).where(RouteTemplateRow.name == t.name))
    existing = uow.session.scalars(select(RouteTemplateRow).where(
        RouteTemplateRow.name == t.name, RouteTemplateRow.version == latest)).first()
    if existing is not None and existing.definition == template_to_dict(_with_version(t, existing.version)):
        return existing.version  # unchanged: importing twice changes nothing
    version = max(t.version, (latest or 0) + 1)
    t = _with_version(t, version)
    for old in uow.session.scalars(select(RouteTemplateRow).where(RouteTemplateRow.name == t.name)):
        old.active = False
    row = RouteTemplateRow(name=t.name, version=version, doc_kind=t.doc_kind.value, unit_code=t.unit_code,
                           definition=template_to_dict(t), active=True, created_at=uow.now())
    uow.session.add(row)
    uow.flush()
    uow.audit("workflow.import", actor_id=actor.user_id if actor else None,
              data={"name": t.name, "version": version})
    return version


def _with_version(t: RouteTemplate, version: int) -> RouteTemplate:
    from dataclasses import replace

    return replace(t, version=version)


def list_templates(uow: UnitOfWork, *, all_versions: bool = False) -> list[RouteTemplateRow]:
    q = select(RouteTemplateRow).order_by(RouteTemplateRow.name, RouteTemplateRow.version)
    if not all_versions:
        q = q.where(RouteTemplateRow.active.is_(True))
    return list(uow.session.scalars(q))


def get_template(uow: UnitOfWork, name: str, version: int | None = None) -> RouteTemplateRow:
    q = select(RouteTemplateRow).where(RouteTemplateRow.name == name)
    q = q.where(RouteTemplateRow.version == version) if version else q.where(RouteTemplateRow.active.is_(True))
    row = uow.session.scalars(q).first()
    if row is None:
        raise BadInput(f"Templat rute tidak dikenal: {name}")
    return row


def templates_for(uow: UnitOfWork, doc: Document) -> list[RouteTemplateRow]:
    """Active templates for the document's kind, the most specific unit first (unit-less = any unit)."""
    org = OrgView(uow)
    chain = [org.unit_code[u] for u in org.unit_chain(doc.unit_id)]
    rows = [r for r in list_templates(uow) if r.doc_kind == doc.kind and (r.unit_code is None or r.unit_code in chain)]
    return sorted(rows, key=lambda r: chain.index(r.unit_code) if r.unit_code else len(chain))


# --- delegations ------------------------------------------------------------------------------------

def _load_locked(uow: UnitOfWork, doc: Document, actor: Actor, logins: Logins
                 ) -> tuple[Route | None, list[Delegation], datetime]:
    """The document's route with its row locked, the actor's delegations and the record time: two queries."""
    loaded = load_for_action(uow.session, doc.id, logins, lock=True, actor=(actor.user_id, actor.login))
    uow.remember_now(loaded.now)
    return loaded.route, loaded.delegations, uow.now()


# --- route actions ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    document_id: str
    status: str
    step_id: str | None = None
    stage: str | None = None
    number: str | None = None
    replayed: bool = False  # the same action_id was applied before: nothing changed now
    warning: str = ""  # submitted, but something a Tata Naskah reader would question (e.g. self-addressed)


def _fields(uow: UnitOfWork, doc: Document) -> dict[str, str]:
    return {"kind": doc.kind, "classification": doc.classification, "urgency": doc.urgency,
            "unit": uow.units.get(doc.unit_id).code}


def _event_data(events: Sequence[Event]) -> list[dict[str, Any]]:
    return [{"type": e.type, "step": e.step_id, **{k: v for k, v in e.data.items() if v is not None}}
            for e in events]


def _apply(uow: UnitOfWork, doc: Document, old: Route | None, new: Route, events: Sequence[Event], logins: Logins,
           actor: Actor, action: str, *, template_id: int | None = None,
           decision_extra: dict[str, dict[str, Any]] | None = None, signature: str | None = None) -> None:
    save_route(uow.session, old, new, logins, template_id=template_id, decision_extra=decision_extra,
               defer=uow.defer)
    letters.set_status(uow, doc, doc_status(new).value)
    uow.audit(action, actor_id=actor.user_id, document_id=doc.id, data={"events": _event_data(events)},
              signature=signature)


@conceal_hidden
def submit(uow: UnitOfWork, actor: Actor, document_id: str, *, template_name: str | None = None) -> Outcome:
    doc = letters.get_document(uow, document_id)
    if doc.created_by != actor.user_id:
        raise NotAuthorized("Hanya pembuat naskah yang dapat mengajukannya")
    logins = Logins(uow.session)
    loaded = load_for_action(uow.session, doc.id, logins, lock=True)
    uow.remember_now(loaded.now)
    old = loaded.route
    if old is not None:
        if doc.status != DocStatus.RETURNED.value:
            raise InvalidTransition(f"Naskah sudah diajukan (status: {letters.status_words(doc)})")
        with people_named(uow, old, actor.login):
            new, events = engine.resubmit(old, actor=actor.login, now=uow.now(), new_id=new_id)
        _apply(uow, doc, old, new, events, logins, actor, "route.resubmit")
        return Outcome(doc.id, doc.status)
    if doc.status != DocStatus.DRAFT.value:
        raise InvalidTransition(f"Naskah berstatus {letters.status_words(doc)} tidak dapat diajukan")
    row, new, events = _start(uow, actor.login, doc, template_name)
    warning = self_addressed(uow, doc, new)
    _apply(uow, doc, None, new, events, logins, actor, "route.submit", template_id=row.id)
    return Outcome(doc.id, doc.status, warning=warning)


def _start(uow: UnitOfWork, drafter: str, doc: Document, template_name: str | None
           ) -> tuple[RouteTemplateRow, Route, list[Event]]:
    """The route a draft of *drafter* (a login) would start on (the pure engine's answer; nothing written)."""
    if template_name:
        row = get_template(uow, template_name)
        if row.doc_kind != doc.kind:
            raise BadInput(f"Templat {row.name} untuk {KIND_LABELS[DocKind(row.doc_kind)]}, "
                           f"bukan {KIND_LABELS[DocKind(doc.kind)]}")
    else:
        candidates = templates_for(uow, doc)
        if not candidates:
            raise BadInput(f"Belum ada templat rute untuk {KIND_LABELS[DocKind(doc.kind)]}: "
                           "minta admin mengimpor satu")
        row = candidates[0]
    template = template_from_dict(row.definition)
    resolve = resolver(OrgView(uow), doc.unit_id)
    new, events = engine.start_route(template, _fields(uow, doc), resolve, document_id=doc.id,
                                     drafter=drafter, now=uow.now(), new_id=new_id)
    return row, new, list(events)


def default_route(uow: UnitOfWork, doc: Document) -> Route | None:
    """The route a draft would start on when submitted with no template chosen (nothing written): whom its
    preview names as signer ("Dari", the signature block). None when no template fits, a stage names no one
    (submitting says why), or the last TTE stage of a letter other than a berita acara falls to several people
    (which of them signs is not guessed)."""
    try:
        route = _start(uow, uow.users.get(doc.created_by).login, doc, None)[1]
    except BadInput:
        return None
    orders = [s.order for s in route.steps if s.kind == StageKind.SIGN]
    if doc.kind != DocKind.BERITA_ACARA.value and orders.count(max(orders, default=0)) > 1:
        return None
    return route


def addressed_signer(uow: UnitOfWork, actor: Actor, document_id: str, *, template_name: str | None = None) -> str:
    """Asked before submitting (the editor's submit dialog): the jabatan of the official who would sign the letter
    when it is addressed to him, else ""."""
    doc = letters.get_document(uow, document_id)
    route = load_route(uow.session, doc.id, Logins(uow.session), lock=False)
    if route is None:
        route = _start(uow, actor.login, doc, template_name)[1]
    return _signer_addressed(uow, doc, route)


def self_addressed(uow: UnitOfWork, doc: Document, route: Route) -> str:
    """A letter is not addressed to the official who signs it (a nota dinas from the Kepala Dinas to
    himself): the warning to show, or "". A warning, not a refusal: the drafter may mean the route to change
    (another signer) or the addressee, and a returned letter can be fixed (docs/tata-naskah.md, rule 2)."""
    title = _signer_addressed(uow, doc, route)
    return f"Naskah ditujukan kepada penandatangannya sendiri ({title}): periksa tujuannya" if title else ""


def _signer_addressed(uow: UnitOfWork, doc: Document, route: Route) -> str:
    sign = [s for s in route.steps if s.kind == StageKind.SIGN]
    if not sign:
        return ""
    signer = uow.users.find(sign[-1].assignee)
    to = uow.session.scalars(select(Recipient.user_id).where(Recipient.document_id == doc.id,
                                                             Recipient.role == "to")).all()
    if signer is not None and signer.id in to:
        return uow.positions.get(signer.position_id).title if signer.position_id else signer.name
    return ""


def my_step(route: Route, actor: Actor, delegations: Sequence[Delegation], now: datetime,
            kinds: set[StageKind] | None = None) -> Step:
    """The step the actor may decide now; if there is none, the engine's own reason why not."""
    mine = [s for s in engine_steps_for(route, actor.login, delegations, now) if kinds is None or s.kind in kinds]
    if mine:
        return mine[0]
    people = {actor.login} | {d.delegator for d in delegations if d.delegate == actor.login and d.active_at(now)}
    theirs = [s for s in route.steps if s.assignee in people and s.round == route.round]
    decided = [s for s in theirs if s.status in DECIDED]
    if decided:
        engine.decide(route, decided[-1].id, actor=actor.login, decision=Decision.APPROVE, now=now,
                      delegations=delegations)  # raises StepAlreadyDecided naming who and when
    if theirs:
        raise InvalidTransition(f"Langkah Anda ('{theirs[0].stage_name}') belum dimulai atau sudah ditutup")
    raise NotAuthorized("Tidak ada langkah Anda pada naskah ini")


_UTC_TIME = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d) UTC")


def _wita(match: re.Match[str]) -> str:
    at = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    return at.astimezone(WITA).strftime("%d-%m-%Y %H:%M WITA")


@contextmanager
def people_named(uow: UnitOfWork, route: Route, *also: str) -> Iterator[None]:
    """The engine is pure and names people by login and stages by their template name; a refusal a person reads
    names them as "Name (Jabatan)", a stage in words ("Paraf Kepala Seksi", domain.stage_words), and its times
    in WITA. *also*: other logins it may name (the actor, who may be in no step)."""
    try:
        yield
    except (StepAlreadyDecided, NotAuthorized, InvalidTransition, BadInput) as exc:
        from eoffice.services.queries import people, people_names

        logins = {route.drafter, *also} | {x for s in route.steps for x in (s.assignee, s.decided_by, s.on_behalf_of) if x}
        names = people_names(uow, logins)
        message = str(exc)
        titles = {login: title for login, (_, title) in people(uow, {s.assignee for s in route.steps}).items()}
        for stage in {s.stage_name for s in route.steps}:  # quoted by the engine: 'paraf_kasi'
            steps = [s for s in route.steps if s.stage_name == stage]
            held = {titles.get(s.assignee) for s in steps}
            words = stage_words(steps[0].kind.value, held.pop() if len(held) == 1 else None)
            message = message.replace(f"'{stage}'", words)
        for login in sorted(names, key=len, reverse=True):  # kasi1.kominfo before kasi1
            pattern = rf"(?<![\w.-]){re.escape(login)}(?![\w-]|\.\w)"
            message = re.sub(pattern, names[login].replace("\\", r"\\"), message)
        message = _UTC_TIME.sub(_wita, message)
        raise type(exc)(message) from None


def engine_steps_for(route: Route, login: str, delegations: Sequence[Delegation], now: datetime) -> list[Step]:
    from eoffice.workflow.queries import steps_for

    return steps_for(route, login, delegations, now)


@conceal_hidden
def decide(uow: UnitOfWork, actor: Actor, document_id: str, decision: Decision, *, note: str = "",
           return_to: str | None = None, on_step: Callable[[Document, Route, Step], dict[str, Any]] | None = None,
           signing: bool = False) -> Outcome:
    """Decide the actor's pending step. ``on_step`` runs what belongs to the step (the signed statement,
    numbering, the PDF signature) inside the same transaction and returns the decision's extras."""
    note = check_text(note, "Catatan", max_len=MAX_NOTE)
    doc = letters.get_document(uow, document_id)
    logins = Logins(uow.session)
    route, delegations, now = _load_locked(uow, doc, actor, logins)
    if route is None:
        raise InvalidTransition(f"Naskah belum diajukan (status: {letters.status_words(doc)})")
    with people_named(uow, route, actor.login):
        step = my_step(route, actor, delegations, now, {StageKind.SIGN} if signing else None)
        if decision == Decision.APPROVE and step.kind == StageKind.SIGN and not signing:
            raise InvalidTransition("Langkah ini adalah tanda tangan elektronik: gunakan 'eoffice sign'")
        new, events = engine.decide(route, step.id, actor=actor.login, decision=decision, note=note, now=now,
                                    delegations=delegations, return_to=return_to)
    decided = new.step(step.id)
    assert decided is not None
    extra: dict[str, Any] = {"action_id": new_id()}
    if on_step is not None:
        extra |= on_step(doc, new, decided)
    if "version_hash" not in extra:
        extra["version_hash"] = letters.current_version_hash(uow, doc)
    _apply(uow, doc, route, new, events, logins, actor, f"route.{decision.value}",
           decision_extra={step.id: extra}, signature=extra.get("signature"))
    return Outcome(doc.id, doc.status, step.id, step.stage_name, doc.number)


@conceal_hidden
def withdraw(uow: UnitOfWork, actor: Actor, document_id: str, *, note: str = "") -> Outcome:
    note = check_text(note, "Catatan", max_len=MAX_NOTE)
    doc = letters.get_document(uow, document_id)
    logins = Logins(uow.session)
    loaded = load_for_action(uow.session, doc.id, logins, lock=True)
    uow.remember_now(loaded.now)
    route = loaded.route
    if route is None:
        if doc.created_by != actor.user_id:
            raise NotAuthorized("Hanya pembuat naskah yang dapat menariknya")
        doc.status = DocStatus.WITHDRAWN.value
        uow.audit("letter.withdraw", actor_id=actor.user_id, document_id=doc.id, data={"note": note})
        return Outcome(doc.id, doc.status)
    with people_named(uow, route, actor.login):
        new, events = engine.withdraw(route, actor=actor.login, now=uow.now(), note=note)
    _apply(uow, doc, route, new, events, logins, actor, "route.withdraw")
    return Outcome(doc.id, doc.status)


@conceal_hidden
def comment(uow: UnitOfWork, actor: Actor, document_id: str, text: str) -> None:
    text = check_text(text, "Komentar", max_len=MAX_NOTE)
    doc = letters.get_document(uow, document_id)
    logins = Logins(uow.session)
    route, delegations, now = _load_locked(uow, doc, actor, logins)
    if route is None:
        raise InvalidTransition("Naskah belum diajukan")
    with people_named(uow, route, actor.login):
        new, events = engine.comment(route, actor=actor.login, text=text, now=now, delegations=delegations)
    _apply(uow, doc, route, new, events, logins, actor, "route.comment")


def may_comment(uow: UnitOfWork, actor: Actor, document_id: str) -> bool:
    """What ``comment`` would allow now (the reading pane offers the comment box only then)."""
    loaded = load_for_action(uow.session, document_id, Logins(uow.session), lock=False,
                             actor=(actor.user_id, actor.login))
    route = loaded.route
    return (route is not None and route.status not in TERMINAL
            and engine.involved(route, actor.login, uow.now(), loaded.delegations))


def load(uow: UnitOfWork, document_id: str) -> Route | None:
    return load_route(uow.session, document_id, Logins(uow.session), lock=False)


# --- inbox ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class InboxItem:
    document_id: str
    subject: str
    kind: str
    urgency: str
    status: str
    stage: str
    stage_kind: str
    step_id: str
    due_at: datetime | None
    on_behalf_of: str | None
    drafter: str  # logins; a screen shows the *_name fields
    drafter_name: str = ""
    on_behalf_of_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


def _item(step: StepRow, doc: Document, logins: Logins, holder_id: int | None) -> InboxItem:
    return InboxItem(doc.id, doc.subject, doc.kind, doc.urgency, doc.status, step.stage_name, step.kind, step.id,
                     step.due_at, logins.login(holder_id) if holder_id is not None else None,
                     logins.login(doc.created_by))


def inbox(uow: UnitOfWork, actor: Actor, *, kinds: set[StageKind] | None = None,
          document_id: str | None = None) -> list[InboxItem]:
    """Pending steps of the actor and of those they currently stand in for (on *document_id* only)."""
    from eoffice.services.access import acting_for

    now = uow.now()
    people = acting_for(uow, actor, now)
    logins = Logins(uow.session)
    rows = uow.session.execute(
        select(StepRow, Document).join(Document, Document.id == StepRow.document_id)
        .where(StepRow.assignee_id.in_(people), StepRow.status == fixed(StepStatus.PENDING.value),
               *([StepRow.document_id == document_id] if document_id is not None else []))
        .order_by(StepRow.due_at)).all()
    logins.prime([d.created_by for _, d in rows] + [st.assignee_id for st, _ in rows])  # one query, not one a row
    items = []
    for step, doc in rows:
        if kinds is not None and StageKind(step.kind) not in kinds:
            continue
        items.append(_item(step, doc, logins, None if step.assignee_id == actor.user_id else step.assignee_id))
    from eoffice.services.queries import named

    return named(uow, items, ("drafter", "on_behalf_of"))


@conceal_hidden
def forward(uow: UnitOfWork, actor: Actor, document_id: str, new_reviewer: str) -> Outcome:
    """Add a reviewer to the actor's running stage (when the template allows forwarding)."""
    doc = letters.get_document(uow, document_id)
    logins = Logins(uow.session)
    route, delegations, now = _load_locked(uow, doc, actor, logins)
    if route is None:
        raise InvalidTransition("Naskah belum diajukan")
    reviewer = uow.users.by_login(new_reviewer)
    with people_named(uow, route, actor.login, reviewer.login):
        step = my_step(route, actor, delegations, now)
        new, events = engine.add_reviewer(route, step.id, actor=actor.login, new_assignee=reviewer.login, now=now,
                                          new_id=new_id, delegations=delegations)
    _apply(uow, doc, route, new, events, logins, actor, "route.forward")
    return Outcome(doc.id, doc.status, step.id, step.stage_name)


def overdue(uow: UnitOfWork, actor: Actor) -> list[InboxItem]:
    """Pending steps past their deadline on the letters the actor can see (leaders see their units')."""
    from eoffice.services.access import visible_clause

    logins = Logins(uow.session)
    rows = uow.session.execute(
        select(StepRow, Document).join(Document, Document.id == StepRow.document_id)
        .where(StepRow.status == StepStatus.PENDING.value, StepRow.due_at < uow.now(), visible_clause(uow, actor))
        .order_by(StepRow.due_at)).all()
    logins.prime([d.created_by for _, d in rows] + [st.assignee_id for st, _ in rows])
    from eoffice.services.queries import named

    return named(uow, [_item(step, doc, logins, step.assignee_id) for step, doc in rows], ("drafter", "on_behalf_of"))


REMIND_EVERY = timedelta(hours=24)


def remind_overdue(uow: UnitOfWork, actor: Actor) -> list[InboxItem]:
    """Leave a reminder note on each overdue step the actor can see (at most one a day per step); the
    assignee sees it with the letter, and the desktop app raises a notification for it."""
    from eoffice.store.models import RouteNote

    now = uow.now()
    reminded = []
    for item in overdue(uow, actor):
        last = uow.session.scalar(select(func.max(RouteNote.at)).where(
            RouteNote.step_id == item.step_id, RouteNote.kind == "reminder"))
        if last is not None and now - last < REMIND_EVERY:
            continue
        doc = letters.get_document(uow, item.document_id)
        round_no = uow.session.get(StepRow, item.step_id).round  # type: ignore[union-attr]
        due = item.due_at.strftime("%d-%m-%Y %H:%M UTC") if item.due_at else "-"
        uow.session.add(RouteNote(document_id=doc.id, step_id=item.step_id, author_id=actor.user_id, kind="reminder",
                                  text=f"Pengingat: tahap '{item.stage}' melewati batas waktu {due}",
                                  round=round_no, at=now))
        uow.audit("route.reminder", actor_id=actor.user_id, document_id=doc.id,
                  data={"step": item.step_id, "assignee": item.on_behalf_of})
        reminded.append(item)
    return reminded
