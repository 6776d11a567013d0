#!/usr/bin/env bash
# Installs everything needed on a fresh Debian/Ubuntu machine and runs every check:
# ruff, mypy, and pytest (unit, integration on SQLite and a throw-away PostgreSQL, Qt offscreen, CLI e2e).
# Extra arguments go to pytest, e.g. ./test.sh tests/unit -x
set -euo pipefail
cd "$(dirname "$0")"
source tools/bootstrap.sh
source tools/pg-throwaway.sh

ensure_apt "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_venv ".[dev]"

# One pytest-xdist worker per core (at most 4), each with its own PostgreSQL cluster (login roles are per
# cluster). EOFFICE_TEST_WORKERS=1 runs the suite in one process.
workers="${EOFFICE_TEST_WORKERS:-$(nproc)}"
[ "$workers" -gt 4 ] && workers=4
trap pg_throwaway_stop EXIT
pg_throwaway_start "$workers"

export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
say "ruff"
.venv/bin/ruff check eoffice tests bench tools
say "mypy"
.venv/bin/mypy
say "pytest"
# pytest exits 5 when it collected nothing: set -e makes that a failure too.
# --dist loadfile: a test file stays on one worker, with its module fixtures.
.venv/bin/python -m pytest -p no:cacheprovider -n "$workers" --dist loadfile "$@"
