"""The desktop app's one door into the core: each method runs one use case in its own UnitOfWork and commits.

No Qt here. Each call opens a fresh UnitOfWork (its own Session), so the UI may call methods from any worker
thread. The calls mirror the CLI verbs (eoffice/cli/*.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from eoffice.documents.body import parse_body_json
from eoffice.documents.markdown import to_markdown
from eoffice.domain import BadInput, DocKind, EofficeError, Unavailable
from eoffice.services import delegation, incoming, letters, mailbox, numbering, org, queries, routing
from eoffice.services.access import visible_clause
from eoffice.services.auth import Actor, actor_of, authenticate, login
from eoffice.services.resolve import OrgView
from eoffice.signing.tsa import tsa_url
from eoffice.store.db import check_connection, describe, first_line, make_engine
from eoffice.store.models import AuditEvent, Disposition, Document, DocumentVersion, User
from eoffice.store.schema import HEAD, schema_state
from eoffice.store.uow import UnitOfWork, run_in_transaction
from eoffice.workflow.disposition import TreeNode
from eoffice.workflow.state import Decision
from eoffice.workflow.template import template_from_dict, template_to_dict

if TYPE_CHECKING:  # signing pulls in pyHanko (~0.5 s of imports): loaded on first use, or by warm_up()
    from eoffice.services.signatures import Signed
    from eoffice.signing.keystore import Identity
    from eoffice.signing.verify import VerifyReport

T = TypeVar("T")
HEAVY = ("eoffice.services.signatures", "eoffice.services.audit", "eoffice.signing.verify",
         "eoffice.signing.passphrase", "eoffice.documents.render", "eoffice.services.compose")

DECISIONS = {"approve": Decision.APPROVE, "return": Decision.RETURN, "reject": Decision.REJECT}
WITA = dt.timezone(dt.timedelta(hours=8))


@dataclasses.dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows about sync: the last pull into the local cache, and whether reads come from
    it because the database does not answer. Nothing is pending until the outbox exists."""

    pending: int = 0
    last_sync: dt.datetime | None = None
    online: bool = True


class Backend:
    list_limit = queries.LIST_LIMIT  # letter lists stop at the newest this many
    def __init__(self, url: str, home: Path, *, max_attachment: int = 50 * 1024 * 1024) -> None:
        self.url = url
        self.home = home
        self.max_attachment = max_attachment
        self.engine = make_engine(url)  # BadInput on a malformed URL; no connection yet
        self.tsa_url = tsa_url()  # RFC 3161 service for paraf and TTE signatures (B-T), if the office has one
        self.cache: Engine | None = None  # the signed-in user's local cache (eoffice.sync.mirror), once opened
        self.cache_login = ""  # whose cache it is
        self.offline = False  # the database did not answer: reads come from the cache until it does again
        self._cache_lock = threading.Lock()
        self._prefetch_lock = threading.Lock()
        self._prefetched: tuple[str, float, User, Any] | None = None  # login, when, user row, first screen

    # --- plumbing ---------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        """The database, never with its password."""
        return describe(self.engine)

    def ping(self) -> None:
        """Raises Unavailable when the database cannot be reached, BadInput when its schema is not this
        version's (the same check every CLI command makes)."""
        check_connection(self.engine)
        self.offline = False  # it answers again: reads go back to it
        state = schema_state(self.engine)
        if state != HEAD:
            raise BadInput(f"Skema database {state or 'belum ada'}, versi ini memerlukan {HEAD}: "
                           "jalankan 'eoffice init'")

    def run(self, use_case: Callable[[UnitOfWork], T], *, read_only: bool = False) -> T:
        if read_only and self.offline and self.cache is not None:
            return run_in_transaction(self.cache, use_case, read_only=True)
        try:
            return run_in_transaction(self.engine, use_case, read_only=read_only)
        except (OperationalError, Unavailable) as exc:  # the network went away: a message, not a crash
            if read_only and self.cache is not None:  # reads go on from the local cache
                self.offline = True
                return run_in_transaction(self.cache, use_case, read_only=True)
            if isinstance(exc, Unavailable):
                raise
            raise Unavailable(f"Database tidak dapat dihubungi ({self.label}): {first_line(exc)}") from exc

    def read(self, use_case: Callable[[UnitOfWork], T]) -> T:
        """A use case that only reads: no write lock, so it never waits behind (or holds up) a writer. When the
        database does not answer and the user has a local cache, from the cache (``offline``)."""
        return self.run(use_case, read_only=True)

    def close(self) -> None:
        self.engine.dispose()
        if self.cache is not None:
            self.cache.dispose()

    # --- the local cache (DESIGN.md "Local cache and sync") ------------------------------------------

    def sync(self, actor: Actor) -> SyncStatus:
        """Pull the change feed into *actor*'s local cache (opened, and made on first use, here). Call from a
        worker thread: the first pull copies every letter the user may see."""
        from eoffice.sync.mirror import pull

        with self._cache_lock:  # one pull at a time (the heartbeat and a manual refresh may overlap)
            self._use_cache(actor.login, create=True)
            assert self.cache is not None
            try:
                pull(self.engine, self.cache, actor, self.label)
            except OperationalError as exc:
                self.offline = True
                raise Unavailable(f"Database tidak dapat dihubungi ({self.label}): {first_line(exc)}") from exc
            self.offline = False
        return self.sync_status()

    def _use_cache(self, login: str, *, create: bool) -> bool:
        """Make *login*'s local cache the one reads fall back to (made when *create*; else only if this machine
        has one). A cache holds what its user may see: never another user's."""
        from eoffice.sync.mirror import cache_path, open_cache

        if self.cache is not None and self.cache_login == login:
            return True
        path = cache_path(self.home, login)
        if not create and not path.exists():
            return False
        if self.cache is not None:
            self.cache.dispose()
        self.cache, self.cache_login = open_cache(path), login
        return True

    def is_demo(self) -> bool:
        return self.read(lambda uow: uow.session.scalars(
            select(AuditEvent.id).where(AuditEvent.action == "demo.seed").limit(1)).first() is not None)

    def warm_up(self) -> None:
        """Import the signing stack ahead of the first approval or signature (call from a worker thread)."""
        import importlib

        for name in HEAVY:
            importlib.import_module(name)

    def sync_status(self) -> SyncStatus:
        if self.cache is None:
            return SyncStatus(online=not self.offline)
        from eoffice.sync.mirror import state

        pulled = state(self.cache).get("pulled_at")
        return SyncStatus(last_sync=dt.datetime.fromisoformat(pulled) if pulled else None, online=not self.offline)

    # --- who -------------------------------------------------------------------------------------

    def login(self, who: str, password: str) -> Actor:
        return self.read(lambda uow: login(uow, who, password))

    PREFETCH_TTL = 30.0  # seconds a prefetched user row and first screen may wait for the password

    def prefetch(self, who: str, load: Callable[[Actor], Any]) -> None:
        """While the person types the password: the user row and *load* (the first screen's data) for the login
        the dialog remembers, held here until ``login_and_load`` with that login and the right password takes
        them (a wrong password drops them; after PREFETCH_TTL they are loaded afresh). Only a head start: any
        failure is silent, and the login then loads as usual."""
        with self._prefetch_lock:
            self._prefetched = None
            try:
                user = self.read(lambda uow: uow.users.find(who))
                if user is None or not user.active:
                    return
                self._prefetched = (who, time.monotonic(), user, load(actor_of(user)))
            except Exception:  # noqa: BLE001 - a head start only: login_and_load loads it again
                return

    def _take_prefetched(self, who: str) -> tuple[User, Any] | None:
        with self._prefetch_lock:  # waits for a prefetch still running: cheaper than loading twice
            held, self._prefetched = self._prefetched, None
        if held is None or held[0] != who or time.monotonic() - held[1] > self.PREFETCH_TTL:
            return None
        return held[2], held[3]

    def login_and_load(self, who: str, password: str, load: Callable[[Actor], T]) -> tuple[Actor, T | None]:
        """login, with *load* (the first screen's data) run beside the password check: argon2 takes ~0.1 s and
        releases the GIL. The data reaches only a caller whose password matched (a wrong one raises here and
        the result is dropped); None when the load failed, and the screen then loads it itself. With a fresh
        ``prefetch`` for *who*, argon2 runs alone."""
        held = self._take_prefetched(who)
        if held is not None:
            return authenticate(held[0], password), held[1]
        if self.cache is not None and self.cache_login != who:  # someone else's copy: not for this login
            self.cache.dispose()
            self.cache, self.offline = None, False
        try:
            user = self.read(lambda uow: uow.users.find(who))
        except Unavailable as exc:
            if not self._use_cache(who, create=False):
                raise Unavailable(f"{exc}. Belum ada salinan lokal untuk {who} di komputer ini: masuk sekali "
                                  "saat terhubung agar dapat bekerja luring.") from exc
            self.offline = True  # the database is away, but this user has worked here before
            user = self.read(lambda uow: uow.users.find(who))
        if user is None or not user.active:
            return authenticate(user, password), None  # refused, with the one message for every failure
        box: dict[str, T] = {}

        def run() -> None:
            try:
                box["data"] = load(actor_of(user))
            except Exception:  # noqa: BLE001 - only a head start: the screen's own load reports any error
                return

        worker = threading.Thread(target=run, name="eoffice-preload", daemon=True)
        worker.start()
        actor = authenticate(user, password)  # the user row is in hand: argon2 alone, without the GIL
        worker.join()
        return actor, box.get("data")

    def has_key(self, who: str) -> bool:
        from eoffice.signing.keystore import has_identity

        return has_identity(self.home, who) or (self.home / "keys" / f"{who}.pending.pem").exists()

    def keyring_available(self) -> bool:
        from eoffice.signing.passphrase import usable_backend

        return usable_backend() is not None

    def remembered_passphrase(self, who: str) -> str | None:
        from eoffice.signing.passphrase import lookup_passphrase

        return lookup_passphrase(who)

    def remember_passphrase(self, who: str, passphrase: str) -> bool:
        from eoffice.signing.passphrase import remember_passphrase

        return remember_passphrase(who, passphrase)

    def identity(self, who: str, passphrase: str | None) -> Identity | None:
        """The user's key here (BadInput on a wrong passphrase); None when they have none in this profile.
        A key made with 'eoffice key init' whose certificate has been issued since is installed first (as the
        CLI's identity_for does); until it is issued the user acts unsigned."""
        from eoffice.services import signatures
        from eoffice.signing.keys import key_from_pem

        pending = self.home / "keys" / f"{who}.pending.pem"
        if pending.exists() and passphrase is not None:
            key = key_from_pem(pending.read_bytes(), passphrase)
            try:
                self.run(lambda uow: signatures.install_identity(uow, self.home, who, key, passphrase))
            except EofficeError:
                return None
            pending.unlink()
        try:
            return signatures.open_identity(self.home, who, passphrase)
        except BadInput:
            if passphrase is not None and passphrase == self.remembered_passphrase(who):
                from eoffice.signing.passphrase import forget_passphrase

                forget_passphrase(who)  # a stale remembered passphrase: ask next time
            raise

    # --- letters ---------------------------------------------------------------------------------

    def inbox(self, actor: Actor) -> list[routing.InboxItem]:
        return self.read(lambda uow: routing.inbox(uow, actor))

    def counts(self, actor: Actor) -> dict[str, int]:
        def use_case(uow: UnitOfWork) -> dict[str, int]:
            out = queries.counts(uow, actor)
            out["disposisi"] = sum(1 for _, n in incoming.my_dispositions(uow, actor) if n.status != "done")
            out["disposisi"] += len(incoming.incoming_for(uow, actor))
            out["reminders"] = reminder_count(uow, actor)
            return out
        return self.read(use_case)

    def letter_list(self, actor: Actor, *, status: str | None = None, statuses: Collection[str] | None = None,
                    kind: str | None = None, direction: str | None = None, mine: bool = False,
                    after: queries.Cursor | None = None) -> list[queries.LetterRow]:
        """One page (list_limit rows, newest first); *after* = queries.cursor(last row) for the next."""
        return self.read(lambda uow: queries.list_letters(
            uow, actor, status=status, statuses=statuses, kind=kind, direction=direction, mine=mine,
            limit=self.list_limit, after=after))

    def letter_count(self, actor: Actor, *, statuses: Collection[str] | None = None, mine: bool = False) -> int:
        return self.read(lambda uow: queries.count_letters(uow, actor, statuses=statuses, mine=mine))

    def detail(self, actor: Actor, doc_id: str) -> dict[str, Any]:
        def use_case(uow: UnitOfWork) -> dict[str, Any]:
            info = queries.letter_detail(uow, actor, doc_id)
            doc = letters.get_document(uow, doc_id)
            version = letters.current_version(uow, doc)
            info["fields"] = dict(version.fields)
            info["body_markdown"] = to_markdown(parse_body_json(version.body))
            info["editable"] = doc.created_by == actor.user_id and doc.status in letters.EDITABLE
            return info
        return self.read(use_case)

    def pdf(self, actor: Actor, doc_id: str) -> tuple[bytes, bool]:
        """The signed PDF once signed, else a rendered preview."""
        return self.read(lambda uow: queries.export_pdf(uow, actor, doc_id))

    def display_pdf(self, pdf: bytes) -> bytes:
        """A copy of ``pdf`` for the app's viewer, with form values and signature appearances drawn in (QtPdf
        leaves them blank); never stored or exported."""
        from eoffice.documents.display import display_copy

        return display_copy(pdf)

    def history(self, actor: Actor, doc_id: str) -> list[dict[str, Any]]:
        return self.read(lambda uow: queries.history(uow, actor, doc_id))

    def decide(self, actor: Actor, identity: Identity | None, doc_id: str, decision: str, note: str = "",
               return_to: str | None = None) -> routing.Outcome:
        from eoffice.services import signatures

        return self.run(lambda uow: signatures.decide_signed(uow, actor, identity, doc_id, DECISIONS[decision],
                                                             note=note, return_to=return_to, tsa_url=self.tsa_url))

    def sign(self, actor: Actor, identity: Identity, doc_id: str) -> Signed:
        """One letter per transaction (batch signing loops over this)."""
        from eoffice.services import signatures

        return self.run(lambda uow: signatures.sign_letter(uow, actor, identity, doc_id, tsa_url=self.tsa_url))

    def withdraw(self, actor: Actor, doc_id: str, note: str = "") -> routing.Outcome:
        return self.run(lambda uow: routing.withdraw(uow, actor, doc_id, note=note))

    # --- drafting --------------------------------------------------------------------------------

    def draft(self, actor: Actor, d: letters.Draft, files: Sequence[tuple[str, bytes]] = ()) -> str:
        def use_case(uow: UnitOfWork) -> str:
            doc_id = letters.draft(uow, actor, d)
            for name, data in files:
                letters.attach(uow, actor, doc_id, name, data, max_bytes=self.max_attachment)
            return doc_id
        return self.run(use_case)

    def revise(self, actor: Actor, doc_id: str, d: letters.Draft,
               files: Sequence[tuple[str, bytes]] = (), remove: Sequence[str] = ()) -> int:
        """Saves a revision: the text, new files and the attachments (by sha256) to drop, in one transaction."""
        def use_case(uow: UnitOfWork) -> int:
            version = letters.revise(uow, actor, doc_id, subject=d.subject, body=d.body, fields=d.fields)
            for sha256 in remove:
                letters.detach(uow, actor, doc_id, sha256)
            for name, data in files:
                letters.attach(uow, actor, doc_id, name, data, max_bytes=self.max_attachment)
            return version
        return self.run(use_case)

    def attachment(self, actor: Actor, doc_id: str, sha256: str) -> tuple[str, str, bytes]:
        """(name, mime, content) of one attachment, to open it."""
        return self.read(lambda uow: letters.attachment_file(uow, actor, doc_id, sha256))

    def preview_draft(self, actor: Actor, d: letters.Draft) -> bytes:
        return self.read(lambda uow: preview_unsaved(uow, actor, d))

    def route_choices(self, actor: Actor, doc_id: str) -> list[str]:
        def use_case(uow: UnitOfWork) -> list[str]:
            doc = letters.visible_document(uow, actor, doc_id)
            return [t.name for t in routing.templates_for(uow, doc)]
        return self.read(use_case)

    def submit(self, actor: Actor, doc_id: str, route: str | None) -> routing.Outcome:
        return self.run(lambda uow: queries.submit_checked(uow, actor, doc_id, route))

    def version_texts(self, actor: Actor, doc_id: str) -> list[tuple[int, str]]:
        def use_case(uow: UnitOfWork) -> list[tuple[int, str]]:
            doc = letters.visible_document(uow, actor, doc_id)
            return [(v.version, f"Hal: {doc.subject}\n\n{v.body_text}") for v in letters.versions(uow, doc)]
        return self.read(use_case)

    def classification_codes(self) -> list[tuple[str, str]]:
        from eoffice.store.models import ClassificationCode

        return self.read(lambda uow: [(c.code, c.title) for c in uow.session.scalars(
            select(ClassificationCode).order_by(ClassificationCode.code))])

    # --- incoming + disposisi --------------------------------------------------------------------

    def can_register(self, actor: Actor) -> bool:
        return self.read(lambda uow: incoming.can_register(uow, actor))

    def register_incoming(self, actor: Actor, data: incoming.Incoming, name: str, pdf: bytes) -> str:
        return self.run(lambda uow: incoming.register(uow, actor, data, name, pdf, max_bytes=self.max_attachment))

    def dispose(self, actor: Actor, doc_id: str, to: Sequence[str], instructions: Sequence[str], note: str = "",
                deadline: dt.date | None = None) -> list[str]:
        when = (dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(), tzinfo=WITA)
                if deadline else None)
        return self.run(lambda uow: incoming.dispose(uow, actor, doc_id, to=list(to),
                                                     instructions=list(instructions), note=note, deadline=when))

    def disposition_tree(self, actor: Actor, doc_id: str) -> list[TreeNode]:
        return self.read(lambda uow: incoming.tree_of(uow, actor, doc_id))

    def report_done(self, actor: Actor, doc_id: str, report: str) -> None:
        self.run(lambda uow: incoming.report_done(uow, actor, doc_id, report))

    def mark_read(self, actor: Actor, doc_id: str) -> None:
        self.run(lambda uow: incoming.mark_read(uow, actor, doc_id))

    def delivered(self, actor: Actor) -> list[mailbox.Delivered]:
        """Dispatched letters addressed to the actor or their unit, with whether the actor has read each."""
        return self.read(lambda uow: mailbox.delivered(uow, actor))

    def mark_letter_read(self, actor: Actor, doc_id: str) -> bool:
        """Notes that the actor opened a letter delivered to them (once); True when that was news."""
        if self.offline or not self.read(lambda uow: mailbox.is_unread(uow, actor, doc_id)):
            return False  # most opens: no write transaction (and none while offline)
        return self.run(lambda uow: mailbox.mark_read(uow, actor, doc_id))

    def dispositions(self, actor: Actor) -> list[dict[str, Any]]:
        """Incoming letters of the actor: addressed to them and not yet disposed, disposed to them, or disposed
        by them (to follow up), newest first within each group."""
        def use_case(uow: UnitOfWork) -> list[dict[str, Any]]:
            out = [{"id": d.id, "subject": d.subject, "sender": d.sender, "urgency": d.urgency,
                    "status": "baru", "from": d.sender, "deadline": None, "updated_at": d.updated_at}
                   for d in incoming.incoming_for(uow, actor)]
            seen = {o["id"] for o in out}
            for d, n in incoming.my_dispositions(uow, actor):
                if d.id in seen:
                    continue
                seen.add(d.id)
                out.append({"id": d.id, "subject": d.subject, "sender": d.sender, "urgency": d.urgency,
                            "status": n.status, "from": uow.users.get(n.from_user_id).login,
                            "deadline": n.deadline, "updated_at": n.created_at})
            mine = uow.session.execute(
                select(Document, Disposition).join(Disposition, Disposition.document_id == Document.id)
                .where(Disposition.from_user_id == actor.user_id).order_by(Disposition.created_at.desc())).all()
            for d, n in mine:
                if d.id not in seen:
                    seen.add(d.id)
                    out.append({"id": d.id, "subject": d.subject, "sender": d.sender, "urgency": d.urgency,
                                "status": "disposed", "from": d.sender, "deadline": n.deadline,
                                "updated_at": n.created_at})
            return out
        return self.read(use_case)

    def subordinates(self, actor: Actor) -> list[tuple[str, str, str]]:
        """(login, name, title) of the people below the actor in the organisation."""
        def use_case(uow: UnitOfWork) -> list[tuple[str, str, str]]:
            view = OrgView(uow)
            out = []
            for u in uow.session.scalars(select(User).where(User.active.is_(True)).order_by(User.login)):
                if view.is_below(u.position_id, actor.position_id):
                    title = view.positions[u.position_id].title if u.position_id else ""
                    out.append((u.login, u.name, title))
            return out
        return self.read(use_case)

    def leaders(self) -> list[tuple[str, str]]:
        """(login, title) of people an incoming letter may be addressed to (holders of top positions)."""
        def use_case(uow: UnitOfWork) -> list[tuple[str, str]]:
            view = OrgView(uow)
            out = []
            for u in uow.session.scalars(select(User).where(User.active.is_(True)).order_by(User.login)):
                pos = view.positions.get(u.position_id) if u.position_id else None
                if pos is not None and (pos.parent_id is None or pos.title.startswith(("Kepala", "Sekretaris"))):
                    out.append((u.login, pos.title))
            return out
        return self.read(use_case)

    # --- tracking ----------------------------------------------------------------------------------

    def dashboard(self, actor: Actor) -> dict[str, Any]:
        """Open items, overdue steps and the average turnaround (hours) per stage kind, over the letters the
        actor can see."""
        from eoffice.store.models import DecisionRow, StepRow

        def use_case(uow: UnitOfWork) -> dict[str, Any]:
            now = uow.now()
            visible = select(Document.id).where(visible_clause(uow, actor))
            logins = dict(uow.session.execute(select(User.id, User.login)).all())
            pending = uow.session.execute(
                select(StepRow, Document).join(Document, Document.id == StepRow.document_id)
                .where(StepRow.status == "pending", StepRow.document_id.in_(visible))
                .order_by(StepRow.due_at)).all()
            open_items = [{"id": d.id, "subject": d.subject, "stage": s.stage_name, "kind": s.kind,
                           "assignee": logins.get(s.assignee_id, "-"), "due_at": s.due_at,
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
        return self.read(use_case)

    # --- verification ----------------------------------------------------------------------------

    def verify(self, pdf: bytes) -> VerifyReport:
        from eoffice.services import signatures
        from eoffice.signing.verify import verify_pdf

        roots = self.read(signatures.trust_roots)
        crls = self.read(signatures.crls)
        return verify_pdf(pdf, trust_roots=roots, crls=crls)

    # --- admin -----------------------------------------------------------------------------------

    def users(self) -> list[org.UserInfo]:
        return self.read(lambda uow: org.list_users(uow))

    def units(self) -> list[org.UnitInfo]:
        return self.read(org.list_units)

    def add_user(self, actor: Actor, *, login: str, nip: str, name: str, unit_code: str, password: str,
                 position_code: str | None = None, is_admin: bool = False) -> org.UserInfo:
        return self.run(lambda uow: org.add_user(uow, actor, login=login, nip=nip, name=name, unit_code=unit_code,
                                                 position_code=position_code, password=password,
                                                 is_admin=is_admin))

    def add_unit(self, actor: Actor, *, code: str, name: str, kind: str, parent_code: str | None = None
                 ) -> org.UnitInfo:
        return self.run(lambda uow: org.add_unit(uow, actor, code=code, name=name, kind=kind,
                                                 parent_code=parent_code))

    def positions(self) -> list[org.PositionInfo]:
        return self.read(org.list_positions)

    def add_position(self, actor: Actor, *, code: str, title: str, unit_code: str, parent_code: str | None = None,
                     roles: Sequence[str] = ()) -> org.PositionInfo:
        return self.run(lambda uow: org.position_info(uow, org.add_position(
            uow, actor, code=code, title=title, unit_code=unit_code, parent_code=parent_code, roles=tuple(roles))))

    def number_formats(self) -> list[numbering.FormatInfo]:
        return self.read(numbering.list_formats)

    def set_number_format(self, actor: Actor, pattern: str, *, unit_code: str | None = None,
                          kind: str | None = None) -> None:
        self.run(lambda uow: numbering.set_format(uow, actor, pattern.strip(), unit_code=unit_code, kind=kind))

    def templates(self) -> list[dict[str, Any]]:
        return self.read(lambda uow: [{"name": r.name, "version": r.version, "doc_kind": r.doc_kind,
                                      "unit": r.unit_code, "definition": r.definition}
                                     for r in routing.list_templates(uow)])

    def import_template(self, actor: Actor, text: str) -> tuple[str, int]:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise BadInput(f"Bukan YAML/JSON yang valid: {str(exc).splitlines()[0]}") from exc
        if not isinstance(data, dict):
            raise BadInput("Templat harus berupa pemetaan (mapping)")
        template = template_from_dict(data)
        version = self.run(lambda uow: routing.import_template(uow, actor, template_to_dict(template)))
        return template.name, version

    def export_template(self, name: str) -> str:
        row = self.read(lambda uow: routing.get_template(uow, name))
        d = template_to_dict(template_from_dict(row.definition))
        return yaml.safe_dump(d, sort_keys=False, allow_unicode=True)

    def delegate(self, actor: Actor, to: str, capacity: str, starts: dt.date, ends: dt.date,
                 reason: str = "") -> dict[str, Any]:
        return self.run(lambda uow: delegation.delegate(uow, actor, to, capacity, starts, ends, reason=reason))

    def issue_certificate(self, actor: Actor, ca_passphrase: str, who: str) -> str:
        from eoffice.services import audit, signatures

        ca = signatures.open_ca(self.home, ca_passphrase)

        def use_case(uow: UnitOfWork) -> str:
            request = audit.pending_request(uow, who)
            return signatures.issue(uow, actor, ca, who, request.public_key()).fingerprint
        return self.run(use_case)

    def revoke_certificate(self, actor: Actor, ca_passphrase: str, who: str, reason: str = "") -> str:
        from eoffice.services import signatures

        ca = signatures.open_ca(self.home, ca_passphrase)
        return self.run(lambda uow: signatures.revoke(uow, actor, ca, who, reason).fingerprint)

    def certificates(self) -> list[dict[str, Any]]:
        from eoffice.store.models import CertificateRow

        def use_case(uow: UnitOfWork) -> list[dict[str, Any]]:
            logins = dict(uow.session.execute(select(User.id, User.login)).all())
            return [{"login": logins.get(r.user_id or -1, "-"), "purpose": r.purpose,
                     "fingerprint": r.fingerprint, "revoked": r.revoked_at is not None, "not_after": r.not_after}
                    for r in uow.session.scalars(select(CertificateRow).order_by(CertificateRow.id))]
        return self.read(use_case)


def reminder_count(uow: UnitOfWork, actor: Actor) -> int:
    """Reminder notes ('eoffice overdue --remind') on the steps the actor holds now: the app notifies when
    this grows."""
    from eoffice.store.models import RouteNote

    steps = [i.step_id for i in routing.inbox(uow, actor)]
    if not steps:
        return 0
    return len(uow.session.scalars(select(RouteNote.id).where(RouteNote.kind == "reminder",
                                                              RouteNote.step_id.in_(steps))).all())


def _aware(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC


def _label(uow: UnitOfWork, raw: str) -> str:
    unit = uow.units.find(raw) if " " not in raw else None
    user = uow.users.find(raw) if unit is None and " " not in raw else None
    return unit.name if unit else (user.name if user else raw)


def preview_unsaved(uow: UnitOfWork, actor: Actor, d: letters.Draft) -> bytes:
    """Render a letter that is not saved yet (the editor's live preview). Nothing is written."""
    if d.kind == DocKind.NASKAH_MASUK:
        raise BadInput("Naskah masuk tidak dibuat sebagai draf")
    doc = Document(id=str(uuid.uuid4()), direction="out", kind=d.kind.value, subject=" ".join(d.subject.split()),
                   urgency=d.urgency.value, classification=d.classification.value, kode_klasifikasi="",
                   status="draft", unit_id=actor.unit_id, created_by=actor.user_id, current_version=1)
    from eoffice.documents.body import body_to_obj
    from eoffice.documents.render import render_letter
    from eoffice.services import compose  # ReportLab: loaded by warm_up() after the window is shown

    version = DocumentVersion(document_id=doc.id, version=1, body=body_to_obj(d.body), fields=dict(d.fields))
    data = compose.letter_data(uow, doc, version, None)
    data = dataclasses.replace(data, recipients=tuple(_label(uow, t.strip()) for t in d.to if t.strip()),
                               tembusan=tuple(_label(uow, c.strip()) for c in d.cc if c.strip()))
    return render_letter(data).pdf


__all__ = ["Backend", "EofficeError", "SyncStatus", "preview_unsaved"]
