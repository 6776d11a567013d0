"""Small helpers for service-level tests: act as a demo user, in one transaction per call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import Engine

from eoffice.documents.body import parse_markdown
from eoffice.domain import DocKind
from eoffice.services import auth, letters, routing, signatures
from eoffice.services.auth import Actor
from eoffice.signing.keystore import Identity
from eoffice.store.uow import UnitOfWork, run_in_transaction
from eoffice.workflow.state import Decision

T = TypeVar("T")


def run(engine: Engine, use_case: Callable[[UnitOfWork], T]) -> T:
    return run_in_transaction(engine, use_case)


def actor(engine: Engine, login: str) -> Actor:
    return run(engine, lambda uow: auth.actor_of(uow.users.by_login(login)))


def identity(home: Path, login: str) -> Identity:
    ident = signatures.open_identity(home, login, "demo")
    assert ident is not None
    return ident


def draft(engine: Engine, login: str, kind: DocKind = DocKind.NOTA_DINAS, subject: str = "Uji alur",
          **kw: Any) -> str:
    d = letters.Draft(kind=kind, subject=subject, body=parse_markdown("Isi naskah **uji**."),
                      to=kw.pop("to", ["KEPALA-DISKOMINFO"]), kode_klasifikasi=kw.pop("kode", "000.1.2.3"), **kw)
    who = actor(engine, login)
    return run(engine, lambda uow: letters.draft(uow, who, d))


def submit(engine: Engine, login: str, doc_id: str) -> routing.Outcome:
    who = actor(engine, login)
    return run(engine, lambda uow: routing.submit(uow, who, doc_id))


def decide(engine: Engine, home: Path, login: str, doc_id: str, decision: Decision = Decision.APPROVE,
           note: str = "", return_to: str | None = None) -> routing.Outcome:
    who, ident = actor(engine, login), identity(home, login)
    return run(engine, lambda uow: signatures.decide_signed(uow, who, ident, doc_id, decision, note=note,
                                                            return_to=return_to))


def sign(engine: Engine, home: Path, login: str, doc_id: str) -> signatures.Signed:
    who, ident = actor(engine, login), identity(home, login)
    return run(engine, lambda uow: signatures.sign_letter(uow, who, ident, doc_id))


def pending(engine: Engine, doc_id: str) -> list[tuple[str, str, str]]:
    route = run(engine, lambda uow: routing.load(uow, doc_id))
    assert route is not None
    return [(s.stage_name, s.kind.value, s.assignee) for s in route.steps if s.status.value == "pending"]


def status(engine: Engine, doc_id: str) -> str:
    return run(engine, lambda uow: letters.get_document(uow, doc_id).status)
