"""Working without the network: a command the database could not take is queued in the user's outbox
(eoffice/sync/outbox.py), signed by them, against the letter version their cache holds; ``eoffice sync`` and the
desktop app push it when the database answers (eoffice/sync/push.py). No Qt here."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eoffice.app import commands as c
from eoffice.domain import BadInput
from eoffice.services.auth import Actor
from eoffice.store.uow import run_in_transaction
from eoffice.sync import outbox

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from eoffice.signing.keystore import Identity

# What a person may do offline (admin, keys and certificates need the database).
QUEUEABLE: tuple[type[c.Command], ...] = (
    c.Decide, c.DraftLetter, c.ReviseLetter, c.SubmitLetter, c.WithdrawLetter, c.Comment, c.Forward,
    c.Dispose, c.ReportDone, c.RegisterIncoming, c.MarkRead, c.SignLetter)

WHAT = {"decide": "Keputusan", "draft_letter": "Konsep naskah baru", "revise_letter": "Perbaikan naskah",
        "submit_letter": "Pengajuan naskah", "withdraw_letter": "Penarikan naskah", "comment": "Komentar",
        "forward": "Penerusan naskah", "dispose": "Disposisi", "report_done": "Laporan selesai disposisi",
        "register_incoming": "Pencatatan surat masuk", "mark_read": "Tanda sudah dibaca",
        "sign_letter": "Penandatanganan (TTE)"}
DECISION_WORDS = {"approve": "setuju", "return": "kembalikan", "reject": "tolak"}


@dataclass(frozen=True)
class Queued:
    """What ``Session.execute`` answers for a command put in the outbox."""

    action_id: str
    type: str
    document_id: str
    status: str = "queued"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def queueable(command: c.Command) -> bool:
    return isinstance(command, QUEUEABLE)


def statement(entry_like: dict[str, Any]) -> dict[str, Any]:
    """The statement a person signs for a queued command: its digest, the letter version, the claimed time."""
    from eoffice.signing.payload import action_statement  # cryptography: kept off the first screen's path

    return action_statement(action_id=entry_like["action_id"], document_id=entry_like["document_id"],
                            version_hash=entry_like["base_version"], step_id=None,
                            decision=entry_like["decision"], time=entry_like["claimed_at"],
                            actor=entry_like["login"], command=entry_like["command"])


def decision_word(command: c.Command) -> str:
    return command.decision if isinstance(command, c.Decide) else command.type_name


def enqueue(cache: Engine, command: c.Command, actor: Actor, identity: Identity | None) -> Queued:
    """Put *command* in *actor*'s outbox: its letter resolved (a short id) and its current version read in the
    cache, signed with *identity* when the person has a key."""
    from eoffice.services import letters

    if not queueable(command):  # admin writes, keys, passwords: they need the database, never the outbox
        raise BadInput("Perintah ini tidak dapat diantrekan luring (perlu database)")
    if isinstance(command, c.SignLetter) and (identity is None or identity.cert is None):
        raise BadInput(f"Tidak ada kunci TTE aktif untuk {actor.name} di profil ini")
    doc_id = str(getattr(command, "document_id", "") or "")
    base = ""
    if doc_id:
        def look(uow: Any) -> tuple[str, str]:
            doc = letters.get_document(uow, doc_id)  # BadInput when the cache does not hold it
            return doc.id, letters.current_version(uow, doc).content_sha256

        try:
            doc_id, base = run_in_transaction(cache, look, read_only=True)
        except BadInput as exc:
            raise BadInput(f"{exc} (tidak ada di salinan lokal: tidak dapat dikerjakan luring)") from None
        command = dataclasses.replace(command, document_id=doc_id)  # type: ignore[call-arg]
    claimed = dt.datetime.now(dt.UTC)
    parts = {"action_id": str(command.action_id), "document_id": doc_id, "base_version": base,
             "decision": decision_word(command), "claimed_at": claimed, "login": actor.login,
             "command": command.digest()}
    signature = fingerprint = None
    if identity is not None and identity.cert is not None:
        from cryptography.hazmat.primitives import hashes

        from eoffice.signing.payload import sign_payload_b64

        signature = sign_payload_b64(identity, statement(parts))
        fingerprint = identity.cert.fingerprint(hashes.SHA256()).hex()
    outbox.add(cache, action_id=str(command.action_id), login=actor.login, type_name=command.type_name,
               document_id=doc_id, payload=command.to_json(), base_version=base, claimed_at=claimed,
               signature=signature, cert_fingerprint=fingerprint)
    return Queued(str(command.action_id), command.type_name, doc_id)


def describe(entry: outbox.Entry, subject: str = "") -> str:
    """One line in plain words: what, on which letter, when (claimed)."""
    import json

    from eoffice.domain import WITA

    what = WHAT.get(entry.type, entry.type)
    if entry.type == "decide":
        what += f" \u201c{DECISION_WORDS.get(json.loads(entry.payload)['payload']['decision'], '?')}\u201d"
    on = f" pada \u201c{subject}\u201d" if subject else ""
    when = entry.claimed_at.astimezone(WITA).strftime("%d-%m-%Y %H:%M WITA")
    return f"{what}{on}, dibuat {when} (waktu perangkat)"


@dataclass(frozen=True)
class OutboxItem:
    """One queued command as a person reads it (`eoffice outbox list`, the desktop app's "Perlu perhatian")."""

    action_id: str
    type: str
    status: str  # pending | applied | rejected | blocked | discarded
    label: str  # the status in words
    what: str  # what, on which letter, when (claimed)
    reason: str  # why it was rejected or is waiting ("" when none)
    document_id: str
    subject: str
    claimed_at: dt.datetime
    attempts: int
    result: Any
    decision: str = ""  # a decision's approve / return / reject ("" for other commands)

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["claimed_at"] = self.claimed_at.isoformat()
        return out


def items(cache: Engine, login: str, statuses: tuple[str, ...] = outbox.STATUSES) -> list[OutboxItem]:
    import json

    from sqlalchemy import select

    from eoffice.store.models import Document

    entries = outbox.entries(cache, login, statuses)
    ids = sorted({e.document_id for e in entries if e.document_id})
    subjects: dict[str, str] = {}
    if ids:
        with cache.connect() as conn:
            subjects = {str(r[0]): str(r[1]) for r in conn.execute(
                select(Document.id, Document.subject).where(Document.id.in_(ids)))}
    return [OutboxItem(e.action_id, e.type, e.status, outbox.label(e.status),
                       describe(e, subjects.get(e.document_id, "")), e.last_error, e.document_id,
                       subjects.get(e.document_id, ""), e.claimed_at, e.attempts, e.result,
                       json.loads(e.payload)["payload"].get("decision", "") if e.type == "decide" else "")
            for e in entries]


def pending_ids(cache: Engine, login: str) -> dict[str, str]:
    """Letters with a command still waiting to be pushed: document id -> the command's type (lists mark them)."""
    return {e.document_id: e.type for e in outbox.entries(cache, login, (outbox.PENDING, outbox.BLOCKED))
            if e.document_id}


def retry(cache: Engine, action_id: str) -> OutboxItem:
    entry = outbox.retry(cache, action_id)
    return next(i for i in items(cache, entry.login) if i.action_id == entry.action_id)


def discard(cache: Engine, action_id: str) -> OutboxItem:
    entry = outbox.discard(cache, action_id)
    return next(i for i in items(cache, entry.login) if i.action_id == entry.action_id)
