"""Online guessing, on both back ends: repeated failed logins for a name wait longer each time (bounded) and
are recorded as audit events the admin sees in plain words; an unknown user costs the same time as a wrong
password."""

from __future__ import annotations

import statistics
import time

import pytest
from sqlalchemy.engine import Engine

from eoffice.domain import NotAuthorized
from eoffice.services import auth
from eoffice.store.uow import run_in_transaction
from tests.integration.helpers import actor, run


def _attempt(engine: Engine, who: str, password: str) -> float:
    start = time.perf_counter()
    with pytest.raises(NotAuthorized, match="pengguna atau kata sandi salah"):  # a login only reads
        run_in_transaction(engine, lambda uow: auth.login(uow, who, password), read_only=True)
    return time.perf_counter() - start


def test_failed_logins_wait_longer_and_are_recorded(demo_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "GUESS_BASE_DELAY", 0.4)
    monkeypatch.setattr(auth, "GUESS_MAX_DELAY", 0.8)
    slept: list[float] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:  # the real wait, noted
        slept.append(seconds)
        real_sleep(seconds)
    monkeypatch.setattr(auth.time, "sleep", sleep)
    times = [_attempt(demo_engine, "kasi1.kominfo", f"salah{n}") for n in range(4)]
    assert slept == [0.0, 0.4, 0.8, 0.8]  # doubling, bounded
    assert all(t >= s for t, s in zip(times, slept, strict=True))
    run(demo_engine, lambda uow: auth.login(uow, "kasi1.kominfo", "demo"))  # the right password still works
    _attempt(demo_engine, "tidak.ada.orangnya", "x")
    admin = actor(demo_engine, "admin")
    assert admin.is_admin
    rows = run(demo_engine, auth.failed_logins)
    name = run(demo_engine, lambda uow: uow.users.by_login("kasi1.kominfo").name)
    assert [r["user"] for r in rows] == ["(nama tidak dikenal)", name, name, name, name]
    assert all("tidak.ada" not in str(r) for r in rows)  # what was typed is not kept


def test_login_time_does_not_tell_whether_the_user_exists(demo_engine: Engine) -> None:
    user = run(demo_engine, lambda uow: auth.find_for_login(uow, "sekda"))  # with its (deferred) hash loaded

    def once(u: object) -> float:
        start = time.perf_counter()
        with pytest.raises(NotAuthorized):
            auth.authenticate(u, "salah")  # type: ignore[arg-type]
        return time.perf_counter() - start

    # Interleaved, so a busy moment of the machine (the other test worker) weighs on both alike.
    pairs = [(once(user), once(None)) for _ in range(7)]
    known, unknown = statistics.median(k for k, _ in pairs), statistics.median(u for _, u in pairs)
    assert 0.7 < unknown / known < 1.4, (known, unknown)
