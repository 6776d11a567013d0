#!/usr/bin/env bash
# Installs eoffice on a fresh Debian/Ubuntu machine and starts the desktop app on the embedded
# SQLite database with the demo organisation (all demo users' password: demo).
set -euo pipefail
cd "$(dirname "$0")"
source tools/bootstrap.sh
ensure_apt "${APP_PACKAGES[@]}"
ensure_venv "."
.venv/bin/eoffice init
.venv/bin/eoffice demo
exec .venv/bin/eoffice "$@"
