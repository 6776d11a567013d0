"""Real concurrent connections: one winner per step, numbers without duplicates or visible gaps."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from eoffice.domain import EofficeError, StepAlreadyDecided
from eoffice.services import numbering, signatures
from eoffice.store.models import Document
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.state import Decision
from tests.integration.helpers import actor, decide, draft, identity, run, submit


def _race(n: int, work: Callable[[int], Any]) -> list[Any]:
    """Start ``n`` threads at the same instant; collect each one's result or exception."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def body(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each racer got
            results[i] = exc

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_clients_decide_the_same_step_exactly_one_wins(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    kasi, ident = actor(content_engine, "kasi1.kominfo"), identity(home, "kasi1.kominfo")

    def approve(_: int) -> str:
        with UnitOfWork(content_engine) as uow:
            out = signatures.decide_signed(uow, kasi, ident, doc, Decision.APPROVE)
            uow.commit()
            return out.status

    results = _race(2, approve)
    wins = [r for r in results if isinstance(r, str)]
    losses = [r for r in results if isinstance(r, EofficeError)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert isinstance(losses[0], StepAlreadyDecided)
    kasi = run(content_engine, lambda uow: uow.users.by_login("kasi1.kominfo").name)
    assert kasi in str(losses[0]) and " pada " in str(losses[0])  # by name, not login
    with pytest.raises(StepAlreadyDecided):
        decide(content_engine, home, "kasi1.kominfo", doc)


def test_twenty_concurrent_allocators_get_distinct_gapless_numbers(content_engine: Engine) -> None:
    docs = [draft(content_engine, "staf.dinkes", subject=f"Nomor {i}") for i in range(21)]

    def allocate(i: int) -> str:
        with UnitOfWork(content_engine) as uow:
            number = numbering.allocate(uow, uow.session.get(Document, docs[i]))  # type: ignore[arg-type]
            if i == 20:
                uow.rollback()  # this transaction fails after taking a number: nobody may see a gap
                raise RuntimeError("rolled back")
            uow.commit()
            return number

    results = _race(21, allocate)
    numbers = [r for r in results if isinstance(r, str)]
    assert len(numbers) == 20 and len(set(numbers)) == 20
    seqs = sorted(int(n.split("/")[1]) for n in numbers)
    assert seqs == list(range(1, 21))
    with UnitOfWork(content_engine) as uow:
        again = numbering.allocate(uow, uow.session.get(Document, docs[20]))  # type: ignore[arg-type]
        uow.commit()
    assert int(again.split("/")[1]) == 21


def test_the_same_action_sent_twice_at_once_is_applied_once(content_engine: Engine, home: Path) -> None:
    """One client's retry racing its first attempt (same action_id): both get the outcome, one decision."""
    import uuid

    from sqlalchemy import func, select

    from eoffice.store.models import DecisionRow

    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    kasi, ident = actor(content_engine, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
    action = str(uuid.uuid4())

    def approve(_: int) -> tuple[str, bool]:
        with UnitOfWork(content_engine) as uow:
            out = signatures.decide_signed(uow, kasi, ident, doc, Decision.APPROVE, action_id=action)
            uow.commit()
            return out.status, out.replayed

    results = _race(2, approve)
    assert all(isinstance(r, tuple) for r in results), results
    assert sorted(r[1] for r in results) == [False, True]  # one applied it, the other was told so
    with content_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DecisionRow)
                            .where(DecisionRow.action_id == action)).scalar_one() == 1
