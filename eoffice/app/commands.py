"""Every write a person makes, as a frozen command (DESIGN.md "Local cache and sync": a command has an
``action_id`` the client made, a type and a payload). ``to_json`` is canonical JSON (eoffice/canonical.py), the
form an outbox stores and a signed statement covers; ``Command.from_json`` gives the same command back.

Only value types here (str, int, bool, date, UUID, bytes, tuples, mappings, nested frozen dataclasses): no
SQLAlchemy, so building a command costs nothing. Secrets (passwords, passphrases) never go into a command,
so no outbox row, signed statement, digest or log can hold one: they are passed to ``Session.execute`` beside
it (``secret``) and live in memory only (tests/unit/test_command_secrets.py).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import types
import typing
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from eoffice.canonical import canonical_json
from eoffice.domain import BadInput

COMMANDS: dict[str, type[Command]] = {}


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


@dataclass(frozen=True, kw_only=True)
class Command:
    """Base of every command. ``action_id``: made by the client once per action, so sending the same command
    again (a lost answer, an outbox replay) applies it once where the handler supports it."""

    action_id: uuid.UUID = field(default_factory=uuid.uuid4)
    type_name: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.type_name = _snake(cls.__name__)
        COMMANDS[cls.type_name] = cls

    def to_json(self) -> bytes:
        return canonical_json({"type": self.type_name, "payload": _plain(self)})

    def digest(self) -> str:
        """SHA-256 of the canonical JSON: what a signed statement carries to cover the whole command."""
        return hashlib.sha256(self.to_json()).hexdigest()

    @staticmethod
    def from_json(data: bytes | str | Mapping[str, Any]) -> Command:
        obj = json.loads(data) if isinstance(data, bytes | str) else dict(data)
        cls = COMMANDS.get(str(obj.get("type")))
        if cls is None:
            raise BadInput(f"Jenis perintah tidak dikenal: {obj.get('type')!r}")
        revived = _revive(cls, obj.get("payload") or {})
        assert isinstance(revived, Command)
        return revived


def parse_action_id(raw: str | None) -> uuid.UUID:
    """A client's --action-id (a new one when none is given)."""
    if raw is None:
        return uuid.uuid4()
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadInput(f"action_id bukan UUID: {raw!r}") from None


@dataclass(frozen=True)
class File:
    """An attached file as the person chose it."""

    name: str
    data: bytes


# --- letters -----------------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class DraftLetter(Command):
    doc_kind: str  # DocKind value
    subject: str
    body: Mapping[str, Any]  # the JSON body format (documents/body.py: body_to_obj)
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    urgency: str = "biasa"
    classification: str = "biasa"
    kode_klasifikasi: str = ""
    fields: Mapping[str, Any] = field(default_factory=dict)
    files: tuple[File, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReviseLetter(Command):
    document_id: str
    subject: str | None = None
    body: Mapping[str, Any] | None = None
    fields: Mapping[str, Any] | None = None
    event_date: dt.date | None = None  # berita acara: merged over the version's fields (app.handlers.letters)
    event_place: str | None = None
    files: tuple[File, ...] = ()
    remove: tuple[str, ...] = ()  # attachments (by sha256) to drop
    # the head a returned letter may need fixed; None keeps it (services/letters.py: Head)
    to: tuple[str, ...] | None = None
    cc: tuple[str, ...] | None = None
    urgency: str | None = None
    classification: str | None = None
    kode_klasifikasi: str | None = None


@dataclass(frozen=True, kw_only=True)
class MarkLetterRead(Command):
    """The actor opened a letter delivered to them (services/mailbox.py): recorded once."""

    document_id: str


@dataclass(frozen=True, kw_only=True)
class SubmitLetter(Command):
    document_id: str
    route: str | None = None


@dataclass(frozen=True, kw_only=True)
class WithdrawLetter(Command):
    document_id: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Comment(Command):
    document_id: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Forward(Command):
    document_id: str
    to: str


@dataclass(frozen=True, kw_only=True)
class RemindOverdue(Command):
    pass


# --- decisions and signing ---------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Decide(Command):
    document_id: str
    decision: str  # approve | return | reject
    note: str = ""
    return_to: str | None = None


@dataclass(frozen=True, kw_only=True)
class SignLetter(Command):
    document_id: str


@dataclass(frozen=True, kw_only=True)
class UpgradeLetter(Command):
    """Long-term validation data (+ document timestamp) on a signed letter."""

    document_id: str


@dataclass(frozen=True, kw_only=True)
class CreateCa(Command):
    org_name: str


@dataclass(frozen=True, kw_only=True)
class IssueCertificate(Command):
    login: str


@dataclass(frozen=True, kw_only=True)
class RevokeCertificate(Command):
    login: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class RequestKey(Command):
    """Make the actor's key pair on this machine and publish the certificate request."""


@dataclass(frozen=True, kw_only=True)
class PublishKey(Command):
    """Publish the certificate of a key imported from an external CA (the identity given beside it)."""


# --- incoming + disposisi ----------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class RegisterIncoming(Command):
    sender: str
    number: str
    subject: str
    letter_date: dt.date
    addressed_to: str
    scan: File
    urgency: str = "biasa"
    classification: str = "biasa"


@dataclass(frozen=True, kw_only=True)
class Dispose(Command):
    document_id: str
    to: tuple[str, ...]
    instructions: tuple[str, ...]
    note: str = ""
    deadline: dt.date | None = None  # the end of this day in WITA


@dataclass(frozen=True, kw_only=True)
class ReportDone(Command):
    document_id: str
    report: str


@dataclass(frozen=True, kw_only=True)
class MarkRead(Command):
    document_id: str


# --- organisation and administration -----------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class AddUser(Command):
    login: str
    nip: str
    name: str
    unit_code: str  # the first password: Session.execute(..., secret=...), never in the command
    position_code: str | None = None
    is_admin: bool = False


@dataclass(frozen=True, kw_only=True)
class EditUser(Command):
    """An admin's change to a user; None leaves a field as it is, "" clears an optional one."""

    login: str
    name: str | None = None
    nip: str | None = None
    unit_code: str | None = None
    nik: str | None = None
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    pangkat: str | None = None
    position_code: str | None = None
    title: str | None = None
    active: bool | None = None
    auditor: bool | None = None  # reads the whole audit trail to verify it (PostgreSQL)


@dataclass(frozen=True, kw_only=True)
class SetSetting(Command):
    """An organisation setting (services/settings.py: sign_provider, verify_url), by an admin."""

    key: str
    value: str


@dataclass(frozen=True, kw_only=True)
class AddHoliday(Command):
    """A day off in the calendar deadlines count working days over (admin)."""

    day: dt.date
    name: str
    kind: str = "nasional"  # or "cuti_bersama"


@dataclass(frozen=True, kw_only=True)
class RemoveHoliday(Command):
    day: dt.date


@dataclass(frozen=True, kw_only=True)
class SetPassword(Command):
    login: str  # the new password: Session.execute(..., secret=...), never in the command


@dataclass(frozen=True, kw_only=True)
class AddUnit(Command):
    code: str
    name: str
    kind: str
    parent_code: str | None = None
    address: str = ""
    phone: str = ""


@dataclass(frozen=True, kw_only=True)
class AddPosition(Command):
    code: str
    title: str
    unit_code: str
    parent_code: str | None = None
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Delegate(Command):
    to: str
    capacity: str
    starts: dt.date
    ends: dt.date
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class SetNumberFormat(Command):
    pattern: str
    unit_code: str | None = None
    doc_kind: str | None = None


@dataclass(frozen=True, kw_only=True)
class ImportTemplate(Command):
    definition: Mapping[str, Any]  # a route template as a mapping (workflow/template.py: template_to_dict)


# --- canonical JSON in and out -----------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@functools.cache
def _hints(tp: type) -> dict[str, Any]:  # resolved once per class: a push revives every queued command
    return typing.get_type_hints(tp)


def _revive(tp: Any, value: Any) -> Any:
    """*value* (from JSON) as the type *tp* a command field declares."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return None if value is None else _revive(args[0], value)
    if origin is tuple:
        return tuple(_revive(typing.get_args(tp)[0], v) for v in value)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp) if f.init}
        unknown = set(value) - known
        if unknown:
            raise BadInput(f"Isian perintah tidak dikenal: {', '.join(sorted(unknown))}")
        return tp(**{k: _revive(hints[k], v) for k, v in value.items()})
    if tp is uuid.UUID:
        return uuid.UUID(str(value))
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    if tp is bytes:
        return base64.b64decode(value)
    return value
