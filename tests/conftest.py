"""Shared fixtures. Every storage test runs on both back ends: SQLite and a real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from eoffice.store.db import make_engine
from tests.dbs import Databases

BACKENDS = ["sqlite", "postgresql"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _worker_cluster() -> None:
    """Under pytest-xdist each worker takes its own PostgreSQL cluster (tools/pg-throwaway.sh starts one per
    worker): login roles are per cluster, and tests create, disable and re-password the demo users' roles."""
    urls = os.environ.get("EOFFICE_TEST_PG_ALL", "").split()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if urls and worker.startswith("gw"):
        os.environ["EOFFICE_TEST_PG"] = urls[int(worker[2:]) % len(urls)]


_worker_cluster()


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    dbs = Databases(tmp_path_factory.mktemp("dbs"))
    yield dbs
    dbs.cleanup()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not os.environ.get("EOFFICE_TEST_PG"):
        pytest.fail("EOFFICE_TEST_PG is not set: run the suite with ./test.sh, which starts PostgreSQL")
    return str(request.param)


@pytest.fixture
def db_url(databases: Databases, backend: str) -> Iterator[str]:
    """A migrated, empty database."""
    url = databases.new(backend, seeded=False)
    yield url
    databases.drop(url)


@pytest.fixture
def demo_url(databases: Databases, backend: str) -> Iterator[str]:
    """A migrated database holding the demo organisation."""
    url = databases.new(backend, seeded=True)
    yield url
    databases.drop(url)


@pytest.fixture
def content_url(databases: Databases, backend: str, home: Path) -> Iterator[str]:
    """Demo organisation + keys (in ``home``) + letters in every state + incoming letters."""
    url = databases.with_content(backend, home)
    yield url
    databases.drop(url)


@pytest.fixture
def content_engine(content_url: str) -> Iterator[Engine]:
    eng = make_engine(content_url, pool_size=25)
    yield eng
    eng.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def demo_engine(demo_url: str) -> Iterator[Engine]:
    eng = make_engine(demo_url)
    yield eng
    eng.dispose()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


# CI runs must be reproducible: a fixed example sequence (explore locally with random seeds).
from hypothesis import settings as _hsettings  # noqa: E402

_hsettings.register_profile("ci", derandomize=True, deadline=None, database=None)
if os.environ.get("CI"):
    _hsettings.load_profile("ci")
