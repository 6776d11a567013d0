"""The desktop app's door: a Session with one typed method per screen need (the UI's ``Front`` protocol,
eoffice/ui/front.py). Reads run an ``eoffice.app.queries`` read model in one read transaction; writes build
a command and ``execute`` it, so every write the UI makes goes through its handler."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import yaml

from eoffice.app import commands as c
from eoffice.app import queries as q
from eoffice.app.session import Session, SyncStatus
from eoffice.documents.body import body_to_obj
from eoffice.domain import BadInput, EofficeError
from eoffice.services import incoming, letters, numbering, org, routing
from eoffice.services import queries as service_queries
from eoffice.services.auth import Actor
from eoffice.workflow.disposition import TreeNode
from eoffice.workflow.template import template_from_dict, template_to_dict

if TYPE_CHECKING:
    from eoffice.app.offline import OutboxItem
    from eoffice.services.signatures import Signed
    from eoffice.signing.keystore import Identity
    from eoffice.signing.verify import VerifyReport


QUIET = ("mark_read",)  # queued offline, but not a mark on the letter
DECIDING = ("decide", "sign_letter")  # the step is decided: the letter leaves the inbox
DECISION_ACTIONS = frozenset({"approve", "return", "reject", "sign"})


def draft_command(d: letters.Draft, files: Sequence[tuple[str, bytes]] = ()) -> c.DraftLetter:
    return c.DraftLetter(doc_kind=d.kind.value, subject=d.subject, body=body_to_obj(d.body), to=tuple(d.to),
                         cc=tuple(d.cc), urgency=d.urgency.value, classification=d.classification.value,
                         kode_klasifikasi=d.kode_klasifikasi, fields=dict(d.fields),
                         files=tuple(c.File(n, b) for n, b in files))


def parse_template_text(text: str) -> dict[str, Any]:
    """A route template typed or pasted as YAML/JSON, validated; as a mapping for ImportTemplate."""
    from eoffice.validate import load_yaml

    data = load_yaml(text, "Templat")
    if not isinstance(data, dict):
        raise BadInput("Templat harus berupa pemetaan (mapping)")
    return template_to_dict(template_from_dict(data))


class Desktop(Session):
    list_limit = service_queries.LIST_LIMIT
    # offline_commands None: every write a person may make (eoffice/app/offline.py QUEUEABLE) is queued offline

    def pending(self, actor: Actor) -> dict[str, str]:
        """Letters with a command of *actor*'s waiting in the outbox: document id -> command type (a letter
        only read offline is not marked)."""
        from eoffice.app.offline import pending_ids

        if self.cache is None or self.cache_login != actor.login:
            return {}
        return {d: t for d, t in pending_ids(self.cache, actor.login).items() if t not in QUIET}

    def attention(self, actor: Actor) -> list[OutboxItem]:
        """*actor*'s commands that need them ("Perlu perhatian"): rejected, or blocked waiting for their key."""
        from eoffice.app.offline import items
        from eoffice.sync.outbox import BLOCKED, REJECTED

        if not self._use_cache(actor.login, create=False):
            return []
        assert self.cache is not None
        return items(self.cache, actor.login, (REJECTED, BLOCKED))

    def queued_drafts(self, actor: Actor) -> list[dict[str, Any]]:
        """New letters *actor* made offline, not pushed yet (no id until then): subject, kind, urgency, when."""
        import json

        from eoffice.sync import outbox

        if self.cache is None or self.cache_login != actor.login:
            return []
        out = []
        for e in outbox.entries(self.cache, actor.login, (outbox.PENDING, outbox.BLOCKED)):
            if e.type == "draft_letter":
                p = json.loads(e.payload)["payload"]
                out.append({"subject": p["subject"], "kind": p["doc_kind"], "urgency": p["urgency"],
                            "claimed_at": e.claimed_at})
        return out

    def redo(self, actor: Actor, identity: Identity | None, action_id: str) -> Any:
        """"Ulangi": a blocked command goes back in the queue (its key now unlocked, for the next push); a
        rejected one is made again as a new command on the letter's current version (online: applied now, or
        refused with the reason; offline: queued), and the old one is set aside (discarded)."""
        import uuid

        from eoffice.sync import outbox

        cache = self.outbox(actor.login)
        entry = outbox.get(cache, action_id)
        if entry.status == outbox.BLOCKED:
            if identity is not None:
                self.unlocked[actor.login] = identity
            return outbox.retry(cache, entry.action_id)
        if entry.status != outbox.REJECTED:
            raise BadInput(f"Perintah ini berstatus {outbox.label(entry.status)}: tidak perlu diulang")
        command = dataclasses.replace(c.Command.from_json(entry.payload), action_id=uuid.uuid4())
        result = self.execute(command, actor=actor, identity=identity)
        outbox.discard(cache, entry.action_id)
        return result

    def discard(self, actor: Actor, action_id: str) -> None:
        """The person gives a command up (kept in the outbox as discarded, never pushed)."""
        from eoffice.sync import outbox

        outbox.discard(self.outbox(actor.login), action_id)

    # --- letters ---------------------------------------------------------------------------------

    def is_demo(self) -> bool:
        return self.read(q.is_demo)

    def inbox(self, actor: Actor) -> list[routing.InboxItem]:
        """The steps waiting for *actor*, less those they have decided offline (waiting in the outbox)."""
        items = self.read(lambda uow: routing.inbox(uow, actor))
        decided = self._decided(actor)
        return [i for i in items if i.document_id not in decided] if decided else items

    def _decided(self, actor: Actor) -> set[str]:
        return {d for d, t in self.pending(actor).items() if t in DECIDING}

    def counts(self, actor: Actor) -> dict[str, int]:
        decided = self._decided(actor)
        return self.read(lambda uow: q.counts(uow, actor, decided))

    def letter_list(self, actor: Actor, *, status: str | None = None, statuses: Collection[str] | None = None,
                    kind: str | None = None, direction: str | None = None, mine: bool = False,
                    after: service_queries.Cursor | None = None) -> list[service_queries.LetterRow]:
        """One page (list_limit rows, newest first); *after* = queries.cursor(last row) for the next."""
        return self.read(lambda uow: q.letter_list(uow, actor, limit=self.list_limit, status=status,
                                                   statuses=statuses, kind=kind, direction=direction, mine=mine,
                                                   after=after))

    def letter_count(self, actor: Actor, *, statuses: Collection[str] | None = None, mine: bool = False) -> int:
        return self.read(lambda uow: service_queries.count_letters(uow, actor, statuses=statuses, mine=mine))

    def search(self, actor: Actor, query: str, filters: q.Filters) -> list[service_queries.LetterRow]:
        return self.read(lambda uow: q.search(uow, actor, query, filters, limit=self.list_limit))

    def detail(self, actor: Actor, doc_id: str) -> dict[str, Any]:
        return self.read(lambda uow: q.detail(uow, actor, doc_id))

    def letter_view(self, actor: Actor, doc_id: str) -> q.LetterView:
        """The reading pane's letter; with a command of the actor's waiting on it, marked pending, and no
        second decision offered for a step they have decided offline."""
        view = self.read(lambda uow: q.letter_view(uow, actor, doc_id))
        self._keep(actor, view.pdf)
        waiting = self.pending(actor).get(view.info["id"])
        if waiting is None:
            return view
        if waiting in DECIDING:
            return dataclasses.replace(view, pending=waiting, my_step=None,
                                       allowed_actions=view.allowed_actions - DECISION_ACTIONS)
        return dataclasses.replace(view, pending=waiting)

    def _keep(self, actor: Actor, data: bytes) -> None:
        """A file just read online (a signed letter, a scan, an attachment) stays in the local cache, readable
        offline from now on (eoffice/sync/pull_files.py). Only a copy: a failure here costs nothing."""
        cache = self.cache
        if self.offline or cache is None or self.cache_login != actor.login:
            return
        from sqlalchemy.exc import SQLAlchemyError

        from eoffice.sync.pull_files import keep

        with contextlib.suppress(SQLAlchemyError):
            keep(cache, data)

    def display_pdf(self, pdf: bytes) -> bytes:
        """A copy of ``pdf`` for the app's viewer, with form values and signature appearances drawn in (QtPdf
        leaves them blank); never stored or exported."""
        from eoffice.documents.display import display_copy

        return display_copy(pdf)

    def pdf(self, actor: Actor, doc_id: str) -> tuple[bytes, bool]:
        """The signed PDF once signed, else a rendered preview."""
        return self.read(lambda uow: service_queries.export_pdf(uow, actor, doc_id))

    def history(self, actor: Actor, doc_id: str) -> list[dict[str, Any]]:
        return self.read(lambda uow: service_queries.history(uow, actor, doc_id))

    def decide(self, actor: Actor, identity: Identity | None, doc_id: str, decision: str, note: str = "",
               return_to: str | None = None, provider: Any = None) -> routing.Outcome:
        """*provider*: the actor's BSrE session when this approve puts a paraf through BSrE on the PDF."""
        out: routing.Outcome = self.execute(c.Decide(document_id=doc_id, decision=decision, note=note,
                                                     return_to=return_to), actor=actor, identity=identity,
                                            provider=provider)
        if provider is not None and isinstance(out, routing.Outcome):
            from eoffice.app.providers import paraf_settled

            paraf_settled(provider, out.document_id)
        return out

    def paraf_provider_for(self, actor: Actor, doc_id: str, passphrase: str) -> Any:
        """BSrE for the actor's paraf on *doc_id* when their step puts one on the PDF, else None."""
        from eoffice.app.providers import bsre_provider, paraf_by_bsre

        return bsre_provider(self, actor, passphrase) if paraf_by_bsre(self, actor, doc_id) else None

    def sign(self, actor: Actor, identity: Identity | None, doc_id: str, provider: Any = None) -> Signed:
        """One letter per transaction (batch signing loops over this). *provider*: BSrE (bsre_provider) or None
        for the local key *identity*."""
        signed = self.execute(c.SignLetter(document_id=doc_id), actor=actor, identity=identity, provider=provider)
        if provider is not None and hasattr(signed, "document_id") and hasattr(signed, "number"):
            provider.settled(signed.document_id)
        return signed  # type: ignore[no-any-return]

    _providers: tuple[str, str] | None = None

    def _org_providers(self) -> tuple[str, str]:
        """The organisation's (TTE, paraf) providers, read once per session: the window asks on the UI thread,
        warm_up reads them in a worker beforehand."""
        if self._providers is None:
            from eoffice.app.providers import provider_name
            from eoffice.services import settings

            self._providers = (provider_name(self), self.read(settings.paraf_provider))
        return self._providers

    def warm_up(self) -> None:
        super().warm_up()
        with contextlib.suppress(EofficeError):  # e.g. offline: read again when asked
            self._org_providers()

    def sign_provider(self) -> str:
        """The organisation's signing provider ('local' or 'bsre'; EOFFICE_SIGN_PROVIDER overrides it)."""
        return self._org_providers()[0]

    def paraf_provider(self) -> str:
        """Who makes the reviewers' paraf signatures on the PDF ('local' or 'bsre'; unknown offline: the
        decision is queued without one, and a BSrE paraf is refused when it is sent)."""
        try:
            return self._org_providers()[1]
        except EofficeError:
            return "local"

    def bsre_provider(self, actor: Actor, passphrase: str) -> Any:
        """BSrE for one batch: the service from the environment/keyring, the actor's NIK, *passphrase* in
        memory only. Checks the user's status at BSrE first."""
        from eoffice.app.providers import bsre_provider

        return bsre_provider(self, actor, passphrase)

    def stops_batch(self, error: BaseException) -> bool:
        """The error would repeat for every later letter (wrong passphrase, service down): stop the batch."""
        from eoffice.app.providers import stops_batch

        return stops_batch(error)

    def withdraw(self, actor: Actor, doc_id: str, note: str = "") -> routing.Outcome:
        return self.execute(c.WithdrawLetter(document_id=doc_id, note=note), actor=actor)  # type: ignore[no-any-return]

    # --- drafting --------------------------------------------------------------------------------

    def draft(self, actor: Actor, d: letters.Draft, files: Sequence[tuple[str, bytes]] = ()) -> str:
        return self.execute(draft_command(d, files), actor=actor)  # type: ignore[no-any-return]

    def revise(self, actor: Actor, doc_id: str, d: letters.Draft, files: Sequence[tuple[str, bytes]] = (),
               remove: Sequence[str] = (), *, head: letters.Head | None = None) -> int:
        """Saves a revision: the text, the head (addressees, sifat, kode: what *head* does not leave as None),
        new files and the attachments (by sha256) to drop, in one transaction."""
        head = head or letters.Head()
        cmd = c.ReviseLetter(document_id=doc_id, subject=d.subject, body=body_to_obj(d.body), fields=dict(d.fields),
                             files=tuple(c.File(n, b) for n, b in files), remove=tuple(remove),
                             to=None if head.to is None else tuple(head.to),
                             cc=None if head.cc is None else tuple(head.cc), urgency=head.urgency,
                             classification=head.classification, kode_klasifikasi=head.kode_klasifikasi)
        return self.execute(cmd, actor=actor)  # type: ignore[no-any-return]

    def attachment(self, actor: Actor, doc_id: str, sha256: str) -> tuple[str, str, bytes]:
        """(name, mime, content) of one attachment, to open it."""
        got = self.read(lambda uow: q.attachment_file(uow, actor, doc_id, sha256))
        self._keep(actor, got[2])
        return got

    def preview_draft(self, actor: Actor, d: letters.Draft) -> bytes:
        return self.read(lambda uow: q.preview_unsaved(uow, actor, d))

    def route_choices(self, actor: Actor, doc_id: str) -> list[str]:
        return self.read(lambda uow: q.route_choices(uow, actor, doc_id))

    def submit(self, actor: Actor, doc_id: str, route: str | None) -> routing.Outcome:
        return self.execute(c.SubmitLetter(document_id=doc_id, route=route), actor=actor)  # type: ignore[no-any-return]

    def addressed_signer(self, actor: Actor, doc_id: str, route: str | None) -> str:
        return self.read(lambda uow: q.addressed_signer(uow, actor, doc_id, route))

    def version_texts(self, actor: Actor, doc_id: str) -> list[tuple[int, str]]:
        return self.read(lambda uow: q.version_texts(uow, actor, doc_id))

    def classification_codes(self) -> list[tuple[str, str]]:
        return self.read(q.classification_codes)

    # --- incoming + disposisi --------------------------------------------------------------------

    def register_incoming(self, actor: Actor, data: incoming.Incoming, name: str, pdf: bytes) -> str:
        cmd = c.RegisterIncoming(sender=data.sender, number=data.number, subject=data.subject,
                                 letter_date=data.letter_date, addressed_to=data.addressed_to,
                                 urgency=data.urgency.value, classification=data.classification.value,
                                 scan=c.File(name, pdf))
        return self.execute(cmd, actor=actor)  # type: ignore[no-any-return]

    def dispose(self, actor: Actor, doc_id: str, to: Sequence[str], instructions: Sequence[str], note: str = "",
                deadline: dt.date | None = None) -> list[str]:
        return self.execute(c.Dispose(document_id=doc_id, to=tuple(to), instructions=tuple(instructions),  # type: ignore[no-any-return]
                                      note=note, deadline=deadline), actor=actor)

    def disposition_tree(self, actor: Actor, doc_id: str) -> list[TreeNode]:
        return self.read(lambda uow: q.named_tree(uow, actor, doc_id))

    def report_done(self, actor: Actor, doc_id: str, report: str) -> None:
        self.execute(c.ReportDone(document_id=doc_id, report=report), actor=actor)

    def disposition_sheet(self, actor: Actor, doc_id: str) -> bytes:
        return self.read(lambda uow: q.sheet(uow, actor, doc_id))

    def comment(self, actor: Actor, doc_id: str, text: str) -> None:
        self.execute(c.Comment(document_id=doc_id, text=text), actor=actor)

    def mark_read(self, actor: Actor, doc_id: str) -> None:
        self.execute(c.MarkRead(document_id=doc_id), actor=actor)

    def signed_in(self, actor: Actor) -> str:
        return self.read(lambda uow: q.signed_in(uow, actor))

    def can_register(self, actor: Actor) -> bool:
        return self.read(lambda uow: q.can_register(uow, actor))

    def delivered(self, actor: Actor) -> list[Any]:
        """Dispatched letters addressed to the actor or their unit, with whether the actor has read each."""
        return self.read(lambda uow: q.delivered(uow, actor))

    def mark_letter_read(self, actor: Actor, doc_id: str) -> bool:
        """Notes that the actor opened a letter delivered to them (once); True when that was news."""
        if self.offline or not self.read(lambda uow: q.is_unread(uow, actor, doc_id)):
            return False  # most opens: no write transaction (and none while offline)
        return bool(self.execute(c.MarkLetterRead(document_id=doc_id), actor=actor))

    def dispositions(self, actor: Actor) -> list[dict[str, Any]]:
        return self.read(lambda uow: q.dispositions(uow, actor))

    def subordinates(self, actor: Actor) -> list[q.Person]:
        return self.read(lambda uow: q.subordinates(uow, actor))

    def holders(self, actor: Actor, doc_ids: Collection[str]) -> dict[str, str]:
        return self.read(lambda uow: q.holders(uow, actor, doc_ids))

    def jabatan(self) -> list[q.Person]:
        return self.read(q.jabatan)

    def leaders(self) -> list[tuple[str, str]]:
        """(login, title) of people an incoming letter may be addressed to (services.incoming.may_receive)."""
        return self.read(incoming.leaders)

    # --- tracking, verification --------------------------------------------------------------------

    def dashboard(self, actor: Actor) -> dict[str, Any]:
        return self.read(lambda uow: q.dashboard(uow, actor))

    def verify(self, pdf: bytes) -> VerifyReport:
        from eoffice.services import signatures
        from eoffice.signing.verify import verify_pdf

        roots = self.trusted_roots()
        crls = self.read(signatures.crls)
        return verify_pdf(pdf, trust_roots=roots, crls=crls)

    # --- admin -----------------------------------------------------------------------------------

    def users(self) -> list[org.UserInfo]:
        return self.read(lambda uow: org.list_users(uow))

    def units(self) -> list[org.UnitInfo]:
        return self.read(org.list_units)

    def add_user(self, actor: Actor, *, login: str, nip: str, name: str, unit_code: str, password: str,
                 position_code: str | None = None, is_admin: bool = False) -> org.UserInfo:
        return self.execute(c.AddUser(login=login, nip=nip, name=name, unit_code=unit_code,  # type: ignore[no-any-return]
                                      position_code=position_code, is_admin=is_admin), actor=actor, secret=password)

    def edit_user(self, actor: Actor, login: str, **changes: str | bool | None) -> org.UserInfo:
        """Only the fields given change (c.EditUser); ``active=False`` also disables the PostgreSQL login role."""
        return self.execute(c.EditUser(login=login, **changes), actor=actor)  # type: ignore[arg-type,no-any-return]

    def set_password(self, actor: Actor, login: str, password: str) -> None:
        self.execute(c.SetPassword(login=login), actor=actor, secret=password)

    def add_unit(self, actor: Actor, *, code: str, name: str, kind: str, parent_code: str | None = None
                 ) -> org.UnitInfo:
        return self.execute(c.AddUnit(code=code, name=name, kind=kind, parent_code=parent_code), actor=actor)  # type: ignore[no-any-return]

    def positions(self) -> list[org.PositionInfo]:
        return self.read(org.list_positions)

    def add_position(self, actor: Actor, *, code: str, title: str, unit_code: str, parent_code: str | None = None,
                     roles: Sequence[str] = ()) -> org.PositionInfo:
        return self.execute(c.AddPosition(code=code, title=title, unit_code=unit_code, parent_code=parent_code,  # type: ignore[no-any-return]
                                          roles=tuple(roles)), actor=actor)

    def number_formats(self) -> list[numbering.FormatInfo]:
        return self.read(numbering.list_formats)

    def set_number_format(self, actor: Actor, pattern: str, *, unit_code: str | None = None,
                          kind: str | None = None) -> None:
        self.execute(c.SetNumberFormat(pattern=pattern, unit_code=unit_code, doc_kind=kind), actor=actor)

    def templates(self) -> list[dict[str, Any]]:
        return self.read(q.templates)

    def import_template(self, actor: Actor, text: str) -> tuple[str, int]:
        return self.execute(c.ImportTemplate(definition=parse_template_text(text)), actor=actor)  # type: ignore[no-any-return]

    def export_template(self, name: str) -> str:
        row = self.read(lambda uow: routing.get_template(uow, name))
        d = template_to_dict(template_from_dict(row.definition))
        return yaml.safe_dump(d, sort_keys=False, allow_unicode=True)

    def delegate(self, actor: Actor, to: str, capacity: str, starts: dt.date, ends: dt.date,
                 reason: str = "") -> dict[str, Any]:
        return self.execute(c.Delegate(to=to, capacity=capacity, starts=starts, ends=ends, reason=reason),  # type: ignore[no-any-return]
                            actor=actor)

    def issue_certificate(self, actor: Actor, ca_passphrase: str, who: str) -> str:
        return self.execute(c.IssueCertificate(login=who), actor=actor, secret=ca_passphrase)  # type: ignore[no-any-return]

    def revoke_certificate(self, actor: Actor, ca_passphrase: str, who: str, reason: str = "") -> str:
        return self.execute(c.RevokeCertificate(login=who, reason=reason), actor=actor, secret=ca_passphrase)  # type: ignore[no-any-return]

    def certificates(self) -> list[dict[str, Any]]:
        return self.read(q.certificates)

    def failed_logins(self, actor: Actor) -> list[dict[str, object]]:
        """The newest failed logins (admins): when, and whose account by name."""
        return self.read(lambda uow: q.failed_logins(uow, actor))


__all__ = ["Desktop", "EofficeError", "SyncStatus"]
