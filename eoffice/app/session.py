"""The session both front doors make the same way: the database engine, the acting user, the keys on this
machine, the local cache and whether reads come from it (the database did not answer).

``execute(command)`` runs the command's handler in one transaction and commits (eoffice/app/bus.py);
``read(use_case)`` runs a read-only use case, from the local cache when the database is away. No Qt here: a
call may come from any worker thread (each opens its own UnitOfWork).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from eoffice.domain import BadInput, EofficeError, Unavailable, first_line
from eoffice.services.auth import Actor, actor_of, find_for_login, guarded, login
from eoffice.signing.tsa import tsa_url
from eoffice.store.db import check_connection, describe, make_engine
from eoffice.store.dbroles import connect_as, enforced, needs_login
from eoffice.store.models import User
from eoffice.store.schema import HEAD, schema_state
from eoffice.store.uow import UnitOfWork, run_in_transaction

if TYPE_CHECKING:  # signing pulls in pyHanko (~0.5 s of imports): loaded on first use, or by warm_up()
    from cryptography.x509 import Certificate

    from eoffice.app.commands import Command
    from eoffice.signing.keystore import Identity

T = TypeVar("T")
HEAVY = ("eoffice.services.signatures", "eoffice.services.audit", "eoffice.signing.verify",
         "eoffice.signing.passphrase", "eoffice.documents.render", "eoffice.services.compose",
         "eoffice.app.handlers")
DEFAULT_MAX_ATTACHMENT = 50 * 1024 * 1024


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows about sync: the last pull into the local cache, and whether reads come from
    it because the database does not answer, and the commands waiting in the outbox (eoffice/sync/outbox.py)."""

    pending: int = 0
    last_sync: dt.datetime | None = None
    online: bool = True


def pending_key_path(home: Path, login: str) -> Path:
    """A key made with 'eoffice key init', waiting for its certificate (the one place this path is spelled)."""
    return home / "keys" / f"{login}.pending.pem"


class Session:
    PREFETCH_TTL = 30.0  # seconds a prefetched user row and first screen may wait for the password
    queue_offline = True  # a command the database cannot take goes to the outbox (eoffice/app/offline.py)
    offline_commands: tuple[type[Command], ...] | None = None  # which (None: every one a person may queue)

    def __init__(self, url: str, home: Path, *, max_attachment: int = DEFAULT_MAX_ATTACHMENT,
                 engine: Engine | None = None) -> None:
        self.url = url
        self.home = home
        self.max_attachment = max_attachment
        self.engine = engine if engine is not None else make_engine(url)  # BadInput on a bad URL; no connection
        self.per_user = needs_login(url)  # no user in the URL: connect as each user's own role at login
        self._role_login = ""  # whose role the engine is connected as (per_user)
        self.tsa_url = tsa_url()  # RFC 3161 service for paraf and TTE signatures (B-T), if the office has one
        self.actor: Actor | None = None  # who acts: set by login / login_and_load
        self.cache: Engine | None = None  # the signed-in user's local cache (eoffice.sync.mirror), once opened
        self.cache_login = ""  # whose cache it is
        self.offline = False  # the database did not answer: reads come from the cache until it does again
        self.last_push: Any = None  # what the last sync's push did (eoffice.sync.push.Pushed)
        self.unlocked: dict[str, Identity] = {}  # keys unlocked for a queued command, for its push (memory only)
        self._cache_lock = threading.Lock()
        self._prefetch_lock = threading.Lock()
        self._prefetched: tuple[str, float, User, Any] | None = None  # login, when, user row, first screen

    # --- the database -----------------------------------------------------------------------------

    @property
    def label(self) -> str:
        """The database, never with its password."""
        return describe(self.engine)

    def connect(self) -> None:
        """Raises Unavailable when the database cannot be reached (whatever its schema: `eoffice init`)."""
        if self.per_user and not enforced(self.engine):
            return  # nothing to ask before someone logs in with their own role
        check_connection(self.engine)

    def ping(self) -> None:
        """Raises Unavailable when the database cannot be reached, BadInput when its schema is not this
        version's (the same check every CLI command makes)."""
        if self.per_user and not enforced(self.engine):
            return  # nothing to ask before someone logs in with their own role
        check_connection(self.engine)
        self.offline = False  # it answers again: reads go back to it
        self.check_schema()

    def check_schema(self) -> None:
        state = schema_state(self.engine)
        if state is None:
            raise BadInput("Skema database belum ada: jalankan 'eoffice init' dahulu")
        if state != HEAD:
            raise BadInput(f"Skema database {state}, versi ini memerlukan {HEAD}: jalankan 'eoffice init'")

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

    def execute(self, command: Command, *, actor: Actor | None = None, identity: Identity | None = None,
                secret: str | None = None, provider: Any = None) -> Any:
        """Run *command*'s handler in one transaction and commit; its result. *actor* defaults to the session's
        user; *identity* is the actor's unlocked key (decisions, signatures); *secret* a passphrase the command
        needs (the CA's for certificates, a new key's); *provider* who makes a TTE (signing/providers; None:
        the local key)."""
        from eoffice.app.bus import Deps, dispatch

        deps = Deps(session=self, actor=actor or self.actor, identity=identity, secret=secret, provider=provider)
        try:
            return dispatch(command, deps)
        except Unavailable as exc:
            return self._queue(exc, command, deps.actor, identity)

    def _queue(self, exc: Unavailable, command: Command, actor: Actor | None, identity: Identity | None) -> Any:
        """The database did not answer: a command a person may make offline goes to their outbox (queued, a
        ``Queued`` answer) when this machine has their local cache; anything else fails as before."""
        from eoffice.app.offline import enqueue, queueable

        allowed = self.offline_commands is None or isinstance(command, self.offline_commands)
        if (not self.queue_offline or not allowed or actor is None or not queueable(command)
                or not self._use_cache(actor.login, create=False)):
            raise exc
        self.offline = True
        assert self.cache is not None
        queued = enqueue(self.cache, command, actor, identity)
        if identity is not None:  # kept in memory for the push: the passphrase is not asked again
            self.unlocked[actor.login] = identity
        return queued

    def outbox(self, login: str) -> Engine:
        """*login*'s local cache, where their outbox is (eoffice/app/offline.py reads and changes it)."""
        if not self._use_cache(login, create=False):
            raise BadInput(f"Belum ada salinan lokal untuk {login} di komputer ini")
        assert self.cache is not None
        return self.cache

    def work_offline(self, who: str) -> bool:
        """The database does not answer: reads (and the login) come from *who*'s local cache, if this machine
        has one; False when it has none."""
        if not self._use_cache(who, create=False):
            return False
        self.offline = True
        return True

    def sign_out(self) -> None:
        """The person leaves (Keluar / Ganti Pengguna): what this process holds for them goes: keys unlocked for
        the outbox, the prefetched first screen, their local cache and, with per-user roles, the connection
        made with their password. The next login starts as the first did."""
        self.unlocked.clear()
        with self._prefetch_lock:
            self._prefetched = None
        self.actor = None
        if self.per_user and self._role_login:
            old, self.engine = self.engine, make_engine(self.url)
            self._role_login = ""
            old.dispose()
        with self._cache_lock:
            if self.cache is not None:
                self.cache.dispose()
            self.cache, self.cache_login, self.offline = None, "", False

    def close(self) -> None:
        self.engine.dispose()
        if self.cache is not None:
            self.cache.dispose()

    def warm_up(self) -> None:
        """Import the signing stack ahead of the first approval or signature (call from a worker thread)."""
        import importlib

        for name in HEAVY:
            importlib.import_module(name)

    # --- the local cache (DESIGN.md "Local cache and sync") ------------------------------------------

    def sync(self, actor: Actor, identity: Identity | None = None,
             progress: Callable[[int, int], None] | None = None) -> SyncStatus:
        """Push *actor*'s outbox (eoffice/sync/push.py; *identity*: their unlocked key, for the commands that
        need it), then pull the change feed into their local cache (opened, and made on first use, here). Call
        from a worker thread: the first pull copies every letter the user may see."""
        from eoffice.sync.mirror import pull
        from eoffice.sync.push import push

        with self._cache_lock:  # one sync at a time (the heartbeat and a manual refresh may overlap)
            self._use_cache(actor.login, create=True)
            assert self.cache is not None
            try:
                self.last_push = push(self, actor, identity or self.unlocked.get(actor.login), self.cache,
                                      progress=progress)
                pull(self.engine, self.cache, actor, self.label)
                self._checkpoint(actor)
            except Unavailable:
                self.offline = True
                raise
            except OperationalError as exc:
                self.offline = True
                raise Unavailable(f"Database tidak dapat dihubungi ({self.label}): {first_line(exc)}") from exc
            self.offline = False
        return self.sync_status()

    def _checkpoint(self, actor: Actor) -> None:
        """The audit head this sync saw, kept in the profile (services/audit.py: checkpoints)."""
        from sqlalchemy.exc import ProgrammingError

        from eoffice.services.checkpoints import record_checkpoint

        try:
            run_in_transaction(self.engine, lambda uow: record_checkpoint(uow, self.home, login=actor.login),
                               read_only=True)
        except ProgrammingError:  # a role that may not read the chain: `audit verify` is where it matters
            return

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

    def sync_status(self) -> SyncStatus:
        if self.cache is None:
            return SyncStatus(online=not self.offline)
        from eoffice.sync.mirror import state
        from eoffice.sync.outbox import count

        pulled = state(self.cache).get("pulled_at")
        return SyncStatus(pending=count(self.cache, self.cache_login),
                          last_sync=dt.datetime.fromisoformat(pulled) if pulled else None, online=not self.offline)

    # --- who -------------------------------------------------------------------------------------

    def connect_as(self, who: str, password: str) -> None:
        """With a URL without a user: connect as *who*'s own role (store/dbroles.py); NotAuthorized for a wrong
        login or password, Unavailable when the server does not answer."""
        if self.per_user and self._role_login != who:
            old, self.engine = self.engine, connect_as(self.url, who, password)
            self._role_login = who
            old.dispose()

    def login(self, who: str, password: str) -> Actor:
        self.connect_as(who, password)
        actor = self.read(lambda uow: login(uow, who, password))
        self.actor = actor
        return actor

    def prefetch(self, who: str, load: Callable[[Actor], Any]) -> None:
        """While the person types the password: the user row and *load* (the first screen's data) for the login
        the dialog remembers, held here until ``login_and_load`` with that login and the right password takes
        them (a wrong password drops them; after PREFETCH_TTL they are loaded afresh). Only a head start: any
        failure is silent, and the login then loads as usual."""
        with self._prefetch_lock:
            self._prefetched = None
            if self.per_user:  # nothing is readable before the password opens the user's own role
                return
            try:
                user = self.read(lambda uow: find_for_login(uow, who))
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
            self.actor = guarded(self.engine, who, held[0], password, record=not self.offline)
            self._refresh_cached_login(held[0])
            return self.actor, held[1]
        if self.cache is not None and self.cache_login != who:  # someone else's copy: not for this login
            self.cache.dispose()
            self.cache, self.offline = None, False
        try:
            self.connect_as(who, password)
            user = self.read(lambda uow: find_for_login(uow, who))
        except Unavailable as exc:
            if not self._use_cache(who, create=False):
                raise Unavailable(f"{exc}. Belum ada salinan lokal untuk {who} di komputer ini: masuk sekali "
                                  "saat terhubung agar dapat bekerja luring.") from exc
            self.offline = True  # the database is away, but this user has worked here before
            user = self.read(lambda uow: find_for_login(uow, who))
        if user is None or not user.active:
            return guarded(self.engine, who, user, password, record=not self.offline), None  # the one refusal
        box: dict[str, T] = {}

        def run() -> None:
            try:
                box["data"] = load(actor_of(user))
            except Exception:  # noqa: BLE001 - only a head start: the screen's own load reports any error
                return

        worker = threading.Thread(target=run, name="eoffice-preload", daemon=True)
        worker.start()
        actor = guarded(self.engine, who, user, password, record=not self.offline)  # argon2 alone, no GIL
        worker.join()
        self._refresh_cached_login(user)
        self.actor = actor
        return actor, box.get("data")

    def _refresh_cached_login(self, user: User) -> None:
        """After an online login: the password hash (and active flag) the offline login checks is the server's
        now, so a password changed elsewhere takes effect offline from this login on."""
        if self.offline or not self._use_cache(user.login, create=False):
            return
        from eoffice.sync.mirror import refresh_login

        assert self.cache is not None
        refresh_login(self.cache, user.id, user.password_hash, user.active)

    def trusted_roots(self) -> list[Certificate]:
        """The roots pinned in this profile (on first use: the database's, pinned now), as the CLI's verify."""
        from eoffice.services import trust
        from eoffice.signing.trust import pinned

        return pinned(self.home)[0] or self.read(lambda uow: trust.roots(uow, self.home))

    # --- keys on this machine --------------------------------------------------------------------

    def has_key(self, who: str) -> bool:
        from eoffice.signing.keystore import has_identity

        return has_identity(self.home, who) or pending_key_path(self.home, who).exists()

    def keyring_available(self) -> bool:
        from eoffice.signing.passphrase import usable_backend

        return usable_backend() is not None

    def remembered_passphrase(self, who: str) -> str | None:
        from eoffice.signing.passphrase import lookup_passphrase

        return lookup_passphrase(who)

    def remember_passphrase(self, who: str, passphrase: str) -> bool:
        from eoffice.signing.passphrase import remember_passphrase

        return remember_passphrase(who, passphrase)

    def identity(self, who: str, passphrase: str | None, *, forget_stale: bool = True) -> Identity | None:
        """The user's key here (BadInput on a wrong passphrase); None when they have none in this profile.
        A key made with 'eoffice key init' whose certificate has been issued since is installed first; until
        it is issued the user acts unsigned. *forget_stale*: a wrong remembered passphrase is dropped from
        the keyring (ask next time)."""
        from eoffice.services import signatures
        from eoffice.signing.keys import key_from_pem

        pending = pending_key_path(self.home, who)
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
            if forget_stale and passphrase is not None and passphrase == self.remembered_passphrase(who):
                from eoffice.signing.passphrase import forget_passphrase

                forget_passphrase(who)  # a stale remembered passphrase: ask next time
            raise


__all__ = ["Session", "SyncStatus", "UnitOfWork", "pending_key_path"]
