#!/usr/bin/env bash
# Build a demo database in a temp dir, run the real desktop app through its screenshot tour
# (EOFFICE_SCREENSHOTS), save PNGs to docs/screenshots/ (or $1).
# Usage: tools/screenshots.sh [OUT_DIR] [USER]    (USER default: gubernur; admin shows the Admin screen)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
OUT=$(realpath -m "${1:-docs/screenshots}")
USER_LOGIN=${2:-gubernur}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export PYTHONPATH=.
export EOFFICE_DB="sqlite:///$TMP/e.db" EOFFICE_HOME="$TMP/home"
export XDG_CONFIG_HOME="$TMP/config"            # QSettings of this run only
export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring
"$PY" -m eoffice init >/dev/null
"$PY" -m eoffice demo >/dev/null
tour() {
    export EOFFICE_SCREENSHOTS="$OUT" EOFFICE_SCREENSHOT_USER="$1"
    if command -v xvfb-run >/dev/null && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        xvfb-run -a -s "-screen 0 1600x1000x24" "$PY" -m eoffice
    else
        QT_QPA_PLATFORM=offscreen "$PY" -m eoffice
    fi
}
[ "$USER_LOGIN" = admin ] || tour admin   # the Admin screen (route templates)
tour "$USER_LOGIN"
ls -la "$OUT"
