"""The read models the front doors show (cosmic python's "views"): each a function of a read-only unit of work
and the acting user, run by ``Session.read``. ``letter_view`` is the reading pane in one transaction, with the
actions the workflow engine allows, so no screen re-derives a rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from eoffice.documents.body import parse_body_json
from eoffice.documents.markdown import to_markdown
from eoffice.domain import BadInput, DocKind, NotCached
from eoffice.services import incoming, letters, queries, routing
from eoffice.services.access import visible_clause
from eoffice.services.auth import Actor

# The read use cases the front doors call as they are (each takes a unit of work and the actor).
from eoffice.services.incoming import sheet as sheet  # noqa: E402
from eoffice.services.incoming import tree_of as tree_of  # noqa: E402
from eoffice.services.org import list_positions as list_positions  # noqa: E402
from eoffice.services.org import list_units as list_units  # noqa: E402
from eoffice.services.org import list_users as list_users  # noqa: E402
from eoffice.services.queries import export_package as export_package  # noqa: E402
from eoffice.services.queries import export_pdf as export_pdf  # noqa: E402
from eoffice.services.queries import format_detail as format_detail  # noqa: E402
from eoffice.services.queries import history as history  # noqa: E402
from eoffice.services.queries import letter_detail as letter_detail  # noqa: E402
from eoffice.services.queries import list_letters as list_letters  # noqa: E402
from eoffice.services.queries import people_names as people_names  # noqa: E402
from eoffice.services.queries import preview_pdf as preview_pdf  # noqa: E402
from eoffice.services.queries import version_diff as version_diff  # noqa: E402
from eoffice.services.resolve import OrgView
from eoffice.services.routing import get_template as get_template  # noqa: E402
from eoffice.services.routing import inbox as inbox  # noqa: E402
from eoffice.services.routing import list_templates as list_templates  # noqa: E402
from eoffice.services.routing import overdue as overdue  # noqa: E402
from eoffice.services.search import Filters as Filters  # noqa: E402
from eoffice.services.search import search as search  # noqa: E402
from eoffice.store.models import AuditEvent, Disposition, Document, DocumentVersion, StepRow, Unit, User
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.disposition import TreeNode
from eoffice.workflow.queries import allowed_actions


@dataclass(frozen=True)
class LetterView:
    """Everything the reading pane shows of one letter, read in one transaction."""

    info: dict[str, Any]  # services.queries.letter_detail + fields, body_markdown, editable
    pdf: bytes
    signed: bool
    my_step: routing.InboxItem | None  # the step the actor holds on it now
    history: list[dict[str, Any]]
    tree: list[TreeNode] = field(default_factory=list)  # the disposisi tree of an incoming letter
    disposition_status: str | None = None  # the actor's own disposisi on it: sent / read / done
    allowed_actions: frozenset[str] = frozenset()
    pending: str = ""  # the type of a command of the actor's on it waiting in the outbox (eoffice/app/desktop.py)
    file_missing: bool = False  # read offline, its file is not in the local cache (eoffice/sync/pull_files.py)

    @property
    def unread_disposition(self) -> bool:
        """A disposisi to the actor that they now see for the first time (the pane marks it read)."""
        return self.disposition_status == "sent"


def detail(uow: UnitOfWork, actor: Actor, doc_id: str) -> dict[str, Any]:
    info = queries.letter_detail(uow, actor, doc_id)
    doc = letters.get_document(uow, doc_id)
    version = letters.current_version(uow, doc)
    info["fields"] = letters.parts_of(version.fields)
    info["body_markdown"] = to_markdown(parse_body_json(version.body))
    info["editable"] = doc.created_by == actor.user_id and doc.status in letters.EDITABLE
    return info


def letter_view(uow: UnitOfWork, actor: Actor, doc_id: str) -> LetterView:
    doc = letters.visible_document(uow, actor, doc_id)  # held: each use case below finds it in the session
    doc_id = doc.id  # a short id resolved once
    info = detail(uow, actor, doc_id)
    missing = False
    try:
        pdf, signed = queries.export_pdf(uow, actor, doc_id)
    except NotCached:  # offline, an archive letter's file left on the server: the pane says so
        pdf, signed, missing = b"", bool(info["signed_pdf_sha256"]), True
    mine = next(iter(routing.inbox(uow, actor, document_id=doc_id)), None)
    tree: list[TreeNode] = []
    held: dict[str, Any] | None = None
    can_dispose = False
    if info["direction"] == "in":
        tree = named_tree(uow, actor, doc_id)
        held = next((d for d in dispositions(uow, actor) if d["id"] == doc_id), None)
        can_dispose = held is not None and bool(subordinates(uow, actor))
    status = held["status"] if held is not None else None
    actions = allowed_actions(stage_kind=mine.stage_kind if mine else None, editable=bool(info["editable"]),
                              drafter=info["drafter"] == actor.login, status=info["status"],
                              can_dispose=can_dispose, can_report=status in ("sent", "read"),
                              versions=int(info["version"]), signed=signed,
                              can_comment=routing.may_comment(uow, actor, doc_id), incoming=info["direction"] == "in")
    if missing:  # nothing to save, print or verify until the file is here
        actions -= {"export", "print", "verify"}
    return LetterView(info=info, pdf=pdf, signed=signed, my_step=mine, history=queries.history(uow, actor, doc_id),
                      tree=tree, disposition_status=status, allowed_actions=actions, file_missing=missing)


def signed_in(uow: UnitOfWork, actor: Actor) -> str:
    """The status bar's line for the signed-in person: "Name — Jabatan", the name alone without a post."""
    name, title = queries.people(uow, {actor.login}).get(actor.login, (actor.name, None))
    return f"{name} — {title}" if title else name


def named_tree(uow: UnitOfWork, actor: Actor, doc_id: str) -> list[TreeNode]:
    """The disposisi tree as a screen shows it: who sent and who received each, "Name (Jabatan)"."""
    roots = incoming.tree_of(uow, actor, doc_id)

    def walk(t: TreeNode) -> list[TreeNode]:
        return [t] + [n for c in t.children for n in walk(c)]

    names = queries.people_names(uow, {x for r in roots for t in walk(r) for x in (t.node.from_user, t.node.to_user)})

    def rename(t: TreeNode) -> TreeNode:
        n = t.node
        return TreeNode(dataclasses.replace(n, from_user=names.get(n.from_user, n.from_user),
                                            to_user=names.get(n.to_user, n.to_user)),
                        tuple(rename(c) for c in t.children))

    return [rename(t) for t in roots]


def holders(uow: UnitOfWork, actor: Actor, doc_ids: Collection[str]) -> dict[str, str]:
    """Who has each letter now (Pelacakan): the people of its pending steps, "Name (Jabatan)", for the letters
    the actor may see; a letter with no pending step is missing."""
    if not doc_ids:
        return {}
    rows = uow.session.execute(
        select(StepRow.document_id, User.login).join(User, User.id == StepRow.assignee_id)
        .where(StepRow.document_id.in_(list(doc_ids)), StepRow.status == "pending",
               StepRow.document_id.in_(select(Document.id).where(visible_clause(uow, actor))))
        .order_by(StepRow.document_id, StepRow.seq)).all()
    names = queries.people_names(uow, {login for _, login in rows})
    out: dict[str, list[str]] = {}
    for doc_id, login in rows:
        out.setdefault(doc_id, []).append(names.get(login, login))
    return {doc_id: ", ".join(dict.fromkeys(people)) for doc_id, people in out.items()}


def counts(uow: UnitOfWork, actor: Actor, decided: Collection[str] = ()) -> dict[str, int]:
    """The badges; *decided*: letters whose step the actor has decided offline (waiting in their outbox)."""
    items = [i for i in routing.inbox(uow, actor) if i.document_id not in decided]  # the badges and reminders
    out = queries.counts(uow, actor, items)
    out["disposisi"] = incoming.disposisi_count(uow, actor)
    out["reminders"] = reminder_count(uow, actor, items)
    return out


def letter_list(uow: UnitOfWork, actor: Actor, *, limit: int, status: str | None = None,
                statuses: Collection[str] | None = None, kind: str | None = None, direction: str | None = None,
                mine: bool = False, after: queries.Cursor | None = None) -> list[queries.LetterRow]:
    return queries.list_letters(uow, actor, status=status, statuses=statuses, kind=kind, direction=direction,
                                mine=mine, limit=limit, after=after)


def is_demo(uow: UnitOfWork) -> bool:
    return uow.session.scalars(select(AuditEvent.id).where(AuditEvent.action == "demo.seed").limit(1)).first() \
        is not None


def route_choices(uow: UnitOfWork, actor: Actor, doc_id: str) -> list[str]:
    doc = letters.visible_document(uow, actor, doc_id)
    return [t.name for t in routing.templates_for(uow, doc)]


def version_texts(uow: UnitOfWork, actor: Actor, doc_id: str) -> list[tuple[int, str]]:
    doc = letters.visible_document(uow, actor, doc_id)
    return [(v.version, letters.version_text(uow, doc, v)) for v in letters.versions(uow, doc)]


def classification_codes(uow: UnitOfWork) -> list[tuple[str, str]]:
    from eoffice.store.models import ClassificationCode

    return [(c.code, c.title) for c in uow.session.scalars(select(ClassificationCode).order_by(ClassificationCode.code))]


def dispositions(uow: UnitOfWork, actor: Actor) -> list[dict[str, Any]]:
    """Incoming letters of the actor: addressed to them and not yet disposed, disposed to them, or disposed
    by them (to follow up), newest first within each group."""
    out: list[dict[str, Any]] = [{"id": d.id, "subject": d.subject, "sender": d.sender, "urgency": d.urgency,
                                  "status": "baru", "from": d.sender, "deadline": None, "updated_at": d.updated_at}
                                 for d in incoming.incoming_for(uow, actor)]
    seen = {o["id"] for o in out}
    for d, n in incoming.my_dispositions(uow, actor):
        if d.id in seen:
            continue
        seen.add(d.id)
        out.append({"id": d.id, "subject": d.subject, "sender": d.sender, "urgency": d.urgency,
                    "status": n.status, "from": uow.users.get(n.from_user_id).name,
                    "deadline": n.deadline, "updated_at": n.created_at, "note": n.note,
                    "instructions": list(n.instructions.get("items", []))})
    mine = uow.session.execute(
        select(Document, Disposition).join(Disposition, Disposition.document_id == Document.id)
        .where(Disposition.from_user_id == actor.user_id).order_by(Disposition.created_at.desc())).all()
    for d, n in mine:
        if d.id not in seen:
            seen.add(d.id)
            out.append({"id": d.id, "subject": d.subject, "sender": d.sender, "urgency": d.urgency,
                        "status": "disposed", "from": d.sender, "deadline": n.deadline,
                        "updated_at": n.created_at, "note": n.note,
                        "instructions": list(n.instructions.get("items", []))})
    return out


@dataclass(frozen=True)
class Person:
    """Someone below the actor, for the disposisi picker: ``depth`` 1 is a direct subordinate, and the list is in
    tree order (each person right after their superior), so the picker can rebuild the organisation tree."""

    login: str
    name: str
    title: str
    depth: int
    unit: str = ""  # the unit's code and name, for the search ("kominfo" finds the Dinas Kominfo)


def subordinates(uow: UnitOfWork, actor: Actor) -> list[Person]:
    """The people below the actor, in organisation-tree order: direct subordinates first, each followed by theirs
    (a vacant position's people move up to the nearest holder)."""
    view = OrgView(uow)
    if actor.position_id is None:
        return []
    units = {u.id: f"{u.code} {u.name}" for u in uow.session.scalars(select(Unit))}
    children: dict[int | None, list[int]] = {}
    for p in sorted(view.positions.values(), key=lambda p: p.id):  # the order the admin set them up in
        children.setdefault(p.parent_id, []).append(p.id)
    holders: dict[int, list[User]] = {}
    for u in uow.session.scalars(select(User).where(User.active.is_(True), User.position_id.is_not(None))
                                 .order_by(User.name, User.id)):
        holders.setdefault(u.position_id or 0, []).append(u)
    out: list[Person] = []

    def walk(position_id: int, depth: int) -> None:
        for child in children.get(position_id, []):
            people = holders.get(child, [])
            pos = view.positions[child]
            out.extend(Person(u.login, u.name, pos.title, depth, units.get(pos.unit_id, "")) for u in people)
            walk(child, depth + 1 if people else depth)

    walk(actor.position_id, 1)
    return out


def jabatan(uow: UnitOfWork) -> list[Person]:
    """Every position of the organisation in tree order, for the addressee picker: a letter is addressed to a
    jabatan (``login`` carries the position code, ``name`` the holders as a hint; a vacant post has none)."""
    view = OrgView(uow)
    units = {u.id: f"{u.code} {u.name}" for u in uow.session.scalars(select(Unit))}
    children: dict[int | None, list[int]] = {}
    for p in sorted(view.positions.values(), key=lambda p: p.id):
        children.setdefault(p.parent_id, []).append(p.id)
    names: dict[int, list[str]] = {}
    for pid, name in uow.session.execute(select(User.position_id, User.name).where(
            User.active.is_(True), User.position_id.is_not(None)).order_by(User.name)):
        names.setdefault(pid or 0, []).append(name)
    out: list[Person] = []
    stack = [(pid, 1) for pid in reversed(children.get(None, []))]
    while stack:
        pid, depth = stack.pop()
        pos = view.positions[pid]
        out.append(Person(pos.code, ", ".join(names.get(pid, [])), pos.title, depth, units.get(pos.unit_id, "")))
        stack.extend((c, depth + 1) for c in reversed(children.get(pid, [])))
    return out


def addressed_signer(uow: UnitOfWork, actor: Actor, doc_id: str, route: str | None) -> str:
    """Before submitting: the jabatan of the official who would sign the letter when it is addressed to him."""
    letters.visible_document(uow, actor, doc_id)
    return routing.addressed_signer(uow, actor, doc_id, template_name=route)


def dashboard(uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    """Open items, overdue steps and the average turnaround (hours) per stage kind, over the letters the
    actor can see."""
    from eoffice.store.models import DecisionRow, StepRow

    now = uow.now()
    visible = select(Document.id).where(visible_clause(uow, actor))
    logins = dict(uow.session.execute(select(User.id, User.login)).all())
    names = queries.people_names(uow, set(logins.values()))
    titles = {login: title for login, (_, title) in queries.people(uow, set(logins.values())).items()}
    pending = uow.session.execute(
        select(StepRow, Document).join(Document, Document.id == StepRow.document_id)
        .where(StepRow.status == "pending", StepRow.document_id.in_(visible))
        .order_by(StepRow.due_at)).all()
    open_items = [{"id": d.id, "subject": d.subject, "stage": s.stage_name, "kind": s.kind,
                   "assignee": names.get(logins.get(s.assignee_id, ""), "-"), "due_at": s.due_at,
                   "title": titles.get(logins.get(s.assignee_id, "")),
                   "overdue": s.due_at is not None and _aware(s.due_at) < now} for s, d in pending]
    decided = uow.session.execute(
        select(StepRow.kind, StepRow.activated_at, DecisionRow.decided_at)
        .join(DecisionRow, DecisionRow.step_id == StepRow.id)
        .where(StepRow.document_id.in_(visible), StepRow.activated_at.is_not(None))).all()
    hours: dict[str, list[float]] = {}
    for kind, started, ended in decided:
        if started is None:
            continue
        hours.setdefault(kind, []).append((_aware(ended) - _aware(started)).total_seconds() / 3600)
    turnaround = {k: sum(v) / len(v) for k, v in hours.items()}
    return {"open": open_items, "overdue": sum(1 for i in open_items if i["overdue"]),
            "turnaround": turnaround, "decided": {k: len(v) for k, v in hours.items()}}


def templates(uow: UnitOfWork) -> list[dict[str, Any]]:
    return [{"name": r.name, "version": r.version, "doc_kind": r.doc_kind, "unit": r.unit_code,
             "definition": r.definition} for r in routing.list_templates(uow)]


def certificates(uow: UnitOfWork) -> list[dict[str, Any]]:
    from eoffice.store.models import CertificateRow

    logins = dict(uow.session.execute(select(User.id, User.login)).all())
    return [{"login": logins.get(r.user_id or -1, "-"), "purpose": r.purpose,
             "fingerprint": r.fingerprint, "revoked": r.revoked_at is not None, "not_after": r.not_after}
            for r in uow.session.scalars(select(CertificateRow).order_by(CertificateRow.id))]


def reminder_count(uow: UnitOfWork, actor: Actor, items: list[routing.InboxItem] | None = None) -> int:
    """Reminder notes ('eoffice overdue --remind') on the steps the actor holds now: the app notifies when
    this grows."""
    from eoffice.store.models import RouteNote
    from eoffice.store.plans import fixed

    steps = [i.step_id for i in (routing.inbox(uow, actor) if items is None else items)]
    if not steps:
        return 0
    return len(uow.session.scalars(select(RouteNote.id).where(RouteNote.kind == fixed("reminder"),
                                                              RouteNote.step_id.in_(steps))).all())


def _aware(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC


def preview_unsaved(uow: UnitOfWork, actor: Actor, d: letters.Draft) -> bytes:
    """Render a letter that is not saved yet (the editor's live preview). Nothing is written."""
    if d.kind == DocKind.NASKAH_MASUK:
        raise BadInput("Naskah masuk tidak dibuat sebagai draf")
    doc = Document(id=str(uuid.uuid4()), direction="out", kind=d.kind.value, subject=" ".join(d.subject.split()),
                   urgency=d.urgency.value, classification=d.classification.value, kode_klasifikasi="",
                   status="draft", unit_id=actor.unit_id, created_by=actor.user_id, current_version=1)
    from eoffice.documents.body import body_to_obj
    from eoffice.documents.body_limits import check_renderable
    from eoffice.documents.render import render_letter
    from eoffice.services import compose  # ReportLab: loaded by warm_up() after the window is shown

    version = DocumentVersion(document_id=doc.id, version=1, body=body_to_obj(check_renderable(d.body)),
                              fields=dict(d.fields))
    data = compose.letter_data(uow, doc, version, routing.default_route(uow, doc))  # signed as submitting would
    to, cc = letters.printed(uow, d.to, d.cc)  # as saving would print them: jabatan, never a name or a code
    data = dataclasses.replace(data, recipients=tuple(to), tembusan=tuple(cc))
    return render_letter(data).pdf


def trust_roots(uow: UnitOfWork) -> list[Any]:
    """The organisation's root CA certificates (x509) published in the database."""
    from eoffice.services import signatures  # pyHanko: only the verbs that verify need it

    return signatures.trust_roots(uow)


def crls(uow: UnitOfWork) -> list[bytes]:
    from eoffice.services import signatures

    return signatures.crls(uow)


def audit_check(uow: UnitOfWork, home: Any, *, identity: Any = None, login: str = "",
                tsa_url: str | None = None) -> dict[str, Any]:
    """`eoffice audit verify`: the hash chain (against every checkpoint this profile knows), every signed
    statement and every blob; with *identity*, the new checkpoint is signed."""
    from eoffice.services import audit

    return audit.verify(uow, home, identity=identity, login=login, tsa_url=tsa_url)


def pinned_roots(uow: UnitOfWork, home: Any) -> list[Any]:
    """The roots pinned in the profile; on first use the database's announced root, pinned now
    (services/trust.py)."""
    from eoffice.services import trust

    return trust.roots(uow, home)


def record_checkpoint(uow: UnitOfWork, home: Any, login: str) -> Any:
    """The audit head this client saw, kept in its profile (services/checkpoints.py)."""
    from eoffice.services.checkpoints import record_checkpoint as record

    return record(uow, home, login=login)


def failed_logins(uow: UnitOfWork, actor: Actor) -> list[dict[str, object]]:
    """The newest failed logins, in plain words (admins only): "at", "user" (the account's name) and "known"
    (False: the name typed is no one's; the screen says so in its own language)."""
    from eoffice.services import auth

    auth.require_admin(actor)
    return [{**row, "known": row["user"] != auth.UNKNOWN_LOGIN} for row in auth.failed_logins(uow)]


def holiday_list(uow: UnitOfWork, year: int | None = None) -> list[Any]:
    """The holiday calendar (services/holidays.py), oldest first; one year's with *year*."""
    from eoffice.services import holidays

    return list(holidays.listing(uow, year))


def signed_pdf(uow: UnitOfWork, actor: Actor, ref: str) -> bytes:
    """The signed PDF of the letter *ref* (an id or its prefix, as a QR code gives it), if *actor* may see it."""
    from eoffice.services import letters
    from eoffice.services.blobs import get_blob

    doc = letters.visible_document(uow, actor, ref)
    if not doc.signed_pdf_sha256:
        raise BadInput(f"Naskah {ref[:8]} belum ditandatangani")
    return get_blob(uow, doc.signed_pdf_sha256)


def settings_list(uow: UnitOfWork) -> list[tuple[str, str, str]]:
    """The organisation's settings: (key, value, what it is)."""
    from eoffice.services import settings

    values = settings.all_settings(uow)
    return [(k, v, settings.KEYS[k]) for k, v in values.items()]


def attachment_file(uow: UnitOfWork, actor: Actor, doc_id: str, sha256: str) -> tuple[str, str, bytes]:
    """(name, mime, content) of one attachment of a letter the actor may see."""
    from eoffice.services import letters

    return letters.attachment_file(uow, actor, doc_id, sha256)


def can_register(uow: UnitOfWork, actor: Actor) -> bool:
    """Whether the actor may register incoming letters (the agenda / TU roles)."""
    from eoffice.services import incoming

    return incoming.can_register(uow, actor)


def delivered(uow: UnitOfWork, actor: Actor) -> list[Any]:
    from eoffice.services import mailbox

    return list(mailbox.delivered(uow, actor))


def is_unread(uow: UnitOfWork, actor: Actor, doc_id: str) -> bool:
    from eoffice.services import mailbox

    return bool(mailbox.is_unread(uow, actor, doc_id))
