#!/usr/bin/env bash
# Build the Linux package: PyInstaller's one-folder bundle (installer/eoffice.spec) plus the .desktop file and
# icons, packed as dist/eoffice-<version>-linux-x86_64.tar.gz. Unpack it anywhere and run `./install.sh` in it
# (per user: ~/.local) or start `eoffice/eoffice` directly.
# Usage: tools/build-installer.sh [OUT_DIR]      (default: dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
OUT=$(realpath -m "${1:-dist}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
VERSION=$("$PY" -c 'import eoffice; print(eoffice.__version__)')
echo "==> PyInstaller (eoffice $VERSION)"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/build" installer/eoffice.spec
PKG="$WORK/eoffice-$VERSION"
mkdir -p "$PKG"
mv "$WORK/dist/eoffice" "$PKG/eoffice"
cp installer/linux/eoffice.desktop resources/icons/eoffice-256.png installer/linux/install.sh "$PKG/"
mkdir -p "$OUT"
tar -C "$WORK" -czf "$OUT/eoffice-$VERSION-linux-x86_64.tar.gz" "eoffice-$VERSION"
echo "==> $OUT/eoffice-$VERSION-linux-x86_64.tar.gz ($(du -h "$OUT/eoffice-$VERSION-linux-x86_64.tar.gz" | cut -f1))"
