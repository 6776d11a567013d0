#!/usr/bin/env bash
# Install eoffice for this user: the program under ~/.local/lib/eoffice, `eoffice` on ~/.local/bin, the menu
# entry and icon. Run from the unpacked package. Remove with: install.sh --uninstall
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$PREFIX/lib/eoffice" "$PREFIX/bin/eoffice" "$DATA/applications/eoffice.desktop" \
           "$DATA/icons/hicolor/256x256/apps/eoffice.png"
    echo "eoffice dihapus."
    exit 0
fi
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$DATA/applications" "$DATA/icons/hicolor/256x256/apps"
rm -rf "$PREFIX/lib/eoffice"
cp -r "$HERE/eoffice" "$PREFIX/lib/eoffice"
ln -sf "$PREFIX/lib/eoffice/eoffice" "$PREFIX/bin/eoffice"
sed "s|^Exec=eoffice$|Exec=$PREFIX/bin/eoffice|" "$HERE/eoffice.desktop" > "$DATA/applications/eoffice.desktop"
cp "$HERE/eoffice-256.png" "$DATA/icons/hicolor/256x256/apps/eoffice.png"
echo "eoffice terpasang: $PREFIX/bin/eoffice (menu: Office > eoffice)."
