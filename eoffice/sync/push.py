"""Push: the outbox's commands (eoffice/sync/outbox.py) applied on the database, in the order they were made,
each by the same handler as online (eoffice/app/bus.py) in its own transaction.

Idempotent on action_id for every command type: the transaction that applies a command writes its row in
``pushed_commands`` last, with its outcome (a second push of the same id, even racing this one, fails on that
key, rolls back whole and then finds the stored outcome); a command refused for a domain reason is recorded as
rejected in a transaction of its own.
The same id again gets the stored outcome; the same id with another payload is refused. A connection lost
before or after the commit is the same case: the command stays pending and the next push learns its outcome.

Domain conflicts (the step was decided meanwhile, the letter changed since the decision was made, the
delegation ended) are outcomes, not errors: the command ends ``rejected`` with the reason in the person's words.
Network and serialisation failures are retried with backoff; a database newer than this client pauses the push.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from eoffice.app.commands import Command, SignLetter
from eoffice.domain import BadInput, EofficeError, InvalidTransition, Unavailable, first_line
from eoffice.services.auth import Actor
from eoffice.store.models import CertificateRow, PushedCommand
from eoffice.store.schema import HEAD, schema_state
from eoffice.store.uow import UnitOfWork
from eoffice.sync import outbox

if TYPE_CHECKING:
    from eoffice.app.session import Session
    from eoffice.signing.keystore import Identity

RETRYABLE = ("40001", "40P01")  # serialization failure, deadlock: try again at once
QUICK_TRIES = 3
MARK_BATCH = 50  # outcomes written to the local outbox per local transaction
VERSION_BOUND = ("decide", "sign_letter")  # commands about a version's content: refused when it changed


_RECORD = insert(PushedCommand)  # built once (a push runs it per command)


class ClientTooOld(BadInput):
    """The database's schema is newer than this client: sync waits, the outbox is kept."""


@dataclass(frozen=True)
class Pushed:
    applied: int = 0
    rejected: int = 0
    blocked: int = 0
    waiting: int = 0  # left pending (the network went away, or their backoff has not run out)


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def backoff(attempts: int) -> float:
    """Seconds before trying a command again after its *attempts*-th network failure (2, 4, 8 ... 300)."""
    return float(min(300, 2 ** max(1, attempts)))


def plain(result: Any) -> Any:
    """A handler's result as JSON values (stored as the outcome, shown by `eoffice outbox list`)."""
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        result = dataclasses.asdict(result)
    return json.loads(json.dumps(result, default=str))


def push(session: Session, actor: Actor, identity: Identity | None, cache: Engine, *,
         progress: Callable[[int, int], None] | None = None, clock: Callable[[], float] = time.time) -> Pushed:
    """Push *actor*'s pending commands, oldest first. Stops at the first network failure (the rest keep their
    order); Unavailable when the database does not answer at all, ClientTooOld when its schema is newer."""
    try:
        server = schema_state(session.engine)
    except (OperationalError, DBAPIError) as exc:
        raise Unavailable(f"Database tidak dapat dihubungi ({session.label}): {first_line(exc)}") from exc
    due = [e for e in outbox.entries(cache, actor.login, [outbox.PENDING]) if e.next_try <= clock()]
    if server != HEAD:
        raise ClientTooOld(f"Database memakai skema {server}, aplikasi ini {HEAD}: perbarui eoffice. "
                           f"{outbox.count(cache, actor.login)} perintah tetap di antrean.")
    counts = {"applied": 0, "rejected": 0, "blocked": 0}
    marks: list[outbox.Mark] = []  # written to the cache MARK_BATCH at a time: a crash before they are written
    try:                            # only means those are pushed again, and answered from pushed_commands
        for done, entry in enumerate(due):
            if progress is not None:
                progress(done, len(due))
            if len(marks) >= MARK_BATCH:
                outbox.set_statuses(cache, marks)
                marks.clear()
            try:
                status, outcome = push_one(session, actor, identity, entry)
            except Unavailable as exc:
                marks.append(outbox.Mark(entry.action_id, outbox.PENDING, first_line(exc), attempted=True,
                                         next_try=clock() + backoff(entry.attempts + 1)))
                return Pushed(**counts, waiting=len(due) - done)
            except _Blocked as exc:
                marks.append(outbox.Mark(entry.action_id, outbox.BLOCKED, str(exc)))
                counts["blocked"] += 1
                continue
            if status == outbox.APPLIED:
                marks.append(outbox.Mark(entry.action_id, status, result=outcome.get("result"), attempted=True))
            else:
                marks.append(outbox.Mark(entry.action_id, status, str(outcome.get("reason", "")), attempted=True))
            counts[status] += 1
    finally:
        outbox.set_statuses(cache, marks)
    if progress is not None:
        progress(len(due), len(due))
    return Pushed(**counts)


class _Blocked(Exception):  # noqa: N818 - waits for the person, not a failure
    """The command needs something only the person can give (their key unlocked)."""


def push_one(session: Session, actor: Actor, identity: Identity | None,
             entry: outbox.Entry) -> tuple[str, dict[str, Any]]:
    """Apply one queued command (or learn what became of it): ("applied", {"result": ...}) or
    ("rejected", {"reason": ...}). Unavailable when the database did not answer (its commit may have happened:
    the next push tells)."""
    from eoffice.app.bus import Deps, handler_for

    command = Command.from_json(entry.payload)
    if entry.signature and identity is None and (command.type_name in VERSION_BOUND):
        raise _Blocked("Buka kunci TTE (passphrase) untuk mengirim perintah ini")
    digest = _digest(entry.payload)
    handler = handler_for(command)
    deps = Deps(session=session, actor=actor, identity=identity)

    def apply(uow: UnitOfWork) -> tuple[str, dict[str, Any]]:
        # No look-up of the id first, and its row written last, in the pipeline with the seal and COMMIT
        # (UnitOfWork.defer): two round trips fewer on the common path. An id pushed before (or at the same
        # moment) fails that insert on the key, so this transaction rolls back whole, and _run answers with the
        # stored outcome; a decision pushed again is refused by the route before it signs anything.
        _check(uow, actor, entry, command)
        outcome = {"result": plain(handler(command, uow, deps))}
        uow.defer(_RECORD, _values(actor, entry, digest, outbox.APPLIED, outcome, uow.now()))
        return outbox.APPLIED, outcome

    try:
        return _run(session, apply, entry, digest)
    except Unavailable:
        raise
    except EofficeError as exc:  # a domain reason: recorded, so the same id is answered the same way again
        reason = first_line(exc)

    def reject(uow: UnitOfWork) -> tuple[str, dict[str, Any]]:
        try:
            known = _known(uow, entry, digest)
        except BadInput as other:  # the id is another command's: refused, and that one's record stays as it is
            return outbox.REJECTED, {"reason": first_line(other)}
        if known is not None:
            return known
        _record(uow, actor, entry, digest, outbox.REJECTED, {"reason": reason})
        return outbox.REJECTED, {"reason": reason}

    return _run(session, reject, entry, digest)


def _run(session: Session, use_case: Callable[[UnitOfWork], tuple[str, dict[str, Any]]], entry: outbox.Entry,
         digest: str) -> tuple[str, dict[str, Any]]:
    for attempt in range(QUICK_TRIES):
        try:
            return session.run(use_case)
        except IntegrityError as exc:  # the id pushed before (or at the same moment): its outcome is stored now
            known = session.run(lambda uow: _known(uow, entry, digest))  # the server's answer, never the cache
            if known is not None:
                return known
            if attempt == QUICK_TRIES - 1:  # another row raced this one: try again at the next push
                raise Unavailable(f"Data berubah bersamaan, dicoba lagi nanti: {first_line(exc)}") from exc
            continue
        except DBAPIError as exc:
            code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
            if code not in RETRYABLE:
                raise
            if attempt == QUICK_TRIES - 1:
                raise Unavailable(f"Database sibuk (serialisasi): {first_line(exc)}") from exc
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _known(uow: UnitOfWork, entry: outbox.Entry, digest: str) -> tuple[str, dict[str, Any]] | None:
    row = uow.session.get(PushedCommand, entry.action_id)
    if row is None:
        return None
    if row.payload_sha256 != digest:
        raise BadInput(f"action_id {entry.action_id} sudah dipakai untuk perintah lain")
    return row.status, dict(row.outcome)


def _values(actor: Actor, entry: outbox.Entry, digest: str, status: str, outcome: dict[str, Any],
            at: dt.datetime) -> dict[str, Any]:
    """pushed_commands' row for *entry*: ``at`` (recorded_at) is the server's clock."""
    return {"action_id": entry.action_id, "user_id": actor.user_id, "type": entry.type, "payload_sha256": digest,
            "base_version": entry.base_version, "claimed_at": entry.claimed_at, "signature": entry.signature,
            "cert_fingerprint": entry.cert_fingerprint, "status": status, "outcome": outcome, "recorded_at": at}


def _record(uow: UnitOfWork, actor: Actor, entry: outbox.Entry, digest: str, status: str,
            outcome: dict[str, Any]) -> None:
    uow.session.add(PushedCommand(**_values(actor, entry, digest, status, outcome, uow.now())))
    uow.session.flush()  # a racing push of the same id waits here (IntegrityError after)


def _check(uow: UnitOfWork, actor: Actor, entry: outbox.Entry, command: Command) -> None:
    """The person's signature over the command, and the letter still at the version they acted on."""
    from eoffice.app.offline import decision_word, statement
    from eoffice.services import letters
    from eoffice.signing.payload import verify_payload

    bound = bool(entry.base_version) and (entry.type in VERSION_BOUND or isinstance(command, SignLetter))
    if not entry.signature and not bound:
        return
    if entry.signature:
        cert_pem = uow.session.scalar(select(CertificateRow.pem).where(
            CertificateRow.user_id == actor.user_id, CertificateRow.fingerprint == entry.cert_fingerprint))
        parts = {"action_id": entry.action_id, "document_id": entry.document_id, "base_version": entry.base_version,
                 "decision": decision_word(command), "claimed_at": entry.claimed_at, "login": actor.login,
                 "command": command.digest()}
        if cert_pem is None or not verify_payload(_load(str(cert_pem)), statement(parts), entry.signature):
            raise BadInput("Tanda tangan perintah tidak sah untuk pengguna ini")
    # The letter and its version's hash, read once: the handler finds them in this transaction (no second read).
    if bound and letters.get_document_and_hash(uow, entry.document_id)[1] != entry.base_version:
        raise InvalidTransition("Naskah telah diubah sejak perintah ini dibuat: periksa versi terbaru lalu "
                                "ulangi")


def _load(pem: str) -> Any:
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem.encode())
