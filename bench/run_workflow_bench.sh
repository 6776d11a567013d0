#!/usr/bin/env bash
# Workflow-transition benchmark (not a test): starts a throw-away PostgreSQL, runs pgbench TPC-B and the
# eoffice workflow benchmark against it, then removes the cluster. ~2-3 minutes. Extra arguments go to
# bench/bench_workflow.py, e.g. bench/run_workflow_bench.sh --docs-per-client 20
# Python: $PYTHON, else .venv/bin/python.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/bootstrap.sh
source tools/pg-throwaway.sh

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  PY=.venv/bin/python
fi

trap pg_throwaway_stop EXIT
pg_throwaway_start
PGBENCH="$PG_BINDIR/pgbench"
[ -x "$PGBENCH" ] || PGBENCH=/usr/lib/postgresql/15/bin/pgbench

say "bench/bench_workflow.py ($PY, $PGBENCH)"
PYTHONPATH=. "$PY" bench/bench_workflow.py --pg-url "$EOFFICE_TEST_PG" --pgbench "$PGBENCH" "$@"
