#!/usr/bin/env bash
# Re-extract the UI's marked strings into resources/i18n/eoffice_*.ts (pyside6-lupdate over eoffice/ui) and compile
# them to .qm (pyside6-lrelease). Translate new strings in between with pyside6-linguist (or any editor): every
# message must be finished, tests/ui/test_i18n.py fails otherwise, and when a .qm is older than its .ts.
# Usage: tools/i18n.sh            update the .ts files, then compile
#        tools/i18n.sh --release  only compile (after translating)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PY")
tool() { if [ -x "$BIN/pyside6-$1" ]; then echo "$BIN/pyside6-$1"; else command -v "pyside6-$1"; fi; }
for ts in resources/i18n/eoffice_*.ts; do
    lang=$(basename "$ts" .ts); lang=${lang#eoffice_}
    if [ "${1:-}" != --release ]; then
        before=$(mktemp)
        cp "$ts" "$before"
        # -locations none: line numbers change with every edit; without them the diffs of the .ts stay small
        "$(tool lupdate)" eoffice/ui/*.py -source-language id -target-language "$lang" -no-obsolete \
            -locations none -ts "$ts"
        "$PY" tools/ts_fill.py "$ts" --from "$before"   # keeps what lupdate re-marked (plurals, moved contexts)
        rm -f "$before"
    fi
    "$(tool lrelease)" "$ts" -qm "${ts%.ts}.qm"
done
# Qt's own texts in Indonesian (Qt ships no qtbase_id): kept by hand, compiled here
"$(tool lrelease)" resources/i18n/qtbase_id.ts -qm resources/i18n/qtbase_id.qm
